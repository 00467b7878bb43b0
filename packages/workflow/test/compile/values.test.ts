// Unit tests of value-site compilation: R-VALUE (§3.2), map expressions (§3.6), exit outputs (§3.8), setOwn.
import { describe, expect, it } from "vitest";
import {
  compileExitOutput,
  compileExpressionText,
  compileMapExpression,
  compileValue,
} from "../../src/compile/values.js";
import { setOwn } from "../../src/model/objects.js";
import { ExpressionCache } from "../../src/expression/cache.js";
import { EvalError, LexError, ParseExprError } from "../../src/expression/errors.js";
import type { RuntimeContext } from "../../src/model/run-log.js";

const OBJ = { deep: [1, 2] };

function scope(): RuntimeContext {
  return {
    inputs: { a: "A", b: "B", n: 6, obj: OBJ },
    steps: { s: { output: { x: 3 } } },
  };
}

/** Compiles `raw` with a fresh cache and evaluates it once. */
function value(raw: unknown, ctx: RuntimeContext = scope()): unknown {
  return compileValue(new ExpressionCache(), raw)(ctx);
}

/** The error thrown by `fn`, for asserting its class and code. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("compileValue — R-VALUE (§3.2)", () => {
  it("1. non-strings are used as is (lists and mappings as fresh copies per evaluation)", () => {
    for (const raw of [0, 42, -1.5, true, false, null, undefined]) expect(value(raw)).toBe(raw);
    const list = ["$inputs.a", "$$b", { c: [1] }];
    const mapping = { a: "$inputs.a", nested: { b: "$$inputs.b" } };
    expect(value(list)).toEqual(list);
    expect(value(list)).not.toBe(list);
    expect(value(mapping)).toEqual(mapping);
    expect(value(mapping)).not.toBe(mapping);
  });

  it("1. does not search literal lists or mappings for expressions, only for template blocks (§13.7)", () => {
    expect(value({ a: "$inputs.a" })).toEqual({ a: "$inputs.a" });
    expect(value(["$inputs.n", "n=${inputs.n}"])).toEqual(["$inputs.n", "n=6"]);
  });

  it("§13.7: template leaves at any depth resolve in place; a lone block keeps its type", () => {
    const raw = { a: [{ b: "${inputs.n}", c: "x${inputs.a}" }], d: "$${inputs.n}", e: 1 };
    const compiled = compileValue(new ExpressionCache(), raw);
    expect(compiled(scope())).toEqual({ a: [{ b: 6, c: "xA" }], d: "${inputs.n}", e: 1 });
    // Literal subtrees are fresh copies per evaluation; the source value is never changed.
    const first = compiled(scope()) as { a: unknown[] };
    expect(first.a).not.toBe((compiled(scope()) as { a: unknown[] }).a);
    expect(raw.a[0]).toEqual({ b: "${inputs.n}", c: "x${inputs.a}" });
  });

  it("2. a leading $$ drops the first $ and is literal (beats templates and expressions)", () => {
    expect(value("$$100")).toBe("$100");
    expect(value("$$")).toBe("$");
    expect(value("$$inputs.a")).toBe("$inputs.a");
    expect(value("$${inputs.b}")).toBe("${inputs.b}");
    expect(value("$$a = 1")).toBe("$a = 1");
  });

  it("3. a template block means template resolution, even when the string starts with $", () => {
    expect(value("n=${inputs.n}")).toBe("n=6");
    expect(value("${inputs.a}${inputs.b}")).toBe("AB");
    expect(value("$inputs.a ${inputs.b}")).toBe("$inputs.a B");
    expect(value("x ${inputs.missing} y")).toBe("x  y");
  });

  it("4. a leading $ makes the whole string one expression; its result keeps its type", () => {
    expect(value("$inputs.n > 5")).toBe(true);
    expect(value("$inputs.n")).toBe(6);
    expect(value("$inputs.obj")).toBe(OBJ);
    expect(value("$steps.s.output.x")).toBe(3);
    expect(value("$inputs.missing")).toBeUndefined();
  });

  it("5. any other string is itself", () => {
    for (const raw of ["hello", "", " $inputs.a", "100$", "a $ b", "{inputs.a}"]) {
      expect(value(raw)).toBe(raw);
    }
  });

  it("defers syntax errors to evaluation and re-throws the parser's error", () => {
    const cache = new ExpressionCache();
    const resolver = compileValue(cache, "$a = 1");
    const error = thrown(() => resolver(scope()));
    expect(error).toBeInstanceOf(LexError);
    expect(error).toMatchObject({ code: "EXPRESSION_SYNTAX", position: 3 });
    const parsed = cache.expression("$a = 1");
    expect(parsed.ok === false && parsed.error).toBe(error);
    expect(thrown(() => value("x ${ inputs.a }"))).toBeInstanceOf(LexError);
  });

  it("lets evaluation errors propagate", () => {
    expect(thrown(() => value("$nowhere.x"))).toBeInstanceOf(EvalError);
  });

  it("reuses the cached closure for the same expression text", () => {
    const cache = new ExpressionCache();
    expect(compileValue(cache, "$inputs.n")).toBe(compileValue(cache, "$inputs.n"));
    expect(compileExpressionText(cache, "$inputs.n")).toBe(compileValue(cache, "$inputs.n"));
  });
});

describe("setOwn", () => {
  it("stores __proto__ as an own enumerable data property without touching the prototype", () => {
    const target: Record<string, unknown> = {};
    const payload = { polluted: true };
    setOwn(target, "__proto__", payload);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.hasOwn(target, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(target, "__proto__")).toEqual({
      value: payload,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(Object.keys(target)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(JSON.parse(JSON.stringify(target))).toEqual(
      JSON.parse('{"__proto__":{"polluted":true}}'),
    );
  });

  it("assigns ordinary keys, keeping insertion order", () => {
    const target: Record<string, unknown> = {};
    setOwn(target, "b", 1);
    setOwn(target, "a", undefined);
    setOwn(target, "b", 2);
    expect(Object.keys(target)).toEqual(["b", "a"]);
    expect(target).toStrictEqual({ b: 2, a: undefined });
  });
});

describe("compileMapExpression (§3.6 map)", () => {
  const item = (entries: Record<string, unknown>): RuntimeContext => ({
    ...scope(),
    item: { v: 7, tag: "t" },
    index: 2,
    ...entries,
  });

  it("resolves $ expressions, $$ escapes and literals; templates are not interpolated", () => {
    const build = compileMapExpression(new ExpressionCache(), {
      v: "$item.v",
      i: "$index",
      sum: "$item.v > $inputs.n",
      esc: "$$item.v",
      text: "n=${inputs.n}",
      plain: "hello",
      num: 1,
      flag: false,
      nil: null,
    });
    expect(build(item({}))).toStrictEqual({
      v: 7,
      i: 2,
      sum: true,
      esc: "$item.v",
      text: "n=${inputs.n}",
      plain: "hello",
      num: 1,
      flag: false,
      nil: null,
    });
  });

  it("resolves nested mappings recursively, keeps lists literal, and preserves key order", () => {
    const list = ["$item.v"];
    const build = compileMapExpression(new ExpressionCache(), {
      z: { inner: "$item.tag", deeper: { esc: "$$x", v: "$item.v" } },
      a: list,
    });
    const out = build(item({})) as Record<string, unknown>;
    expect(out).toStrictEqual({ z: { inner: "t", deeper: { esc: "$x", v: 7 } }, a: ["$item.v"] });
    expect(out["a"]).toEqual(list);
    expect(out["a"]).not.toBe(list); // a fresh copy: runs never share mutable literals
    expect(Object.keys(out)).toEqual(["z", "a"]);
  });

  it("treats a string starting with ${ as an expression (a syntax error at evaluation)", () => {
    const build = compileMapExpression(new ExpressionCache(), { a: "${inputs.n}" });
    expect(thrown(() => build(item({})))).toBeInstanceOf(LexError);
  });

  it("builds fresh objects on every evaluation, nested ones included", () => {
    const build = compileMapExpression(new ExpressionCache(), { n: { v: "$item.v" } });
    const first = build(item({})) as { n: unknown };
    const second = build(item({})) as { n: unknown };
    expect(second).not.toBe(first);
    expect(second.n).not.toBe(first.n);
    expect(second).toEqual(first);
  });

  it("keeps a __proto__ key as an own property at every depth", () => {
    const expression = JSON.parse(
      '{"__proto__": "$item.v", "nested": {"__proto__": {"polluted": "$item.tag"}}}',
    ) as Record<string, unknown>;
    const out = compileMapExpression(new ExpressionCache(), expression)(item({})) as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(out["__proto__"]).toBe(7);
    const nested = out["nested"]!;
    expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(nested, "__proto__")?.value).toEqual({
      polluted: "t",
    });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("compileExitOutput (§3.8)", () => {
  const exit = (output: unknown): unknown =>
    compileExitOutput(new ExpressionCache(), output)(scope());

  it("absent or an empty string → null", () => {
    expect(exit(undefined)).toBeNull();
    expect(exit("")).toBeNull();
  });

  it("a string: $$ escape and templates (R-VALUE 2–3), otherwise a whole expression", () => {
    expect(exit("$$x ${inputs.a}")).toBe("$x ${inputs.a}");
    expect(exit("a=${inputs.a}")).toBe("a=A");
    expect(exit("$inputs.n")).toBe(6);
    expect(exit("$inputs.obj")).toBe(OBJ);
    expect(exit("42")).toBe(42);
    expect(exit("true")).toBe(true);
  });

  it("a string without $ is still an expression: a bare word is a parse error at evaluation", () => {
    const resolver = compileExitOutput(new ExpressionCache(), "hello");
    const error = thrown(() => resolver(scope()));
    expect(error).toBeInstanceOf(ParseExprError);
    expect(error).toMatchObject({ code: "EXPRESSION_SYNTAX", position: 0 });
  });

  it("a mapping: top-level strings by R-VALUE, everything else copied as is", () => {
    const list = ["$inputs.n"];
    const nested = { v: "$inputs.n" };
    const out = exit({
      n: "$inputs.n",
      t: "n=${inputs.n}",
      esc: "$$inputs.n",
      plain: "hello",
      num: 0,
      nil: null,
      list,
      nested,
    }) as Record<string, unknown>;
    expect(out).toStrictEqual({
      n: 6,
      t: "n=6",
      esc: "$inputs.n",
      plain: "hello",
      num: 0,
      nil: null,
      list: ["$inputs.n"],
      nested: { v: "$inputs.n" },
    });
    expect(out["list"]).toEqual(list);
    expect(out["list"]).not.toBe(list);
    expect(out["nested"]).toEqual(nested);
  });

  it("a mapping builds a fresh object per evaluation, with __proto__ kept as an own key", () => {
    const output = JSON.parse('{"__proto__": "$inputs.n", "k": 1}') as Record<string, unknown>;
    const resolver = compileExitOutput(new ExpressionCache(), output);
    const first = resolver(scope()) as Record<string, unknown>;
    expect(resolver(scope())).not.toBe(first);
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(first, "__proto__")?.value).toBe(6);
    expect(first["k"]).toBe(1);
  });

  it("other values (only reachable through hand-built definitions) are returned as is", () => {
    const list = [1, "$inputs.n"];
    expect(exit(list)).toEqual(list);
    expect(exit(5)).toBe(5);
    expect(exit(null)).toBeNull();
  });
});
