// What the parts of a service share: its options resolved, the clock, the event hub and the wake-up.
import { hostname } from "node:os";
import type { RunStore } from "@skillflow/store";
import { ServiceError } from "../errors.js";
import type { RunQueue } from "../queue/queue.js";
import { EventHub } from "./events.js";
import { DEFAULT_JOB_RETENTION_MS } from "./prune.js";
import type { ServiceStateStore } from "./state.js";
import type {
  ServiceErrorCode,
  ServiceOptions,
  ServiceProblem,
  ServiceServices,
  WorkflowCatalog,
} from "./types.js";

/** Default lease without a heartbeat. */
export const DEFAULT_LEASE_MS = 30_000;
/** Default look for work interval. */
export const DEFAULT_POLL_MS = 1_000;
/** Default grace period at `stop()`. */
export const DEFAULT_GRACE_MS = 30_000;

/** The shared state of one service. */
export interface ServiceContext {
  readonly options: ServiceOptions;
  readonly store: RunStore;
  readonly queue: RunQueue;
  readonly state: ServiceStateStore;
  readonly catalog: WorkflowCatalog;
  readonly services: ServiceServices;
  readonly secrets: readonly string[];
  readonly workerId: string;
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly graceMs: number;
  /** How long finished jobs stay in the queue (see `DEFAULT_JOB_RETENTION_MS`). */
  readonly jobRetentionMs: number;
  /** How many runs of one workflow may wait in the queue before `startRun` refuses (`QUEUE_FULL`). */
  readonly maxQueued: number;
  readonly events: EventHub;
  /** Tells the host about a problem the service recovered from. */
  problem(problem: ServiceProblem): void;
  /** The current time as ISO 8601. */
  iso(): string;
}

const defaultServices: ServiceServices = {
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      // Chunks below the platform limit (about 24.8 days), so long waits stay exact.
      const end = Date.now() + ms;
      let timer: NodeJS.Timeout;
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const tick = (): void => {
        const left = end - Date.now();
        if (left <= 0) {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        } else timer = setTimeout(tick, Math.min(left, 2 ** 31 - 1));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      tick();
    }),
};

function positive(
  name: string,
  value: number | undefined,
  fallback: number,
  { zero = false } = {},
): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zero))
    throw new ServiceError(
      "INVALID_OPTION",
      `${name} must be a ${zero ? "non-negative" : "positive"} number of ms (got ${String(value)}); omit it for the default`,
    );
  return value;
}

/** Default cap on the queued (not yet running) runs of one workflow. */
export const DEFAULT_MAX_QUEUED = 1000;

function count(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new ServiceError(
      "INVALID_OPTION",
      `${name} must be a positive whole number (got ${String(value)}); omit it for the default`,
    );
  return value;
}

/** Resolves the options into the shared context (defaults applied, values checked). */
export function createContext(options: ServiceOptions): ServiceContext {
  const services = { ...defaultServices, ...options.services };
  return {
    options,
    store: options.store,
    queue: options.queue,
    state: options.state,
    catalog: options.workflows,
    services,
    secrets: options.secrets ?? [],
    workerId:
      options.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`,
    leaseMs: positive("leaseMs", options.leaseMs, DEFAULT_LEASE_MS),
    pollMs: positive("pollMs", options.pollMs, DEFAULT_POLL_MS),
    // A grace of 0 (`service.graceSeconds: 0`) stops running steps at once.
    graceMs: positive("graceMs", options.graceMs, DEFAULT_GRACE_MS, { zero: true }),
    jobRetentionMs: positive("jobRetentionMs", options.jobRetentionMs, DEFAULT_JOB_RETENTION_MS),
    maxQueued: count("maxQueued", options.maxQueued, DEFAULT_MAX_QUEUED),
    events: new EventHub(services.now),
    problem: (problem) => {
      try {
        options.onProblem?.(problem);
      } catch {
        // The host's logger failing is no reason to stop a run.
      }
    },
    iso: () => new Date(services.now()).toISOString(),
  };
}

/** A coded error of the service. */
export function serviceError(
  code: ServiceErrorCode,
  message: string,
  options?: ErrorOptions,
): ServiceError {
  return new ServiceError(code, message, options);
}
