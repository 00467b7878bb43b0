// Unit tests of the canonical printer (minimal parentheses, literal spelling, unprintable trees).
import { describe, expect, it } from "vitest";
import type { Expr } from "../../src/expression/ast.js";
import { parseExpression } from "../../src/expression/parser.js";
import { printExpression } from "../../src/expression/print.js";
import { stripPos } from "./helpers.js";

function canonical(source: string): string {
  return printExpression(parseExpression(source));
}

describe("printExpression", () => {
  it.each<[string, string]>([
    ["$a||$b??$c", "$a || $b ?? $c"],
    ["$a ?? ($b ?? $c)", "$a ?? ($b ?? $c)"],
    ["($a ?? $b) ?? $c", "$a ?? $b ?? $c"],
    ["$a ?? ($b || $c)", "$a ?? $b || $c"],
    ["($a ?? $b) || $c", "($a ?? $b) || $c"],
    ["($a == $b) == $c", "($a == $b) == $c"],
    ["$a == ($b == $c)", "$a == ($b == $c)"],
    ["($a && $b) == $c", "($a && $b) == $c"],
    ["!($a && $b)", "!($a && $b)"],
    ["(!$a) == false", "!$a == false"],
    ["!(!$a)", "!!$a"],
    ["(($x.y))", "$x.y"],
    ["$a . 0 . name", "$a.0.name"],
    ["$a.$b", "$a.b"],
    ["$a.in.contains.null.true", "$a.in.contains.null.true"],
    ["$a [ ($b || 1) ] [ 'k' ]", '$a[$b || 1]["k"]'],
    ["'it\\'s'", '"it\'s"'],
    ['"a\\"b\\\\c"', '"a\\"b\\\\c"'],
    ["1.50", "1.5"],
    ["007", "7"],
    ["-0", "-0"],
    ["1.", "1"],
    ["100000000000000000000000", "100000000000000000000000"],
    ["0.0000001", "0.0000001"],
    [`1${"0".repeat(400)}`, `2${"0".repeat(308)}`],
    [`-1${"0".repeat(400)}`, `-2${"0".repeat(308)}`],
  ])("%j prints as %j", (source, expected) => {
    expect(canonical(source)).toBe(expected);
  });

  it("round-trips the printed text to the same tree", () => {
    for (const source of [
      "$a || $b ?? $c",
      "!($a == $b) && $c[0] != -1.5",
      '$x in $y && "q" contains $z',
    ]) {
      const expr = parseExpression(source);
      expect(stripPos(parseExpression(printExpression(expr)))).toEqual(stripPos(expr));
    }
  });

  it.each<[string, Expr]>([
    [
      "member name with a space",
      { kind: "member", object: { kind: "reference", name: "a", pos: 0 }, name: "a b", pos: 0 },
    ],
    [
      "accessor on a literal",
      { kind: "member", object: { kind: "literal", value: 1, pos: 0 }, name: "x", pos: 0 },
    ],
    ["reference name with a digit", { kind: "reference", name: "a1", pos: 0 }],
    ["NaN literal", { kind: "literal", value: NaN, pos: 0 }],
  ])("rejects a tree the parser cannot produce: %s", (_label, expr) => {
    expect(() => printExpression(expr)).toThrow(Error);
  });
});
