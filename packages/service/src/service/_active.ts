// One run a worker holds: its job, how to abort it, and the flags that say how it must end.
import type { QueueJob } from "../queue/queue.js";

/** A promise with its resolve, settled once. */
export interface Latch {
  promise: Promise<void>;
  resolve(): void;
}

/** A promise resolved from outside (idempotent). */
export function latch(): Latch {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A run in flight on this worker. */
export interface ActiveRun {
  job: QueueJob;
  /** Aborts the runtime (a cancel, a lost lease, a stop that does not wait). */
  abort: AbortController;
  /** Stops the heartbeat. */
  heartbeat: AbortController;
  /** Cancelled by a person: the run ends `cancelled` and is recorded so. */
  cancelled: boolean;
  /** Its lease is lost or given back: nothing more of it is recorded or completed here. */
  detached: boolean;
  /** The service is stopping: the run parks at its next checkpoint. */
  parking: boolean;
  /** Resolved once the run is parked or has ended. */
  settled: Latch;
}

/** A fresh active run for a claimed job. */
export function activeRun(job: QueueJob): ActiveRun {
  return {
    job,
    abort: new AbortController(),
    heartbeat: new AbortController(),
    cancelled: false,
    detached: false,
    parking: false,
    settled: latch(),
  };
}

/** A promise that never settles: a parked run waits here until the process ends. */
export function never(): Promise<never> {
  return new Promise<never>(() => {});
}
