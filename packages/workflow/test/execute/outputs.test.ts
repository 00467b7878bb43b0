// Unit tests of workflow output resolution (§6.9 step 2, K22) and the workflow output type test (§12 D1, D7.5).
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile/plan.js";
import { checkWorkflowOutputs, resolveWorkflowOutputs } from "../../src/execute/outputs.js";
import { ExpressionCache } from "../../src/expression/cache.js";
import type { WorkflowDefinition } from "../../src/model/schema.js";
import { buildState, type Harness, type StateOptions } from "./_state.js";

const EXIT_STEP = ["steps:", "  - { id: s, type: exit, status: success }"].join("\n");

/** A harness whose workflow declares `outputs` (YAML flow-mapping lines, already indented). */
function withOutputs(outputs: string[], options: StateOptions = {}): Harness {
  const doc = outputs.length === 0 ? EXIT_STEP : ["outputs:", ...outputs, EXIT_STEP].join("\n");
  return buildState(doc, options);
}

const TWO_PLAIN = ["  a: { type: int }", "  b: { type: string }"];
const names = (fields: readonly { name: string }[]): string[] => fields.map((f) => f.name);

describe("resolveWorkflowOutputs (§6.9)", () => {
  it("no declared outputs → {} whatever happened", () => {
    const h = withOutputs([]);
    expect(resolveWorkflowOutputs(h.state, { output: { a: 1 } }, { a: 2 })).toEqual({
      outputs: {},
      tested: [],
    });
    expect(resolveWorkflowOutputs(h.state, undefined, { a: 2 })).toEqual({
      outputs: {},
      tested: [],
    });
  });

  describe("an exit fired", () => {
    it("a mapping output: same-named values; absent names → null without type checking", () => {
      const h = withOutputs(TWO_PLAIN, { typeCheck: false });
      const resolved = resolveWorkflowOutputs(h.state, { output: { a: 1, extra: 9 } }, "ignored");
      expect(resolved.outputs).toStrictEqual({ a: 1, b: null });
      expect(names(resolved.tested)).toEqual(["a", "b"]);
    });

    it("a mapping output under type checking: names it does not provide stay absent, untested (D7.5)", () => {
      const h = withOutputs(TWO_PLAIN);
      const resolved = resolveWorkflowOutputs(h.state, { output: { a: 1 } }, null);
      expect(resolved.outputs).toStrictEqual({ a: 1 });
      expect(names(resolved.tested)).toEqual(["a"]);
      expect(checkWorkflowOutputs(resolved)).toBeUndefined();
    });

    it("a provided null is kept and tested under type checking", () => {
      const h = withOutputs(TWO_PLAIN);
      const resolved = resolveWorkflowOutputs(h.state, { output: { a: null } }, null);
      expect(resolved.outputs).toStrictEqual({ a: null });
      expect(checkWorkflowOutputs(resolved)).toBe('Workflow output "a" must be int, got null');
    });

    it("a non-mapping output sets only the first declared name", () => {
      for (const typeCheck of [true, false]) {
        const h = withOutputs(TWO_PLAIN, { typeCheck });
        for (const output of [42, "text", [1, 2], null]) {
          const resolved = resolveWorkflowOutputs(h.state, { output }, { a: 0, b: "x" });
          expect(resolved.outputs).toStrictEqual({ a: output });
          // D7.5: an exit without output (null) provides nothing, so nothing is type-tested.
          expect(names(resolved.tested)).toEqual(output === null ? [] : ["a"]);
        }
      }
    });

    it("takes precedence over declared values", () => {
      const h = withOutputs(["  v: { type: int, value: 5 }"]);
      expect(resolveWorkflowOutputs(h.state, { output: { v: 1 } }, null).outputs).toEqual({ v: 1 });
    });

    it("reads own properties only", () => {
      const h = withOutputs(["  toString: { type: string }", "  a: { type: int }"], {
        typeCheck: false,
      });
      const output = Object.create({ a: 1 }) as object;
      expect(resolveWorkflowOutputs(h.state, { output }, null).outputs).toStrictEqual({
        toString: null,
        a: null,
      });
    });
  });

  describe("declared values", () => {
    const VALUES = [
      "  total: { type: int, value: $steps.s.output.x }",
      '  label: { type: string, value: "n=${inputs.n}" }',
      "  lit: { type: int, value: 7 }",
      "  raw: { type: string }",
    ];

    it("resolve against the final context; names without value read the last output", () => {
      const h = withOutputs(VALUES, { inputs: { n: 2 } });
      h.state.scope.steps["s"] = { output: { x: 3 } };
      const resolved = resolveWorkflowOutputs(h.state, undefined, { raw: "r", other: 1 });
      expect(resolved.outputs).toStrictEqual({ total: 3, label: "n=2", lit: 7, raw: "r" });
      expect(names(resolved.tested)).toEqual(["total", "label", "lit", "raw"]);
    });

    it("names without value are null when the last output lacks them or is not a mapping", () => {
      const h = withOutputs(VALUES, { inputs: { n: 2 } });
      for (const last of [{}, "text", [{ raw: "in a list" }], null]) {
        expect(resolveWorkflowOutputs(h.state, undefined, last).outputs["raw"]).toBeNull();
      }
    });

    it("do not see $item or $index, even after a transform reused the scope", () => {
      const h = withOutputs(["  i: { type: int, nullable: true, value: $index }"]);
      h.state.scope.item = "leftover";
      h.state.scope.index = 3;
      expect(resolveWorkflowOutputs(h.state, undefined, null).outputs).toStrictEqual({
        i: undefined,
      });
    });

    it("an error empties the outputs and reports the failing name (K22)", () => {
      const cache = new ExpressionCache();
      const bad = cache.expression("$inputs.n ==");
      if (bad.ok) throw new Error("expected a syntax error");
      const h = withOutputs([
        "  good: { type: int, value: 1 }",
        "  bad: { type: int, value: $inputs.n == }",
      ]);
      expect(resolveWorkflowOutputs(h.state, undefined, null)).toEqual({
        outputs: {},
        tested: [],
        error: `Failed to resolve workflow output "bad": ${bad.error.message}`,
      });
    });
  });

  describe("no value anywhere", () => {
    it("a mapping last output gives each name its same-named property (absent → null)", () => {
      const h = withOutputs(TWO_PLAIN);
      const resolved = resolveWorkflowOutputs(h.state, undefined, { a: 1, c: 3 });
      expect(resolved.outputs).toStrictEqual({ a: 1, b: null });
      expect(names(resolved.tested)).toEqual(["a", "b"]);
    });

    it("a non-mapping last output sets only the first name", () => {
      const h = withOutputs(TWO_PLAIN);
      expect(resolveWorkflowOutputs(h.state, undefined, [1]).outputs).toStrictEqual({ a: [1] });
      expect(resolveWorkflowOutputs(h.state, undefined, null).outputs).toStrictEqual({ a: null });
    });
  });

  it("keeps a declared __proto__ output as an own key", () => {
    const workflow: WorkflowDefinition = {
      inputs: {},
      outputs: JSON.parse('{"__proto__": {"type": "string"}}') as WorkflowDefinition["outputs"],
      steps: [{ id: "s", type: "exit", status: "success", inputs: {}, outputs: {} }],
    };
    const h = withOutputs([]);
    const state = { ...h.state, plan: compile(workflow, new ExpressionCache()) };
    const last = JSON.parse('{"__proto__": "own"}') as unknown;
    const { outputs } = resolveWorkflowOutputs(state, undefined, last);
    expect(Object.getPrototypeOf(outputs)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(outputs, "__proto__")?.value).toBe("own");
  });
});

describe("checkWorkflowOutputs (§12 D1, D7.5)", () => {
  it("passes when every tested value matches its declared type", () => {
    const h = withOutputs(TWO_PLAIN);
    expect(checkWorkflowOutputs(resolveWorkflowOutputs(h.state, undefined, { a: 1, b: "x" }))).toBe(
      undefined,
    );
  });

  it("reports every mismatch, joined by '; ', in declaration order", () => {
    const h = withOutputs(TWO_PLAIN);
    const resolved = resolveWorkflowOutputs(h.state, undefined, { a: 1.5 });
    expect(checkWorkflowOutputs(resolved)).toBe(
      'Workflow output "a" must be int, got float; Workflow output "b" must be string, got null',
    );
    expect(resolved.outputs).toStrictEqual({ a: 1.5, b: null });
  });

  it("reports absent values of tested names", () => {
    const h = withOutputs(["  v: { type: int, value: $inputs.missing }"]);
    const resolved = resolveWorkflowOutputs(h.state, undefined, null);
    expect(checkWorkflowOutputs(resolved)).toBe('Workflow output "v" must be int, got absent');
  });

  it("accepts null and absent for nullable declarations", () => {
    const h = withOutputs([
      "  a: { type: int, nullable: true }",
      "  b: { type: object, nullable: true }",
    ]);
    expect(checkWorkflowOutputs(resolveWorkflowOutputs(h.state, undefined, { a: null }))).toBe(
      undefined,
    );
  });

  it("tests only the tested fields", () => {
    const h = withOutputs(TWO_PLAIN);
    const [a, b] = h.state.plan.outputs;
    expect(checkWorkflowOutputs({ outputs: { a: 1, b: 2 }, tested: [a!] })).toBeUndefined();
    expect(checkWorkflowOutputs({ outputs: { a: 1, b: 2 }, tested: [b!] })).toBe(
      'Workflow output "b" must be string, got int',
    );
    expect(checkWorkflowOutputs({ outputs: {}, tested: [] })).toBeUndefined();
  });
});
