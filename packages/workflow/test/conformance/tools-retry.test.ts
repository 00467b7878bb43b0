// Conformance: tool failures (§3.5, C25, C26→D3/D7.7), retries and the wait formula (§6.5, C27),
// non-retriable failures (C28) and the failure message rule (§6.6). Timing uses the virtual clock.
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import type { ToolAdapter, ToolInvocationContext } from "../../src/index.js";
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

interface Flaky {
  adapter: MockToolAdapter;
  times: number[];
  contexts: (ToolInvocationContext | undefined)[];
}

/** Tool `flaky` fails (ToolResult.error `fail #k`) on attempts 1..failures, then succeeds. */
function flaky(services: TestServices, failures: number): Flaky {
  const times: number[] = [];
  const contexts: (ToolInvocationContext | undefined)[] = [];
  const adapter = new MockToolAdapter();
  const start = services.time;
  adapter.register("flaky", (_args, ctx) => {
    times.push(services.now() - start);
    contexts.push(ctx);
    const k = times.length;
    return k <= failures ? { output: null, error: `fail #${k}` } : { output: { ok: k } };
  });
  return { adapter, times, contexts };
}

const retryDoc = (retry: string, extra = "") =>
  skill(`
    steps:
      - id: s
        type: tool
        tool: flaky
        retry: ${retry}
        ${extra}
  `);

describe("ToolResult.error is a retriable failure (C25, C27)", () => {
  it("{ max: 3, delay: 2s, backoff: 1.5 } waits 2000, 3000, 4500 ms and records the retries", async () => {
    const services = createTestServices();
    const f = flaky(services, Infinity);
    const { log, events } = await runSkill(retryDoc("{ max: 3, delay: 2s, backoff: 1.5 }"), {
      toolAdapter: f.adapter,
      services,
    });
    expect(f.times).toEqual([0, 2000, 5000, 9500]);
    expect(f.contexts.map((c) => c?.attempt)).toEqual([1, 2, 3, 4]);
    expect(log.status).toBe("failed");
    expect(json(record(log, "s"))).toStrictEqual({
      id: "s",
      executor: "tool",
      status: "failed",
      duration_ms: 9500,
      inputs: {},
      error: 'Tool "flaky": fail #4',
      retries: { attempts: 3, errors: ["fail #1", "fail #2", "fail #3"] },
    });
    expect(log.error).toEqual({ phase: "execute", message: 'Tool "flaky": fail #4' });
    expect(json(eventsOf(events, "step_retry"))).toStrictEqual([
      { type: "step_retry", stepId: "s", attempt: 1, error: "fail #1" },
      { type: "step_retry", stepId: "s", attempt: 2, error: "fail #2" },
      { type: "step_retry", stepId: "s", attempt: 3, error: "fail #3" },
    ]);
    expect(eventsOf(events, "step_error")).toEqual([
      { type: "step_error", stepId: "s", error: 'Tool "flaky": fail #4', onError: "fail" },
    ]);
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_start(s)",
      "step_retry(s, 1)",
      "step_retry(s, 2)",
      "step_retry(s, 3)",
      "step_error(s)",
      "step_complete(s, failed)",
      "workflow_complete(failed)",
    ]);
    expect(log.duration_ms).toBe(9500);
  });

  it("step_retry is emitted before the backoff wait", async () => {
    const services = createTestServices();
    const f = flaky(services, 1);
    const retryTimes: number[] = [];
    await runSkill(retryDoc("{ max: 2, delay: 5s, backoff: 1 }"), {
      toolAdapter: f.adapter,
      services,
      onEvent: (e) => {
        if (e.type === "step_retry") retryTimes.push(services.time);
      },
    });
    expect(retryTimes).toEqual([Date.UTC(2026, 0, 1)]);
    expect(f.times).toEqual([0, 5000]);
  });

  it("a success after retries keeps the retries record (errors.length === attempts)", async () => {
    const services = createTestServices();
    const f = flaky(services, 2);
    const { log } = await runSkill(retryDoc("{ max: 3, delay: 100ms, backoff: 2 }"), {
      toolAdapter: f.adapter,
      services,
    });
    expect(f.times).toEqual([0, 100, 300]);
    expect(log.status).toBe("success");
    expect(json(record(log, "s"))).toStrictEqual({
      id: "s",
      executor: "tool",
      status: "success",
      duration_ms: 300,
      inputs: {},
      output: { ok: 3 },
      retries: { attempts: 2, errors: ["fail #1", "fail #2"] },
    });
  });

  it("without a retry policy there is one attempt and no retries record", async () => {
    const services = createTestServices();
    const f = flaky(services, Infinity);
    const { log, events } = await runSkill(
      skill(`
        steps:
          - { id: s, type: tool, tool: flaky }
      `),
      { toolAdapter: f.adapter, services },
    );
    expect(f.times).toEqual([0]);
    expect(record(log, "s")).not.toHaveProperty("retries");
    expect(record(log, "s").error).toBe('Tool "flaky": fail #1');
    expect(eventsOf(events, "step_retry")).toEqual([]);
  });

  it.each([
    ["{ max: 2, delay: 1s, backoff: 0.5 }", [0, 1000, 1500]],
    ["{ max: 2, delay: 0ms, backoff: 3 }", [0, 0, 0]],
    ["{ max: 1, delay: 1m, backoff: 1 }", [0, 60_000]],
    ["{ max: 2, delay: 1h, backoff: 2 }", [0, 3_600_000, 10_800_000]],
  ])("retry %s attempts at %j (C27, C47)", async (retry, expected) => {
    const services = createTestServices();
    const f = flaky(services, Infinity);
    await runSkill(retryDoc(retry), { toolAdapter: f.adapter, services });
    expect(f.times).toEqual(expected);
  });

  it("honours waits beyond the platform timer limit (§10.1)", async () => {
    const services = createTestServices();
    const f = flaky(services, 1);
    const { log } = await runSkill(retryDoc("{ max: 1, delay: 1000h, backoff: 1 }"), {
      toolAdapter: f.adapter,
      services,
    });
    expect(log.status).toBe("success");
    expect(f.times).toEqual([0, 3_600_000_000]);
  });

  it("a falsy (empty) error string is a success", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("t", () => ({ output: { v: 1 }, error: "" }));
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: s, type: tool, tool: t }
      `),
      { toolAdapter: adapter },
    );
    expect(log.status).toBe("success");
    expect(record(log, "s").output).toEqual({ v: 1 });
  });

  it("on_error: ignore after exhausted retries continues and can end success", async () => {
    const services = createTestServices();
    const f = flaky(services, Infinity);
    f.adapter.register("echo", (args) => ({ output: args }));
    const { log } = await runSkill(
      skill(`
        steps:
          - id: s
            type: tool
            tool: flaky
            on_error: ignore
            retry: { max: 1, delay: 10ms, backoff: 1 }
          - id: next
            type: tool
            tool: echo
            inputs:
              was_null: { type: boolean, value: $steps.s.output == null }
      `),
      { toolAdapter: f.adapter, services },
    );
    expect(log.status).toBe("success");
    expect(record(log, "s")).toMatchObject({
      status: "failed",
      error: 'Tool "flaky": fail #2',
      retries: { attempts: 1, errors: ["fail #1"] },
    });
    expect(record(log, "next").output).toEqual({ was_null: true });
  });
});

describe("thrown or rejected invoke is retriable and prefixed (D3, D7.7; supersedes C26)", () => {
  function throwing(kind: "throw" | "reject" | "string"): {
    adapter: ToolAdapter;
    calls: number[];
  } {
    const calls: number[] = [];
    const adapter = new MockToolAdapter();
    adapter.register("t", (_args, ctx) => {
      calls.push(ctx?.attempt ?? -1);
      if (kind === "throw") throw new Error(`kaput ${calls.length}`);
      if (kind === "reject") return Promise.reject(new Error(`kaput ${calls.length}`));
      throw `kaput ${calls.length}`;
    });
    return { adapter, calls };
  }

  it.each([["throw" as const], ["reject" as const], ["string" as const]])(
    "handler %s → retried, bare message in step_retry, prefixed in the record",
    async (kind) => {
      const { adapter, calls } = throwing(kind);
      const { log, events } = await runSkill(
        skill(`
          steps:
            - id: s
              type: tool
              tool: t
              retry: { max: 2, delay: 1s, backoff: 1 }
        `),
        { toolAdapter: adapter },
      );
      expect(calls).toEqual([1, 2, 3]);
      expect(eventsOf(events, "step_retry").map((e) => e.error)).toEqual(["kaput 1", "kaput 2"]);
      expect(record(log, "s")).toMatchObject({
        status: "failed",
        error: 'Tool "t": kaput 3',
        retries: { attempts: 2, errors: ["kaput 1", "kaput 2"] },
      });
      expect(log.error).toEqual({ phase: "execute", message: 'Tool "t": kaput 3' });
    },
  );

  it("an adapter whose invoke throws synchronously is handled the same way", async () => {
    let calls = 0;
    const adapter: ToolAdapter = {
      has: () => true,
      invoke: () => {
        calls++;
        throw new Error("sync boom");
      },
    };
    const { log } = await runSkill(
      skill(`
        steps:
          - id: s
            type: tool
            tool: t
            retry: { max: 1, delay: 5ms, backoff: 1 }
      `),
      { toolAdapter: adapter },
    );
    expect(calls).toBe(2);
    expect(record(log, "s")).toMatchObject({
      status: "failed",
      error: 'Tool "t": sync boom',
      retries: { attempts: 1, errors: ["sync boom"] },
    });
  });

  it("a thrown error then a success is a success with a retries record", async () => {
    let calls = 0;
    const adapter = new MockToolAdapter();
    adapter.register("t", () => {
      calls++;
      if (calls === 1) throw new Error("first");
      return { output: "second" };
    });
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: s, type: tool, tool: t, retry: { max: 1, delay: 1s, backoff: 1 } }
      `),
      { toolAdapter: adapter },
    );
    expect(log.status).toBe("success");
    expect(record(log, "s")).toMatchObject({
      status: "success",
      output: "second",
      retries: { attempts: 1, errors: ["first"] },
    });
  });

  it("an adapter resolving undefined fails the step without retry (§3.5; message impl-defined)", async () => {
    let calls = 0;
    const adapter: ToolAdapter = {
      has: () => true,
      invoke: async () => {
        calls++;
        return undefined as never;
      },
    };
    const { log, events } = await runSkill(
      skill(`
        steps:
          - { id: s, type: tool, tool: t, retry: { max: 3, delay: 1s, backoff: 1 } }
      `),
      { toolAdapter: adapter },
    );
    // Ambiguity: D3 makes thrown errors retriable; §3.5/§6.5 keep a null/undefined result non-retriable.
    expect(calls).toBe(1);
    expect(log.status).toBe("failed");
    expect(record(log, "s").status).toBe("failed");
    expect(typeof record(log, "s").error).toBe("string");
    expect(record(log, "s")).not.toHaveProperty("retries");
    expect(eventsOf(events, "step_retry")).toEqual([]);
  });
});

describe("non-tool failures are never retried (C28, K27)", () => {
  it("an output type mismatch is not retried and carries no Tool prefix (D1)", async () => {
    let calls = 0;
    const adapter = new MockToolAdapter();
    adapter.register("t", () => {
      calls++;
      return { output: { n: "not a number" } };
    });
    const { log, events } = await runSkill(
      skill(`
        steps:
          - id: s
            type: tool
            tool: t
            retry: { max: 3, delay: 1s, backoff: 1 }
            outputs:
              n: { type: int, value: $result.n }
      `),
      { toolAdapter: adapter },
    );
    expect(calls).toBe(1);
    expect(eventsOf(events, "step_retry")).toEqual([]);
    expect(record(log, "s")).toMatchObject({
      status: "failed",
      error: 'Output "n" of step "s" must be int, got string',
    });
    expect(record(log, "s")).not.toHaveProperty("retries");
  });

  it("a non-array each on a tool step is not retried and never invokes the tool", async () => {
    let calls = 0;
    const adapter = new MockToolAdapter();
    adapter.register("t", () => {
      calls++;
      return { output: null };
    });
    const { log, events } = await runSkill(
      skill(`
        inputs:
          list: { type: string }
        steps:
          - id: s
            type: tool
            tool: t
            each: $inputs.list
            retry: { max: 3, delay: 1s, backoff: 1 }
      `),
      { toolAdapter: adapter, inputs: { list: "abc" } },
    );
    expect(calls).toBe(0);
    expect(eventsOf(events, "step_retry")).toEqual([]);
    expect(record(log, "s").error).toBe("each expression must resolve to an array, got string");
  });

  it("retry on transform and exit steps is accepted and has no effect", async () => {
    const adapter = echoAdapter();
    const { log, events } = await runSkill(
      skill(`
        steps:
          - id: t
            type: transform
            operation: filter
            where: $item > 1
            on_error: ignore
            retry: { max: 2, delay: 1s, backoff: 1 }
            inputs: { items: { type: array, value: [1, 2, 3] } }
            outputs: { kept: { type: string } }
          - id: x
            type: exit
            status: success
            retry: { max: 2, delay: 1s, backoff: 1 }
      `),
      { toolAdapter: adapter },
    );
    // The transform fails its output type test (raw { kept: [2, 3] }, declared string, D7.3).
    expect(record(log, "t")).toMatchObject({
      status: "failed",
      error: 'Output "kept" of step "t" must be string, got array',
    });
    expect(record(log, "t")).not.toHaveProperty("retries");
    expect(eventsOf(events, "step_retry")).toEqual([]);
    expect(record(log, "x").status).toBe("success");
    expect(log.status).toBe("success");
    expect(log.duration_ms).toBe(0);
  });
});
