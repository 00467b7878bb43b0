// Waits for a run up to a time limit: woken by the runner's live events and by a periodic look at
// the run (so a runner whose events are lost or absent still works), reporting progress per step.
import type { RunDetail, Service, ServiceEvent } from "@skillflow/service";

/** The part of a Service the MCP server uses; an in-process `createService` or a client of a running `skillflow serve`. */
export type McpRunner = Pick<
  Service,
  "listWorkflows" | "startRun" | "getRun" | "cancelRun" | "decide" | "listApprovals" | "subscribe"
>;

/** A clock for waits: `setTimeout`/`clearTimeout` as the host has them (tests inject their own). */
export interface McpTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real timers. */
export const REAL_TIMERS: McpTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How one wait goes. */
export interface WaitOptions {
  runner: McpRunner;
  timers: McpTimers;
  waitMs: number;
  /** How often the run is looked at besides events. */
  pollMs: number;
  /** Ends the wait early (the client cancelled); the caller decides what that means. */
  signal: AbortSignal;
  /** True when the wait is over for this run (it ended, or waits for a new approval). */
  settled(run: RunDetail): boolean;
  /** Told each time more steps are done: how many, and the run as seen then. */
  onProgress?(done: number, run: RunDetail): void;
}

const DONE_STEP: ReadonlySet<string> = new Set(["success", "failed", "skipped"]);

/** Step records that have finished (not running, not waiting). */
export function stepsDone(run: RunDetail): number {
  return run.steps.filter((step) => DONE_STEP.has(step.status)).length;
}

/** True for a run that will not change by itself: it ended. */
export function hasEnded(run: Pick<RunDetail, "status">): boolean {
  return run.status === "success" || run.status === "failed" || run.status === "cancelled";
}

/**
 * Waits until `settled(run)`, answering the run then, or `undefined` when `waitMs` passed or the
 * signal aborted first. Every event about the run (and every `pollMs`) triggers one look at it;
 * looks never overlap.
 */
export function waitForRun(runId: string, options: WaitOptions): Promise<RunDetail | undefined> {
  const { runner, timers, signal } = options;
  return new Promise<RunDetail | undefined>((resolve, reject) => {
    let over = false;
    let looking = false;
    let again = false;
    let reported = 0;
    let poll: unknown;
    const finish = (run: RunDetail | undefined, error?: unknown): void => {
      if (over) return;
      over = true;
      timers.clearTimeout(limit);
      timers.clearTimeout(poll);
      unsubscribe();
      signal.removeEventListener("abort", onAbort);
      if (error !== undefined) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(run);
    };
    const look = async (): Promise<void> => {
      if (over) return;
      if (looking) {
        again = true;
        return;
      }
      looking = true;
      try {
        const run = await runner.getRun(runId);
        const done = stepsDone(run);
        if (done > reported && !over) {
          reported = done;
          options.onProgress?.(done, run);
        }
        if (options.settled(run)) return finish(run);
      } catch (error) {
        return finish(undefined, error);
      } finally {
        looking = false;
      }
      if (again) {
        again = false;
        void look();
      }
    };
    const schedulePoll = (): void => {
      poll = timers.setTimeout(() => {
        void look().then(() => {
          if (!over) schedulePoll();
        });
      }, options.pollMs);
    };
    const onAbort = (): void => finish(undefined);
    const onEvent = (event: ServiceEvent): void => {
      if ((event.kind === "run_event" || event.kind === "run_finished") && event.runId === runId)
        void look();
    };
    // Listen before the first look, so nothing that happens in between is missed.
    const unsubscribe = runner.subscribe(onEvent);
    const limit = timers.setTimeout(() => finish(undefined), options.waitMs);
    if (signal.aborted) return finish(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
    schedulePoll();
    void look();
  });
}
