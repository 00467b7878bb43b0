// The documented order of diagnostics across rules, and collection of every problem at once.
import { describe, expect, it } from "vitest";
import { adapterWith, check, workflow } from "./helpers.js";

describe("validateDefinition order", () => {
  const wf = workflow({
    timeout: "x",
    inputs: { l: { type: "array" }, n: { type: "int" } },
    outputs: {
      r: { type: "string", value: "$result" },
      u: { type: "string", value: "$steps.none.output" },
    },
    steps: [
      {
        id: "a",
        type: "exit",
        status: "success",
        each: "$inputs.l",
        output: "$steps.ghost.output",
      },
      {
        id: "a",
        type: "tool",
        tool: "nope",
        delay: "1.5s",
        timeout: "0s",
        concurrency: 2,
        condition: "$steps.zz.output",
        inputs: {
          v: { type: "string", value: "$steps.b.output" },
          u: { type: "boolean", value: "$inputs.n ==" },
        },
        outputs: { o: { type: "string", value: "$steps.a.output" } },
      },
      {
        id: "b",
        type: "conditional",
        condition: "$item",
        then: ["b", "missing"],
        inputs: {
          w: { type: "string", value: "$inputs.n" },
          p: { type: "string", value: "$steps.a.output" },
        },
      },
    ],
  });

  it("is V14; V15–V24 per step; V25–V26; V27; V28; V29; V30; D2; D1", () => {
    expect(check(wf, { toolAdapter: adapterWith("known") }).map((r) => [r.code, r.path])).toEqual([
      ["DUPLICATE_STEP_ID", "steps[1].id"],
      ["EACH_ON_EXIT", "steps[0].each"],
      ["UNDEFINED_STEP_REFERENCE", "steps[0].output"],
      ["DELAY_WITHOUT_EACH", "steps[1].delay"],
      ["UNKNOWN_TOOL", "steps[1].tool"],
      ["FORWARD_REFERENCE", "steps[1].inputs.v.value"],
      ["STEPS_IN_STEP_OUTPUT", "steps[1].outputs.o.value"],
      ["UNDEFINED_STEP_REFERENCE", "steps[1].condition"],
      ["UNDEFINED_BRANCH_TARGET", "steps[2].then"],
      ["RESULT_IN_WORKFLOW_OUTPUT", "outputs.r.value"],
      ["UNDEFINED_STEP_REFERENCE", "outputs.u.value"],
      ["CYCLE", "steps"],
      ["INVALID_DURATION", "steps[1].delay"],
      ["ZERO_TIMEOUT", "steps[1].timeout"],
      ["INVALID_DURATION", "timeout"],
      ["CONCURRENCY_WITHOUT_EACH", "steps[1].concurrency"],
      ["BRANCH_RECURSION", "steps[2]"],
      ["EXPRESSION_SYNTAX", "steps[1].inputs.u.value"],
      ["ITEM_OUTSIDE_EACH", "steps[2].condition"],
      ["TYPE_MISMATCH", "steps[2].inputs.w.value"],
    ]);
  });

  it("leaves out V18 without an adapter and D1 with typeCheck off", () => {
    const found = check(wf, { typeCheck: "off" }).map((r) => r.code);
    expect(found).not.toContain("UNKNOWN_TOOL");
    expect(found).not.toContain("TYPE_MISMATCH");
    expect(found).toContain("EXPRESSION_SYNTAX");
    expect(found).toHaveLength(18);
  });

  it("the cycle message names the last declaration's edges", () => {
    expect(check(wf).find((r) => r.code === "CYCLE")?.message).toBe("Cycle detected: a → b → a");
  });

  it("returns nothing for a valid workflow", () => {
    const ok = workflow({
      inputs: { url: { type: "string" } },
      outputs: { price: { type: "float", value: "$steps.fetch.output.price" } },
      steps: [
        {
          id: "fetch",
          type: "tool",
          tool: "get_price",
          inputs: { url: { type: "string", value: "$inputs.url" } },
          outputs: { price: { type: "float", value: "$result.amount" } },
        },
      ],
    });
    expect(check(ok, { toolAdapter: adapterWith("get_price") })).toEqual([]);
  });
});
