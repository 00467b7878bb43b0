// Deterministic runtime services for tests: a virtual clock whose sleeps fire in time order, sequential ids
// and a seeded random source.
import type { RuntimeServices } from "../model/services.js";

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** Virtual time: `sleep` advances the clock instead of waiting; options tune the start time and id prefix. */
export interface TestServices extends RuntimeServices {
  /** Current virtual time. */
  readonly time: number;
  /** Advance the clock by `ms` without sleeping (e.g. inside a fake tool to simulate work). */
  advance(ms: number): void;
}

/** Options of `createTestServices`. */
export interface TestServicesOptions {
  /** Virtual start time in ms since the epoch (default 2026-01-01T00:00:00.000Z). */
  start?: number;
  /** Prefix of the sequential run ids (default `run`). */
  idPrefix?: string;
  /** Seed of the deterministic `random` source (default 1). */
  seed?: number;
  /** A `random` source of the test's own (e.g. `() => 0.5`); wins over `seed`. */
  random?: () => number;
}

/**
 * A deterministic random source in [0, 1) (mulberry32): the same seed gives the same sequence, so a
 * test of `retry.jitter` can predict every wait.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Services with a virtual clock (starting at `start`, default 2026-01-01T00:00:00.000Z), ids
 * `run-1`, `run-2`, ... and a seeded `random`. Pending sleeps fire in deadline order once every
 * microtask has settled, so concurrent work interleaves exactly as it would in real time, with no
 * real waiting.
 */
export function createTestServices(options: TestServicesOptions = {}): TestServices {
  let time = options.start ?? Date.UTC(2026, 0, 1);
  let seq = 0;
  let ids = 0;
  const timers: Timer[] = [];
  let pumping = false;

  const pump = (): void => {
    pumping = false;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift();
    if (!next) return;
    time = Math.max(time, next.at);
    next.resolve();
    schedule();
  };
  const schedule = (): void => {
    if (pumping || timers.length === 0) return;
    pumping = true;
    setImmediate(pump);
  };

  return {
    get time() {
      return time;
    },
    advance(ms: number) {
      time += ms;
    },
    now: () => time,
    newId: () => `${options.idPrefix ?? "run"}-${++ids}`,
    yieldTurn: () => new Promise<void>((resolve) => setImmediate(resolve)),
    random: options.random ?? seededRandom(options.seed ?? 1),
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      return new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const timer: Timer = { at: time + Math.max(0, ms), seq: seq++, resolve };
        timers.push(timer);
        signal?.addEventListener(
          "abort",
          () => {
            const i = timers.indexOf(timer);
            if (i !== -1) timers.splice(i, 1);
            resolve();
          },
          { once: true },
        );
        schedule();
      });
    },
  };
}
