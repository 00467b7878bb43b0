// Fire times of a schedule: the next ones, the ones due after a pause or downtime, and their dedupe key.
import { cronBetween, cronNext } from "./cron.js";
import type { Schedule } from "./declaration.js";

/**
 * How late a fire may be handled and still count as on time (30 s): a service that wakes a little
 * after a fire time (a busy event loop, a slow store) still runs it under `missed: skip`.
 */
export const ON_TIME_TOLERANCE_MS = 30_000;
/** At most this many fires are caught up under `missed: all` (the latest ones). */
export const MAX_CATCH_UP_FIRES = 1_000;

/** The next `count` fire times of `schedule` strictly after `after`, earliest first. */
export function nextFires(schedule: Schedule, after: Date, count: number): Date[] {
  return cronNext(schedule.cron, after, count);
}

/**
 * The fire times to run now, earliest first. `lastFire` is the last fire time already handled
 * (or the moment the service began watching a new schedule); the candidates are the fire times
 * `f` with `lastFire < f <= now`. Among them, by `schedule.missed`:
 * - `skip` (default): only the latest, and only when it is on time (`now - f <= ON_TIME_TOLERANCE_MS`);
 *   every older fire was missed and is dropped. After a downtime nothing runs until the next fire.
 * - `latest`: the latest candidate, however late (within `catchUpWindow` when one is declared).
 * - `all`: every candidate with `now - f <= catchUpWindow`, at most `MAX_CATCH_UP_FIRES` (the latest).
 * A disabled schedule, or a `lastFire` after `now` (a clock set back), has nothing due. The caller
 * then records `now` as the new `lastFire`, and runs each fire under its `scheduleDedupeKey`.
 */
export function dueFires(schedule: Schedule, lastFire: Date, now: Date): Date[] {
  if (!schedule.enabled || lastFire.getTime() >= now.getTime()) return [];
  const age = (fire: Date): number => now.getTime() - fire.getTime();
  if (schedule.missed === "all") {
    const windowStart = new Date(now.getTime() - (schedule.catchUpWindowMs ?? 0) - 1);
    const from = windowStart.getTime() > lastFire.getTime() ? windowStart : lastFire;
    return cronBetween(schedule.cron, from, now, MAX_CATCH_UP_FIRES).reverse();
  }
  const latest = cronBetween(schedule.cron, lastFire, now, 1)[0];
  if (latest === undefined) return [];
  const limit =
    schedule.missed === "skip" ? ON_TIME_TOLERANCE_MS : (schedule.catchUpWindowMs ?? Infinity);
  return age(latest) <= limit ? [latest] : [];
}

/**
 * The key under which one fire of a schedule runs: `schedule:<name>:<fire time ISO>`. Stored with
 * the run, it makes a fire time run at most once, even when the service restarts mid-catch-up.
 */
export function scheduleDedupeKey(name: string, fireTime: Date): string {
  return `schedule:${name}:${fireTime.toISOString()}`;
}
