// Conformance: conditional steps (§3.7, §6.7, C31, C37) and exit steps (§3.8, §6.8, C32), including
// record/event ordering, exit precedence in workflow outputs and the first-key rule (§6.9).
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import { echoAdapter, json, record, runSkill, skill, trace } from "./helpers.js";

const BRANCHES = `
  inputs:
    flag: { type: boolean }
  steps:
    - id: check
      type: conditional
      condition: $inputs.flag
      then: [yes1, yes2]
      else: [no]
    - { id: yes1, type: tool, tool: echo, inputs: { v: { type: string, value: "y1" } } }
    - { id: yes2, type: tool, tool: echo, inputs: { v: { type: string, value: "y2" } } }
    - { id: no, type: tool, tool: echo, inputs: { v: { type: string, value: "n" } } }
    - id: after
      type: tool
      tool: echo
      inputs: { c: { type: object, value: $steps.check.output } }
`;

describe("conditional steps (C31, C37)", () => {
  it("runs the then list when the predicate is truthy; records and events are ordered per §6.7", async () => {
    const { log, events } = await runSkill(skill(BRANCHES), {
      toolAdapter: echoAdapter(),
      inputs: { flag: true },
    });
    expect(log.status).toBe("success");
    expect(log.steps.map((s) => [s.id, s.status, s.reason])).toEqual([
      ["check", "success", undefined],
      ["yes1", "success", undefined],
      ["yes2", "success", undefined],
      ["after", "success", undefined],
      ["no", "skipped", "Branch not selected"],
    ]);
    expect(json(record(log, "check"))).toStrictEqual({
      id: "check",
      executor: "conditional",
      status: "success",
      duration_ms: 0,
      inputs: {},
      output: { v: "y2" },
    });
    expect(record(log, "after").output).toEqual({ c: { v: "y2" } });
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_start(check)",
      "step_start(yes1)",
      "step_complete(yes1, success)",
      "step_start(yes2)",
      "step_complete(yes2, success)",
      "step_complete(check, success)",
      "step_start(after)",
      "step_complete(after, success)",
      "step_skip(no, Branch not selected)",
      "workflow_complete(success)",
    ]);
    expect(events[0]).toEqual({ type: "workflow_start", workflow: "test-skill", totalSteps: 5 });
    expect(events[1]).toEqual({ type: "step_start", stepId: "check", stepType: "conditional" });
    expect(log.summary).toMatchObject({ steps_executed: 4, steps_skipped: 1 });
  });

  it("runs the else list when the predicate is falsy", async () => {
    const { log, events } = await runSkill(skill(BRANCHES), {
      toolAdapter: echoAdapter(),
      inputs: { flag: false },
    });
    expect(log.steps.map((s) => [s.id, s.status, s.reason])).toEqual([
      ["check", "success", undefined],
      ["no", "success", undefined],
      ["after", "success", undefined],
      ["yes1", "skipped", "Branch not selected"],
      ["yes2", "skipped", "Branch not selected"],
    ]);
    expect(record(log, "check").output).toEqual({ v: "n" });
    expect(trace(events).slice(-3)).toEqual([
      "step_skip(yes1, Branch not selected)",
      "step_skip(yes2, Branch not selected)",
      "workflow_complete(success)",
    ]);
  });

  it("selects nothing without else: output null, then-steps not selected", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: c, type: conditional, condition: "0", then: [t] }
          - { id: t, type: tool, tool: echo }
          - id: after
            type: tool
            tool: echo
            inputs: { was_null: { type: boolean, value: $steps.c.output == null } }
      `),
      { toolAdapter: echoAdapter() },
    );
    expect(log.status).toBe("success");
    expect(record(log, "c")).toMatchObject({ status: "success", output: null });
    expect(record(log, "after").output).toEqual({ was_null: true });
    expect(log.steps.map((s) => s.id)).toEqual(["c", "after", "t"]);
    expect(record(log, "t")).toMatchObject({ status: "skipped", reason: "Branch not selected" });
  });

  it("uses host truthiness for the predicate ([] selects then)", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          list: { type: array }
        steps:
          - { id: c, type: conditional, condition: $inputs.list, then: [t], else: [e] }
          - { id: t, type: tool, tool: echo }
          - { id: e, type: tool, tool: echo }
      `),
      { toolAdapter: echoAdapter(), inputs: { list: [] } },
    );
    expect(record(log, "t").status).toBe("success");
    expect(record(log, "e")).toMatchObject({ status: "skipped", reason: "Branch not selected" });
  });

  it("runs branch steps declared before their conditional only through it (K20, C22)", async () => {
    const calls: string[] = [];
    const adapter = new MockToolAdapter();
    adapter.register("t", (args) => {
      calls.push(String(args.who));
      return { output: { who: args.who } };
    });
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: early, type: tool, tool: t, inputs: { who: { type: string, value: early } } }
          - { id: first, type: tool, tool: t, inputs: { who: { type: string, value: first } } }
          - { id: c, type: conditional, condition: "true", then: [early] }
          - { id: last, type: tool, tool: t, inputs: { who: { type: string, value: last } } }
      `),
      { toolAdapter: adapter },
    );
    expect(calls).toEqual(["first", "early", "last"]);
    expect(log.steps.map((s) => s.id)).toEqual(["first", "c", "early", "last"]);
  });

  it("supports nested conditionals; each conditional's output is its last listed step's output", async () => {
    const { log, events } = await runSkill(
      skill(`
        steps:
          - { id: outer, type: conditional, condition: "true", then: [inner] }
          - { id: inner, type: conditional, condition: "false", then: [x], else: [leaf] }
          - { id: x, type: tool, tool: echo }
          - { id: leaf, type: tool, tool: echo, inputs: { v: { type: int, value: 1 } } }
      `),
      { toolAdapter: echoAdapter() },
    );
    expect(log.steps.map((s) => [s.id, s.status])).toEqual([
      ["outer", "success"],
      ["inner", "success"],
      ["leaf", "success"],
      ["x", "skipped"],
    ]);
    expect(record(log, "outer").output).toEqual({ v: 1 });
    expect(record(log, "inner").output).toEqual({ v: 1 });
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_start(outer)",
      "step_start(inner)",
      "step_start(leaf)",
      "step_complete(leaf, success)",
      "step_complete(inner, success)",
      "step_complete(outer, success)",
      "step_skip(x, Branch not selected)",
      "workflow_complete(success)",
    ]);
  });

  it("runs an id each time it is listed", async () => {
    let n = 0;
    const adapter = new MockToolAdapter();
    adapter.register("count", () => ({ output: { n: ++n } }));
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: c, type: conditional, condition: "true", then: [a, a] }
          - { id: a, type: tool, tool: count }
      `),
      { toolAdapter: adapter },
    );
    expect(n).toBe(2);
    expect(log.steps.map((s) => s.id)).toEqual(["c", "a", "a"]);
    expect(record(log, "c").output).toEqual({ n: 2 });
  });

  it("a branch failure under fail halts the run; the conditional's record stays success", async () => {
    const adapter = echoAdapter();
    adapter.register("bad", () => ({ output: null, error: "nope" }));
    const { log, events } = await runSkill(
      skill(`
        steps:
          - { id: c, type: conditional, condition: "true", then: [boom, later] }
          - { id: boom, type: tool, tool: bad }
          - { id: later, type: tool, tool: echo }
          - { id: top, type: tool, tool: echo }
      `),
      { toolAdapter: adapter },
    );
    expect(log.status).toBe("failed");
    expect(log.error).toEqual({ phase: "execute", message: 'Tool "bad": nope' });
    // `later` was listed in the selected branch but never ran: as a branch step without a record,
    // skip accounting gives it "Branch not selected" (§6.9 rule order).
    expect(log.steps.map((s) => [s.id, s.status, s.reason])).toEqual([
      ["c", "success", undefined],
      ["boom", "failed", undefined],
      ["later", "skipped", "Branch not selected"],
      ["top", "skipped", "Workflow halted"],
    ]);
    // The last listed step never ran → the conditional's output is null.
    expect(record(log, "c").output).toBeNull();
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_start(c)",
      "step_start(boom)",
      "step_error(boom)",
      "step_complete(boom, failed)",
      "step_complete(c, success)",
      "step_skip(later, Branch not selected)",
      "step_skip(top, Workflow halted)",
      "workflow_complete(failed)",
    ]);
  });

  it("a branch failure under ignore continues with the rest of the branch", async () => {
    const adapter = echoAdapter();
    adapter.register("bad", () => ({ output: null, error: "nope" }));
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: c, type: conditional, condition: "true", then: [later, boom] }
          - { id: boom, type: tool, tool: bad, on_error: ignore }
          - { id: later, type: tool, tool: echo }
      `),
      { toolAdapter: adapter },
    );
    expect(log.status).toBe("success");
    expect(log.steps.map((s) => [s.id, s.status])).toEqual([
      ["c", "success"],
      ["later", "success"],
      ["boom", "failed"],
    ]);
    expect(record(log, "c").output).toBeNull();
  });
});

describe("exit steps (C32)", () => {
  it("stops immediately with its status; later steps are recorded Workflow halted", async () => {
    let calls = 0;
    const adapter = echoAdapter();
    adapter.register("spy", () => ({ output: ++calls }));
    const { log, events } = await runSkill(
      skill(`
        steps:
          - { id: a, type: tool, tool: echo, inputs: { v: { type: int, value: 1 } } }
          - id: stop
            type: exit
            condition: $steps.a.output.v == 1
            status: success
            output: { done: true }
          - { id: b, type: tool, tool: spy }
      `),
      { toolAdapter: adapter },
    );
    expect(calls).toBe(0);
    expect(log.status).toBe("success");
    expect(log).not.toHaveProperty("error");
    expect(json(record(log, "stop"))).toStrictEqual({
      id: "stop",
      executor: "exit",
      status: "success",
      duration_ms: 0,
      inputs: {},
      output: { done: true },
    });
    expect(record(log, "b")).toMatchObject({ status: "skipped", reason: "Workflow halted" });
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_start(a)",
      "step_complete(a, success)",
      "step_start(stop)",
      "step_complete(stop, success)",
      "step_skip(b, Workflow halted)",
      "workflow_complete(success)",
    ]);
  });

  it("resolves top-level string values of a mapping output with R-VALUE; nested values are literal", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          n: { type: int, default: 7 }
        steps:
          - id: x
            type: exit
            status: success
            output:
              expr: $inputs.n
              cmp: $inputs.n > 5
              esc: "$$inputs"
              plain: hello
              num: 3
              list: [1, "$inputs.n"]
              nested: { inner: $inputs.n }
      `),
    );
    expect(record(log, "x").output).toStrictEqual({
      expr: 7,
      cmp: true,
      esc: "$inputs",
      plain: "hello",
      num: 3,
      list: [1, "$inputs.n"],
      nested: { inner: "$inputs.n" },
    });
  });

  it("resolves templates in top-level string values of a mapping output (R-VALUE rule 3)", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          n: { type: int, default: 7 }
        steps:
          - id: x
            type: exit
            status: success
            output:
              tpl: "n=\${inputs.n}"
              whole: "\${inputs.n}"
      `),
    );
    expect(log.error).toBeUndefined();
    expect(record(log, "x").output).toStrictEqual({ tpl: "n=7", whole: 7 });
  });

  it.each([
    ["$inputs.n", 7],
    ['"42"', 42],
    ['"true"', true],
    ['"$inputs.n > 5"', true],
    ['"n=${inputs.n}"', "n=7"],
    ['"${inputs.n}"', 7],
    ['"$$literal"', "$literal"],
    ['""', null],
  ])("a string output %s resolves to %j [K8]", async (output, expected) => {
    const { log } = await runSkill(
      skill(`
        inputs:
          n: { type: int, default: 7 }
        steps:
          - id: x
            type: exit
            status: success
            output: ${output}
      `),
    );
    expect(log.status).toBe("success");
    expect(record(log, "x").output).toStrictEqual(expected);
  });

  it("an absent output is null", async () => {
    const { log } = await runSkill(skill(`steps: [{ id: x, type: exit, status: success }]`));
    expect(record(log, "x").output).toBeNull();
  });

  it('output: "hello" is an expression error, now caught by validation (§3.8 + §12 D2)', async () => {
    const { log, events } = await runSkill(
      skill(`
        steps:
          - id: x
            type: exit
            status: success
            output: "hello"
      `),
    );
    // Reference: step failure `Unexpected token: IDENTIFIER ("hello")`. D2: every expression is
    // parsed during validation, so the same text surfaces as a validate error at steps[0].output.
    expect(events).toEqual([]);
    expect(log.error?.phase).toBe("validate");
    expect(log.error?.message).toContain('Unexpected token: IDENTIFIER ("hello")');
    expect(log.error?.details).toEqual([
      expect.objectContaining({
        path: "steps[0].output",
        message: expect.stringContaining('Unexpected token: IDENTIFIER ("hello")'),
      }),
    ]);
  });

  it("status failed is a deliberate failed run, also from inside a branch", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: c, type: conditional, condition: "true", then: [bail, never] }
          - { id: bail, type: exit, status: failed, output: { reason: "bad input" } }
          - { id: never, type: tool, tool: echo }
          - { id: top, type: tool, tool: echo }
      `),
      { toolAdapter: echoAdapter() },
    );
    expect(log.status).toBe("failed");
    expect(log.error).toEqual({
      phase: "execute",
      message: 'Workflow exited with status failed at step "bail"',
    });
    expect(log.steps.map((s) => [s.id, s.status, s.reason])).toEqual([
      ["c", "success", undefined],
      ["bail", "success", undefined],
      ["never", "skipped", "Branch not selected"],
      ["top", "skipped", "Workflow halted"],
    ]);
  });
});

describe("workflow outputs after an exit (§6.9, C32, C38)", () => {
  it("a mapping exit output fills the declared names (absent → null) and wins over value", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          count: { type: int, value: $steps.a.output.n }
          items: { type: array }
          note: { type: string }
        steps:
          - { id: a, type: tool, tool: echo, inputs: { n: { type: int, value: 5 } } }
          - id: x
            type: exit
            status: success
            output: { count: 0, items: [], extra: "dropped" }
      `),
      { toolAdapter: echoAdapter(), typeCheck: "off" },
    );
    expect(log.status).toBe("success");
    expect(log.outputs).toStrictEqual({ count: 0, items: [], note: null });
  });

  it("with typeCheck on, outputs the exit does not provide are not type-tested (D7.5)", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          count: { type: int }
          note: { type: string }
        steps:
          - { id: x, type: exit, status: success, output: { count: 0 } }
      `),
    );
    expect(log.status).toBe("success");
    expect(log.outputs.count).toBe(0);
    // Ambiguity: §6.9 says a missing name becomes null; D7.5 says it "stays absent". Accept either.
    expect(log.outputs.note ?? null).toBeNull();
  });

  it("a non-mapping exit output sets only the first declared name", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          n: { type: int, default: 7 }
        outputs:
          first: { type: int }
          second: { type: int, value: $inputs.n }
        steps:
          - { id: x, type: exit, status: success, output: $inputs.n }
      `),
    );
    expect(log.status).toBe("success");
    expect(log.outputs).toStrictEqual({ first: 7 });
  });

  it("an exit without output sets the first declared name to null (typeCheck off)", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          a: { type: string }
          b: { type: string }
        steps:
          - { id: x, type: exit, status: success }
      `),
      { typeCheck: "off" },
    );
    expect(log.outputs).toStrictEqual({ a: null });
  });
});
