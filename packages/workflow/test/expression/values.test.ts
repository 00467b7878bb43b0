// Unit tests of the value semantics: truthiness, equality, N/S conversions, access and stringify (§4.6–§4.10).
import { describe, expect, it } from "vitest";
import { EvalError } from "../../src/expression/errors.js";
import {
  containsOp,
  getIndex,
  getMember,
  inOp,
  isHostTruthy,
  isTruthy,
  looseEquals,
  stringify,
  toNumber,
  toText,
} from "../../src/expression/values.js";

describe("truthiness (§4.8)", () => {
  it.each<[string, unknown, boolean, boolean]>([
    ["null", null, false, false],
    ["absent", undefined, false, false],
    ["false", false, false, false],
    ["true", true, true, true],
    ["0", 0, false, false],
    ["-0", -0, false, false],
    ["NaN", NaN, true, false],
    ["1", 1, true, true],
    ["-2.5", -2.5, true, true],
    ['""', "", false, false],
    ['"0"', "0", true, true],
    ['"false"', "false", true, true],
    ["[]", [], false, true],
    ["[0]", [0], true, true],
    ["{}", {}, true, true],
  ])("%s: language %s, host %s", (_label, value, language, host) => {
    expect(isTruthy(value)).toBe(language);
    expect(isHostTruthy(value)).toBe(host);
  });
});

describe("looseEquals (§4.7)", () => {
  const shared = { a: 1 };
  it.each<[unknown, unknown, boolean]>([
    [null, null, true],
    [undefined, null, false],
    [null, undefined, false],
    [undefined, undefined, true],
    [7, "7.0", true],
    ["7.0", 7, true],
    [0, "", true],
    [0, " ", true],
    [16, "0x10", true],
    [1000, "1e3", true],
    [12, " 12 ", true],
    [1, "abc", false],
    [NaN, "NaN", false],
    [NaN, NaN, false],
    [true, "true", false],
    [true, 1, false],
    ["1", "1.0", false],
    ["a", "a", true],
    [shared, shared, true],
    [{ a: 1 }, { a: 1 }, false],
    [[], [], false],
    [0, -0, true],
  ])("%j == %j is %s", (left, right, expected) => {
    expect(looseEquals(left, right)).toBe(expected);
  });
});

describe("toNumber (N, §4.7)", () => {
  it.each<[unknown, number]>([
    [5, 5],
    [-1.5, -1.5],
    ["12", 12],
    [" 3 ", 3],
    ["0x10", 16],
    ["1e3", 1000],
    ["", 0],
    ["abc", 0],
    [true, 1],
    [false, 0],
    [null, 0],
    [undefined, 0],
    [[5], 0],
    [{}, 0],
  ])("N(%j) = %d", (value, expected) => {
    expect(toNumber(value)).toBe(expected);
  });

  it("keeps NaN numbers as NaN", () => {
    expect(toNumber(NaN)).toBeNaN();
  });
});

describe("containsOp (§4.7)", () => {
  const o = { x: 1 };
  it.each<[unknown, unknown, boolean]>([
    [["a", "b"], "a", true],
    [["a", "b"], "A", false],
    [[1, 2], "1", false],
    [[NaN], NaN, true],
    [[o], o, true],
    [[{ x: 1 }], { x: 1 }, false],
    ["Hello World", "world", true],
    ["abc", "", true],
    [null, "x", false],
    [null, "", true],
    [undefined, "", true],
    ["abc", null, true],
    [123, 2, true],
    [true, "RUE", true],
    [{ a: 1 }, "object", true],
    ["[object Object]", { b: 2 }, true],
    ["a,b", ["a", "b"], true],
    ["İ", "i̇", true],
  ])("%j contains %j is %s", (left, right, expected) => {
    expect(containsOp(left, right)).toBe(expected);
  });
});

describe("inOp (§4.7, §10.6)", () => {
  it.each<[unknown, unknown, boolean]>([
    ["a", ["a", "b"], true],
    ["A", ["a"], false],
    [NaN, [NaN], true],
    ["email", { email: "x" }, true],
    ["email", { mail: "x" }, false],
    [0, { "0": "x" }, true],
    [1.5, { "1.5": "x" }, true],
    [true, { true: 1 }, false],
    ["constructor", {}, false],
    ["toString", {}, false],
    ["__proto__", {}, false],
    [5, 5, false],
    ["a", "abc", false],
    ["a", null, false],
    ["a", undefined, false],
  ])("%j in %j is %s", (value, collection, expected) => {
    expect(inOp(value, collection)).toBe(expected);
  });
});

describe("getMember (§4.6)", () => {
  it.each<[string, unknown, string, unknown]>([
    ["null base", null, "x", undefined],
    ["absent base", undefined, "x", undefined],
    ["array length", [1, 2, 3], "length", 3],
    ["array element by digits", ["a", "b"], "1", "b"],
    ["own property", { x: 1 }, "x", 1],
    ["missing property", { x: 1 }, "y", undefined],
    ["inherited constructor", {}, "constructor", undefined],
    ["inherited toString", {}, "toString", undefined],
    ["inherited __proto__", {}, "__proto__", undefined],
    ["inherited hasOwnProperty", {}, "hasOwnProperty", undefined],
    ["array method", [1], "map", undefined],
    ["string length", "abc", "length", undefined],
    ["string index", "abc", "0", undefined],
    ["number", 5, "x", undefined],
    ["boolean", true, "x", undefined],
  ])("%s", (_label, base, name, expected) => {
    expect(getMember(base, name)).toBe(expected);
  });

  it("reads own keys that shadow inherited names", () => {
    const data = JSON.parse('{"__proto__": 1, "constructor": 2, "toString": 3}') as unknown;
    expect(getMember(data, "__proto__")).toBe(1);
    expect(getMember(data, "constructor")).toBe(2);
    expect(getMember(data, "toString")).toBe(3);
    expect(getMember(Object.assign(Object.create(null) as object, { a: 1 }), "a")).toBe(1);
  });
});

describe("getIndex (§4.6)", () => {
  const arr = ["a", "b", "c"];
  it.each<[string, unknown, unknown, unknown]>([
    ["null base", null, 0, undefined],
    ["absent base", undefined, "x", undefined],
    ["array element", arr, 1, "b"],
    ["array out of bounds", arr, 3, undefined],
    ["no negative indexing", arr, -1, undefined],
    ["fractional index", arr, 1.5, undefined],
    ["string index on array", arr, "0", "a"],
    ["length by string on array", arr, "length", 3],
    ["non-identifier key", { "my-key": 1 }, "my-key", 1],
    ["number index on object", { "0": "zero" }, 0, "zero"],
    ["decimal text of number", { "1.5": "x" }, 1.5, "x"],
    ["boolean index", { true: 1 }, true, undefined],
    ["null index", { null: 1 }, null, undefined],
    ["string base", "abc", 0, undefined],
    ["inherited by string", {}, "constructor", undefined],
    ["inherited by string on array", [], "map", undefined],
  ])("%s", (_label, base, index, expected) => {
    expect(getIndex(base, index)).toBe(expected);
  });
});

describe("toText (S, §4.7)", () => {
  it.each<[unknown, string]>([
    [null, ""],
    [undefined, ""],
    ["x", "x"],
    [1.5, "1.5"],
    [true, "true"],
    [{ a: 1 }, "[object Object]"],
    [[1, "2", null, [3, 4]], "1,2,,3,4"],
    [{ toString: "not a function" }, "[object Object]"],
    [Object.create(null), "[object Object]"],
  ])("S(%j) = %j", (value, expected) => {
    expect(toText(value)).toBe(expected);
  });

  it("renders a cyclic array like Array.prototype.join", () => {
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    expect(toText(cyclic)).toBe("1,");
  });
});

describe("stringify (§4.10)", () => {
  it.each<[unknown, string]>([
    [null, ""],
    [undefined, ""],
    ["s", "s"],
    [7, "7"],
    [false, "false"],
    [{ a: 1 }, '{"a":1}'],
    [[1, "2", null], '[1,"2",null]'],
  ])("stringify(%j) = %j", (value, expected) => {
    expect(stringify(value)).toBe(expected);
  });

  it("reports values JSON cannot represent as EvalError", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(() => stringify(cyclic)).toThrow(EvalError);
    expect(() => stringify({ big: 1n })).toThrow(EvalError);
  });
});
