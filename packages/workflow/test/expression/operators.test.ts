// Unit tests of the operator table: one row per operator drives lexing, parsing, printing and evaluation.
import { describe, expect, it } from "vitest";
import { lex } from "../../src/expression/lexer.js";
import {
  BINARY_BY_OPERATOR,
  HIGHEST_BINARY_LEVEL,
  OPERATORS,
  SYMBOL_OPERATORS,
} from "../../src/expression/operators.js";
import { parseExpression } from "../../src/expression/parser.js";
import { printExpression } from "../../src/expression/print.js";

describe("operator table", () => {
  it("lists the §4.4 levels and associativity", () => {
    expect(OPERATORS.map((o) => [o.text, o.token, o.level, o.associativity])).toEqual([
      ["??", "COALESCE", 1, "left"],
      ["||", "OR", 2, "left"],
      ["&&", "AND", 3, "left"],
      ["==", "EQ", 4, "none"],
      ["!=", "NEQ", 4, "none"],
      [">", "GT", 4, "none"],
      [">=", "GTE", 4, "none"],
      ["<", "LT", 4, "none"],
      ["<=", "LTE", 4, "none"],
      ["contains", "CONTAINS", 4, "none"],
      ["in", "IN", 4, "none"],
      ["!", "NOT", 5, "right"],
    ]);
    expect(HIGHEST_BINARY_LEVEL).toBe(4);
  });

  it("orders symbols longest first so two-character operators win", () => {
    const lengths = SYMBOL_OPERATORS.map((o) => o.text.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });

  it("lexes, parses and prints every binary row", () => {
    for (const [operator, spec] of BINARY_BY_OPERATOR) {
      const source = `$a ${operator} $b`;
      expect(lex(source)[1]?.type).toBe(spec.token);
      const expr = parseExpression(source);
      expect(expr).toMatchObject({ kind: "binary", operator });
      expect(printExpression(expr)).toBe(source);
    }
  });

  it("short-circuits only ??", () => {
    const lazy = OPERATORS.filter((o) => o.arity === 2 && "keepsLeft" in o).map((o) => o.text);
    expect(lazy).toEqual(["??"]);
  });
});
