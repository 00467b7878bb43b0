// Unit tests of transform compilation (§3.6): dot-path getters, the sort comparator, stable sorting,
// and filter/map closures that reuse one scope object.
import { describe, expect, it } from "vitest";
import {
  compileComparator,
  compilePathGetter,
  compileTransform,
} from "../../src/compile/transform.js";
import { ExpressionCache } from "../../src/expression/cache.js";
import { LexError } from "../../src/expression/errors.js";
import type { RuntimeContext } from "../../src/model/run-log.js";
import type {
  TransformFilterStep,
  TransformMapStep,
  TransformSortStep,
} from "../../src/model/schema.js";

const base = { id: "t", type: "transform", inputs: {}, outputs: {} } as const;

function sortStep(field: string, direction?: "asc" | "desc"): TransformSortStep {
  return direction === undefined
    ? { ...base, operation: "sort", field }
    : { ...base, operation: "sort", field, direction };
}
const filterStep = (where: string): TransformFilterStep => ({
  ...base,
  operation: "filter",
  where,
});
const mapStep = (expression: Record<string, unknown>): TransformMapStep => ({
  ...base,
  operation: "map",
  expression,
});

const scope = (inputs: Record<string, unknown> = {}): RuntimeContext => ({ inputs, steps: {} });

const sortBy = (field: string, items: unknown[], direction?: "asc" | "desc"): unknown[] =>
  compileTransform(new ExpressionCache(), sortStep(field, direction))(items, scope());

describe("compilePathGetter", () => {
  it("reads a single key or a dot path of own properties", () => {
    expect(compilePathGetter("a")({ a: 1 })).toBe(1);
    expect(compilePathGetter("a.b.c")({ a: { b: { c: "deep" } } })).toBe("deep");
    expect(compilePathGetter("a")({ a: null })).toBeNull();
    expect(compilePathGetter("a.b")({ a: { b: null } })).toBeNull();
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: 2 });
    expect(compilePathGetter("k")(bare)).toBe(2);
  });

  it("never reads inherited members", () => {
    for (const field of ["toString", "constructor", "__proto__", "hasOwnProperty", "a.toString"]) {
      expect(compilePathGetter(field)({ a: {} })).toBeUndefined();
    }
    const child = Object.create({ k: "inherited" }) as object;
    expect(compilePathGetter("k")(child)).toBeUndefined();
    expect(compilePathGetter("x.k")({ x: child })).toBeUndefined();
  });

  it("indexes lists by numeric segments and reads their own length", () => {
    expect(compilePathGetter("0")(["first"])).toBe("first");
    expect(compilePathGetter("list.1.name")({ list: [{ name: "a" }, { name: "b" }] })).toBe("b");
    expect(compilePathGetter("list.length")({ list: [1, 2, 3] })).toBe(3);
    expect(compilePathGetter("list.5")({ list: [1] })).toBeUndefined();
    expect(compilePathGetter("list.map")({ list: [1] })).toBeUndefined();
  });

  it("yields absent for non-objects at the root or along the way", () => {
    for (const root of [null, undefined, 5, "abc", true]) {
      expect(compilePathGetter("length")(root)).toBeUndefined();
      expect(compilePathGetter("a.b")(root)).toBeUndefined();
    }
    expect(compilePathGetter("a.length")({ a: "text" })).toBeUndefined();
    expect(compilePathGetter("a.b.c")({ a: { b: 7 } })).toBeUndefined();
    expect(compilePathGetter("a.b.c")({ a: null })).toBeUndefined();
  });

  it("treats empty segments as keys", () => {
    expect(compilePathGetter("a..b")({ a: { "": { b: 1 } } })).toBe(1);
    expect(compilePathGetter("")({ "": "empty key" })).toBe("empty key");
  });
});

describe("compileComparator", () => {
  const k = (value: unknown): unknown => (value === undefined ? {} : { k: value });

  it("orders by JavaScript relational semantics, reversed for desc", () => {
    const asc = compileComparator("k", false);
    const desc = compileComparator("k", true);
    expect(asc(k(1), k(2))).toBeLessThan(0);
    expect(asc(k(2), k(1))).toBeGreaterThan(0);
    expect(asc(k(2), k(2))).toBe(0);
    expect(desc(k(1), k(2))).toBeGreaterThan(0);
    expect(desc(k(2), k(1))).toBeLessThan(0);
    expect(desc(k(2), k(2))).toBe(0);
  });

  it("sinks null and absent keys to the end in both directions", () => {
    for (const descending of [false, true]) {
      const compare = compileComparator("k", descending);
      for (const missing of [null, undefined]) {
        expect(compare(k(missing), k(1))).toBeGreaterThan(0);
        expect(compare(k(1), k(missing))).toBeLessThan(0);
        expect(compare(k(missing), k(""))).toBeGreaterThan(0);
        expect(compare(k(missing), k(null))).toBe(0);
        expect(compare(k(missing), k(undefined))).toBe(0);
      }
    }
  });

  it('compares strings by UTF-16 code units ("10" < "9", "B" < "a")', () => {
    const asc = compileComparator("k", false);
    expect(asc(k("10"), k("9"))).toBeLessThan(0);
    expect(asc(k("B"), k("a"))).toBeLessThan(0);
    expect(asc(k("\u{1F600}"), k("\uFFFF"))).toBeLessThan(0);
    expect(asc(k(10), k(9))).toBeGreaterThan(0);
  });

  it("follows JavaScript coercion for mixed types (incomparable pairs are equal)", () => {
    const asc = compileComparator("k", false);
    expect(asc(k(1), k("abc"))).toBe(0);
    expect(asc(k("abc"), k(1))).toBe(0);
    expect(asc(k(1), k("2"))).toBeLessThan(0);
    expect(asc(k("10"), k(9))).toBeGreaterThan(0);
    expect(asc(k(false), k(1))).toBeLessThan(0);
    expect(asc(k(Number.NaN), k(1))).toBe(0);
    expect(asc(k({}), k({}))).toBe(0);
  });

  it("reads the key through the dot path", () => {
    const asc = compileComparator("a.b", false);
    expect(asc({ a: { b: 1 } }, { a: { b: 2 } })).toBeLessThan(0);
    expect(asc({ a: 5 }, { a: { b: 2 } })).toBeGreaterThan(0);
  });
});

describe("sort transforms", () => {
  it("returns a new array sorted by the field, leaving the input untouched", () => {
    const input = Object.freeze([{ k: 2 }, { k: null }, { k: 1 }, {}, { k: 3 }]);
    const asc = sortBy("k", [...input]);
    expect(asc).toEqual([{ k: 1 }, { k: 2 }, { k: 3 }, { k: null }, {}]);
    expect(sortBy("k", [...input], "desc")).toEqual([
      { k: 3 },
      { k: 2 },
      { k: 1 },
      { k: null },
      {},
    ]);
    const items = [...input];
    expect(sortBy("k", items)).not.toBe(items);
    expect(items).toEqual(input);
    expect(asc[0]).toBe(input[2]);
  });

  it("is ascending by default", () => {
    expect(sortBy("k", [{ k: "b" }, { k: "a" }])).toEqual([{ k: "a" }, { k: "b" }]);
  });

  it("leaves primitives (every key absent) in input order", () => {
    expect(sortBy("k", [3, "a", null, 1, true])).toEqual([3, "a", null, 1, true]);
  });

  it("is stable for large arrays with many equal keys, in both directions", () => {
    const n = 5000;
    const items = Array.from({ length: n }, (_, seq) => ({
      k: seq % 11 === 0 ? null : seq % 7,
      seq,
    }));
    for (const direction of ["asc", "desc"] as const) {
      const sorted = sortBy("k", items, direction) as typeof items;
      expect(sorted).toHaveLength(n);
      for (let i = 1; i < n; i++) {
        const prev = sorted[i - 1]!;
        const cur = sorted[i]!;
        if (prev.k === cur.k) expect(cur.seq).toBeGreaterThan(prev.seq);
        else if (cur.k !== null) {
          expect(prev.k).not.toBeNull();
          expect(direction === "asc" ? prev.k! < cur.k : prev.k! > cur.k).toBe(true);
        }
      }
      expect(sorted.at(-1)!.k).toBeNull();
    }
  });
});

describe("filter transforms", () => {
  it("keeps host-truthy elements in order (§4.8: [] and {} are true, NaN false)", () => {
    const run = compileTransform(new ExpressionCache(), filterStep("$item"));
    const list: unknown[] = [];
    const map = {};
    expect(run([0, 1, "", "a", list, map, null, Number.NaN, false, true], scope())).toEqual([
      1,
      "a",
      list,
      map,
      true,
    ]);
  });

  it("sets $item and $index per element on the one scope it is given", () => {
    const run = compileTransform(
      new ExpressionCache(),
      filterStep("$index >= $inputs.from && $item != 'skip'"),
    );
    const ctx = scope({ from: 1 });
    const items = ["a", "b", "skip", "c"];
    expect(run(items, ctx)).toEqual(["b", "c"]);
    expect(ctx.item).toBe("c");
    expect(ctx.index).toBe(3);
    expect(ctx.inputs).toEqual({ from: 1 });
  });

  it("keeps the elements themselves (no copies)", () => {
    const first = { ok: true };
    const [kept] = compileTransform(new ExpressionCache(), filterStep("$item.ok"))(
      [first, { ok: false }],
      scope(),
    );
    expect(kept).toBe(first);
  });

  it("raises a deferred syntax error only when an element is evaluated", () => {
    const run = compileTransform(new ExpressionCache(), filterStep("$item ="));
    expect(run([], scope())).toEqual([]);
    expect(() => run([1], scope())).toThrow(LexError);
  });
});

describe("map transforms", () => {
  it("builds one fresh mapping per element with $item and $index set on the reused scope", () => {
    const run = compileTransform(
      new ExpressionCache(),
      mapStep({
        i: "$index",
        v: "$item.v",
        scale: "$inputs.scale",
        tag: "lit",
        nested: { v: "$item.v" },
      }),
    );
    const ctx = scope({ scale: 10 });
    const out = run([{ v: "a" }, { v: "b" }], ctx) as Record<string, unknown>[];
    expect(out).toEqual([
      { i: 0, v: "a", scale: 10, tag: "lit", nested: { v: "a" } },
      { i: 1, v: "b", scale: 10, tag: "lit", nested: { v: "b" } },
    ]);
    expect(out[0]!["nested"]).not.toBe(out[1]!["nested"]);
    expect(ctx.item).toEqual({ v: "b" });
    expect(ctx.index).toBe(1);
  });

  it("maps an empty array to a new empty array", () => {
    const run = compileTransform(new ExpressionCache(), mapStep({ v: "$item" }));
    const items: unknown[] = [];
    const out = run(items, scope());
    expect(out).toEqual([]);
    expect(out).not.toBe(items);
  });

  it("propagates evaluation errors", () => {
    const run = compileTransform(new ExpressionCache(), mapStep({ v: "$item =" }));
    expect(() => run([1], scope())).toThrow(LexError);
  });
});
