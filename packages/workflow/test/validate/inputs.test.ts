// §2.3 input binding and the §12 D1 / D7.1 checks of `bindInputs`.
import { describe, expect, it } from "vitest";
import { bindInputs } from "../../src/validate/index.js";
import { fakeSourceMap, rows, tool, workflow } from "./helpers.js";

const wf = workflow({
  inputs: {
    query: { type: "string", default: "laptops" },
    limit: { type: "int", default: 10 },
    filters: { type: "object" },
    note: { type: "string", nullable: true },
  },
  steps: [tool("a")],
});

describe("bindInputs binding (§2.3)", () => {
  it("copies the caller's mapping and fills defaults for missing keys only", () => {
    const caller = { query: null, filters: { a: 1 }, extra: "kept" };
    const { inputs } = bindInputs(wf, caller, { typeCheck: "off" });
    expect(inputs).toEqual({ query: null, filters: { a: 1 }, extra: "kept", limit: 10 });
    expect(inputs).not.toBe(caller);
    expect(caller).not.toHaveProperty("limit");
    expect(inputs.filters).toBe(caller.filters);
  });

  it("keeps an explicit undefined key instead of applying the default", () => {
    const { inputs } = bindInputs(wf, { limit: undefined }, { typeCheck: "off" });
    expect(Object.hasOwn(inputs, "limit")).toBe(true);
    expect(inputs.limit).toBeUndefined();
  });

  it("treats undefined caller inputs as {}", () => {
    expect(bindInputs(wf, undefined, { typeCheck: "off" })).toEqual({
      inputs: { query: "laptops", limit: 10 },
      diagnostics: [],
    });
  });

  it("never lets a __proto__ input reach the prototype", () => {
    // Built by hand: the schema parse itself does not keep a `__proto__` record key.
    const odd = {
      ...workflow({ steps: [tool("a")] }),
      inputs: JSON.parse('{"__proto__":{"type":"object","default":{"p":1}}}'),
    };
    const { inputs } = bindInputs(odd, {}, { typeCheck: "off" });
    expect(Object.getPrototypeOf(inputs)).toBe(Object.prototype);
    expect(Object.hasOwn(inputs, "__proto__")).toBe(true);
    expect(inputs["__proto__"]).toEqual({ p: 1 });
  });
});

describe("bindInputs checks (§12 D1, D7.1)", () => {
  it("is silent when everything is supplied and well typed", () => {
    expect(bindInputs(wf, { filters: {}, note: null }).diagnostics).toEqual([]);
    expect(bindInputs(wf, { filters: {} }).diagnostics).toEqual([]);
  });

  it("reports a missing required input unless it is nullable", () => {
    expect(rows(bindInputs(wf, {}).diagnostics)).toEqual([
      {
        code: "MISSING_INPUT",
        path: "inputs.filters",
        message: 'Missing required input "filters"',
      },
    ]);
  });

  it("reports every problem at once, in declaration order", () => {
    const { diagnostics } = bindInputs(wf, { query: 5, limit: 2.5, note: [] });
    expect(rows(diagnostics)).toEqual([
      {
        code: "INPUT_TYPE",
        path: "inputs.query",
        message: 'Input "query" must be string, got int',
      },
      { code: "INPUT_TYPE", path: "inputs.limit", message: 'Input "limit" must be int, got float' },
      {
        code: "MISSING_INPUT",
        path: "inputs.filters",
        message: 'Missing required input "filters"',
      },
      {
        code: "INPUT_TYPE",
        path: "inputs.note",
        message: 'Input "note" must be string, got array',
      },
    ]);
    expect(diagnostics[0]?.path).toEqual(["inputs", "query"]);
  });

  it.each([
    [null, "null"],
    [undefined, "absent"],
    [true, "boolean"],
    [[1], "array"],
    ["{}", "string"],
  ])("object input given %j reports %s", (value, actual) => {
    const { diagnostics } = bindInputs(wf, { filters: value });
    expect(diagnostics.map((d) => d.message)).toEqual([
      `Input "filters" must be object, got ${actual}`,
    ]);
  });

  it("tests defaults too", () => {
    const bad = workflow({
      inputs: { n: { type: "int", default: "ten" }, m: { type: "int", default: null } },
      steps: [tool("a")],
    });
    expect(bindInputs(bad, {}).diagnostics.map((d) => d.message)).toEqual([
      'Input "n" must be int, got string',
      'Input "m" must be int, got null',
    ]);
  });

  it("accepts int for float and rejects non-finite numbers", () => {
    const floats = workflow({ inputs: { x: { type: "float" } }, steps: [tool("a")] });
    expect(bindInputs(floats, { x: 3 }).diagnostics).toEqual([]);
    expect(bindInputs(floats, { x: Number.NaN }).diagnostics.map((d) => d.message)).toEqual([
      'Input "x" must be float, got float',
    ]);
  });

  it("keeps undeclared caller keys without complaint", () => {
    const { inputs, diagnostics } = bindInputs(wf, { filters: {}, other: 1 });
    expect(inputs.other).toBe(1);
    expect(diagnostics).toEqual([]);
  });

  it("locates problems at the input's declaration key", () => {
    const map = fakeSourceMap(["inputs.query", "inputs.filters"]);
    const { diagnostics } = bindInputs(wf, { query: 1 }, { sourceMap: map });
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ["INPUT_TYPE", 1, 3],
      ["MISSING_INPUT", 2, 3],
    ]);
  });

  it("does nothing but bind with typeCheck off", () => {
    expect(bindInputs(wf, { query: 1 }, { typeCheck: "off" }).diagnostics).toEqual([]);
  });
});
