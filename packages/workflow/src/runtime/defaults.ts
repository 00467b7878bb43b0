// Production runtime services: wall clock, UUID v4 ids, Math.random and timers (chained beyond the 2^31-1 ms limit).
import type { RuntimeServices } from "../model/services.js";

const MAX_TIMER_MS = 2_147_483_647;

/** Resolves after `ms` (chaining timers for long waits) or as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted || !(ms > 0)) return resolve();
    let remaining = ms;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const arm = (): void => {
      const chunk = Math.min(remaining, MAX_TIMER_MS);
      remaining -= chunk;
      timer = setTimeout(remaining > 0 ? arm : done, chunk);
    };
    signal?.addEventListener("abort", done, { once: true });
    arm();
  });
}

/** Resolves on the next macrotask: `setImmediate` where the host has it (Node), else a zero timer. */
export function yieldTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof globalThis.setImmediate === "function") globalThis.setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/** The services used when the caller supplies none. */
export const defaultServices: RuntimeServices = {
  now: () => Date.now(),
  newId: () => globalThis.crypto.randomUUID(),
  sleep,
  yieldTurn,
  random: () => Math.random(),
};

/** Completes partial caller services with the defaults. */
export function withDefaults(services: Partial<RuntimeServices> | undefined): RuntimeServices {
  if (!services) return defaultServices;
  return {
    now: services.now ?? defaultServices.now,
    newId: services.newId ?? defaultServices.newId,
    sleep: services.sleep ?? defaultServices.sleep,
    yieldTurn: services.yieldTurn ?? defaultServices.yieldTurn,
    random: services.random ?? defaultServices.random,
  };
}
