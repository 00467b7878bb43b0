// Unit tests of the expression parser: grammar, precedence, error texts and the nesting limit (§4.3, §4.4, §4.9).
import { describe, expect, it } from "vitest";
import { ExpressionDepthError, LexError, ParseExprError } from "../../src/expression/errors.js";
import { parseExpression } from "../../src/expression/parser.js";
import { stripPos } from "./helpers.js";

function shape(source: string): unknown {
  return stripPos(parseExpression(source));
}

function parseError(source: string, options?: { maxDepth?: number }): ParseExprError {
  try {
    parseExpression(source, options);
  } catch (error) {
    if (error instanceof ParseExprError) return error;
    throw error;
  }
  throw new Error(`expected a ParseExprError for ${source}`);
}

const ref = (name: string) => ({ kind: "reference", name });
const lit = (value: string | number | boolean | null) => ({ kind: "literal", value });
const member = (object: unknown, name: string) => ({ kind: "member", object, name });
const bin = (operator: string, left: unknown, right: unknown) => ({
  kind: "binary",
  operator,
  left,
  right,
});

describe("parseExpression", () => {
  it.each<[string, unknown]>([
    ["7", lit(7)],
    ["-7", lit(-7)],
    ["1.", lit(1)],
    ["1.25", lit(1.25)],
    ["007", lit(7)],
    ["'x'", lit("x")],
    ["true", lit(true)],
    ["false", lit(false)],
    ["null", lit(null)],
    ["$inputs", ref("inputs")],
    ["$bogus", ref("bogus")],
  ])("parses the primary %s", (source, expected) => {
    expect(shape(source)).toEqual(expected);
  });

  it("keeps the sign of -0", () => {
    const expr = parseExpression("-0");
    expect(expr.kind === "literal" && Object.is(expr.value, -0)).toBe(true);
  });

  it.each<[string, unknown]>([
    ["$a || $b ?? $c", bin("??", bin("||", ref("a"), ref("b")), ref("c"))],
    ["$a ?? $b || $c", bin("??", ref("a"), bin("||", ref("b"), ref("c")))],
    ["$a ?? $b ?? 0", bin("??", bin("??", ref("a"), ref("b")), lit(0))],
    ["$a && $b || $c", bin("||", bin("&&", ref("a"), ref("b")), ref("c"))],
    ["$a || $b && $c", bin("||", ref("a"), bin("&&", ref("b"), ref("c")))],
    ["$a == 1 && $b != 2", bin("&&", bin("==", ref("a"), lit(1)), bin("!=", ref("b"), lit(2)))],
    ["!$a == false", bin("==", { kind: "not", operand: ref("a") }, lit(false))],
    ["!!$a", { kind: "not", operand: { kind: "not", operand: ref("a") } }],
    ["!($a && $b)", { kind: "not", operand: bin("&&", ref("a"), ref("b")) }],
    ["($a == $b) == $c", bin("==", bin("==", ref("a"), ref("b")), ref("c"))],
    ["$x in $y", bin("in", ref("x"), ref("y"))],
    ["$x contains 'a'", bin("contains", ref("x"), lit("a"))],
    ["$a >= 1", bin(">=", ref("a"), lit(1))],
    ["$a <= 1", bin("<=", ref("a"), lit(1))],
    ["$a > 1", bin(">", ref("a"), lit(1))],
    ["$a < 1", bin("<", ref("a"), lit(1))],
  ])("respects precedence and associativity in %s", (source, expected) => {
    expect(shape(source)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ["$steps.search.output", member(member(ref("steps"), "search"), "output")],
    ["$a.0.name", member(member(ref("a"), "0"), "name")],
    ["$a.true", member(ref("a"), "true")],
    ["$a.null", member(ref("a"), "null")],
    ["$a.contains", member(ref("a"), "contains")],
    ["$item.in", member(ref("item"), "in")],
    ["$a.$x", member(ref("a"), "x")],
    ["$inputs .x", member(ref("inputs"), "x")],
    ["$a[0]", { kind: "index", object: ref("a"), index: lit(0) }],
    [
      '$a["my-key"][$i].b',
      member(
        {
          kind: "index",
          object: { kind: "index", object: ref("a"), index: lit("my-key") },
          index: ref("i"),
        },
        "b",
      ),
    ],
  ])("parses the accessor chain %s", (source, expected) => {
    expect(shape(source)).toEqual(expected);
  });

  it("records 0-based positions; a binary node starts at its left operand, parentheses included", () => {
    const expr = parseExpression("($a) == !$b.c");
    expect(expr).toMatchObject({
      kind: "binary",
      pos: 0,
      left: { kind: "reference", pos: 1 },
      right: { kind: "not", pos: 8, operand: { kind: "member", pos: 9, object: { pos: 9 } } },
    });
  });

  it.each<[string, string, number]>([
    ["", 'Unexpected token: EOF ("")', 0],
    ["score > 5", 'Unexpected token: IDENTIFIER ("score")', 0],
    ["$a ==", 'Unexpected token: EOF ("")', 5],
    ["$a == )", 'Unexpected token: RPAREN (")")', 6],
    ["$a == $b == $c", 'Unexpected token after expression: EQ ("==")', 9],
    ["$a < $b > 1", 'Unexpected token after expression: GT (">")', 8],
    ["$a in $b in $c", 'Unexpected token after expression: IN ("in")', 9],
    ["$x in $y contains 'a'", 'Unexpected token after expression: CONTAINS ("contains")', 9],
    ['("a").x', 'Unexpected token after expression: DOT (".")', 5],
    ["($a)[0]", 'Unexpected token after expression: LBRACKET ("[")', 4],
    ["$a $b", 'Unexpected token after expression: DOLLAR_REF ("b")', 3],
    ["$item2", 'Unexpected token after expression: NUMBER ("2")', 5],
    ["$a 'x'", 'Unexpected token after expression: STRING ("x")', 3],
    ["($a", 'Expected RPAREN but got EOF ("")', 3],
    ["$a[0", 'Expected RBRACKET but got EOF ("")', 4],
    ["$a[0)", 'Expected RBRACKET but got RPAREN (")")', 4],
    ["$a.", "Expected property name after '.', got EOF", 3],
    ["$a.-1", "Expected property name after '.', got NUMBER", 3],
    ["$a.(", "Expected property name after '.', got LPAREN", 3],
    ["$a.'x'", "Expected property name after '.', got STRING", 3],
    [".5", 'Unexpected token: DOT (".")', 0],
  ])("rejects %j with %j at %i", (source, message, position) => {
    const error = parseError(source);
    expect(error).not.toBeInstanceOf(ExpressionDepthError);
    expect(error.name).toBe("ParseExprError");
    expect(error.code).toBe("EXPRESSION_SYNTAX");
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
  });

  it("lets lexical errors through as LexError", () => {
    expect(() => parseExpression("$a = 1")).toThrow(LexError);
  });
});

describe("nesting limit", () => {
  function depthError(source: string, options?: { maxDepth?: number }): ExpressionDepthError {
    const error = parseError(source, options);
    expect(error).toBeInstanceOf(ExpressionDepthError);
    return error as ExpressionDepthError;
  }

  it("accepts 64 levels and rejects the 65th at its position", () => {
    expect(() => parseExpression(`${"(".repeat(64)}$a${")".repeat(64)}`)).not.toThrow();
    const parens = depthError(`${"(".repeat(65)}$a${")".repeat(65)}`);
    expect(parens.position).toBe(64);
    expect(parens.code).toBe("EXPRESSION_TOO_DEEP");
    expect(parens.limit).toBe(64);
    expect(parens.message).toBe("Expression is nested too deeply (limit 64)");

    expect(() => parseExpression(`${"!".repeat(64)}$a`)).not.toThrow();
    expect(depthError(`${"!".repeat(65)}$a`).position).toBe(64);
  });

  it("counts accessors and operators as levels", () => {
    expect(() => parseExpression(`$a${".b".repeat(64)}`)).not.toThrow();
    expect(depthError(`$a${".b".repeat(65)}`).position).toBe(2 + 64 * 2);

    const chain = (n: number) => Array.from({ length: n }, () => "$a").join(" || ");
    expect(() => parseExpression(chain(65))).not.toThrow();
    expect(depthError(chain(66)).position).toBe(chain(65).length + 1);

    const brackets = (n: number) => `${"$a[".repeat(n)}0${"]".repeat(n)}`;
    expect(() => parseExpression(brackets(64))).not.toThrow();
    expect(depthError(brackets(65)).position).toBe(64 * 3 + 2);
  });

  it.each([
    ["parentheses", "(".repeat(100_000)],
    ["negations", `${"!".repeat(100_000)}$a`],
    ["brackets", "$a[".repeat(100_000)],
    ["members", `$a${".b".repeat(100_000)}`],
    ["operators", Array.from({ length: 100_000 }, () => "$a").join(" ?? ")],
    ["mixed", "!($a[".repeat(50_000)],
  ])("never overflows the stack on 100k %s", (_label, source) => {
    depthError(source);
  });

  it("takes the limit from maxDepth", () => {
    expect(() => parseExpression("(($a))", { maxDepth: 2 })).not.toThrow();
    const error = depthError("((($a)))", { maxDepth: 2 });
    expect(error.position).toBe(2);
    expect(error.message).toBe("Expression is nested too deeply (limit 2)");
    expect(() =>
      parseExpression(`${"(".repeat(200)}1${")".repeat(200)}`, { maxDepth: 500 }),
    ).not.toThrow();
  });
});
