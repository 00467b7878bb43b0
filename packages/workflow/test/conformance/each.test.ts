// Conformance: `each` iteration (§6.4, C33–C35), concurrency (§10.2, C48), fail-fast under
// on_error: fail (§12 D4, D7.8), per-iteration retries (§6.5) and each_progress events (§7.4).
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import type { ToolInvocationContext } from "../../src/index.js";
import {
  createTestServices,
  echoAdapter,
  eventsOf,
  json,
  record,
  runSkill,
  skill,
  trace,
} from "./helpers.js";
import type { TestServices } from "./helpers.js";

/** Tool `work`: takes `ms` of virtual time, fails when `fail` is true; tracks starts and in-flight calls. */
function worker(services: TestServices) {
  const t0 = services.time;
  const starts: [number, number][] = [];
  const ends: [number, number][] = [];
  const contexts: ToolInvocationContext[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const adapter = new MockToolAdapter();
  adapter.register("work", async (args, ctx) => {
    const i = Number(args.i);
    if (ctx) contexts.push(ctx);
    starts.push([i, services.time - t0]);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await services.sleep(Number(args.ms ?? 0));
    } finally {
      inFlight--;
    }
    ends.push([i, services.time - t0]);
    return args.fail === true
      ? { output: null, error: `bad ${i}` }
      : { output: { i, done: services.time - t0 } };
  });
  return {
    adapter,
    starts,
    ends,
    contexts,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

/** A workflow whose step `s` iterates `work` over `$inputs.jobs` ({ ms, fail? } objects). */
const workDoc = (extra = "") =>
  skill(`
    inputs:
      jobs: { type: array }
    steps:
      - id: s
        type: tool
        tool: work
        each: $inputs.jobs
        ${extra}
        inputs:
          i: { type: int, value: $index }
          ms: { type: int, value: $item.ms }
          fail: { type: boolean, value: $item.fail ?? false }
  `);

const jobs = (ms: number[], failing: number[] = []) =>
  ms.map((m, i) => (failing.includes(i) ? { ms: m, fail: true } : { ms: m }));

describe("each basics (C33)", () => {
  it("resolves inputs per element with $item/$index and maps outputs per iteration", async () => {
    const calls: Record<string, unknown>[] = [];
    const contexts: (ToolInvocationContext | undefined)[] = [];
    const adapter = new MockToolAdapter();
    adapter.register("greet", (args, ctx) => {
      calls.push(args);
      contexts.push(ctx);
      return { output: { text: `hello ${String(args.name)}` } };
    });
    const { log, events } = await runSkill(
      skill(`
        inputs:
          names: { type: array }
        steps:
          - id: greet
            type: tool
            tool: greet
            each: $inputs.names
            inputs:
              name: { type: string, value: $item }
              pos: { type: int, value: $index }
              label: { type: string, value: "#\${index}: \${item}" }
            outputs:
              text: { type: string, value: $result.text }
              at: { type: int, value: $index }
              who: { type: string, value: $item }
      `),
      { toolAdapter: adapter, inputs: { names: ["a", "b", "c"] } },
    );
    expect(log.status).toBe("success");
    expect(calls).toStrictEqual([
      { name: "a", pos: 0, label: "#0: a" },
      { name: "b", pos: 1, label: "#1: b" },
      { name: "c", pos: 2, label: "#2: c" },
    ]);
    expect(contexts.map((c) => [c?.stepId, c?.iteration, c?.attempt, c?.runId])).toEqual([
      ["greet", 0, 1, log.id],
      ["greet", 1, 1, log.id],
      ["greet", 2, 1, log.id],
    ]);
    const rec = record(log, "greet");
    expect(rec.output).toStrictEqual([
      { text: "hello a", at: 0, who: "a" },
      { text: "hello b", at: 1, who: "b" },
      { text: "hello c", at: 2, who: "c" },
    ]);
    expect(rec.iterations).toBe(3);
    // Base resolution without $item/$index (absent; templates render them as "").
    expect(rec.inputs?.label).toBe("#: ");
    expect(rec.inputs?.name).toBeUndefined();
    expect(rec.inputs?.pos).toBeUndefined();
    expect(eventsOf(events, "each_progress")).toEqual([
      { type: "each_progress", stepId: "greet", current: 1, total: 3 },
      { type: "each_progress", stepId: "greet", current: 2, total: 3 },
      { type: "each_progress", stepId: "greet", current: 3, total: 3 },
    ]);
    expect(eventsOf(events, "step_complete")).toEqual([
      { type: "step_complete", stepId: "greet", status: "success", duration_ms: 0, iterations: 3 },
    ]);
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_start(greet)",
      "each_progress(greet, 1/3)",
      "each_progress(greet, 2/3)",
      "each_progress(greet, 3/3)",
      "step_complete(greet, success)",
      "workflow_complete(success)",
    ]);
  });

  it("under on_error: ignore runs every element; failed ones are null; highest-index error wins", async () => {
    const services = createTestServices();
    const w = worker(services);
    w.adapter.register("echo", (args) => ({ output: args }));
    const { log, events } = await runSkill(
      skill(`
        inputs:
          jobs: { type: array }
        steps:
          - id: s
            type: tool
            tool: work
            each: $inputs.jobs
            on_error: ignore
            inputs:
              i: { type: int, value: $index }
              ms: { type: int, value: $item.ms }
              fail: { type: boolean, value: $item.fail ?? false }
            outputs:
              i: { type: int, value: $result.i }
          - id: next
            type: tool
            tool: echo
            inputs:
              seen: { type: array, value: $steps.s.output }
      `),
      { toolAdapter: w.adapter, services, inputs: { jobs: jobs([1, 1, 1, 1, 1], [1, 3]) } },
    );
    expect(log.status).toBe("success");
    expect(w.starts.map(([i]) => i)).toEqual([0, 1, 2, 3, 4]);
    const expectedOutput = [{ i: 0 }, null, { i: 2 }, null, { i: 4 }];
    expect(json(record(log, "s"))).toStrictEqual({
      id: "s",
      executor: "tool",
      status: "failed",
      duration_ms: 5,
      inputs: { fail: false },
      output: expectedOutput,
      iterations: 5,
      error: 'Tool "work": bad 3',
    });
    expect(record(log, "next").output).toEqual({ seen: expectedOutput });
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_start(s)",
      "each_progress(s, 1/5)",
      "each_progress(s, 2/5)",
      "each_progress(s, 3/5)",
      "each_progress(s, 4/5)",
      "each_progress(s, 5/5)",
      "step_error(s)",
      "step_complete(s, failed)",
      "step_start(next)",
      "step_complete(next, success)",
      "workflow_complete(success)",
    ]);
    expect(eventsOf(events, "step_error")).toEqual([
      { type: "step_error", stepId: "s", error: 'Tool "work": bad 3', onError: "ignore" },
    ]);
    expect(eventsOf(events, "step_complete")[0]).toEqual({
      type: "step_complete",
      stepId: "s",
      status: "failed",
      duration_ms: 5,
      iterations: 5,
    });
  });

  it("under on_error: fail no new iteration starts after a failure (D4, D7.8)", async () => {
    const services = createTestServices();
    const w = worker(services);
    const { log, events } = await runSkill(workDoc("on_error: fail"), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: jobs([10, 10, 10, 10], [1]) },
    });
    expect(w.starts.map(([i]) => i)).toEqual([0, 1]);
    expect(log.status).toBe("failed");
    expect(log.error).toEqual({ phase: "execute", message: 'Tool "work": bad 1' });
    expect(record(log, "s")).toMatchObject({
      status: "failed",
      output: [{ i: 0, done: 10 }, null, null, null],
      iterations: 4,
      error: 'Tool "work": bad 1',
    });
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_start(s)",
      "each_progress(s, 1/4)",
      "each_progress(s, 2/4)",
      "step_error(s)",
      "step_complete(s, failed)",
      "workflow_complete(failed)",
    ]);
  });

  it("an empty array yields zero iterations, output [], success and no each_progress", async () => {
    const services = createTestServices();
    const w = worker(services);
    const { log, events } = await runSkill(workDoc(), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: [] },
    });
    expect(log.status).toBe("success");
    expect(w.starts).toEqual([]);
    expect(record(log, "s")).toMatchObject({ status: "success", output: [], iterations: 0 });
    expect(eventsOf(events, "each_progress")).toEqual([]);
    expect(eventsOf(events, "step_complete")[0]).toMatchObject({ iterations: 0 });
  });

  it("$item/$index inside the guard of an each step is a validate error (D7.9)", async () => {
    const services = createTestServices();
    const w = worker(services);
    const { log } = await runSkill(workDoc('condition: "$item != null"'), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: [] },
    });
    expect(log.error?.phase).toBe("validate");
    expect(log.error?.details).toEqual([expect.objectContaining({ path: "steps[0].condition" })]);
  });

  it("a false guard skips the whole step before evaluating each", async () => {
    const services = createTestServices();
    const w = worker(services);
    const { log, events } = await runSkill(workDoc('condition: "false"'), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: jobs([1, 1]) },
    });
    expect(w.starts).toEqual([]);
    expect(json(record(log, "s"))).toStrictEqual({
      id: "s",
      executor: "tool",
      status: "skipped",
      reason: "Guard condition evaluated to false",
      duration_ms: 0,
    });
    expect(eventsOf(events, "each_progress")).toEqual([]);
  });

  it("tests each iteration's mapped output against its declared type (D1)", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("t", (args) => ({ output: { n: args.v } }));
    const { log } = await runSkill(
      skill(`
        inputs:
          vals: { type: array }
        steps:
          - id: s
            type: tool
            tool: t
            each: $inputs.vals
            on_error: ignore
            retry: { max: 2, delay: 1s, backoff: 1 }
            inputs: { v: { type: int, value: $item } }
            outputs: { n: { type: int, value: $result.n } }
      `),
      { toolAdapter: adapter, inputs: { vals: [1, "two", 3] } },
    );
    expect(record(log, "s")).toMatchObject({
      status: "failed",
      output: [{ n: 1 }, null, { n: 3 }],
      error: 'Output "n" of step "s" must be int, got string',
    });
    expect(record(log, "s")).not.toHaveProperty("retries");
  });
});

describe("each over a non-array (C34)", () => {
  it.each([
    ["a string", "abc", "string"],
    ["a number", 5, "number"],
    ["a boolean", true, "boolean"],
    ["null", null, "object"],
    ["a mapping", { a: 1 }, "object"],
  ])(
    "%s → each expression must resolve to an array, got <typeof> (typeCheck off)",
    async (_l, value, t) => {
      const adapter = echoAdapter();
      const { log, events } = await runSkill(
        skill(`
        inputs:
          x: { type: array }
        steps:
          - id: s
            type: tool
            tool: echo
            each: $inputs.x
            on_error: ignore
            inputs: { v: { type: string, value: "const" } }
          - id: next
            type: tool
            tool: echo
            inputs: { was_null: { type: boolean, value: $steps.s.output == null } }
      `),
        { toolAdapter: adapter, inputs: { x: value }, typeCheck: "off" },
      );
      expect(json(record(log, "s"))).toStrictEqual({
        id: "s",
        executor: "tool",
        status: "failed",
        duration_ms: 0,
        error: `each expression must resolve to an array, got ${t}`,
      });
      expect(record(log, "next").output).toEqual({ was_null: true });
      expect(log.status).toBe("success");
      expect(json(eventsOf(events, "step_complete")[0])).toStrictEqual({
        type: "step_complete",
        stepId: "s",
        status: "failed",
        duration_ms: 0,
      });
      expect(trace(events).slice(0, 4)).toEqual([
        "workflow_start",
        "step_start(s)",
        "step_error(s)",
        "step_complete(s, failed)",
      ]);
    },
  );

  it("absent → got undefined (typeCheck off)", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          x: { type: array }
        steps:
          - { id: s, type: tool, tool: echo, each: $inputs.x }
      `),
      { toolAdapter: echoAdapter(), typeCheck: "off" },
    );
    expect(log.error).toEqual({
      phase: "execute",
      message: "each expression must resolve to an array, got undefined",
    });
  });

  it("a declared object input is rejected the same way with typeCheck on", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          x: { type: object }
        steps:
          - { id: s, type: tool, tool: echo, each: $inputs.x }
      `),
      { toolAdapter: echoAdapter(), inputs: { x: { a: 1 } } },
    );
    expect(log.error).toEqual({
      phase: "execute",
      message: "each expression must resolve to an array, got object",
    });
  });
});

describe("delay between iterations (C35)", () => {
  it("waits after each iteration except the last; each_progress comes before the delay", async () => {
    const services = createTestServices();
    const w = worker(services);
    const progressAt: number[] = [];
    const t0 = services.time;
    const { log } = await runSkill(workDoc("delay: 100ms"), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: jobs([10, 10, 10]) },
      onEvent: (e) => {
        if (e.type === "each_progress") progressAt.push(services.time - t0);
      },
    });
    expect(w.starts).toEqual([
      [0, 0],
      [1, 110],
      [2, 220],
    ]);
    expect(progressAt).toEqual([10, 120, 230]);
    expect(record(log, "s").duration_ms).toBe(230);
    expect(log.duration_ms).toBe(230);
  });

  it("concurrency: 1 is exactly the sequential behaviour", async () => {
    const services = createTestServices();
    const w = worker(services);
    await runSkill(workDoc("concurrency: 1\n        delay: 5ms"), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: jobs([10, 30, 20]) },
    });
    expect(w.starts).toEqual([
      [0, 0],
      [1, 15],
      [2, 50],
    ]);
    expect(w.maxInFlight).toBe(1);
  });
});

describe("concurrency (C48, §10.2)", () => {
  it("never exceeds the bound, keeps results in index order, counts progress 1..total", async () => {
    const services = createTestServices();
    const w = worker(services);
    const { log, events } = await runSkill(workDoc("concurrency: 3"), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: jobs([300, 100, 200, 100, 100]) },
    });
    expect(log.status).toBe("success");
    expect(w.maxInFlight).toBe(3);
    expect(w.starts).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 100],
      [4, 200],
    ]);
    expect(record(log, "s").output).toEqual([
      { i: 0, done: 300 },
      { i: 1, done: 100 },
      { i: 2, done: 200 },
      { i: 3, done: 200 },
      { i: 4, done: 300 },
    ]);
    expect(eventsOf(events, "each_progress").map((e) => [e.current, e.total])).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
    expect(record(log, "s").duration_ms).toBe(300);
    const last = events.findIndex((e) => e.type === "step_complete");
    expect(events.slice(0, last).filter((e) => e.type === "each_progress")).toHaveLength(5);
  });

  it("bounds a larger fan-out (7 items, concurrency 2)", async () => {
    const services = createTestServices();
    const w = worker(services);
    const { log } = await runSkill(workDoc("concurrency: 2"), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: jobs([5, 50, 5, 5, 40, 5, 5]) },
    });
    expect(w.maxInFlight).toBe(2);
    expect((record(log, "s").output as { i: number }[]).map((r) => r.i)).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
    expect(w.starts.map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("spaces starts by delay when slots are free", async () => {
    const services = createTestServices();
    const w = worker(services);
    const { log } = await runSkill(workDoc("concurrency: 4\n        delay: 100ms"), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: jobs([1000, 1000, 1000, 1000]) },
    });
    expect(w.starts).toEqual([
      [0, 0],
      [1, 100],
      [2, 200],
      [3, 300],
    ]);
    expect(record(log, "s").duration_ms).toBe(1300);
  });

  it("combines the slot limit with start spacing", async () => {
    const services = createTestServices();
    const w = worker(services);
    const { log } = await runSkill(workDoc("concurrency: 2\n        delay: 100ms"), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: jobs([1000, 1000, 1000, 1000]) },
    });
    expect(w.starts).toEqual([
      [0, 0],
      [1, 100],
      [2, 1000],
      [3, 1100],
    ]);
    expect(record(log, "s").duration_ms).toBe(2100);
  });

  it("passes each iteration its own context (shared runId)", async () => {
    const services = createTestServices();
    const w = worker(services);
    const { log } = await runSkill(workDoc("concurrency: 3"), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: jobs([10, 10, 10]) },
    });
    expect(
      w.contexts
        .map((c) => [c.runId, c.stepId, c.iteration, c.attempt])
        .sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
    ).toEqual([
      [log.id, "s", 0, 1],
      [log.id, "s", 1, 1],
      [log.id, "s", 2, 1],
    ]);
    const signals = new Set(w.contexts.map((c) => c.signal));
    expect(signals.size).toBe(3);
  });

  it("fail fast with concurrency: in-flight iterations finish and are recorded, none start (D4)", async () => {
    const services = createTestServices();
    const w = worker(services);
    const { log, events } = await runSkill(workDoc("concurrency: 2"), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: jobs([100, 10, 10, 10, 10], [1]) },
    });
    expect(w.starts.map(([i]) => i)).toEqual([0, 1]);
    expect(w.ends).toEqual([
      [1, 10],
      [0, 100],
    ]);
    expect(record(log, "s")).toMatchObject({
      status: "failed",
      output: [{ i: 0, done: 100 }, null, null, null, null],
      iterations: 5,
      error: 'Tool "work": bad 1',
      duration_ms: 100,
    });
    expect(eventsOf(events, "each_progress").map((e) => [e.current, e.total])).toEqual([
      [1, 5],
      [2, 5],
    ]);
    expect(log.status).toBe("failed");
  });

  it("the step error is that of the failed iteration with the highest index", async () => {
    const services = createTestServices();
    const w = worker(services);
    const { log } = await runSkill(workDoc("concurrency: 3"), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: jobs([50, 10, 100, 10, 10], [0, 1]) },
    });
    // Item 1 fails first (t=10), then item 0 (t=50): the error is item 1's.
    expect(w.starts.map(([i]) => i)).toEqual([0, 1, 2]);
    expect(record(log, "s")).toMatchObject({
      output: [null, null, { i: 2, done: 100 }, null, null],
      error: 'Tool "work": bad 1',
    });
  });

  it("under on_error: ignore all iterations run even with concurrency", async () => {
    const services = createTestServices();
    const w = worker(services);
    const { log } = await runSkill(workDoc("concurrency: 2\n        on_error: ignore"), {
      toolAdapter: w.adapter,
      services,
      inputs: { jobs: jobs([10, 20, 10, 20], [0, 2]) },
    });
    expect(w.starts.map(([i]) => i)).toEqual([0, 1, 2, 3]);
    expect(record(log, "s")).toMatchObject({
      status: "failed",
      output: [null, { i: 1, done: 20 }, null, { i: 3, done: 40 }],
      error: 'Tool "work": bad 2',
    });
    expect(log.status).toBe("success");
  });
});

describe("retries inside each (§6.5)", () => {
  it("restarts attempt numbering per iteration and aggregates retries in index order", async () => {
    const attempts = new Map<number, number>();
    const contexts: [number | undefined, number | undefined][] = [];
    const failures: Record<number, number> = { 0: 1, 1: 0, 2: 2 };
    const adapter = new MockToolAdapter();
    adapter.register("t", (args, ctx) => {
      const i = Number(args.i);
      const k = (attempts.get(i) ?? 0) + 1;
      attempts.set(i, k);
      contexts.push([ctx?.iteration, ctx?.attempt]);
      return k <= (failures[i] ?? 0) ? { output: null, error: `e${i}#${k}` } : { output: i };
    });
    const { log, events } = await runSkill(
      skill(`
        inputs:
          xs: { type: array }
        steps:
          - id: s
            type: tool
            tool: t
            each: $inputs.xs
            retry: { max: 2, delay: 10ms, backoff: 1 }
            inputs: { i: { type: int, value: $index } }
      `),
      { toolAdapter: adapter, inputs: { xs: ["a", "b", "c"] } },
    );
    expect(log.status).toBe("success");
    expect(contexts).toEqual([
      [0, 1],
      [0, 2],
      [1, 1],
      [2, 1],
      [2, 2],
      [2, 3],
    ]);
    expect(json(eventsOf(events, "step_retry"))).toStrictEqual([
      { type: "step_retry", stepId: "s", attempt: 1, error: "e0#1", iteration: 0 },
      { type: "step_retry", stepId: "s", attempt: 1, error: "e2#1", iteration: 2 },
      { type: "step_retry", stepId: "s", attempt: 2, error: "e2#2", iteration: 2 },
    ]);
    expect(record(log, "s")).toMatchObject({
      status: "success",
      output: [0, 1, 2],
      retries: { attempts: 3, errors: ["e0#1", "e2#1", "e2#2"] },
      duration_ms: 30,
    });
  });
});
