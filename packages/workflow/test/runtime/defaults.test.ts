// Unit tests of the production services: `sleep` (abort, chained timers past 2^31−1 ms, §10.1) and defaults.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defaultServices, sleep, withDefaults } from "../../src/runtime/defaults.js";

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Starts `sleep` and exposes whether it has resolved. */
function track(ms: number, signal?: AbortSignal): { done: () => boolean; promise: Promise<void> } {
  let settled = false;
  const promise = sleep(ms, signal).then(() => {
    settled = true;
  });
  return { done: () => settled, promise };
}

describe("sleep", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves after the given time, not before", async () => {
    const t = track(1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(t.done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.done()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("resolves at once for zero, negative and NaN durations, arming no timer", async () => {
    for (const ms of [0, -5, Number.NaN]) {
      const t = track(ms);
      await vi.advanceTimersByTimeAsync(0);
      expect(t.done()).toBe(true);
    }
    expect(vi.getTimerCount()).toBe(0);
  });

  it("resolves at once when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const t = track(60_000, controller.signal);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.done()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("resolves (never rejects) as soon as the signal aborts, clearing its timer and listener", async () => {
    const controller = new AbortController();
    const t = track(60_000, controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    controller.abort(new Error("stop"));
    await t.promise;
    expect(t.done()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("removes its abort listener when it completes normally", async () => {
    const controller = new AbortController();
    const t = track(5, controller.signal);
    await vi.advanceTimersByTimeAsync(5);
    expect(t.done()).toBe(true);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("chains timers for waits beyond 2^31−1 ms, each within the platform limit", async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const total = 2 ** 31 + 10;
    const t = track(total);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(t.done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.done()).toBe(false);
    await vi.advanceTimersByTimeAsync(total - MAX_TIMER_MS - 2);
    expect(t.done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.done()).toBe(true);
    const delays = setTimeoutSpy.mock.calls.map((call) => call[1] ?? 0);
    expect(delays).toEqual([MAX_TIMER_MS, total - MAX_TIMER_MS]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an abort during a chained wait ends it and clears the current link", async () => {
    const controller = new AbortController();
    const t = track(3 * MAX_TIMER_MS, controller.signal);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 5);
    expect(t.done()).toBe(false);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await t.promise;
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("withDefaults", () => {
  it("returns the defaults when no services are given", () => {
    expect(withDefaults(undefined)).toBe(defaultServices);
  });

  it("completes partial services with the defaults", () => {
    const now = (): number => 5;
    const merged = withDefaults({ now });
    expect(merged.now).toBe(now);
    expect(merged.newId).toBe(defaultServices.newId);
    expect(merged.sleep).toBe(defaultServices.sleep);
    expect(merged.yieldTurn).toBe(defaultServices.yieldTurn);
  });

  it("yieldTurn resolves only after a macrotask queued before it", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("macrotask"));
    await defaultServices.yieldTurn();
    order.push("turn");
    expect(order).toEqual(["macrotask", "turn"]);
  });

  it("default ids are UUID v4 and distinct", () => {
    const a = defaultServices.newId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(defaultServices.newId()).not.toBe(a);
  });
});
