// Unit tests of the expression lexer (§4.2, §4.9).
import { describe, expect, it } from "vitest";
import { LexError } from "../../src/expression/errors.js";
import { lex, type TokenType } from "../../src/expression/lexer.js";

function types(source: string): TokenType[] {
  return lex(source).map((t) => t.type);
}

function lexError(source: string): LexError {
  try {
    lex(source);
  } catch (error) {
    if (error instanceof LexError) return error;
    throw error;
  }
  throw new Error(`expected a LexError for ${source}`);
}

describe("lex", () => {
  it.each<[string, TokenType]>([
    ["==", "EQ"],
    ["!=", "NEQ"],
    [">", "GT"],
    [">=", "GTE"],
    ["<", "LT"],
    ["<=", "LTE"],
    ["&&", "AND"],
    ["||", "OR"],
    ["!", "NOT"],
    ["??", "COALESCE"],
    ["contains", "CONTAINS"],
    ["in", "IN"],
    ["(", "LPAREN"],
    [")", "RPAREN"],
    ["[", "LBRACKET"],
    ["]", "RBRACKET"],
    [".", "DOT"],
    ["true", "BOOLEAN"],
    ["false", "BOOLEAN"],
    ["null", "NULL"],
    ["score", "IDENTIFIER"],
    ["_x9", "IDENTIFIER"],
    ["containsx", "IDENTIFIER"],
    ["in2", "IDENTIFIER"],
    ["nullish", "IDENTIFIER"],
    ["$inputs", "DOLLAR_REF"],
    ["42", "NUMBER"],
    ['"s"', "STRING"],
  ])("reads %s as %s", (source, type) => {
    expect(types(source)).toEqual([type, "EOF"]);
  });

  it("records values and 0-based positions, ending with EOF at the end offset", () => {
    expect(lex("$item.score >= 5")).toEqual([
      { type: "DOLLAR_REF", value: "item", pos: 0 },
      { type: "DOT", value: ".", pos: 5 },
      { type: "IDENTIFIER", value: "score", pos: 6 },
      { type: "GTE", value: ">=", pos: 12 },
      { type: "NUMBER", value: "5", pos: 15 },
      { type: "EOF", value: "", pos: 16 },
    ]);
  });

  it("ignores JavaScript whitespace, also between a reference and its accessors", () => {
    expect(types("$inputs .x")).toEqual(["DOLLAR_REF", "DOT", "IDENTIFIER", "EOF"]);
    expect(types("\t$a\n==\r\u00a0\u2028\ufeff\u3000 1 ")).toEqual([
      "DOLLAR_REF",
      "EQ",
      "NUMBER",
      "EOF",
    ]);
  });

  it("ends a reference at a digit: $item2 is $item then 2", () => {
    expect(lex("$item2").map((t) => [t.type, t.value])).toEqual([
      ["DOLLAR_REF", "item"],
      ["NUMBER", "2"],
      ["EOF", ""],
    ]);
  });

  it.each([
    ["7", "7"],
    ["-7", "-7"],
    ["1.", "1."],
    ["1.25", "1.25"],
    ["007", "007"],
    ["-0", "-0"],
  ])("reads the number %s", (source, value) => {
    expect(lex(source)[0]).toEqual({ type: "NUMBER", value, pos: 0 });
  });

  it("reads a run of digits directly after '.' as a member name [DEC K11]", () => {
    expect(lex("$a.0.name").map((t) => [t.type, t.value])).toEqual([
      ["DOLLAR_REF", "a"],
      ["DOT", "."],
      ["NUMBER", "0"],
      ["DOT", "."],
      ["IDENTIFIER", "name"],
      ["EOF", ""],
    ]);
    expect(lex("$a.1.5").map((t) => t.value)).toEqual(["a", ".", "1", ".", "5", ""]);
  });

  it.each([
    ['"a\\"b"', 'a"b'],
    ["'it\\'s'", "it's"],
    ["'\\n'", "n"],
    ["'a\\\\b'", "a\\b"],
    ["'say \"hi\"'", 'say "hi"'],
    ['""', ""],
  ])("reads the string %s; a backslash makes the next character literal", (source, value) => {
    expect(lex(source)[0]).toEqual({ type: "STRING", value, pos: 0 });
  });

  it.each<[string, string, number]>([
    ["$", "Expected identifier after $", 0],
    ["$a == $", "Expected identifier after $", 6],
    ["$1", "Expected identifier after $", 0],
    ['"abc', "Unterminated string literal", 0],
    ["$a == 'x\\'", "Unterminated string literal", 6],
    ["'x\\", "Unterminated string literal", 0],
    ["$a = 1", "Unexpected character: =", 3],
    ["$a & $b", "Unexpected character: &", 3],
    ["$a | $b", "Unexpected character: |", 3],
    ["$a ? $b", "Unexpected character: ?", 3],
    ["- 1", "Unexpected character: -", 0],
    ["-$a", "Unexpected character: -", 0],
    ["{", "Unexpected character: {", 0],
    ["1 + 2", "Unexpected character: +", 2],
    ["$a == é", "Unexpected character: é", 6],
    ["😀", "Unexpected character: 😀", 0],
  ])("rejects %j with %j at %i", (source, message, position) => {
    const error = lexError(source);
    expect(error.name).toBe("LexError");
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
  });
});
