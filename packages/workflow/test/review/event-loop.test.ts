// Review (issue 12): retry policies are bounded, and instantly settling work never starves the event loop.
import { describe, expect, it } from "vitest";
import { MockToolAdapter, runWorkflowSkill, validateWorkflowSkill } from "../../src/index.js";
import type { RunLog, ToolResult } from "../../src/index.js";
import { createTestServices, skill } from "../conformance/helpers.js";

const retryDoc = (retry: string) =>
  skill(`
    steps:
      - { id: s, type: tool, tool: t, retry: ${retry} }
  `);

/** A tool that fails at once, counting its calls. */
function failingAdapter(): { adapter: MockToolAdapter; calls: () => number } {
  let calls = 0;
  const adapter = new MockToolAdapter();
  adapter.register("t", (): ToolResult => {
    calls++;
    return { output: null, error: "boom" };
  });
  return { adapter, calls: () => calls };
}

/** A tool that succeeds at once, counting its calls. */
function instantAdapter(): { adapter: MockToolAdapter; calls: () => number } {
  let calls = 0;
  const adapter = new MockToolAdapter();
  adapter.register("t", (): ToolResult => {
    calls++;
    return { output: calls };
  });
  return { adapter, calls: () => calls };
}

/**
 * Starts `run`, with a macrotask (`setImmediate`) queued first that aborts `controller` (when given)
 * and records how many calls had been made. Without turns given back to the event loop the macrotask
 * only runs once the whole run has finished.
 */
async function withMacrotask(
  run: () => Promise<RunLog>,
  calls: () => number,
  controller?: AbortController,
): Promise<{ log: RunLog; callsWhenFired: number | undefined }> {
  let callsWhenFired: number | undefined;
  let finished = false;
  const immediate = setImmediate(() => {
    if (!finished) callsWhenFired = calls();
    controller?.abort(new Error("Interrupted"));
  });
  const log = await run();
  finished = true;
  clearImmediate(immediate);
  return { log, callsWhenFired };
}

describe("retry policies are bounded at validation, with located, coded diagnostics", () => {
  it.each([
    ["{ max: 1000000000, delay: 0ms, backoff: 1 }", "steps.0.retry.max"],
    ["{ max: 101, delay: 0ms, backoff: 1 }", "steps.0.retry.max"],
    ["{ max: 3, delay: 1s, backoff: 1e308 }", "steps.0.retry.backoff"],
    ["{ max: 3, delay: 1s, backoff: 10.5 }", "steps.0.retry.backoff"],
  ])("%s is refused at %s", (retry, path) => {
    const result = validateWorkflowSkill({ content: retryDoc(retry) });
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: "INVALID_VALUE", path, line: 12 });
    expect(result.errors[0]!.column).toBeGreaterThan(1);
  });

  it.each(["{ max: 100, delay: 0ms, backoff: 1 }", "{ max: 1, delay: 1000h, backoff: 10 }"])(
    "the limits themselves are allowed: %s",
    (retry) => {
      expect(validateWorkflowSkill({ content: retryDoc(retry) })).toMatchObject({ valid: true });
    },
  );

  it("a delay beyond what a timer can count is refused at its path (V28)", () => {
    const result = validateWorkflowSkill({
      content: retryDoc("{ max: 3, delay: 9999999999999999h, backoff: 2 }"),
    });
    expect(result.errors).toEqual([
      expect.objectContaining({ code: "INVALID_DURATION", path: "steps[0].retry.delay" }),
    ]);
  });

  it("a run of a refused policy makes no call and fails in the parse phase", async () => {
    const { adapter, calls } = failingAdapter();
    const log = await runWorkflowSkill({
      content: retryDoc("{ max: 1000000000, delay: 0ms, backoff: 1 }"),
      toolAdapter: adapter,
    });
    expect(log.error).toMatchObject({ phase: "parse" });
    expect(log.error?.details?.map((d) => d.path)).toEqual(["steps.0.retry.max"]);
    expect(calls()).toBe(0);
  });
});

describe("every wait handed to sleep is a finite, exact number of milliseconds", () => {
  it("the largest delay and backoff allowed are capped at Number.MAX_SAFE_INTEGER", async () => {
    const waits: number[] = [];
    const { adapter } = failingAdapter();
    const log = await runWorkflowSkill({
      content: retryDoc("{ max: 3, delay: 2501999792h, backoff: 10 }"),
      toolAdapter: adapter,
      // Records each wait and returns at once (the clock does not move).
      services: { ...createTestServices(), sleep: async (ms) => void waits.push(ms) },
    });
    expect(log.error?.message).toBe('Tool "t": boom');
    expect(waits).toEqual([
      2501999792 * 3_600_000,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER,
    ]);
  });
});

describe("retries with no delay give the event loop a turn between attempts", () => {
  it("an abort from a macrotask cancels the most retries allowed on an instantly failing tool", async () => {
    const { adapter, calls } = failingAdapter();
    const controller = new AbortController();
    const { log, callsWhenFired } = await withMacrotask(
      () =>
        runWorkflowSkill({
          content: retryDoc("{ max: 100, delay: 0ms, backoff: 1 }"),
          toolAdapter: adapter,
          signal: controller.signal,
        }),
      calls,
      controller,
    );
    expect(callsWhenFired).toBeLessThan(101);
    expect(log.status).toBe("failed");
    expect(log.error?.message).toBe("Workflow run was cancelled");
    expect(log.steps[0]).toMatchObject({ status: "failed", error: "Step cancelled" });
    expect(calls()).toBeLessThan(101);
  });

  it("a timer fires between retries of a run without a signal", async () => {
    const { adapter, calls } = failingAdapter();
    const { log, callsWhenFired } = await withMacrotask(
      () =>
        runWorkflowSkill({
          content: retryDoc("{ max: 100, delay: 0ms, backoff: 1 }"),
          toolAdapter: adapter,
        }),
      calls,
    );
    expect(callsWhenFired).toBeLessThan(101);
    expect(log.steps[0]?.retries?.attempts).toBe(100);
    expect(calls()).toBe(101);
  });
});

const eachDoc = (extra: string) =>
  skill(`
    inputs:
      xs: { type: array }
    steps:
      - id: s
        type: tool
        tool: t
        each: $inputs.xs
        ${extra}
        inputs:
          x: { type: int, value: $item }
  `);

describe("each over a large array of instantly settling calls gives the event loop turns", () => {
  const xs = Array.from({ length: 5000 }, (_, i) => i);

  it.each([
    ["sequential, no signal", "on_error: fail", false],
    ["sequential, with a signal", "on_error: fail", true],
    ["concurrent, with a signal", "concurrency: 8", true],
    ["concurrent, no signal", "concurrency: 8", false],
    ["with a retry policy", "retry: { max: 1, delay: 0ms, backoff: 1 }", true],
  ])("%s", async (_name, extra, withSignal) => {
    const { adapter, calls } = instantAdapter();
    const controller = withSignal ? new AbortController() : undefined;
    const { log, callsWhenFired } = await withMacrotask(
      () =>
        runWorkflowSkill({
          content: eachDoc(extra),
          inputs: { xs },
          toolAdapter: adapter,
          ...(controller ? { signal: controller.signal } : {}),
        }),
      calls,
      controller,
    );
    expect(callsWhenFired).toBeLessThan(xs.length);
    if (controller) {
      expect(log.error?.message).toBe("Workflow run was cancelled");
      expect(calls()).toBeLessThan(xs.length);
    } else {
      expect(log.status).toBe("success");
      expect(calls()).toBe(xs.length);
    }
  });
});

describe("branches that list a step many times give the event loop turns", () => {
  // 3 levels of 16 listings: 4096 runs of `t` from a document of a few lines.
  const doc = skill(`
    steps:
      - { id: c1, type: conditional, condition: "true", then: [${Array(16).fill("c2").join(", ")}] }
      - { id: c2, type: conditional, condition: "true", then: [${Array(16).fill("c3").join(", ")}] }
      - { id: c3, type: conditional, condition: "true", then: [${Array(16).fill("t1").join(", ")}] }
      - { id: t1, type: tool, tool: t }
  `);

  it("an abort from a macrotask cancels the run", async () => {
    const { adapter, calls } = instantAdapter();
    const controller = new AbortController();
    const { log, callsWhenFired } = await withMacrotask(
      () => runWorkflowSkill({ content: doc, toolAdapter: adapter, signal: controller.signal }),
      calls,
      controller,
    );
    expect(callsWhenFired).toBeLessThan(4096);
    expect(log.error?.message).toBe("Workflow run was cancelled");
  });
});
