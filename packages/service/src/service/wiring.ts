// The scheduler, the notifier and the webhook receiver wired into a service (scheduler.ts, notifier.ts,
// hooks.ts hold the logic; this file reads the queue and the state for them and applies their answers).
import type { RunLog } from "@skillflow/workflow";
import type { ReplayGuard } from "../hooks/replay.js";
import type { QueueJob } from "../queue/queue.js";
import type { Schedule } from "../schedule/declaration.js";
import { nextFires } from "../schedule/fires.js";
import { overlapDecision } from "../schedule/overlap.js";
import { DEFAULT_SERVICE_PORT } from "./types.js";
import { serviceError, type ServiceContext } from "./_context.js";
import { acceptHook } from "./hooks.js";
import { createNotifier } from "./notifier.js";
import { previousOutputsFromStore } from "./previous-run.js";
import { planScheduleTick, scheduleInfos, type ActiveScheduleRun } from "./scheduler.js";
import type { HookRequest, RunRef, ScheduleInfo, StartRunRequest } from "./types.js";

/** What the service needs from the scheduler, the notifier and the webhook receiver. */
export interface Wiring {
  /** One scheduler pass: fires due schedules (each fire enqueued once, by `scheduleDedupeKey`). */
  tick(): Promise<void>;
  /** When the next fire is due (ms since the epoch), or undefined when no schedule fires. */
  nextTick(): Promise<number | undefined>;
  /** After a run finished or suspended: notifications by the run's schedule or the defaults. */
  afterRun(log: RunLog, job: QueueJob): Promise<void>;
  /** Verifies and maps a webhook, then starts its run. */
  receiveHook(name: string, request: HookRequest): Promise<RunRef>;
  listSchedules(): Promise<ScheduleInfo[]>;
  setPaused(name: string, paused: boolean): Promise<ScheduleInfo>;
  triggerSchedule(name: string, inputs: Record<string, unknown> | undefined): Promise<RunRef>;
}

/** What the wiring calls back into the service: start (as `startRun`, with a dedupe key) and cancel. */
export interface WiringCalls {
  start(request: StartRunRequest, dedupeKey?: string): Promise<RunRef>;
  cancel(runId: string): Promise<RunRef>;
}

const UNFINISHED: Readonly<Record<string, ActiveScheduleRun["status"]>> = {
  queued: "queued",
  leased: "running",
  waiting: "waiting",
};

function scheduleOf(job: QueueJob): string | undefined {
  return job.trigger?.kind === "schedule" ? job.trigger.schedule : job.schedule;
}

/** Creates the wiring of one service. */
export function createWiring(ctx: ServiceContext, calls: WiringCalls): Wiring {
  const { options } = ctx;
  const schedules: ReadonlyMap<string, Schedule> = options.schedules ?? new Map();
  // The state remembers delivery ids, so a restart (or a second process) still refuses a replay.
  const replay: ReplayGuard = {
    remember: (id, expiresAt, now) => ctx.state.rememberDelivery(id, expiresAt, now),
  };
  const notifier = createNotifier({
    ...(options.notifications ? { defaults: options.notifications } : {}),
    ...(options.scheduleNotifications ? { perSchedule: options.scheduleNotifications } : {}),
    secrets: ctx.secrets,
    baseUrl: options.baseUrl ?? `http://127.0.0.1:${DEFAULT_SERVICE_PORT}`,
    allowPrivateNetwork: options.allowPrivateNotifications ?? false,
    state: ctx.state,
    previousOutputs: previousOutputsFromStore(ctx.store),
    onProblem: (problem) => ctx.problem(problem),
    now: ctx.services.now,
  });

  /** The unfinished runs of each schedule, in queue order (finished jobs are not read). */
  async function activeRuns(): Promise<Map<string, ActiveScheduleRun[]>> {
    const active = new Map<string, ActiveScheduleRun[]>();
    for (const job of await ctx.queue.list({ status: ["queued", "leased", "waiting"] })) {
      const name = scheduleOf(job);
      const status = UNFINISHED[job.status];
      if (name === undefined || status === undefined) continue;
      active.set(name, [...(active.get(name) ?? []), { runId: job.id, status }]);
    }
    return active;
  }

  function find(name: string): Schedule {
    const schedule = schedules.get(name);
    if (!schedule)
      throw serviceError(
        "UNKNOWN_SCHEDULE",
        `no schedule "${name}"; declare it under \`schedules\` in skillflow.config (list them with skillflow schedules)`,
      );
    return schedule;
  }

  async function infos(): Promise<ScheduleInfo[]> {
    const lastRuns = new Map<string, NonNullable<ScheduleInfo["lastRun"]>>();
    for (const name of schedules.keys()) {
      // The newest job of each schedule only: the queue holds every fire it kept.
      const [job] = await ctx.queue.list({ schedule: name, newestFirst: true, limit: 1 });
      if (job === undefined) continue;
      const stored = ctx.store.get(job.id);
      const status: RunRef["status"] =
        stored?.status ?? (job.status === "leased" ? "running" : "queued");
      lastRuns.set(name, {
        runId: job.id,
        status,
        startedAt: stored?.startedAt ?? job.enqueuedAt ?? ctx.iso(),
      });
    }
    return scheduleInfos(
      schedules,
      await ctx.state.pausedSchedules(),
      ctx.services.now(),
      lastRuns,
    );
  }

  function startSchedule(
    schedule: Schedule,
    fireTime: number,
    dedupeKey?: string,
  ): Promise<RunRef> {
    return calls.start(
      {
        workflow: schedule.workflow,
        inputs: { ...schedule.inputs },
        trigger: {
          kind: "schedule",
          schedule: schedule.name,
          fireTime: new Date(fireTime).toISOString(),
        },
      },
      dedupeKey,
    );
  }

  return {
    async tick() {
      if (schedules.size === 0) return;
      const now = ctx.services.now();
      const paused = await ctx.state.pausedSchedules();
      const last = new Map<string, number | undefined>();
      for (const name of schedules.keys()) last.set(name, await ctx.state.lastFire(name));
      const active = await activeRuns();
      const actions = planScheduleTick({
        schedules,
        paused,
        lastFire: (name) => last.get(name),
        now,
        active: (schedule) => active.get(schedule.name) ?? [],
      });
      for (const action of actions) {
        const schedule = action.schedule.name;
        try {
          if (action.kind === "enqueue")
            await startSchedule(action.schedule, action.fireTime, action.dedupeKey);
          else if (action.kind === "cancel") await calls.cancel(action.runId);
          else if (action.kind === "advance")
            await ctx.state.setLastFire(schedule, action.lastFire);
          else
            ctx.problem({
              code: action.reason,
              message: `schedule ${schedule} skipped its fire of ${new Date(action.fireTime).toISOString()} (overlap: ${action.schedule.overlap})`,
              schedule,
            });
        } catch (error) {
          // An unknown workflow or a run that ended meanwhile: told, and the tick goes on.
          ctx.problem({
            code:
              error instanceof Error && "code" in error ? String(error.code) : "SCHEDULE_FAILED",
            message: error instanceof Error ? error.message : String(error),
            schedule,
          });
        }
      }
    },
    async nextTick() {
      const now = new Date(ctx.services.now());
      let next: number | undefined;
      for (const schedule of schedules.values()) {
        if (!schedule.enabled) continue;
        const fire = nextFires(schedule, now, 1)[0]?.getTime();
        if (fire !== undefined && (next === undefined || fire < next)) next = fire;
      }
      return next;
    },
    async afterRun(log, job) {
      const schedule = scheduleOf(job);
      await notifier.afterRun(log, schedule === undefined ? {} : { schedule });
    },
    async receiveHook(name, request) {
      const accepted = await acceptHook(options.hooks ?? [], name, request, {
        now: ctx.services.now(),
        replay,
      });
      // The replay memory is lost on restart; the queue's dedupe key is not: a signed delivery
      // resent later (or to a restarted service) answers with the run it started, never a new one.
      return calls.start(
        {
          workflow: accepted.workflow,
          inputs: accepted.inputs,
          trigger: { kind: "webhook", hook: name, deliveryId: accepted.deliveryId },
        },
        `hook:${name}:${accepted.signatureId}`,
      );
    },
    listSchedules: infos,
    async setPaused(name, paused) {
      find(name);
      await ctx.state.setPaused(name, paused);
      ctx.events.emit({ kind: "schedule_changed", schedule: name, paused });
      return (await infos()).find((info) => info.name === name)!;
    },
    async triggerSchedule(name, inputs) {
      const schedule = find(name);
      if (!schedule.enabled)
        throw serviceError(
          "SCHEDULE_DISABLED",
          `schedule "${name}" is disabled (enabled: false); enable it in skillflow.config to run it`,
        );
      const active = (await activeRuns()).get(name) ?? [];
      const going = active.filter((run) => run.status !== "queued").length;
      const queued = active.length - going;
      const decision = overlapDecision(
        schedule.overlap,
        going + (schedule.overlap === "queue" ? 0 : queued),
        queued,
      );
      if (decision === "skip") {
        // The overlap policy keeps the run already there: that is the answer.
        const kept = active.at(-1)!;
        return { runId: kept.runId, status: kept.status };
      }
      if (decision === "cancel-previous-then-start")
        for (const run of active) await calls.cancel(run.runId);
      return calls.start({
        workflow: schedule.workflow,
        inputs: { ...schedule.inputs, ...inputs },
        trigger: { kind: "schedule", schedule: name, fireTime: ctx.iso() },
      });
    },
  };
}
