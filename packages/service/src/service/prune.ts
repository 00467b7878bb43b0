// Pruning the queue's finished jobs: at start, then hourly, keeping those of the last `jobRetentionMs`.
import type { ServiceContext } from "./_context.js";

/**
 * How long finished jobs stay in the queue by default (7 days). Safe for at-most-once fires: the
 * scheduler never plans a fire at or before the schedule's `lastFire`, and it persists `lastFire`
 * (past every fire it enqueued) in the same tick, so a fire's dedupe key only matters until that
 * tick ends (a crash in between replans the same fires). A job that finished a week ago holds a
 * key no tick can ask for again.
 */
export const DEFAULT_JOB_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** How often a started service prunes (hourly). */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** Removes the jobs that finished more than the retention ago; a failure is told, not thrown. */
export async function pruneJobs(ctx: ServiceContext): Promise<void> {
  try {
    await ctx.queue.prune({ finishedBefore: ctx.services.now() - ctx.jobRetentionMs });
  } catch (error) {
    ctx.problem({
      code: "QUEUE_PRUNE_FAILED",
      message: `pruning finished jobs failed (it is retried within the hour): ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/** Prunes now, then every `PRUNE_INTERVAL_MS` (the injected clock) until `signal` aborts. */
export async function pruneLoop(ctx: ServiceContext, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    await pruneJobs(ctx);
    await ctx.services.sleep(PRUNE_INTERVAL_MS, signal);
  }
}
