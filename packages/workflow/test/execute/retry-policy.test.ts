// §13.2 on the retry loop: permanent failures are not retried, `max_delay` caps and `jitter` draws
// each wait, and a tool's `retryAfterMs` hint raises a wait within the cap [EXT] — on the virtual clock.
import { describe, expect, it } from "vitest";
import type { CompiledRetry } from "../../src/compile/plan.js";
import { fromThrown, fromToolResult } from "../../src/execute/invoke.js";
import { RETRY_AFTER_CEILING_MS, invokeWithRetries, retryWait } from "../../src/execute/retry.js";
import type { ToolResult } from "../../src/model/adapter.js";
import { buildState, recordingAdapter, toolDoc, type Call, type StateOptions } from "./_state.js";

function harness(
  lines: string[],
  answer: (n: number) => ToolResult | Promise<ToolResult>,
  options: StateOptions = {},
) {
  const { adapter, calls } = recordingAdapter(
    () => h.services,
    (_call, n) => answer(n),
  );
  const h = buildState(toolDoc(...lines), { ...options, adapter });
  return { ...h, calls, run: () => invokeWithRetries(h.state, h.step("a"), {}, undefined) };
}

const gaps = (calls: Call[]): number[] => calls.slice(1).map((c, i) => c.at - calls[i]!.at);
const failing = (n: number): ToolResult => ({ output: null, error: `boom ${n}` });
const RETRY_3 = "retry: { max: 3, delay: 1s, backoff: 1 }";

describe("non-retryable failures (§13.2)", () => {
  it("a result with retryable: false is tried once whatever the policy", async () => {
    const h = harness([RETRY_3], () => ({ output: null, error: "bad url", retryable: false }));
    const { result, retryErrors } = await h.run();
    expect(h.calls).toHaveLength(1);
    expect(retryErrors).toEqual([]);
    expect(h.events).toEqual([]);
    expect(result).toEqual({
      ok: false,
      failure: { message: "bad url", retriable: false, tool: "t" },
    });
  });

  it("retryable: true and an absent flag are retried as before", async () => {
    for (const retryable of [true, undefined]) {
      const h = harness([RETRY_3], (n) =>
        retryable === undefined ? failing(n) : { ...failing(n), retryable },
      );
      await h.run();
      expect(h.calls).toHaveLength(4);
    }
  });

  it("a thrown error whose own retryable is false is tried once", async () => {
    const h = harness([RETRY_3], () => {
      throw Object.assign(new Error("forbidden"), { retryable: false });
    });
    const { result } = await h.run();
    expect(h.calls).toHaveLength(1);
    expect(result.ok === false && result.failure).toEqual({
      message: "forbidden",
      retriable: false,
      tool: "t",
    });
  });

  it("counts a non-enumerable own retryable: false, but not an inherited one (§13.9.14)", () => {
    const hidden = new Error("hidden");
    Object.defineProperty(hidden, "retryable", { value: false, enumerable: false });
    expect(fromThrown("t", hidden)).toMatchObject({ failure: { retriable: false } });

    class Permanent extends Error {}
    Object.defineProperty(Permanent.prototype, "retryable", { value: false });
    expect(fromThrown("t", new Permanent("inherited"))).toMatchObject({
      failure: { retriable: true },
    });
    expect(fromThrown("t", { message: "plain object", retryable: false })).toMatchObject({
      failure: { message: "plain object", retriable: false },
    });
  });

  it("only the boolean false makes a failure permanent", () => {
    for (const retryable of [0, "false", null]) {
      const result = { output: null, error: "x", retryable } as unknown as ToolResult;
      expect(fromToolResult("t", result)).toMatchObject({ failure: { retriable: true } });
    }
  });

  it("a getter that throws while reading retryable is still a retriable tool failure", () => {
    const error = new Error("odd");
    Object.defineProperty(error, "retryable", {
      get() {
        throw new Error("trap");
      },
    });
    expect(fromThrown("t", error)).toEqual({
      ok: false,
      failure: { message: "odd", retriable: true, tool: "t" },
    });
  });
});

describe("max_delay and jitter (§13.2, §13.9.6)", () => {
  it("max_delay caps each wait of the backoff schedule", async () => {
    const h = harness(["retry: { max: 4, delay: 1s, backoff: 3, max_delay: 5s }"], failing);
    await h.run();
    expect(gaps(h.calls)).toEqual([1000, 3000, 5000, 5000]);
  });

  it("jitter draws each wait uniformly from [0, capped wait] with the run's random source", async () => {
    const draws = [0.5, 0, 0.999];
    const h = harness(
      ["retry: { max: 3, delay: 10s, backoff: 2, max_delay: 16s, jitter: true }"],
      failing,
      {
        random: () => draws.shift()!,
      },
    );
    await h.run();
    expect(gaps(h.calls)).toEqual([5000, 0, 16_000 * 0.999]);
    expect(draws).toEqual([]);
  });

  it("without jitter the random source is never read", async () => {
    let reads = 0;
    const h = harness([RETRY_3], failing, {
      random: () => {
        reads++;
        return 0.5;
      },
    });
    await h.run();
    expect(reads).toBe(0);
    expect(gaps(h.calls)).toEqual([1000, 1000, 1000]);
  });

  it("the same seed gives the same jittered schedule", async () => {
    const schedule = async () => {
      const h = harness(["retry: { max: 3, delay: 1s, backoff: 2, jitter: true }"], failing);
      await h.run();
      return gaps(h.calls);
    };
    const first = await schedule();
    expect(await schedule()).toEqual(first);
    expect(first.every((gap, i) => gap >= 0 && gap <= 1000 * 2 ** i)).toBe(true);
  });

  it("a random source outside [0, 1) is clamped into it", () => {
    const policy: CompiledRetry = {
      max: 1,
      delayMs: 1000,
      backoff: 1,
      maxDelayMs: undefined,
      jitter: true,
    };
    expect(retryWait(policy, 1, undefined, () => 7)).toBe(1000);
    expect(retryWait(policy, 1, undefined, () => -1)).toBe(0);
    expect(retryWait(policy, 1, undefined, () => Number.NaN)).toBe(1000);
  });
});

describe("retryAfterMs: the tool's own wait hint [EXT]", () => {
  it("waits max(schedule, retryAfterMs)", async () => {
    const hints = [7000, 10];
    const h = harness(["retry: { max: 2, delay: 1s, backoff: 1 }"], (n) => ({
      ...failing(n),
      retryAfterMs: hints[n - 1]!,
    }));
    await h.run();
    expect(gaps(h.calls)).toEqual([7000, 1000]);
  });

  it("is capped by max_delay", async () => {
    const h = harness(["retry: { max: 1, delay: 1s, backoff: 1, max_delay: 3s }"], (n) => ({
      ...failing(n),
      retryAfterMs: 60_000,
    }));
    await h.run();
    expect(gaps(h.calls)).toEqual([3000]);
  });

  it("is capped at 5 minutes without max_delay, and max_delay can allow more", async () => {
    const hint = (n: number) => ({ ...failing(n), retryAfterMs: 86_400_000 });
    const bounded = harness(["retry: { max: 1, delay: 1s, backoff: 1 }"], hint);
    await bounded.run();
    expect(gaps(bounded.calls)).toEqual([RETRY_AFTER_CEILING_MS]);
    const allowed = harness(["retry: { max: 1, delay: 1s, backoff: 1, max_delay: 1h }"], hint);
    await allowed.run();
    expect(gaps(allowed.calls)).toEqual([3_600_000]);
  });

  it("is a floor under a jittered wait", async () => {
    const h = harness(
      ["retry: { max: 1, delay: 10s, backoff: 1, jitter: true }"],
      (n) => ({ ...failing(n), retryAfterMs: 4000 }),
      { random: () => 0.1 },
    );
    await h.run();
    expect(gaps(h.calls)).toEqual([4000]);
  });

  it("is read from a thrown error's own property too", async () => {
    const h = harness(["retry: { max: 1, delay: 1s, backoff: 1 }"], (n) => {
      if (n === 1) throw Object.assign(new Error("slow down"), { retryAfterMs: 2500 });
      return { output: "ok" };
    });
    const { result } = await h.run();
    expect(result).toEqual({ ok: true, output: "ok" });
    expect(gaps(h.calls)).toEqual([2500]);
  });

  it("ignores a malformed hint", async () => {
    for (const hint of [Number.NaN, -5, Number.POSITIVE_INFINITY, "9000"]) {
      const h = harness(["retry: { max: 1, delay: 1s, backoff: 1 }"], (n) => ({
        ...failing(n),
        retryAfterMs: hint as number,
      }));
      await h.run();
      expect(gaps(h.calls)).toEqual([1000]);
    }
  });

  it("does nothing without a retry policy or on a permanent failure", async () => {
    const h = harness([], (n) => ({ ...failing(n), retryAfterMs: 5000 }));
    await h.run();
    expect(h.calls).toHaveLength(1);
    const permanent = harness([RETRY_3], (n) => ({
      ...failing(n),
      retryable: false,
      retryAfterMs: 5000,
    }));
    await permanent.run();
    expect(permanent.calls).toHaveLength(1);
  });
});
