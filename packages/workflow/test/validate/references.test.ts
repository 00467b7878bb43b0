// V19–V22 and V24–V26: the reference's textual `$steps` rules, with exact paths and messages.
import { describe, expect, it } from "vitest";
import { extractStepReferences } from "../../src/validate/index.js";
import { check, steps, tool, workflow } from "./helpers.js";

const undef = (r: string) => `References undefined step "${r}"`;
const forward = (id: string, r: string) =>
  `Step "${id}" references step "${r}" which is not declared before it`;
const input = (value: unknown) => ({ inputs: { v: { type: "string", value } } });

describe("extractStepReferences", () => {
  it.each([
    ["$steps.a.output", ["a"]],
    ["${steps.a.output}", ["a"]],
    ["$steps.a.output == $steps.b.output && $steps.a.x", ["a", "b"]],
    // all expression-form matches first, then template-form ones
    ["${steps.t.output} and $steps.e.output", ["e", "t"]],
    ["$steps.a1_b.output", ["a1_b"]],
    ['$steps["my-id"].output', []],
    ["$steps.9lives", []],
    ["${ steps.a }", []],
    ["$$steps.a", ["a"]],
  ])("%s → %j", (text, ids) => {
    expect(extractStepReferences(text)).toEqual(ids);
  });
});

describe("V19 input references", () => {
  it("reports undefined and not-yet-declared steps at steps[i].inputs.<name>.value", () => {
    const wf = steps(
      tool("a", input("$steps.b.output.x")),
      tool("b", input("${steps.a.output} ${steps.zz.output}")),
      tool("c", input("$steps.c.output")),
    );
    expect(check(wf)).toEqual([
      { code: "FORWARD_REFERENCE", path: "steps[0].inputs.v.value", message: forward("a", "b") },
      { code: "UNDEFINED_STEP_REFERENCE", path: "steps[1].inputs.v.value", message: undef("zz") },
      { code: "FORWARD_REFERENCE", path: "steps[2].inputs.v.value", message: forward("c", "c") },
      { code: "CYCLE", path: "steps", message: "Cycle detected: a → b → a" },
      { code: "CYCLE", path: "steps", message: "Cycle detected: c → c" },
    ]);
  });

  it("only checks values starting with $steps. or containing ${steps.", () => {
    const wf = workflow({
      inputs: { a: { type: "string" } },
      steps: [tool("s", input("$inputs.a == $steps.later.output")), tool("later")],
    });
    expect(check(wf)).toEqual([]);
  });

  it("exempts branch steps from the ordering check", () => {
    const wf = steps(
      tool("b", input("$steps.after.output")),
      tool("c", { condition: "$steps.after.output" }),
      { id: "k", type: "conditional", condition: "true", then: ["b", "c"] },
      tool("after"),
    );
    expect(check(wf)).toEqual([]);
  });

  it("still reports undefined steps from branch steps", () => {
    const wf = steps(
      { id: "k", type: "conditional", condition: "true", then: ["b"] },
      tool("b", input("$steps.ghost.output")),
    );
    expect(check(wf)).toEqual([
      {
        code: "UNDEFINED_STEP_REFERENCE",
        path: "steps[1].inputs.v.value",
        message: undef("ghost"),
      },
    ]);
  });

  it("uses the last declaration of a duplicated id", () => {
    const wf = steps(tool("a"), tool("b", input("$steps.a.output")), tool("a"));
    expect(check(wf)).toEqual([
      { code: "DUPLICATE_STEP_ID", path: "steps[2].id", message: 'Duplicate step ID "a"' },
      { code: "FORWARD_REFERENCE", path: "steps[1].inputs.v.value", message: forward("b", "a") },
    ]);
  });

  it("checks inputs in key order", () => {
    const wf = steps(
      tool("a", {
        inputs: {
          z: { type: "string", value: "$steps.q.output" },
          b: { type: "string", value: "$steps.r.output" },
        },
      }),
    );
    expect(check(wf).map((r) => r.path)).toEqual([
      "steps[0].inputs.z.value",
      "steps[0].inputs.b.value",
    ]);
  });
});

describe("V20 $steps in step outputs", () => {
  it("reports $steps. at the start and ${steps. anywhere", () => {
    const message =
      'Step output "value" must use "$result" to map from the raw executor result, not "$steps" references. Use "$steps" in workflow outputs or step input values.';
    const wf = steps(
      tool("a"),
      tool("b", {
        outputs: {
          x: { type: "string", value: "$steps.a.output" },
          y: { type: "string", value: "n=${steps.a.output}" },
          z: { type: "string", value: "$result.ok" },
        },
      }),
    );
    expect(check(wf)).toEqual([
      { code: "STEPS_IN_STEP_OUTPUT", path: "steps[1].outputs.x.value", message },
      { code: "STEPS_IN_STEP_OUTPUT", path: "steps[1].outputs.y.value", message },
    ]);
  });
});

describe("V21 / V22 guard and each references", () => {
  it("checks every reference anywhere in condition and each", () => {
    const wf = workflow({
      inputs: { n: { type: "int" } },
      steps: [
        tool("a", {
          condition: "$inputs.n > 1 && $steps.b.output",
          each: "$steps.nope.output ?? $steps.a.output",
        }),
        tool("b"),
      ],
    });
    expect(check(wf)).toEqual([
      { code: "FORWARD_REFERENCE", path: "steps[0].condition", message: forward("a", "b") },
      { code: "UNDEFINED_STEP_REFERENCE", path: "steps[0].each", message: undef("nope") },
      { code: "FORWARD_REFERENCE", path: "steps[0].each", message: forward("a", "a") },
      { code: "CYCLE", path: "steps", message: "Cycle detected: a → a" },
    ]);
  });

  it("applies to the predicate of conditional steps", () => {
    const wf = steps(
      { id: "k", type: "conditional", condition: "$steps.late.output", then: ["t"] },
      tool("t"),
      tool("late"),
    );
    expect(check(wf)).toEqual([
      { code: "FORWARD_REFERENCE", path: "steps[0].condition", message: forward("k", "late") },
    ]);
  });
});

describe("V24 exit output references", () => {
  const exit = (output: unknown) => ({ id: "x", type: "exit", status: "success", output });

  it("checks a string output anywhere", () => {
    expect(check(steps(exit("$steps.ghost.output")))).toEqual([
      { code: "UNDEFINED_STEP_REFERENCE", path: "steps[0].output", message: undef("ghost") },
    ]);
  });

  it("checks top-level mapping values starting with $", () => {
    const wf = steps(
      exit({
        a: "$steps.late.output",
        b: "x ${steps.ghost.output}",
        c: { d: "$steps.ghost.output" },
      }),
      tool("late"),
    );
    expect(check(wf)).toEqual([
      { code: "FORWARD_REFERENCE", path: "steps[0].output.a", message: forward("x", "late") },
    ]);
  });
});

describe("V25 / V26 workflow outputs", () => {
  const v25 =
    '"$result" is not valid in workflow output "value" — use "$steps.<id>.output" instead. "$result" is only valid in step output "value".';

  it("reports $result and undefined steps per output, in key order", () => {
    const wf = workflow({
      outputs: {
        r: { type: "string", value: "$result.x" },
        t: { type: "string", value: "got ${result.x} from ${steps.gone.output}" },
        late: { type: "string", value: "$steps.b.output" },
        u: { type: "string", value: "$steps.ghost.output" },
        fine: { type: "string", value: "${result}" },
      },
      steps: [tool("b")],
    });
    expect(check(wf).filter((r) => r.path !== "outputs.fine.value")).toEqual([
      { code: "RESULT_IN_WORKFLOW_OUTPUT", path: "outputs.r.value", message: v25 },
      { code: "RESULT_IN_WORKFLOW_OUTPUT", path: "outputs.t.value", message: v25 },
      { code: "UNDEFINED_STEP_REFERENCE", path: "outputs.t.value", message: undef("gone") },
      { code: "UNDEFINED_STEP_REFERENCE", path: "outputs.u.value", message: undef("ghost") },
    ]);
  });

  it("V25 matches the reference's text test literally ($results included)", () => {
    const wf = workflow({
      outputs: { r: { type: "string", value: "$results" } },
      steps: [tool("b")],
    });
    expect(check(wf)[0]).toEqual({
      code: "RESULT_IN_WORKFLOW_OUTPUT",
      path: "outputs.r.value",
      message: v25,
    });
  });
});
