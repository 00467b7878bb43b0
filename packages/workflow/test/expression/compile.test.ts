// Unit tests of the compiler: evaluation of every operator and reference against scopes (§4.5–§4.7, §10.6).
import { describe, expect, it } from "vitest";
import { compileExpression } from "../../src/expression/compile.js";
import { EvalError } from "../../src/expression/errors.js";
import { parseExpression } from "../../src/expression/parser.js";
import type { RuntimeContext } from "../../src/model/run-log.js";
import { scope } from "./helpers.js";

function evaluate(source: string, context: RuntimeContext = base): unknown {
  return compileExpression(parseExpression(source))(context);
}

const base = scope({
  inputs: {
    n: 7,
    s: "Hello",
    tags: ["a", "b"],
    empty: [],
    o: null,
    allowed: ["x", "y"],
    nested: { "my-key": 1, list: [{ name: "first" }, { name: "second" }] },
    a: null,
    b: 0,
  },
  steps: { opt: { output: { title: "T" } }, none: { output: {} } },
  item: { score: 6, tag: "x", email: "e@x", n: 5, in: "kw" },
  index: 3,
  result: { raw: true },
});

describe("references (§4.5)", () => {
  it("reads each root from the scope", () => {
    expect(evaluate("$inputs.n")).toBe(7);
    expect(evaluate("$steps.opt.output.title")).toBe("T");
    expect(evaluate("$item.score")).toBe(6);
    expect(evaluate("$index")).toBe(3);
    expect(evaluate("$result.raw")).toBe(true);
  });

  it("yields absent for $item, $index and $result outside their scope", () => {
    const plain = scope();
    expect(evaluate("$item", plain)).toBeUndefined();
    expect(evaluate("$index", plain)).toBeUndefined();
    expect(evaluate("$result.x", plain)).toBeUndefined();
  });

  it("throws EvalError for an unknown reference only when it is evaluated", () => {
    const compiled = compileExpression(parseExpression("$bogus.x"));
    expect(() => compiled(base)).toThrow(EvalError);
    expect(() => compiled(base)).toThrow("Unknown reference: $bogus");
    expect(evaluate("$inputs.n ?? $bogus")).toBe(7);
  });

  it("evaluates both sides of && and || (no short-circuit)", () => {
    expect(() => evaluate("false && $bogus")).toThrow("Unknown reference: $bogus");
    expect(() => evaluate("true || $bogus")).toThrow(EvalError);
    expect(() => evaluate("$inputs.o ?? $bogus")).toThrow(EvalError);
  });
});

describe("access (§4.6)", () => {
  it.each<[string, unknown]>([
    ["$inputs.tags.length", 2],
    ["$inputs.s.length", undefined],
    ["$inputs.tags.0", "a"],
    ["$inputs.tags[1]", "b"],
    ['$inputs.tags["1"]', "b"],
    ["$inputs.tags[-1]", undefined],
    ["$inputs.tags[$index]", undefined],
    ['$inputs.nested["my-key"]', 1],
    ["$inputs.nested.list.1.name", "second"],
    ["$inputs.nested.list[0].name", "first"],
    ["$inputs.nested.list[$inputs.b].name", "first"],
    ["$inputs.o.x.y.z", undefined],
    ["$inputs.missing.x", undefined],
    ["$inputs.constructor", undefined],
    ['$inputs["__proto__"]', undefined],
    ["$inputs.toString", undefined],
    ["$inputs.tags.map", undefined],
    ["$inputs.s.toUpperCase", undefined],
    ["$item.in", "kw"],
    ["$inputs.nested.list.1.name.length", undefined],
  ])("%s → %j", (source, expected) => {
    expect(evaluate(source)).toBe(expected);
  });
});

describe("operators (§4.7, §10.6)", () => {
  it.each<[string, unknown]>([
    ["$inputs.n == 7", true],
    ['$inputs.n == "7.0"', true],
    ["$inputs.n != 7", false],
    ["$inputs.missing == null", false],
    ["$inputs.missing == $inputs.other", true],
    ["$inputs.o == null", true],
    ['true == "true"', false],
    ["$inputs.tags == $inputs.tags", true],
    ['"b" > "a"', false],
    ['"b" >= "a"', true],
    ['"10" > 9', true],
    ["$inputs.missing < 1", true],
    ["true > 0", true],
    ["$item.score >= 5", true],
    ["5 <= $item.score", true],
    ["$item.score < 5", false],
    ["$inputs.tags contains 'a'", true],
    ["$inputs.s contains 'ELL'", true],
    ["null contains 'x'", false],
    ["'abc' contains null", true],
    ["123 contains 2", true],
    ["$item.tag in $inputs.allowed", true],
    ['"email" in $item', true],
    ['"constructor" in $item', false],
    ["$item.n in 5", false],
    ['"ell" in $inputs.s', false],
    ["!$inputs.empty", true],
    ["!$inputs.tags", false],
    ["!!$inputs.n", true],
    ["!$inputs.n == false", true],
    ["$inputs.n && $inputs.s", true],
    ["$inputs.n && $inputs.empty", false],
    ["$inputs.b || $inputs.o", false],
    ["$inputs.b || 'x'", true],
    ['$steps.opt.output.title ?? "untitled"', "T"],
    ['$steps.none.output.title ?? "untitled"', "untitled"],
    ["$inputs.a ?? $inputs.b ?? 0", 0],
    ["$inputs.missing ?? $inputs.o ?? 'last'", "last"],
    ["$inputs.b ?? 1", 0],
    ["$inputs.o || $inputs.n ?? 'x'", true],
    ["(1 == 1) == true", true],
    ["'a' contains 'A'", true],
  ])("%s → %j", (source, expected) => {
    expect(evaluate(source)).toBe(expected);
  });

  it("returns operand values from ?? and booleans from && and ||", () => {
    expect(evaluate("$inputs.missing ?? $inputs.tags")).toBe(base.inputs["tags"]);
    expect(evaluate("$inputs.tags || $inputs.s")).toBe(true);
    expect(evaluate("$inputs.tags && $inputs.s")).toBe(true);
  });

  it("makes every comparison with NaN false", () => {
    const nan = scope({ inputs: { x: NaN } });
    for (const op of [">", ">=", "<", "<=", "=="]) {
      expect(evaluate(`$inputs.x ${op} 0`, nan)).toBe(false);
    }
    expect(evaluate("$inputs.x != $inputs.x", nan)).toBe(true);
    expect(evaluate("!$inputs.x", nan)).toBe(false);
  });
});

describe("compiled closures", () => {
  it("compile once and evaluate against any number of scopes", () => {
    const compiled = compileExpression(parseExpression("$item.score >= 5"));
    const context = scope();
    const results = [3, 5, 8, "9", null].map((score) => {
      context.item = { score };
      return compiled(context);
    });
    expect(results).toEqual([false, true, true, true, false]);
  });

  it("walks long member chains", () => {
    const deep = scope({ inputs: { a: { b: { c: { d: { e: "x" } } } } } });
    expect(evaluate("$inputs.a.b.c.d.e", deep)).toBe("x");
    expect(evaluate("$inputs.a.b.c.x.e", deep)).toBeUndefined();
  });

  it("folds operators on two literals", () => {
    expect(evaluate("1 == '1'", scope())).toBe(true);
    expect(evaluate("'abc' contains 'B'", scope())).toBe(true);
  });
});
