// Conformance: document location (§1.3), workflow names (§1.6), ordering (C22), guards (C23),
// tool arguments (C24), summary and timing (C39), run error (C40), pre-execution logs (§7.3, C10).
import { describe, expect, it } from "vitest";
import { MockToolAdapter, parseWorkflowFromMd } from "../../src/index.js";
import {
  createTestServices,
  dedent,
  echoAdapter,
  eventsOf,
  json,
  record,
  runDefinition,
  runSkill,
  skill,
  trace,
} from "./helpers.js";

const NO_BLOCK =
  "No ```workflow fenced code block found in SKILL.md. WorkflowSkill definitions must be wrapped in a ```workflow block.";

const ONE_STEP = dedent(`
  outputs:
    said: { type: string, value: $steps.hello.output.text }
  steps:
    - id: hello
      type: tool
      tool: echo
      inputs:
        text: { type: string, value: "hi" }
`);

describe("§1.3 locating the workflow (C1, C2)", () => {
  it("accepts SKILL.md with frontmatter and a fenced workflow block", async () => {
    const { log } = await runSkill(skill(ONE_STEP, "greeter"), { toolAdapter: echoAdapter() });
    expect(log.status).toBe("success");
    expect(log.workflow).toBe("greeter");
    expect(log.outputs).toEqual({ said: "hi" });
  });

  it("accepts a fenced block without frontmatter (name falls back to inline / workflowName)", async () => {
    const content = `# Title\n\nProse.\n\n\`\`\`workflow\n${ONE_STEP}\n\`\`\`\n\nMore prose.\n`;
    const a = await runSkill(content, { toolAdapter: echoAdapter() });
    expect(a.log.status).toBe("success");
    expect(a.log.workflow).toBe("inline");
    const b = await runSkill(content, { toolAdapter: echoAdapter(), workflowName: "fallback" });
    expect(b.log.workflow).toBe("fallback");
    expect(b.log.outputs).toEqual({ said: "hi" });
  });

  it("accepts bare workflow YAML [K1]", async () => {
    const { log } = await runSkill(ONE_STEP, { toolAdapter: echoAdapter() });
    expect(log.status).toBe("success");
    expect(log.workflow).toBe("inline");
    expect(log.outputs).toEqual({ said: "hi" });
  });

  it("accepts bare workflow YAML after valid frontmatter, named by the frontmatter", async () => {
    const content = `---\nname: bare-with-fm\ndescription: d\n---\n${ONE_STEP}\n`;
    const { log } = await runSkill(content, { toolAdapter: echoAdapter() });
    expect(log.status).toBe("success");
    expect(log.workflow).toBe("bare-with-fm");
  });

  it("normalises CRLF line endings", async () => {
    const content = skill(ONE_STEP, "crlf").replace(/\n/g, "\r\n");
    const { log } = await runSkill(content, { toolAdapter: echoAdapter() });
    expect(log.status).toBe("success");
    expect(log.workflow).toBe("crlf");
    expect(log.outputs).toEqual({ said: "hi" });
  });

  it("uses only the first workflow block; leading blank lines in the block are insignificant", async () => {
    const first = ONE_STEP;
    const second = ONE_STEP.replace("id: hello", "id: other");
    const content = `---\nname: two\ndescription: d\n---\n\n\`\`\`workflow\n\n\n${first}\n\`\`\`\n\n\`\`\`workflow\n${second}\n\`\`\`\n`;
    const { log } = await runSkill(content, { toolAdapter: echoAdapter() });
    expect(log.status).toBe("success");
    expect(log.steps.map((s) => s.id)).toEqual(["hello"]);
  });

  it("ignores other fenced blocks and does not match other info strings", async () => {
    const content = `# T\n\n\`\`\`yaml\nsteps: [oops]\n\`\`\`\n\n\`\`\`workflow\n${ONE_STEP}\n\`\`\`\n`;
    const { log } = await runSkill(content, { toolAdapter: echoAdapter() });
    expect(log.status).toBe("success");

    const wrongInfo = `# T\n\n\`\`\`workflow yaml\n${ONE_STEP}\n\`\`\`\n`;
    const bad = await runSkill(wrongInfo, { toolAdapter: echoAdapter() });
    expect(bad.log.status).toBe("failed");
    expect(bad.log.error).toMatchObject({ phase: "parse", message: NO_BLOCK });
  });

  it("leading whitespace before the first --- means no frontmatter", async () => {
    const { log } = await runSkill(`\n${skill(ONE_STEP, "ignored-name")}`, {
      toolAdapter: echoAdapter(),
    });
    expect(log.status).toBe("success");
    expect(log.workflow).toBe("inline");
  });

  it.each([[""], ["   \n\t  \n"]])(
    "empty content %j → parse failure Content is empty",
    async (c) => {
      const { log, events } = await runSkill(c);
      expect(log.status).toBe("failed");
      expect(log.error).toEqual({ phase: "parse", message: "Content is empty" });
      expect(events).toEqual([]);
    },
  );

  it.each([
    ["prose only", "# Just prose\n\nNothing to run here.\n"],
    ["a mapping without workflow keys", "foo: 1\nbar: two\n"],
    ["an empty workflow block", "```workflow\n```\n"],
  ])("%s → the no-block message", async (_label, content) => {
    const { log, events } = await runSkill(content);
    expect(log.status).toBe("failed");
    expect(log.error).toMatchObject({ phase: "parse", message: NO_BLOCK });
    expect(events).toEqual([]);
  });
});

describe("§1.6 workflow names (C3)", () => {
  it("invalid frontmatter does not fail parsing; the run is named by workflowName or inline", async () => {
    const noDescription = `---\nname: only-name\n---\n\n\`\`\`workflow\n${ONE_STEP}\n\`\`\`\n`;
    const a = await runSkill(noDescription, { toolAdapter: echoAdapter() });
    expect(a.log.status).toBe("success");
    expect(a.log.workflow).toBe("inline");

    const brokenYaml = `---\nname: [unclosed\n---\n\n\`\`\`workflow\n${ONE_STEP}\n\`\`\`\n`;
    const b = await runSkill(brokenYaml, { toolAdapter: echoAdapter(), workflowName: "wn" });
    expect(b.log.status).toBe("success");
    expect(b.log.workflow).toBe("wn");
  });

  it("a parse failure is named by workflowName or inline even with valid frontmatter", async () => {
    const content = skill("steps: []", "has-a-name");
    const a = await runSkill(content);
    expect(a.log.error?.phase).toBe("parse");
    expect(a.log.workflow).toBe("inline");
    const b = await runSkill(content, { workflowName: "wn" });
    expect(b.log.workflow).toBe("wn");
  });

  it("a validation failure keeps the frontmatter name", async () => {
    const content = skill(
      `
      steps:
        - { id: a, type: tool, tool: echo }
        - { id: a, type: tool, tool: echo }
      `,
      "dup",
    );
    const { log } = await runSkill(content, { toolAdapter: echoAdapter() });
    expect(log.error?.phase).toBe("validate");
    expect(log.workflow).toBe("dup");
  });

  it("runWorkflow is named by workflowName or unnamed", async () => {
    const wf = parseWorkflowFromMd(skill(ONE_STEP, "ignored"));
    const a = await runDefinition(wf, { toolAdapter: echoAdapter() });
    expect(a.log.workflow).toBe("unnamed");
    expect(a.log.status).toBe("success");
    const b = await runDefinition(wf, { toolAdapter: echoAdapter(), workflowName: "given" });
    expect(b.log.workflow).toBe("given");
    expect(eventsOf(b.events, "workflow_start")[0]?.workflow).toBe("given");
  });
});

describe("§7.3 pre-execution failed logs (C10, C40)", () => {
  it("a validation failure yields the validate-phase log: joined message, details, no events", async () => {
    const content = skill(
      `
      inputs:
        q: { type: string, default: "x" }
      steps:
        - id: a
          type: tool
          tool: echo
          delay: 1s
        - id: a
          type: tool
          tool: echo
      `,
      "broken",
    );
    const services = createTestServices();
    const { log, events } = await runSkill(content, {
      toolAdapter: echoAdapter(),
      inputs: { q: "given" },
      services,
    });
    expect(events).toEqual([]);
    expect(log.status).toBe("failed");
    expect(log.workflow).toBe("broken");
    // V14 for all steps first, then V15–V24 step by step (§5.2).
    expect(log.error?.phase).toBe("validate");
    expect(log.error?.message).toBe(
      'Workflow validation failed: Duplicate step ID "a"; "delay" requires "each" to be present',
    );
    expect(log.error?.details).toMatchObject([
      { path: "steps[1].id", message: 'Duplicate step ID "a"' },
      { path: "steps[0].delay", message: '"delay" requires "each" to be present' },
    ]);
    expect(log.inputs).toEqual({});
    expect(log.steps).toEqual([]);
    expect(log.outputs).toEqual({});
    expect(log.summary).toEqual({
      steps_executed: 0,
      steps_skipped: 0,
      total_duration_ms: log.duration_ms,
    });
    expect(typeof log.id).toBe("string");
    expect(log.id.length).toBeGreaterThan(0);
    expect(log.started_at).toBe("2026-01-01T00:00:00.000Z");
    expect(log.completed_at).toBe("2026-01-01T00:00:00.000Z");
    expect(log.duration_ms).toBe(0);
  });

  it("a parse failure yields the parse-phase log without details when there are none", async () => {
    const { log } = await runSkill("", { inputs: { a: 1 } });
    expect(json(log)).toEqual({
      id: log.id,
      workflow: "inline",
      status: "failed",
      summary: { steps_executed: 0, steps_skipped: 0, total_duration_ms: 0 },
      started_at: "2026-01-01T00:00:00.000Z",
      completed_at: "2026-01-01T00:00:00.000Z",
      duration_ms: 0,
      inputs: {},
      steps: [],
      outputs: {},
      error: { phase: "parse", message: "Content is empty" },
    });
    expect(log.error).not.toHaveProperty("details");
  });

  it("runWorkflow validates too: unregistered tools fail in phase validate (V18)", async () => {
    const wf = parseWorkflowFromMd(skill(ONE_STEP));
    const { log, events } = await runDefinition(wf, { toolAdapter: new MockToolAdapter() });
    expect(events).toEqual([]);
    expect(log.error).toMatchObject({
      phase: "validate",
      message: 'Workflow validation failed: Tool "echo" is not registered',
      details: [{ path: "steps[0].tool", message: 'Tool "echo" is not registered' }],
    });
  });
});

describe("execution order, guards, tool arguments (C22–C24)", () => {
  it("runs steps one at a time in declaration order", async () => {
    const calls: string[] = [];
    const adapter = new MockToolAdapter();
    adapter.register("t", async (args) => {
      calls.push(`start ${String(args.n)}`);
      await Promise.resolve();
      calls.push(`end ${String(args.n)}`);
      return { output: args.n };
    });
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: s1, type: tool, tool: t, inputs: { n: { type: int, value: 1 } } }
          - { id: s2, type: tool, tool: t, inputs: { n: { type: int, value: 2 } } }
          - { id: s3, type: tool, tool: t, inputs: { n: { type: int, value: 3 } } }
      `),
      { toolAdapter: adapter },
    );
    expect(log.status).toBe("success");
    expect(calls).toEqual(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
    expect(log.steps.map((s) => s.id)).toEqual(["s1", "s2", "s3"]);
  });

  it("a false guard skips the step: reason, null output, step_skip event (C23)", async () => {
    const adapter = echoAdapter();
    const { log, events } = await runSkill(
      skill(`
        steps:
          - id: a
            type: tool
            tool: echo
            description: Skipped because the guard is false.
            condition: "false"
            inputs: { x: { type: int, value: 1 } }
          - id: b
            type: tool
            tool: echo
            condition: $steps.a.output == null
            inputs: { saw: { type: boolean, value: $steps.a.output == null } }
          - id: c
            type: tool
            tool: echo
            # absent (a.output.x) is not null (§3.9, §4.7)
            condition: $steps.a.output.x == null
      `),
      { toolAdapter: adapter },
    );
    expect(log.status).toBe("success");
    expect(json(record(log, "a"))).toStrictEqual({
      id: "a",
      executor: "tool",
      status: "skipped",
      reason: "Guard condition evaluated to false",
      duration_ms: 0,
    });
    expect(record(log, "b")).toMatchObject({ status: "success", output: { saw: true } });
    expect(record(log, "c")).toMatchObject({
      status: "skipped",
      reason: "Guard condition evaluated to false",
    });
    expect(eventsOf(events, "step_skip")[0]).toEqual({
      type: "step_skip",
      stepId: "a",
      reason: "Guard condition evaluated to false",
      description: "Skipped because the guard is false.",
    });
    // No step_start / step_complete for a guard-skipped step.
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_skip(a, Guard condition evaluated to false)",
      "step_start(b)",
      "step_complete(b, success)",
      "step_skip(c, Guard condition evaluated to false)",
      "workflow_complete(success)",
    ]);
    expect(log.summary).toMatchObject({ steps_executed: 1, steps_skipped: 2 });
  });

  it("guards use host truthiness: [] runs, 0 / empty string skip (§4.8)", async () => {
    const adapter = echoAdapter();
    adapter.register("src", () => ({ output: { list: [], zero: 0, text: "" } }));
    const real = await runSkill(
      skill(`
        steps:
          - id: src
            type: tool
            tool: src
          - id: empty_list
            type: tool
            tool: echo
            condition: $steps.src.output.list
          - id: zero
            type: tool
            tool: echo
            condition: $steps.src.output.zero
          - id: empty_string
            type: tool
            tool: echo
            condition: $steps.src.output.text
      `),
      { toolAdapter: adapter },
    );
    expect(real.log.steps.map((s) => [s.id, s.status])).toEqual([
      ["src", "success"],
      ["empty_list", "success"],
      ["zero", "skipped"],
      ["empty_string", "skipped"],
    ]);
  });

  it("passes resolved inputs as args and records them; inputs without value are omitted (C24)", async () => {
    const seen: Record<string, unknown>[] = [];
    const adapter = new MockToolAdapter();
    adapter.register("t", (args) => {
      seen.push(args);
      return { output: { ok: true } };
    });
    const { log } = await runSkill(
      skill(`
        inputs:
          q: { type: string, default: "laptops" }
        steps:
          - id: s
            type: tool
            tool: t
            inputs:
              query: { type: string, value: $inputs.q }
              limit: { type: int, value: 10 }
              note: { type: string }
      `),
      { toolAdapter: adapter },
    );
    expect(log.status).toBe("success");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toStrictEqual({ query: "laptops", limit: 10 });
    expect(record(log, "s").inputs).toStrictEqual({ query: "laptops", limit: 10 });
    expect(record(log, "s").output).toEqual({ ok: true });
  });

  it("records inputs even for exit and conditional steps (§3.3)", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - id: c
            type: conditional
            condition: "true"
            inputs: { a: { type: int, value: 1 } }
            then: [x]
          - id: x
            type: exit
            status: success
            inputs: { b: { type: string, value: "two" } }
      `),
    );
    expect(record(log, "c").inputs).toEqual({ a: 1 });
    expect(record(log, "x").inputs).toEqual({ b: "two" });
  });
});

describe("summary, timestamps, durations (C39) and the run error (C40)", () => {
  it("reports exact virtual-clock timestamps and whole-millisecond durations", async () => {
    const services = createTestServices({ start: Date.UTC(2030, 5, 15, 12, 0, 0, 123) });
    const adapter = new MockToolAdapter();
    adapter.register("work", (args) => {
      services.advance(Number(args.ms));
      return { output: null };
    });
    const { log, events } = await runSkill(
      skill(`
        steps:
          - { id: a, type: tool, tool: work, inputs: { ms: { type: int, value: 1500 } } }
          - { id: b, type: tool, tool: work, inputs: { ms: { type: int, value: 250 } } }
          - { id: c, type: tool, tool: work, condition: "false" }
      `),
      { toolAdapter: adapter, services },
    );
    expect(log.started_at).toBe("2030-06-15T12:00:00.123Z");
    expect(log.completed_at).toBe("2030-06-15T12:00:01.873Z");
    expect(log.duration_ms).toBe(1750);
    expect(log.summary).toEqual({ steps_executed: 2, steps_skipped: 1, total_duration_ms: 1750 });
    expect(log.steps.map((s) => s.duration_ms)).toEqual([1500, 250, 0]);
    expect(eventsOf(events, "step_complete").map((e) => [e.stepId, e.duration_ms])).toEqual([
      ["a", 1500],
      ["b", 250],
    ]);
    expect(eventsOf(events, "workflow_complete")[0]).toEqual({
      type: "workflow_complete",
      status: "success",
      duration_ms: 1750,
      summary: log.summary,
    });
  });

  it("counts failed steps as executed and halted steps as skipped", async () => {
    const adapter = echoAdapter();
    adapter.register("bad", () => ({ output: null, error: "boom" }));
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: a, type: tool, tool: echo }
          - { id: b, type: tool, tool: bad, on_error: ignore }
          - { id: c, type: tool, tool: echo, condition: "false" }
          - { id: d, type: tool, tool: bad }
          - { id: e, type: tool, tool: echo }
          - { id: f, type: tool, tool: echo }
      `),
      { toolAdapter: adapter },
    );
    expect(log.status).toBe("failed");
    expect(log.summary).toMatchObject({ steps_executed: 3, steps_skipped: 3 });
    expect(log.steps.map((s) => [s.id, s.status, s.reason])).toEqual([
      ["a", "success", undefined],
      ["b", "failed", undefined],
      ["c", "skipped", "Guard condition evaluated to false"],
      ["d", "failed", undefined],
      ["e", "skipped", "Workflow halted"],
      ["f", "skipped", "Workflow halted"],
    ]);
    expect(log.error).toEqual({ phase: "execute", message: 'Tool "bad": boom' });
    for (const id of ["e", "f"]) {
      expect(json(record(log, id))).toStrictEqual({
        id,
        executor: "tool",
        status: "skipped",
        reason: "Workflow halted",
        duration_ms: 0,
      });
    }
  });

  it("has no error on success, even when ignored steps failed [K2]", async () => {
    const adapter = echoAdapter();
    adapter.register("bad", () => ({ output: null, error: "boom" }));
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: a, type: tool, tool: bad, on_error: ignore }
          - { id: b, type: tool, tool: echo }
      `),
      { toolAdapter: adapter },
    );
    expect(log.status).toBe("success");
    expect(log).not.toHaveProperty("error");
    expect(record(log, "a")).toMatchObject({ status: "failed", error: 'Tool "bad": boom' });
    expect(record(log, "a")).not.toHaveProperty("output");
  });

  it("an exit with status failed sets the exit error message [K2]", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: stop, type: exit, status: failed }
          - { id: after, type: tool, tool: echo }
      `),
      { toolAdapter: echoAdapter() },
    );
    expect(log.status).toBe("failed");
    expect(log.error).toEqual({
      phase: "execute",
      message: 'Workflow exited with status failed at step "stop"',
    });
    expect(record(log, "stop")).toMatchObject({ status: "success" });
    expect(record(log, "after")).toMatchObject({ status: "skipped", reason: "Workflow halted" });
  });
});
