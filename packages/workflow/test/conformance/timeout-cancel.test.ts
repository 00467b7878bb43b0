// Conformance: per-attempt timeouts (§10.3, C49), the invocation context (§10.4, C50) and
// cancellation through an AbortSignal (§10.5, C51). Timing uses the virtual clock.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import type { ToolAdapter, ToolInvocationContext, ToolResult } from "../../src/index.js";
import {
  createTestServices,
  echoAdapter,
  eventsOf,
  flush,
  json,
  never,
  record,
  runSkill,
  skill,
  trace,
} from "./helpers.js";

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => {
  unhandled.push(reason);
};
beforeEach(() => {
  unhandled = [];
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

/** Adapter with `hang` (settles only when the test says so) plus `echo`; records contexts. */
function hanging() {
  const contexts: ToolInvocationContext[] = [];
  const settle: { resolve: (r: ToolResult) => void; reject: (e: unknown) => void }[] = [];
  const adapter = echoAdapter();
  adapter.register("hang", (_args, ctx) => {
    if (ctx) contexts.push(ctx);
    return new Promise<ToolResult>((resolve, reject) => settle.push({ resolve, reject }));
  });
  return { adapter, contexts, settle };
}

describe("timeouts (C49, §10.3)", () => {
  it("bound each attempt, abort its signal with a TimeoutError and are retriable", async () => {
    const services = createTestServices();
    const h = hanging();
    const { log, events } = await runSkill(
      skill(`
        steps:
          - id: s
            type: tool
            tool: hang
            timeout: 30ms
            retry: { max: 1, delay: 1s, backoff: 1 }
      `),
      { toolAdapter: h.adapter, services },
    );
    expect(h.contexts.map((c) => c.attempt)).toEqual([1, 2]);
    for (const ctx of h.contexts) {
      expect(ctx.signal.aborted).toBe(true);
      expect((ctx.signal.reason as { name?: unknown }).name).toBe("TimeoutError");
    }
    expect(json(eventsOf(events, "step_retry"))).toStrictEqual([
      { type: "step_retry", stepId: "s", attempt: 1, error: "Timed out after 30ms" },
    ]);
    expect(json(record(log, "s"))).toStrictEqual({
      id: "s",
      executor: "tool",
      status: "failed",
      duration_ms: 1060,
      inputs: {},
      error: 'Tool "hang": Timed out after 30ms',
      retries: { attempts: 1, errors: ["Timed out after 30ms"] },
    });
    expect(log.error).toEqual({ phase: "execute", message: 'Tool "hang": Timed out after 30ms' });
  });

  it("ignores late results and late rejections without unhandled rejections", async () => {
    const services = createTestServices();
    const h = hanging();
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: a, type: tool, tool: hang, timeout: 10ms, on_error: ignore }
          - { id: b, type: tool, tool: hang, timeout: 10ms, on_error: ignore }
      `),
      { toolAdapter: h.adapter, services },
    );
    expect(log.status).toBe("success");
    const before = json(log);
    h.settle[0]?.resolve({ output: "late" });
    h.settle[1]?.reject(new Error("late rejection"));
    await flush(10);
    expect(unhandled).toEqual([]);
    expect(json(log)).toStrictEqual(before);
    expect(record(log, "a").error).toBe('Tool "hang": Timed out after 10ms');
  });

  it("lets an attempt that finishes in time succeed", async () => {
    const services = createTestServices();
    const adapter = new MockToolAdapter();
    adapter.register("quick", async () => {
      await services.sleep(20);
      return { output: "ok" };
    });
    adapter.register("slow", async () => {
      await services.sleep(50);
      return { output: "too late" };
    });
    const { log } = await runSkill(
      skill(`
        timeout: 30ms
        steps:
          - { id: q, type: tool, tool: quick }
          - { id: s, type: tool, tool: slow, on_error: ignore }
      `),
      { toolAdapter: adapter, services },
    );
    expect(record(log, "q")).toMatchObject({ status: "success", output: "ok", duration_ms: 20 });
    expect(record(log, "s")).toMatchObject({
      status: "failed",
      error: 'Tool "slow": Timed out after 30ms',
      duration_ms: 30,
    });
  });

  it("uses the workflow-level timeout as the default; a step timeout overrides it", async () => {
    const services = createTestServices();
    const h = hanging();
    const { log } = await runSkill(
      skill(`
        timeout: 40ms
        steps:
          - { id: a, type: tool, tool: hang, on_error: ignore }
          - { id: b, type: tool, tool: hang, timeout: 15ms, on_error: ignore }
      `),
      { toolAdapter: h.adapter, services },
    );
    expect(record(log, "a").error).toBe('Tool "hang": Timed out after 40ms');
    expect(record(log, "b").error).toBe('Tool "hang": Timed out after 15ms');
    expect(log.duration_ms).toBe(55);
  });

  it(
    "reports the effective timeout in milliseconds (2m → 120000ms)",
    { timeout: 5000 },
    async () => {
      const services = createTestServices();
      const h = hanging();
      const { log } = await runSkill(
        skill(`
        steps:
          - { id: a, type: tool, tool: hang, timeout: 2m }
      `),
        { toolAdapter: h.adapter, services },
      );
      expect(record(log, "a").error).toBe('Tool "hang": Timed out after 120000ms');
      expect(log.duration_ms).toBe(120_000);
    },
  );

  it("does not count backoff waits", async () => {
    const services = createTestServices();
    let calls = 0;
    const adapter = new MockToolAdapter();
    adapter.register("t", () => ({ output: null, error: `e${++calls}` }));
    const { log } = await runSkill(
      skill(`
        steps:
          - id: s
            type: tool
            tool: t
            timeout: 10ms
            retry: { max: 2, delay: 1s, backoff: 1 }
      `),
      { toolAdapter: adapter, services },
    );
    expect(record(log, "s")).toMatchObject({
      error: 'Tool "t": e3',
      retries: { attempts: 2, errors: ["e1", "e2"] },
      duration_ms: 2000,
    });
  });

  it("bounds each attempt of each iteration", async () => {
    const services = createTestServices();
    const adapter = new MockToolAdapter();
    adapter.register("t", async (args) => {
      await services.sleep(Number(args.ms));
      return { output: args.ms };
    });
    const { log } = await runSkill(
      skill(`
        inputs:
          ms: { type: array }
        steps:
          - id: s
            type: tool
            tool: t
            each: $inputs.ms
            timeout: 25ms
            on_error: ignore
            inputs: { ms: { type: int, value: $item } }
      `),
      { toolAdapter: adapter, services, inputs: { ms: [10, 40, 20] } },
    );
    expect(record(log, "s")).toMatchObject({
      status: "failed",
      output: [10, null, 20],
      error: 'Tool "t": Timed out after 25ms',
      duration_ms: 55,
    });
  });

  it("has no effect on transform, conditional and exit steps", async () => {
    const { log } = await runSkill(
      skill(`
        timeout: 1ms
        steps:
          - id: t
            type: transform
            operation: sort
            field: x
            timeout: 1ms
            inputs: { items: { type: array, value: [3, 1] } }
          - { id: c, type: conditional, condition: "true", then: [x], timeout: 1ms }
          - { id: x, type: exit, status: success, output: { ok: true }, timeout: 1ms }
      `),
    );
    expect(log.status).toBe("success");
    expect(log.steps.map((s) => s.status)).toEqual(["success", "success", "success"]);
  });
});

describe("invocation context (C50, §10.4)", () => {
  it("passes signal, runId, stepId and attempt; no iteration outside each", async () => {
    const seen: unknown[] = [];
    const adapter: ToolAdapter = {
      has: () => true,
      invoke: async (name, args, ctx) => {
        seen.push({ name, args, ...ctx, signal: ctx?.signal instanceof AbortSignal });
        return { output: null };
      },
    };
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: one, type: tool, tool: t1, inputs: { a: { type: int, value: 1 } } }
      `),
      { toolAdapter: adapter },
    );
    expect(log.id).toBe("run-1");
    expect(json(seen)).toStrictEqual([
      { name: "t1", args: { a: 1 }, signal: true, runId: "run-1", stepId: "one", attempt: 1 },
    ]);
  });

  it("works with a two-parameter adapter and one-parameter mock handlers", async () => {
    const adapter: ToolAdapter = {
      has: () => true,
      invoke: (name: string, args: Record<string, unknown>) =>
        Promise.resolve({ output: { name, args } }),
    };
    const a = await runSkill(
      skill(`
        steps:
          - { id: one, type: tool, tool: t1, inputs: { a: { type: int, value: 1 } } }
      `),
      { toolAdapter: adapter },
    );
    expect(record(a.log, "one").output).toEqual({ name: "t1", args: { a: 1 } });

    const mock = new MockToolAdapter();
    mock.register("t1", (args) => ({ output: args }));
    const b = await runSkill(
      skill(`
        steps:
          - { id: one, type: tool, tool: t1, inputs: { a: { type: int, value: 1 } } }
      `),
      { toolAdapter: mock },
    );
    expect(record(b.log, "one").output).toEqual({ a: 1 });
  });
});

describe("cancellation (C51, §10.5)", () => {
  const DOC = skill(`
    outputs:
      r: { type: int, value: $steps.a.output.v }
    steps:
      - { id: a, type: tool, tool: echo, inputs: { v: { type: int, value: 1 } } }
      - { id: b, type: tool, tool: hang, on_error: ignore, retry: { max: 3, delay: 1s, backoff: 1 } }
      - { id: c, type: conditional, condition: "true", then: [d] }
      - { id: d, type: tool, tool: echo }
      - { id: e, type: tool, tool: echo }
  `);

  it("an already aborted signal: workflow_start, every step skipped cancelled, workflow_complete", async () => {
    const h = hanging();
    const controller = new AbortController();
    controller.abort();
    const { log, events } = await runSkill(DOC, {
      toolAdapter: h.adapter,
      signal: controller.signal,
    });
    expect(h.contexts).toEqual([]);
    expect(log.status).toBe("failed");
    expect(log.error).toEqual({ phase: "execute", message: "Workflow run was cancelled" });
    expect(log.outputs).toStrictEqual({});
    expect(json(log.steps)).toStrictEqual(
      ["a", "b", "c", "d", "e"].map((id) => ({
        id,
        executor: id === "c" ? "conditional" : "tool",
        status: "skipped",
        reason: "cancelled",
        duration_ms: 0,
      })),
    );
    expect(log.summary).toMatchObject({ steps_executed: 0, steps_skipped: 5 });
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_skip(a, cancelled)",
      "step_skip(b, cancelled)",
      "step_skip(c, cancelled)",
      "step_skip(d, cancelled)",
      "step_skip(e, cancelled)",
      "workflow_complete(failed)",
    ]);
  });

  it("parse and validate failures take precedence over an aborted signal", async () => {
    const controller = new AbortController();
    controller.abort();
    const parse = await runSkill("", { signal: controller.signal });
    expect(parse.log.error?.phase).toBe("parse");
    const validate = await runSkill(DOC, { signal: controller.signal, toolAdapter: echoAdapter() });
    expect(validate.log.error?.phase).toBe("validate");
    expect(validate.events).toEqual([]);
  });

  it("mid-run: the in-flight step fails with Step cancelled (even under ignore); the rest is cancelled", async () => {
    const h = hanging();
    const controller = new AbortController();
    const reason = new Error("user stop");
    h.adapter.register("hang", (_args, ctx) => {
      if (ctx) h.contexts.push(ctx);
      setImmediate(() => controller.abort(reason));
      return never<ToolResult>();
    });
    const { log, events } = await runSkill(DOC, {
      toolAdapter: h.adapter,
      signal: controller.signal,
    });
    expect(h.contexts).toHaveLength(1);
    expect(h.contexts[0]?.signal.aborted).toBe(true);
    expect(h.contexts[0]?.signal.reason).toBe(reason);
    expect(log.status).toBe("failed");
    expect(log.error).toEqual({ phase: "execute", message: "Workflow run was cancelled" });
    expect(log.outputs).toStrictEqual({});
    expect(log.steps.map((s) => [s.id, s.status, s.reason ?? s.error])).toEqual([
      ["a", "success", undefined],
      ["b", "failed", "Step cancelled"],
      ["c", "skipped", "cancelled"],
      ["d", "skipped", "cancelled"],
      ["e", "skipped", "cancelled"],
    ]);
    expect(record(log, "b")).not.toHaveProperty("retries");
    expect(eventsOf(events, "step_error")).toEqual([
      { type: "step_error", stepId: "b", error: "Step cancelled", onError: "ignore" },
    ]);
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_start(a)",
      "step_complete(a, success)",
      "step_start(b)",
      "step_error(b)",
      "step_complete(b, failed)",
      "step_skip(c, cancelled)",
      "step_skip(d, cancelled)",
      "step_skip(e, cancelled)",
      "workflow_complete(failed)",
    ]);
  });

  it("ends a pending backoff wait immediately and starts no retry", async () => {
    const services = createTestServices();
    let calls = 0;
    const adapter = new MockToolAdapter();
    adapter.register("t", () => ({ output: null, error: `e${++calls}` }));
    const controller = new AbortController();
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: s, type: tool, tool: t, retry: { max: 3, delay: 1h, backoff: 1 } }
      `),
      {
        toolAdapter: adapter,
        services,
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === "step_retry") controller.abort();
        },
      },
    );
    expect(calls).toBe(1);
    expect(record(log, "s")).toMatchObject({ status: "failed", error: "Step cancelled" });
    expect(log.duration_ms).toBe(0);
    expect(log.error?.message).toBe("Workflow run was cancelled");
  });

  it("an in-flight each keeps the results of finished iterations", async () => {
    const services = createTestServices();
    const controller = new AbortController();
    const adapter = new MockToolAdapter();
    adapter.register("t", (args) => ({ output: args.v }));
    const { log, events } = await runSkill(
      skill(`
        inputs:
          xs: { type: array }
        steps:
          - id: s
            type: tool
            tool: t
            each: $inputs.xs
            delay: 1h
            inputs: { v: { type: int, value: $item } }
      `),
      {
        toolAdapter: adapter,
        services,
        inputs: { xs: [1, 2, 3] },
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === "each_progress" && e.current === 1) controller.abort();
        },
      },
    );
    expect(json(record(log, "s"))).toStrictEqual({
      id: "s",
      executor: "tool",
      status: "failed",
      duration_ms: 0,
      inputs: {},
      output: [1, null, null],
      iterations: 3,
      error: "Step cancelled",
    });
    expect(eventsOf(events, "step_complete")).toEqual([
      { type: "step_complete", stepId: "s", status: "failed", duration_ms: 0, iterations: 3 },
    ]);
  });

  it("aborts every in-flight iteration of a concurrent each", async () => {
    const services = createTestServices();
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    const adapter = new MockToolAdapter();
    adapter.register("t", (args, ctx) => {
      if (ctx) signals.push(ctx.signal);
      if (args.v === 1) return { output: 1 };
      return never<ToolResult>();
    });
    const { log } = await runSkill(
      skill(`
        inputs:
          xs: { type: array }
        steps:
          - id: s
            type: tool
            tool: t
            each: $inputs.xs
            concurrency: 3
            inputs: { v: { type: int, value: $item } }
      `),
      {
        toolAdapter: adapter,
        services,
        inputs: { xs: [1, 2, 3] },
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === "each_progress") setImmediate(() => controller.abort());
        },
      },
    );
    expect(signals).toHaveLength(3);
    expect(signals[1]?.aborted).toBe(true);
    expect(signals[2]?.aborted).toBe(true);
    expect(record(log, "s")).toMatchObject({
      status: "failed",
      output: [1, null, null],
      iterations: 3,
      error: "Step cancelled",
    });
  });

  it("keeps the enclosing conditional's success record", async () => {
    const controller = new AbortController();
    const adapter = echoAdapter();
    adapter.register("hang", () => {
      setImmediate(() => controller.abort());
      return never<ToolResult>();
    });
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: c, type: conditional, condition: "true", then: [h, after] }
          - { id: h, type: tool, tool: hang }
          - { id: after, type: tool, tool: echo }
          - { id: top, type: tool, tool: echo }
      `),
      { toolAdapter: adapter, signal: controller.signal },
    );
    expect(log.steps.map((s) => [s.id, s.status, s.reason ?? s.error])).toEqual([
      ["c", "success", undefined],
      ["h", "failed", "Step cancelled"],
      ["after", "skipped", "cancelled"],
      ["top", "skipped", "cancelled"],
    ]);
  });

  it("an abort after the last step finished has no effect", async () => {
    const controller = new AbortController();
    const { log } = await runSkill(
      skill(`
        outputs:
          v: { type: int, value: $steps.a.output.v }
        steps:
          - { id: a, type: tool, tool: echo, inputs: { v: { type: int, value: 1 } } }
      `),
      {
        toolAdapter: echoAdapter(),
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === "step_complete") controller.abort();
        },
      },
    );
    expect(log.status).toBe("success");
    expect(log.outputs).toStrictEqual({ v: 1 });
    expect(log).not.toHaveProperty("error");
  });

  it("does not wait for an adapter that ignores the signal; its late rejection is not unhandled", async () => {
    const controller = new AbortController();
    const h = hanging();
    h.adapter.register("hang", () => {
      setImmediate(() => controller.abort());
      return new Promise<ToolResult>((_resolve, reject) => {
        h.settle.push({ resolve: () => undefined, reject });
      });
    });
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: a, type: tool, tool: hang }
      `),
      { toolAdapter: h.adapter, signal: controller.signal },
    );
    expect(record(log, "a").error).toBe("Step cancelled");
    h.settle[0]?.reject(new Error("late"));
    await flush(10);
    expect(unhandled).toEqual([]);
  });
});
