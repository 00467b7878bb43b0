// Conformance: runtime events (§7.4, C41): payloads, ordering guarantees, the §7.4 example and the
// §7.5 worked example reproduced exactly.
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import type { RunLog, RuntimeEvent } from "../../src/index.js";
import { WORKED_EXAMPLE, workedExampleAdapter } from "./fixtures.js";
import { createTestServices, echoAdapter, json, runSkill, skill, trace } from "./helpers.js";

/** The ordering guarantees of §7.4 that hold for every started run. */
function checkGuarantees(events: readonly RuntimeEvent[], log: RunLog): void {
  const completes = events.filter((e) => e.type === "workflow_complete");
  expect(completes).toHaveLength(1);
  expect(events.at(-1)?.type).toBe("workflow_complete");
  expect(events[0]?.type).toBe("workflow_start");
  const started = new Set<string>();
  events.forEach((e, i) => {
    if (e.type === "step_start") started.add(e.stepId);
    if (e.type === "step_complete") expect(started.has(e.stepId)).toBe(true);
    if (e.type === "step_error") {
      const next = events[i + 1];
      expect(next?.type).toBe("step_complete");
      expect(next?.type === "step_complete" && next.stepId).toBe(e.stepId);
      expect(next?.type === "step_complete" && next.status).toBe("failed");
    }
  });
  const last = events.at(-1);
  if (last?.type === "workflow_complete") {
    expect(last.status).toBe(log.status);
    expect(last.duration_ms).toBe(log.duration_ms);
    expect(last.summary).toEqual(log.summary);
  }
}

describe("the §7.4 example", () => {
  it("guard-skipped a, retried-then-failed b, halted c", async () => {
    const adapter = echoAdapter();
    adapter.register("bad", () => ({ output: null, error: "down" }));
    const { log, events } = await runSkill(
      skill(`
        steps:
          - { id: a, type: tool, tool: echo, condition: "false" }
          - id: b
            type: tool
            tool: bad
            on_error: fail
            retry: { max: 1, delay: 1s, backoff: 1 }
          - { id: c, type: tool, tool: echo }
      `),
      { toolAdapter: adapter },
    );
    expect(json(events)).toStrictEqual([
      { type: "workflow_start", workflow: "test-skill", totalSteps: 3 },
      { type: "step_skip", stepId: "a", reason: "Guard condition evaluated to false" },
      { type: "step_start", stepId: "b", stepType: "tool", tool: "bad" },
      { type: "step_retry", stepId: "b", attempt: 1, error: "down" },
      { type: "step_error", stepId: "b", error: 'Tool "bad": down', onError: "fail" },
      { type: "step_complete", stepId: "b", status: "failed", duration_ms: 1000 },
      { type: "step_skip", stepId: "c", reason: "Workflow halted" },
      {
        type: "workflow_complete",
        status: "failed",
        duration_ms: 1000,
        summary: { steps_executed: 1, steps_skipped: 2, total_duration_ms: 1000 },
      },
    ]);
    checkGuarantees(events, log);
  });
});

describe("the §7.5 worked example", () => {
  it("reproduces the documented run log and event sequence", async () => {
    const { log, events } = await runSkill(WORKED_EXAMPLE, {
      toolAdapter: workedExampleAdapter(),
    });
    const a = { name: "a", score: 3 };
    const b = { name: "b", score: 9 };
    const c = { name: "c", score: 6 };
    expect(log.workflow).toBe("top-items");
    expect(log.status).toBe("success");
    expect(log.inputs).toStrictEqual({ min_score: 5 });
    expect(log.summary).toMatchObject({ steps_executed: 4, steps_skipped: 1 });
    expect(json(log.steps)).toStrictEqual([
      {
        id: "fetch",
        executor: "tool",
        status: "success",
        duration_ms: 0,
        inputs: {},
        output: { items: [a, b, c] },
      },
      {
        id: "keep",
        executor: "transform",
        status: "success",
        duration_ms: 0,
        inputs: { items: [a, b, c] },
        output: { items: [b, c] },
      },
      {
        id: "rank",
        executor: "transform",
        status: "success",
        duration_ms: 0,
        inputs: { items: [b, c] },
        output: { items: [b, c] },
      },
      {
        id: "stop_if_empty",
        executor: "exit",
        status: "skipped",
        reason: "Guard condition evaluated to false",
        duration_ms: 0,
      },
      {
        id: "notify",
        executor: "tool",
        status: "failed",
        duration_ms: 0,
        inputs: { text: "Top: b" },
        error: 'Tool "notify": channel unavailable',
      },
    ]);
    expect(log.outputs).toStrictEqual({ count: 2, items: [b, c] });
    expect(log).not.toHaveProperty("error");
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_start(fetch)",
      "step_complete(fetch, success)",
      "step_start(keep)",
      "step_complete(keep, success)",
      "step_start(rank)",
      "step_complete(rank, success)",
      "step_skip(stop_if_empty, Guard condition evaluated to false)",
      "step_start(notify)",
      "step_error(notify)",
      "step_complete(notify, failed)",
      "workflow_complete(success)",
    ]);
    expect(json(events.filter((e) => e.type === "step_start"))).toStrictEqual([
      { type: "step_start", stepId: "fetch", stepType: "tool", tool: "list_items" },
      { type: "step_start", stepId: "keep", stepType: "transform" },
      { type: "step_start", stepId: "rank", stepType: "transform" },
      { type: "step_start", stepId: "notify", stepType: "tool", tool: "notify" },
    ]);
    expect(events.find((e) => e.type === "step_error")).toEqual({
      type: "step_error",
      stepId: "notify",
      error: 'Tool "notify": channel unavailable',
      onError: "ignore",
    });
    checkGuarantees(events, log);
  });

  it("takes the early exit when nothing passes the filter", async () => {
    const { log, events } = await runSkill(WORKED_EXAMPLE, {
      toolAdapter: workedExampleAdapter(),
      inputs: { min_score: 10 },
    });
    expect(log.status).toBe("success");
    expect(log.outputs).toStrictEqual({ count: 0, items: [] });
    expect(log.steps.map((s) => [s.id, s.status, s.reason])).toEqual([
      ["fetch", "success", undefined],
      ["keep", "success", undefined],
      ["rank", "success", undefined],
      ["stop_if_empty", "success", undefined],
      ["notify", "skipped", "Workflow halted"],
    ]);
    checkGuarantees(events, log);
  });
});

describe("event payloads", () => {
  it("carries description on step_start and step_skip (also during skip accounting); tool only for tools", async () => {
    const adapter = echoAdapter();
    adapter.register("bad", () => ({ output: null, error: "x" }));
    const { events } = await runSkill(
      skill(`
        steps:
          - { id: g, type: tool, tool: echo, condition: "false", description: "guarded" }
          - id: t
            type: transform
            operation: sort
            field: x
            description: "sorts"
          - { id: f, type: tool, tool: bad, description: "fails" }
          - { id: h, type: tool, tool: echo, description: "halted" }
          - { id: n, type: tool, tool: echo }
      `),
      { toolAdapter: adapter },
    );
    expect(
      json(events.filter((e) => e.type === "step_start" || e.type === "step_skip")),
    ).toStrictEqual([
      {
        type: "step_skip",
        stepId: "g",
        reason: "Guard condition evaluated to false",
        description: "guarded",
      },
      { type: "step_start", stepId: "t", stepType: "transform", description: "sorts" },
      { type: "step_start", stepId: "f", stepType: "tool", tool: "bad", description: "fails" },
      { type: "step_skip", stepId: "h", reason: "Workflow halted", description: "halted" },
      { type: "step_skip", stepId: "n", reason: "Workflow halted" },
    ]);
  });

  it("counts branch steps in totalSteps and emits synchronously, before the tool is invoked", async () => {
    const order: string[] = [];
    const adapter = new MockToolAdapter();
    adapter.register("t", () => {
      order.push("invoke");
      return { output: null };
    });
    const { events } = await runSkill(
      skill(`
        steps:
          - { id: c, type: conditional, condition: "true", then: [x], else: [y] }
          - { id: x, type: tool, tool: t }
          - { id: y, type: tool, tool: t }
      `),
      { toolAdapter: adapter, onEvent: (e) => order.push(e.type) },
    );
    expect(events[0]).toEqual({ type: "workflow_start", workflow: "test-skill", totalSteps: 3 });
    expect(order).toEqual([
      "workflow_start",
      "step_start",
      "step_start",
      "invoke",
      "step_complete",
      "step_complete",
      "step_skip",
      "workflow_complete",
    ]);
  });

  it("reports iterations on step_complete only for each steps whose array resolved", async () => {
    const { events, log } = await runSkill(
      skill(`
        inputs:
          xs: { type: array }
        steps:
          - { id: e, type: tool, tool: echo, each: $inputs.xs }
          - { id: p, type: tool, tool: echo }
      `),
      { toolAdapter: echoAdapter(), inputs: { xs: [1, 2] } },
    );
    expect(json(events.filter((e) => e.type === "step_complete"))).toStrictEqual([
      { type: "step_complete", stepId: "e", status: "success", duration_ms: 0, iterations: 2 },
      { type: "step_complete", stepId: "p", status: "success", duration_ms: 0 },
    ]);
    checkGuarantees(events, log);
  });

  it("emits workflow_complete exactly once for every started run, none for pre-execution failures", async () => {
    const adapter = echoAdapter();
    adapter.register("bad", () => ({ output: null, error: "x" }));
    const docs = [
      `steps: [{ id: a, type: tool, tool: echo }]`,
      `steps: [{ id: a, type: tool, tool: bad }, { id: b, type: tool, tool: echo }]`,
      `steps: [{ id: a, type: exit, status: failed }, { id: b, type: tool, tool: echo }]`,
      `steps: [{ id: a, type: conditional, condition: "true", then: [b] }, { id: b, type: exit, status: success }]`,
    ];
    for (const doc of docs) {
      const { events, log } = await runSkill(skill(doc), { toolAdapter: adapter });
      checkGuarantees(events, log);
    }
    const invalid = await runSkill(skill(`steps: [{ id: a, type: tool, tool: missing }]`), {
      toolAdapter: adapter,
    });
    expect(invalid.events).toEqual([]);
  });

  it("timestamps events with the virtual clock consistently with the log", async () => {
    const services = createTestServices();
    const adapter = new MockToolAdapter();
    adapter.register("work", () => {
      services.advance(42);
      return { output: null };
    });
    const { events, log } = await runSkill(skill(`steps: [{ id: a, type: tool, tool: work }]`), {
      toolAdapter: adapter,
      services,
    });
    expect(events.find((e) => e.type === "step_complete")).toMatchObject({ duration_ms: 42 });
    expect(log.duration_ms).toBe(42);
    checkGuarantees(events, log);
  });
});
