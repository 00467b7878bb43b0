// Batched event writes of the SQLite store: one transaction per macrotask, a last flush at exit, and
// failures kept for the run they belong to (a flush in a timer has no caller to throw to).
import type { RunStoreError } from "./store.js";

/** One queued write and the run it belongs to. */
interface QueuedWrite {
  runId: string;
  write: () => void;
}

/** How the queue commits a batch and reports a failed one. */
export interface WriteQueueHooks {
  /** Runs the writes in one transaction; throws when it fails. */
  commit(writes: (() => void)[]): void;
  /** The error to keep for a failed batch (the store's coded failure). */
  failure(error: unknown): RunStoreError;
  /** Hears of every failed batch at once; must not throw. */
  onError?: ((error: RunStoreError) => void) | undefined;
}

/** Queued event writes. `flush` never throws: a failed batch is kept per run and reported. */
export class WriteQueue {
  readonly #hooks: WriteQueueHooks;
  #pending: QueuedWrite[] = [];
  #scheduled = false;
  readonly #failed = new Map<string, RunStoreError>();
  // better-sqlite3 is synchronous, so even a process that calls exit() writes its last events.
  readonly #flushOnExit = (): void => this.flush();

  constructor(hooks: WriteQueueHooks) {
    this.#hooks = hooks;
    process.on("exit", this.#flushOnExit);
  }

  /**
   * Queues a write. Writes of one macrotask share a transaction (a 200-step run of fast steps makes
   * a few transactions instead of 400); a run is still on disk step by step.
   */
  push(runId: string, write: () => void): void {
    this.#pending.push({ runId, write });
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Commits every queued write; a failure is kept for each run of the batch and reported. */
  flush(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    try {
      this.#hooks.commit(batch.map((q) => q.write));
    } catch (error) {
      const failure = this.#hooks.failure(error);
      for (const { runId } of batch) this.#failed.set(runId, failure);
      try {
        this.#hooks.onError?.(failure);
      } catch {
        // A listener that throws here would crash the process from a timer or an exit handler.
      }
    }
  }

  /**
   * Commits every queued write and then `write` in one transaction, so `write` never lands without
   * the writes queued before it. Throws the failure (also kept for the batch's runs, like `flush`).
   */
  commitWith(runId: string, write: () => void): void {
    // A flush already scheduled stays scheduled: it commits whatever is queued after this.
    const batch = this.#pending;
    this.#pending = [];
    try {
      this.#hooks.commit([...batch.map((q) => q.write), write]);
    } catch (error) {
      const failure = this.#hooks.failure(error);
      for (const q of batch) this.#failed.set(q.runId, failure);
      // The caller hears of it by the throw; other runs whose writes were lost hear of it here.
      if (batch.some((q) => q.runId !== runId))
        try {
          this.#hooks.onError?.(failure);
        } catch {
          // Same as in flush: a listener must not break the caller.
        }
      throw failure;
    }
  }

  /** The failure kept for a run's queued writes, if any; it is returned once. */
  takeFailure(runId: string): RunStoreError | undefined {
    const failure = this.#failed.get(runId);
    this.#failed.delete(runId);
    return failure;
  }

  /** Forgets a run's failure (its record was rewritten whole). */
  clear(runId: string): void {
    this.#failed.delete(runId);
  }

  /** Flushes and stops listening for process exit. */
  dispose(): void {
    this.flush();
    process.off("exit", this.#flushOnExit);
  }
}
