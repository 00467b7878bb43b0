// Conformance: combinations of features that the per-feature files do not cover: nested exits,
// branch-step reuse, scoping of $item/$index (innermost wins), each on transforms, rounding of
// durations, naming precedence.
import { describe, expect, it } from "vitest";
import { MockToolAdapter, validateWorkflowSkill } from "../../src/index.js";
import { createTestServices, echoAdapter, record, runSkill, skill, trace } from "./helpers.js";

describe("conditionals and exits combined (§6.7, §6.8)", () => {
  it("an exit in a nested branch stops every enclosing conditional and the top level", async () => {
    const { log, events } = await runSkill(
      skill(`
        outputs:
          result: { type: string }
        steps:
          - { id: outer, type: conditional, condition: "true", then: [inner, after_inner] }
          - { id: inner, type: conditional, condition: "true", then: [stop, never] }
          - { id: stop, type: exit, status: success, output: { result: "stopped" } }
          - { id: never, type: tool, tool: echo }
          - { id: after_inner, type: tool, tool: echo }
          - { id: top, type: tool, tool: echo }
      `),
      { toolAdapter: echoAdapter() },
    );
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({ result: "stopped" });
    expect(log.steps.map((s) => [s.id, s.status, s.reason])).toEqual([
      ["outer", "success", undefined],
      ["inner", "success", undefined],
      ["stop", "success", undefined],
      ["never", "skipped", "Branch not selected"],
      ["after_inner", "skipped", "Branch not selected"],
      ["top", "skipped", "Workflow halted"],
    ]);
    // inner's last listed step never ran → null; outer's last listed step never ran → null.
    expect(record(log, "inner").output).toBeNull();
    expect(record(log, "outer").output).toBeNull();
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_start(outer)",
      "step_start(inner)",
      "step_start(stop)",
      "step_complete(stop, success)",
      "step_complete(inner, success)",
      "step_complete(outer, success)",
      "step_skip(never, Branch not selected)",
      "step_skip(after_inner, Branch not selected)",
      "step_skip(top, Workflow halted)",
      "workflow_complete(success)",
    ]);
  });

  it("a step listed in two conditionals runs each time it is selected", async () => {
    let n = 0;
    const adapter = new MockToolAdapter();
    adapter.register("count", () => ({ output: { n: ++n } }));
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: c1, type: conditional, condition: "true", then: [shared] }
          - { id: c2, type: conditional, condition: "false", then: [other], else: [shared] }
          - { id: shared, type: tool, tool: count }
          - { id: other, type: tool, tool: count }
          - id: after
            type: tool
            tool: count
            condition: $steps.shared.output.n == 2
      `),
      { toolAdapter: adapter },
    );
    expect(log.steps.map((s) => [s.id, s.status])).toEqual([
      ["c1", "success"],
      ["shared", "success"],
      ["c2", "success"],
      ["shared", "success"],
      ["after", "success"],
      ["other", "skipped"],
    ]);
    expect(record(log, "c1").output).toEqual({ n: 1 });
    expect(log.steps[3]?.output).toEqual({ n: 2 });
  });

  it("a guard-skipped branch step makes the conditional's output null", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: c, type: conditional, condition: "true", then: [a, b] }
          - { id: a, type: tool, tool: echo, inputs: { v: { type: int, value: 1 } } }
          - { id: b, type: tool, tool: echo, condition: "false" }
      `),
      { toolAdapter: echoAdapter() },
    );
    expect(record(log, "c").output).toBeNull();
    expect(record(log, "b")).toMatchObject({
      status: "skipped",
      reason: "Guard condition evaluated to false",
    });
  });

  it("an each step as the last listed branch step gives the conditional an array output", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          xs: { type: array }
        steps:
          - { id: c, type: conditional, condition: $inputs.xs.length > 0, then: [e] }
          - id: e
            type: tool
            tool: echo
            each: $inputs.xs
            inputs: { v: { type: int, value: $item } }
      `),
      { toolAdapter: echoAdapter(), inputs: { xs: [1, 2] } },
    );
    expect(record(log, "c").output).toEqual([{ v: 1 }, { v: 2 }]);
  });
});

describe("$item / $index scoping (§4.5: the innermost wins)", () => {
  it("a transform inside an each iterates its own elements", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          groups: { type: array }
        steps:
          - id: t
            type: transform
            operation: filter
            each: $inputs.groups
            where: $item > 1 && $index >= 0
            inputs: { items: { type: array, value: $item } }
            outputs: { kept: { type: array } }
      `),
      { toolAdapter: echoAdapter(), inputs: { groups: [[1, 2, 3], [0], [5, 1]] } },
    );
    expect(log.status).toBe("success");
    expect(record(log, "t")).toMatchObject({
      status: "success",
      iterations: 3,
      output: [{ kept: [2, 3] }, { kept: [] }, { kept: [5] }],
    });
  });

  it("map inside an each binds $index to the element position of the map", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          groups: { type: array }
        steps:
          - id: m
            type: transform
            operation: map
            each: $inputs.groups
            expression: { v: $item, i: $index }
            inputs: { items: { type: array, value: $item } }
      `),
      { toolAdapter: echoAdapter(), inputs: { groups: [["a", "b"], ["c"]] } },
    );
    expect(record(log, "m").output).toEqual([
      {
        items: [
          { v: "a", i: 0 },
          { v: "b", i: 1 },
        ],
      },
      { items: [{ v: "c", i: 0 }] },
    ]);
  });
});

describe("durations and names", () => {
  it("rounds step durations to whole milliseconds (§7.2)", async () => {
    const services = createTestServices();
    const adapter = new MockToolAdapter();
    adapter.register("work", (args) => {
      services.advance(Number(args.ms));
      return { output: null };
    });
    const { log, events } = await runSkill(
      skill(`
        steps:
          - { id: a, type: tool, tool: work, inputs: { ms: { type: float, value: 1.4 } } }
          - { id: b, type: tool, tool: work, inputs: { ms: { type: float, value: 1.6 } } }
      `),
      { toolAdapter: adapter, services },
    );
    expect(log.steps.map((s) => s.duration_ms)).toEqual([1, 2]);
    expect(events.filter((e) => e.type === "step_complete").map((e) => e.duration_ms)).toEqual([
      1, 2,
    ]);
    expect(Number.isInteger(log.duration_ms)).toBe(true);
    expect(log.duration_ms).toBe(3);
  });

  it("prefers a valid frontmatter name over workflowName; a non-string name is invalid", async () => {
    const a = await runSkill(skill(`steps: [{ id: a, type: tool, tool: echo }]`, "fm-name"), {
      toolAdapter: echoAdapter(),
      workflowName: "option-name",
    });
    expect(a.log.workflow).toBe("fm-name");
    const content = `---\nname: 5\ndescription: d\n---\n\`\`\`workflow\nsteps: [{ id: a, type: tool, tool: echo }]\n\`\`\`\n`;
    const b = await runSkill(content, { toolAdapter: echoAdapter(), workflowName: "option-name" });
    expect(b.log.workflow).toBe("option-name");
    expect(validateWorkflowSkill({ content }).name).toBeUndefined();
  });

  it("V19 uses the last declaration of a duplicated id for ordering (§5.2)", () => {
    const result = validateWorkflowSkill({
      content: skill(`
        steps:
          - { id: a, type: tool, tool: t }
          - id: b
            type: tool
            tool: t
            inputs: { v: { type: object, value: $steps.a.output } }
          - { id: a, type: tool, tool: t }
      `),
    });
    expect(result.errors.map((e) => [e.path, e.message])).toEqual([
      ["steps[2].id", 'Duplicate step ID "a"'],
      ["steps[1].inputs.v.value", 'Step "b" references step "a" which is not declared before it'],
    ]);
  });
});
