// Unit tests of transform input array selection (§3.6 rules 1–4) as a plain function.
import { describe, expect, it } from "vitest";
import { selectArray } from "../../src/execute/dispatch.js";

describe("selectArray (§3.6 input array selection)", () => {
  it("1. the input named items when it is an array, whatever its position (same array)", () => {
    const items = [1, 2];
    expect(selectArray({ first: [9], items })).toBe(items);
    expect(selectArray({ items: [] })).toEqual([]);
  });

  it("2. else the first input in declaration order holding an array", () => {
    const b = [3];
    expect(selectArray({ items: "not a list", a: null, b, c: [4] })).toBe(b);
    expect(selectArray({ a: { k: 1 }, b })).toBe(b);
  });

  it("3. else a one-element array of the first input's value when neither null nor absent", () => {
    const first = { k: 1 };
    const selected = selectArray({ a: first, b: "s" });
    expect(selected).toEqual([first]);
    expect(selected[0]).toBe(first);
    expect(selectArray({ items: "solo" })).toEqual(["solo"]);
    for (const falsy of [0, false, "", Number.NaN])
      expect(selectArray({ a: falsy })).toEqual([falsy]);
  });

  it("4. else the empty array (null or absent first input, no inputs)", () => {
    expect(selectArray({})).toEqual([]);
    expect(selectArray({ a: null, b: "x" })).toEqual([]);
    expect(selectArray({ a: undefined, b: "x" })).toEqual([]);
    expect(selectArray({ items: null })).toEqual([]);
  });

  it("reads an own __proto__ input like any other key", () => {
    const inputs = JSON.parse('{"__proto__": [7], "b": [8]}') as Record<string, unknown>;
    expect(selectArray(inputs)).toEqual([7]);
  });
});
