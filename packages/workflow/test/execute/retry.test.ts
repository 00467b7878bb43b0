// Unit tests of the retry policy around tool attempts (§6.5): backoff waits on the virtual clock,
// step_retry events, attempt numbers, and when retrying stops.
import { describe, expect, it, vi } from "vitest";
import { CANCELLED } from "../../src/execute/failure.js";
import { invokeWithRetries } from "../../src/execute/retry.js";
import type { ToolResult } from "../../src/model/adapter.js";
import {
  START,
  buildState,
  recordingAdapter,
  toolDoc,
  type Call,
  type Harness,
  type StateOptions,
} from "./_state.js";

/** A harness for tool step `a` with `lines`, whose adapter answers call n with `answer(n)`. */
function harness(
  lines: string[],
  answer: (n: number, call: Call) => ToolResult | Promise<ToolResult>,
  options: StateOptions = {},
): Harness & { calls: Call[] } {
  const { adapter, calls } = recordingAdapter(
    () => h.services,
    (call, n) => answer(n, call),
  );
  const h = buildState(toolDoc(...lines), { ...options, adapter });
  return { ...h, calls };
}

const failing = (n: number): ToolResult => ({ output: null, error: `boom ${n}` });
/** Waits between consecutive calls, in virtual ms. */
const gaps = (calls: Call[]): number[] => calls.slice(1).map((c, i) => c.at - calls[i]!.at);

describe("invokeWithRetries (§6.5)", () => {
  it("waits delay × backoff^(k−1) after the k-th failure (the §6.5 example)", async () => {
    const h = harness(["retry: { max: 3, delay: 2s, backoff: 1.5 }"], failing);
    const { result, retryErrors } = await invokeWithRetries(h.state, h.step("a"), {}, undefined);
    expect(h.calls.map((c) => c.at - START)).toEqual([0, 2000, 5000, 9500]);
    expect(gaps(h.calls)).toEqual([2000, 3000, 4500]);
    expect(h.services.time - START).toBe(9500);
    expect(result).toEqual({
      ok: false,
      failure: { message: "boom 4", retriable: true, tool: "t" },
    });
    expect(retryErrors).toEqual(["boom 1", "boom 2", "boom 3"]);
  });

  it("supports backoff below 1 and does not wait after the final failure", async () => {
    const h = harness(["retry: { max: 3, delay: 1s, backoff: 0.5 }"], failing);
    await invokeWithRetries(h.state, h.step("a"), {}, undefined);
    expect(gaps(h.calls)).toEqual([1000, 500, 250]);
    expect(h.services.time - h.calls.at(-1)!.at).toBe(0);
  });

  it("numbers attempts from 1 and emits step_retry with the raw message before each wait", async () => {
    const h = harness(["retry: { max: 2, delay: 10ms, backoff: 1 }"], failing);
    await invokeWithRetries(h.state, h.step("a"), { q: 1 }, undefined);
    expect(h.calls.map((c) => c.context.attempt)).toEqual([1, 2, 3]);
    expect(h.calls.map((c) => c.args)).toEqual([{ q: 1 }, { q: 1 }, { q: 1 }]);
    expect(h.calls.every((c) => !("iteration" in c.context))).toBe(true);
    expect(h.events).toEqual([
      { type: "step_retry", stepId: "a", attempt: 1, error: "boom 1" },
      { type: "step_retry", stepId: "a", attempt: 2, error: "boom 2" },
    ]);
  });

  it("carries the iteration in contexts and step_retry events of each steps", async () => {
    const h = harness(["retry: { max: 1, delay: 1ms, backoff: 1 }"], failing);
    await invokeWithRetries(h.state, h.step("a"), {}, 4);
    expect(h.calls.map((c) => [c.context.attempt, c.context.iteration])).toEqual([
      [1, 4],
      [2, 4],
    ]);
    expect(h.events).toEqual([
      { type: "step_retry", stepId: "a", attempt: 1, error: "boom 1", iteration: 4 },
    ]);
  });

  it("stops at the first success", async () => {
    const h = harness(["retry: { max: 5, delay: 1s, backoff: 2 }"], (n) =>
      n < 3 ? failing(n) : { output: { n } },
    );
    const { result, retryErrors } = await invokeWithRetries(h.state, h.step("a"), {}, undefined);
    expect(result).toEqual({ ok: true, output: { n: 3 } });
    expect(retryErrors).toEqual(["boom 1", "boom 2"]);
    expect(h.calls).toHaveLength(3);
  });

  it("stops on a non-retriable failure (a null result)", async () => {
    const h = harness(["retry: { max: 5, delay: 1s, backoff: 2 }"], (n) =>
      n === 1 ? failing(n) : (null as unknown as ToolResult),
    );
    const { result, retryErrors } = await invokeWithRetries(h.state, h.step("a"), {}, undefined);
    expect(result.ok === false && result.failure.retriable).toBe(false);
    expect(retryErrors).toEqual(["boom 1"]);
    expect(h.calls).toHaveLength(2);
    expect(h.events.map((e) => e.type)).toEqual(["step_retry"]);
  });

  it("retries thrown errors like error results (§12 D3)", async () => {
    const h = harness(["retry: { max: 1, delay: 1ms, backoff: 1 }"], (n) => {
      if (n === 1) throw new Error("thrown");
      return { output: "ok" };
    });
    const { result, retryErrors } = await invokeWithRetries(h.state, h.step("a"), {}, undefined);
    expect(result).toEqual({ ok: true, output: "ok" });
    expect(retryErrors).toEqual(["thrown"]);
  });

  it("makes one attempt without a policy", async () => {
    const h = harness([], failing);
    const { result, retryErrors } = await invokeWithRetries(h.state, h.step("a"), {}, undefined);
    expect(result.ok).toBe(false);
    expect(retryErrors).toEqual([]);
    expect(h.calls).toHaveLength(1);
    expect(h.events).toEqual([]);
  });

  it("does not sleep when the delay is zero, but gives the event loop a turn before each retry", async () => {
    const h = harness(["retry: { max: 2, delay: 0ms, backoff: 2 }"], failing);
    const sleep = vi.spyOn(h.services, "sleep");
    const yieldTurn = vi.spyOn(h.services, "yieldTurn");
    await invokeWithRetries(h.state, h.step("a"), {}, undefined);
    expect(h.calls).toHaveLength(3);
    expect(sleep).not.toHaveBeenCalled();
    expect(yieldTurn).toHaveBeenCalledTimes(2);
    expect(h.services.time).toBe(START);
  });

  it("a timed-out attempt is retried; backoff waits are not counted in the timeout", async () => {
    const h = harness(["timeout: 100ms", "retry: { max: 1, delay: 1s, backoff: 1 }"], (n) =>
      n === 1 ? new Promise<ToolResult>(() => undefined) : { output: "second" },
    );
    const { result, retryErrors } = await invokeWithRetries(h.state, h.step("a"), {}, undefined);
    expect(result).toEqual({ ok: true, output: "second" });
    expect(retryErrors).toEqual(["Timed out after 100ms"]);
    expect(h.calls.map((c) => c.at - START)).toEqual([0, 1100]);
  });

  it("cancellation during a backoff wait ends it at once and starts no retry (§10.5)", async () => {
    const controller = new AbortController();
    const h = harness(
      ["retry: { max: 3, delay: 1h, backoff: 1 }"],
      (n) => {
        setImmediate(() => controller.abort());
        return failing(n);
      },
      { signal: controller.signal },
    );
    const { result, retryErrors } = await invokeWithRetries(h.state, h.step("a"), {}, undefined);
    expect(result).toEqual({ ok: false, failure: CANCELLED });
    expect(retryErrors).toEqual(["boom 1"]);
    expect(h.calls).toHaveLength(1);
    expect(h.services.time).toBe(START);
  });
});
