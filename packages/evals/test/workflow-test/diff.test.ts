// diffOutputs: paths, missing and extra keys, lists, subset matching and ignored paths.
import { describe, expect, it } from "vitest";
import { diffOutputs, formatDifference } from "../../src/index.js";

describe("diffOutputs", () => {
  it("names the path of a changed value inside lists and objects", () => {
    const expected = { items: [{ title: "a" }, { title: "b" }, { title: "c" }] };
    const actual = { items: [{ title: "a" }, { title: "b" }, { title: "x" }] };
    const [d, ...rest] = diffOutputs(expected, actual);
    expect(rest).toEqual([]);
    expect(d).toEqual({
      path: "outputs.items[2].title",
      kind: "changed",
      expected: "c",
      actual: "x",
    });
    expect(formatDifference(d!)).toBe('outputs.items[2].title: expected "c", got "x"');
  });

  it("reports missing and extra keys, and missing and extra list items", () => {
    const diffs = diffOutputs({ count: 3, list: [1, 2] }, { total: 3, list: [1, 2, 3] });
    expect(diffs.map((d) => [d.path, d.kind])).toEqual([
      ["outputs.count", "missing"],
      ["outputs.list[2]", "extra"],
      ["outputs.total", "extra"],
    ]);
    expect(diffOutputs({ list: [1, 2] }, { list: [1] })).toEqual([
      { path: "outputs.list[1]", kind: "missing", expected: 2 },
    ]);
    expect(formatDifference({ path: "outputs.x", kind: "missing", expected: 1 })).toBe(
      "outputs.x: missing (expected 1)",
    );
    expect(formatDifference({ path: "outputs.y", kind: "extra", actual: [2] })).toBe(
      "outputs.y: unexpected (got [2])",
    );
  });

  it('tells a type change apart from equal values (1 vs "1", null vs missing)', () => {
    expect(diffOutputs({ n: 1 }, { n: "1" })).toEqual([
      { path: "outputs.n", kind: "changed", expected: 1, actual: "1" },
    ]);
    expect(diffOutputs({ n: null }, {})).toEqual([
      { path: "outputs.n", kind: "missing", expected: null },
    ]);
    expect(diffOutputs({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 2 }] } })).toEqual([]);
  });

  it("subset: extra keys at any depth are allowed, lists are still compared item by item", () => {
    const options = { match: "subset" as const };
    expect(diffOutputs({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 }, options)).toEqual([]);
    expect(diffOutputs({ l: [{ x: 1 }] }, { l: [{ x: 1, y: 2 }, { x: 3 }] }, options)).toEqual([
      { path: "outputs.l[1]", kind: "extra", actual: { x: 3 } },
    ]);
    expect(diffOutputs({ a: { b: 1 } }, { a: { b: 2 } }, options)).toHaveLength(1);
  });

  it("ignores the paths given, with [*] for any index and .* for any key", () => {
    const expected = {
      at: "t1",
      items: [
        { id: 1, t: "a" },
        { id: 2, t: "b" },
      ],
      m: { x: 1, y: 2 },
    };
    const actual = {
      at: "t2",
      items: [
        { id: 7, t: "a" },
        { id: 8, t: "B" },
      ],
      m: { x: 5, y: 6 },
      extra: 1,
    };
    const diffs = diffOutputs(expected, actual, {
      ignore: ["outputs.at", "outputs.items[*].id", "outputs.m.*", "outputs.extra"],
    });
    expect(diffs).toEqual([
      { path: "outputs.items[1].t", kind: "changed", expected: "b", actual: "B" },
    ]);
    // An ignored path is exact: `outputs.items[0].id` leaves the other items' ids compared.
    expect(
      diffOutputs(expected, actual, {
        ignore: ["outputs.at", "outputs.items[0].id", "outputs.m", "outputs.extra"],
      }).map((d) => d.path),
    ).toEqual(["outputs.items[1].id", "outputs.items[1].t"]);
  });

  it("quotes keys that are not names", () => {
    expect(diffOutputs({ "a b": 1 }, { "a b": 2 })[0]!.path).toBe('outputs["a b"]');
  });
});
