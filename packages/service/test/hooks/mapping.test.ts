// mapBodyToInputs: JSON paths to inputs, coded problems, own properties only.
import { describe, expect, it } from "vitest";
import { mapBodyToInputs, parseBodyPath } from "../../src/hooks/index.js";

const body = {
  action: "opened",
  pull_request: { title: "Fix", labels: [{ name: "bug" }, { name: "ui" }], merged: null },
  "odd key": 3,
};

describe("mapBodyToInputs", () => {
  it("reads keys, indexes, quoted keys, null and the whole body", () => {
    const result = mapBodyToInputs(body, {
      title: "$.pull_request.title",
      label: "$.pull_request.labels[1].name",
      odd: '$["odd key"]',
      merged: "$.pull_request.merged",
      all: "$",
    });
    expect(result).toEqual({
      ok: true,
      inputs: { title: "Fix", label: "ui", odd: 3, merged: null, all: body },
    });
  });

  it("reports every missing value and invalid path with codes", () => {
    const result = mapBodyToInputs(body, {
      a: "$.pull_request.body",
      b: "$.pull_request.labels[5]",
      c: "pull_request.title",
      d: "$..title",
      e: "$.pull_request.title.length",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.input, p.code])).toEqual([
      ["a", "MISSING_VALUE"],
      ["b", "MISSING_VALUE"],
      ["c", "INVALID_PATH"],
      ["d", "INVALID_PATH"],
      ["e", "MISSING_VALUE"],
    ]);
  });

  it.each(["$.constructor", "$.__proto__", "$.toString", "$.pull_request.hasOwnProperty"])(
    "never reads the prototype chain: %s",
    (path) => {
      const result = mapBodyToInputs(body, { x: path });
      expect(result).toMatchObject({ ok: false, problems: [{ code: "MISSING_VALUE" }] });
    },
  );

  it("reads a __proto__ key that JSON.parse made an own property", () => {
    const parsed: unknown = JSON.parse('{"__proto__": {"x": 1}}');
    expect(mapBodyToInputs(parsed, { v: '$["__proto__"].x' })).toEqual({
      ok: true,
      inputs: { v: 1 },
    });
  });

  it("keeps an input named __proto__ as an own key without touching prototypes", () => {
    const mapping: Record<string, string> = JSON.parse('{"__proto__": "$.action"}') as Record<
      string,
      string
    >;
    const result = mapBodyToInputs(body, mapping);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.hasOwn(result.inputs, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(result.inputs)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).action).toBeUndefined();
  });

  it("does not index strings or objects with [n]", () => {
    expect(mapBodyToInputs(body, { x: "$.action[0]" })).toMatchObject({ ok: false });
    expect(mapBodyToInputs({ a: { 0: 1 } }, { x: "$.a[0]" })).toMatchObject({ ok: false });
  });
});

it.each([
  ["$", []],
  ["$.a.b", [{ key: "a" }, { key: "b" }]],
  ["$.a[2]", [{ key: "a" }, { index: 2 }]],
  ['$["a.b"]', [{ key: "a.b" }]],
  ['$["q\\"x"]', [{ key: 'q"x' }]],
])("parseBodyPath(%s)", (path, segments) => expect(parseBodyPath(path)).toEqual(segments));

it.each(["", "a", "$.", "$[-1]", "$[*]", "$.a[", "$.1a", "$['a']"])(
  "parseBodyPath refuses %j",
  (path) => expect(parseBodyPath(path)).toBeUndefined(),
);
