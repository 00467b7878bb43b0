// createService: the queue, the history, the workers, approvals and the live events of `skillflow serve`.
import type { QueueJob } from "../queue/queue.js";
import { createContext, serviceError, type ServiceContext } from "./_context.js";
import { decide, DeadlineWatcher, listApprovals } from "./approvals.js";
import { cancelRun, getRun, listRuns, rerun, resumeRun, startRun } from "./runs.js";
import type { Service, ServiceOptions, StartRunRequest } from "./types.js";
import { pruneLoop } from "./prune.js";
import { createWiring, type Wiring } from "./wiring.js";
import { Worker } from "./worker.js";

/**
 * Creates a service over a run store, a queue and a state store. Nothing runs until `start()`;
 * every method works before it (started runs wait in the queue). Runs are recorded in the store
 * (the history `skillflow runs` reads), checkpointed after each step, and resumed from their
 * checkpoint when a worker takes over a job (a crash, a stop, a decided approval, a deadline).
 */
export function createService(options: ServiceOptions): Service {
  const ctx = createContext(options);
  let started = false;
  let stopped = false;
  let stopping: Promise<void> | undefined;
  const scheduler = new AbortController();

  // WIRE: the run's notifications go through wiring.afterRun (assigned below, before any run).
  const wired: { wiring?: Wiring } = {};
  const worker = new Worker(ctx, {
    onWaiting: () => deadlines.refresh(),
    afterRun: async (log, job: QueueJob) => {
      try {
        await wired.wiring?.afterRun(log, job);
      } catch (error) {
        ctx.problem({
          code: "NOTIFICATION_FAILED",
          message: error instanceof Error ? error.message : String(error),
          runId: log.id,
        });
      }
    },
  });
  const deadlines = new DeadlineWatcher(ctx, () => worker.wake());
  const enqueue = async (request: StartRunRequest, dedupeKey?: string) => {
    const ref = await startRun(ctx, request, ctx.services.newId(), dedupeKey);
    worker.wake();
    return ref;
  };
  const cancel = async (runId: string) => {
    const ref = await cancelRun(ctx, runId, (id) => worker.cancel(id));
    deadlines.refresh();
    return ref;
  };
  const wiring = createWiring(ctx, { start: enqueue, cancel });
  wired.wiring = wiring;

  const live = (): ServiceContext => {
    if (stopped || stopping)
      throw serviceError("SERVICE_STOPPED", "the service is stopped; start a new one to use it");
    return ctx;
  };

  const scheduleLoop = async (): Promise<void> => {
    while (!scheduler.signal.aborted) {
      try {
        await wiring.tick();
      } catch (error) {
        ctx.problem({
          code: "SCHEDULER_FAILED",
          message: error instanceof Error ? error.message : String(error),
        });
      }
      // Wakes at the next fire time (or at the poll, whichever is first: a clock may jump).
      const next = await wiring.nextTick().catch(() => undefined);
      const wait = next === undefined ? ctx.pollMs : Math.max(1, next - ctx.services.now());
      await ctx.services.sleep(Math.min(wait, ctx.pollMs), scheduler.signal);
    }
  };

  return {
    async start() {
      live();
      if (started) return;
      started = true;
      deadlines.refresh();
      worker.start();
      if ((options.schedules?.size ?? 0) > 0) void scheduleLoop();
      // Finished jobs would pile up for ever (an every-second schedule adds 86,400 a day).
      void pruneLoop(ctx, scheduler.signal);
    },
    async stop(stopOptions = {}) {
      if (stopped) return;
      // A stop at once during a graceful one (a second signal) cuts its grace period short.
      if (stopOptions.now === true) worker.hurry();
      stopping ??= (async () => {
        scheduler.abort();
        deadlines.stop();
        await worker.stop(stopOptions.now === true);
        stopped = true;
      })();
      await stopping;
    },
    async idle() {
      live();
      await worker.idle();
    },
    listWorkflows: async () => live().catalog.list(),
    startRun: async (request) => {
      live();
      return enqueue(request);
    },
    listRuns: async (query) => listRuns(live(), query),
    getRun: async (runId) => getRun(live(), runId),
    cancelRun: async (runId) => {
      live();
      return cancel(runId);
    },
    rerun: async (runId, rerunOptions) => {
      const ref = await rerun(live(), runId, rerunOptions);
      worker.wake();
      return ref;
    },
    resumeRun: async (runId) => {
      const ref = await resumeRun(live(), runId);
      worker.wake();
      return ref;
    },
    listApprovals: async () => listApprovals(live()),
    decide: async (runId, key, decision) => {
      const ref = await decide(live(), runId, key, decision);
      worker.wake();
      return ref;
    },
    listSchedules: async () => {
      live();
      return wiring.listSchedules();
    },
    pauseSchedule: async (name) => {
      live();
      return wiring.setPaused(name, true);
    },
    resumeSchedule: async (name) => {
      live();
      return wiring.setPaused(name, false);
    },
    triggerSchedule: async (name, triggerOptions) => {
      live();
      return wiring.triggerSchedule(name, triggerOptions?.inputs);
    },
    receiveHook: async (name, request) => {
      live();
      return wiring.receiveHook(name, request);
    },
    subscribe: (listener) => ctx.events.subscribe(listener),
  };
}
