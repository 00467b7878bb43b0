// Call sites of the parts other helpers write (scheduler.ts, notifier.ts, hooks.ts): WIRE markers.
// Until they land, schedules do not fire, runs are not notified and webhooks are refused.
import type { RunLog } from "@skillflow/workflow";
import type { QueueJob } from "../queue/queue.js";
import { serviceError, type ServiceContext } from "./_context.js";
import type { HookRequest, RunRef, ScheduleInfo, StartRunRequest } from "./types.js";

/** What the service needs from the scheduler, the notifier and the webhook receiver. */
export interface Wiring {
  /** One scheduler pass: fires due schedules (each fire enqueued once, by `scheduleDedupeKey`). */
  tick(): Promise<void>;
  /** When the next `tick` is due (ms since the epoch), or undefined when no schedule fires. */
  nextTick(): Promise<number | undefined>;
  /** After a run finished or suspended: notifications by the run's schedule or the defaults. */
  afterRun(log: RunLog, job: QueueJob): Promise<void>;
  /** Verifies and maps a webhook, then starts its run. */
  receiveHook(name: string, request: HookRequest): Promise<RunRef>;
  listSchedules(): Promise<ScheduleInfo[]>;
  setPaused(name: string, paused: boolean): Promise<ScheduleInfo>;
  triggerSchedule(name: string, inputs: Record<string, unknown> | undefined): Promise<RunRef>;
}

function notWired(what: string): Error {
  return serviceError(
    "SCHEDULE_DISABLED",
    `${what} is not wired into this build of the service yet`,
  );
}

/** What the wiring calls back into the service: start (as `startRun`, with a dedupe key) and cancel. */
export interface WiringCalls {
  start(request: StartRunRequest, dedupeKey?: string): Promise<RunRef>;
  cancel(runId: string): Promise<RunRef>;
}

/**
 * The call sites, to fill once scheduler.ts, notifier.ts and hooks.ts land. `calls.start` enqueues a
 * run exactly as `Service.startRun` does (job id = run id, `run_queued` event), with a dedupe key.
 */
export function createWiring(ctx: ServiceContext, calls: WiringCalls): Wiring {
  void calls;
  return {
    // WIRE(scheduler.ts): const actions = planScheduleTick({ schedules: ctx.options.schedules,
    //   paused: await ctx.state.pausedSchedules(), lastFire: name => ctx.state.lastFire(name),
    //   now: ctx.services.now(), running: <jobs leased/queued per schedule from ctx.queue.list()> });
    //   for each fire action: await start({ workflow, inputs, trigger: { kind: "schedule", schedule,
    //   fireTime } }, scheduleDedupeKey(schedule, new Date(fireTime))); then ctx.state.setLastFire.
    tick: async () => {},
    nextTick: async () => undefined,
    // WIRE(notifier.ts): createNotifier({ settings: ctx.options.scheduleNotifications.get(job.schedule)
    //   ?? ctx.options.notifications, baseUrl, allowPrivate, secrets: ctx.secrets, store: ctx.store,
    //   record: (r) => ctx.state.addNotification(log.id, r), onProblem: ctx.problem }).afterRun(log, job)
    afterRun: async () => {},
    // WIRE(hooks.ts): const accepted = await acceptHook({ hook: ctx.options.hooks.find(h => h.name === name),
    //   request, now: ctx.services.now() }) — refusals become ServiceError WEBHOOK_REFUSED — then
    //   start({ workflow: hook.workflow, inputs, trigger: { kind: "webhook", hook: name, deliveryId } }).
    receiveHook: async (name) => {
      const known = (ctx.options.hooks ?? []).some((hook) => hook.name === name);
      if (!known)
        throw serviceError("UNKNOWN_HOOK", `no webhook "${name}" is declared in the config`);
      throw notWired("receiving webhooks");
    },
    // WIRE(scheduler.ts): scheduleInfos(...).
    listSchedules: async () => {
      throw notWired("listing schedules");
    },
    setPaused: async () => {
      throw notWired("pausing schedules");
    },
    triggerSchedule: async () => {
      throw notWired("triggering schedules");
    },
  };
}
