// One scheduler tick as a pure plan: which fires to enqueue, cancel, skip, and how far each schedule advanced.
import type { Schedule } from "../schedule/declaration.js";
import { dueFires, nextFires, scheduleDedupeKey } from "../schedule/fires.js";
import { overlapDecision } from "../schedule/overlap.js";
import type { ScheduleInfo } from "./types.js";

/** A run of a schedule that is not finished, as the queue and the history know it. */
export interface ActiveScheduleRun {
  runId: string;
  status: "queued" | "running" | "waiting";
}

/** Everything a tick looks at; read before the tick, so planning itself is synchronous and pure. */
export interface ScheduleTickInput {
  schedules: ReadonlyMap<string, Schedule>;
  paused: ReadonlySet<string>;
  /** The last fire time handled for a schedule (epoch ms), undefined for a schedule never seen. */
  lastFire: (name: string) => number | undefined;
  /** The current time (epoch ms), from the injected clock. */
  now: number;
  /** The unfinished runs the schedule started (fires in the queue, running or waiting runs). */
  active: (schedule: Schedule) => readonly ActiveScheduleRun[];
}

/**
 * Why a due fire was not enqueued: `OVERLAP_SKIP` (overlap `skip`, a run is still going),
 * `OVERLAP_QUEUE_FULL` (overlap `queue` already holds a waiting fire), `SUPERSEDED` (overlap
 * `cancel-previous`, a later fire of the same tick replaces it before it started).
 */
export type ScheduleSkipReason = "OVERLAP_SKIP" | "OVERLAP_QUEUE_FULL" | "SUPERSEDED";

/**
 * One thing to do. The caller applies them in order: `cancel` and `enqueue` (under `dedupeKey`, so
 * a fire replanned after a crash is the same job) and `skip` (recorded) first, `advance` (persist
 * `lastFire`) last — a crash in between replans the same fires, never loses one.
 */
export type ScheduleAction =
  | { kind: "enqueue"; schedule: Schedule; fireTime: number; dedupeKey: string }
  | { kind: "cancel"; schedule: Schedule; runId: string }
  | { kind: "skip"; schedule: Schedule; fireTime: number; reason: ScheduleSkipReason }
  | { kind: "advance"; schedule: Schedule; lastFire: number };

/** Whether a fire time of `schedule` passed in `(last, now]` (cheap: one lookup). */
function firePassed(schedule: Schedule, last: number, now: number): boolean {
  const next = nextFires(schedule, new Date(last), 1)[0];
  return next !== undefined && next.getTime() <= now;
}

/** The overlap policy applied to each due fire in turn, counting the fires this tick enqueued. */
function planFires(
  schedule: Schedule,
  fires: readonly number[],
  active: readonly ActiveScheduleRun[],
): ScheduleAction[] {
  const actions: ScheduleAction[] = [];
  if (schedule.overlap === "cancel-previous" && fires.length > 0) {
    // Only the latest fire would survive the ones after it: the earlier ones never start.
    for (const fireTime of fires.slice(0, -1)) {
      actions.push({ kind: "skip", schedule, fireTime, reason: "SUPERSEDED" });
    }
    fires = fires.slice(-1);
  }
  let going = active.filter((run) => run.status !== "queued").length;
  let queued = active.length - going;
  for (const fireTime of fires) {
    // A queued fire counts as going for every policy but `queue`, which tells the two apart.
    const busy = schedule.overlap === "queue" ? going : going + queued;
    const decision = overlapDecision(schedule.overlap, busy, queued);
    if (decision === "skip") {
      const reason = schedule.overlap === "queue" ? "OVERLAP_QUEUE_FULL" : "OVERLAP_SKIP";
      actions.push({ kind: "skip", schedule, fireTime, reason });
      continue;
    }
    if (decision === "cancel-previous-then-start") {
      for (const run of active) actions.push({ kind: "cancel", schedule, runId: run.runId });
      going = 0;
      queued = 0;
    }
    const dedupeKey = scheduleDedupeKey(schedule.name, new Date(fireTime));
    actions.push({ kind: "enqueue", schedule, fireTime, dedupeKey });
    queued += 1;
  }
  return actions;
}

function planOne(schedule: Schedule, input: ScheduleTickInput): ScheduleAction[] {
  const { now } = input;
  const last = input.lastFire(schedule.name);
  // A new schedule starts from now: history before the service watched it is not caught up.
  if (last === undefined) return [{ kind: "advance", schedule, lastFire: now }];
  if (last >= now || !firePassed(schedule, last, now)) return [];
  const advance: ScheduleAction = { kind: "advance", schedule, lastFire: now };
  // A pause (or `enabled: false`) skips its fires: resuming does not catch up what passed meanwhile.
  if (!schedule.enabled || input.paused.has(schedule.name)) return [advance];
  const fires = dueFires(schedule, new Date(last), new Date(now)).map((d) => d.getTime());
  return [...planFires(schedule, fires, input.active(schedule)), advance];
}

/**
 * Plans one scheduler tick over every schedule (in declaration order). Each due fire
 * (`dueFires`: the missed policy and catch-up window) goes through the overlap policy against the
 * schedule's unfinished runs and the fires enqueued earlier in the same tick, so under overlap
 * `skip` a `missed: all` catch-up runs its first fire and records the others as skipped (choose
 * `allow` to run every one). Waiting runs count as going. Nothing is written here: the caller
 * applies the actions (see `ScheduleAction`).
 */
export function planScheduleTick(input: ScheduleTickInput): ScheduleAction[] {
  return [...input.schedules.values()].flatMap((schedule) => planOne(schedule, input));
}

/** How many next fire times `scheduleInfos` lists. */
export const NEXT_FIRES_SHOWN = 3;

/**
 * The schedules as `list` shows them, in declaration order: the next `NEXT_FIRES_SHOWN` fire times
 * after `now` (none when disabled or paused) and the last run each started, from `lastRuns`.
 */
export function scheduleInfos(
  schedules: ReadonlyMap<string, Schedule>,
  paused: ReadonlySet<string>,
  now: number,
  lastRuns: ReadonlyMap<string, NonNullable<ScheduleInfo["lastRun"]>>,
): ScheduleInfo[] {
  return [...schedules.values()].map((schedule) => {
    const isPaused = paused.has(schedule.name);
    const next =
      schedule.enabled && !isPaused
        ? nextFires(schedule, new Date(now), NEXT_FIRES_SHOWN).map((d) => d.toISOString())
        : [];
    const lastRun = lastRuns.get(schedule.name);
    return {
      name: schedule.name,
      workflow: schedule.workflow,
      cron: schedule.cron.pattern,
      timezone: schedule.timezone,
      enabled: schedule.enabled,
      paused: isPaused,
      overlap: schedule.overlap,
      missed: schedule.missed,
      next,
      ...(lastRun === undefined ? {} : { lastRun }),
    };
  });
}
