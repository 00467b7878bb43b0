// Cron patterns through croner: checking a pattern and a timezone, and listing fire times (no timers).
import { Cron } from "croner";

/**
 * A compiled cron pattern in one timezone. Fire times are computed by croner with Vixie-cron
 * semantics: 5 fields (minute precision, seconds 0) or 6 (leading seconds field); when both
 * day-of-month and day-of-week are restricted a day matching EITHER fires (`0 9 1 * MON` runs on
 * the 1st and on every Monday).
 *
 * Daylight-saving time, for a schedule in a zone that has it (tested with Europe/Berlin):
 * - A fixed-time schedule (seconds, minute and hour each one value, e.g. `30 2 * * *`) whose
 *   local time falls in a skipped hour fires once, at the first valid instant after the gap
 *   (2026-03-29 02:30 does not exist in Berlin: it fires at 03:00 CEST = 01:00Z). When its local
 *   time happens twice it fires once, on the first occurrence (2026-10-25 02:30 CEST = 00:30Z).
 * - Any other schedule (a wildcard, step, list or range in seconds, minutes or hours, e.g.
 *   `*\/30 * * * *`) is an interval schedule: the local times inside a skipped hour do not fire,
 *   and the local times of a repeated hour fire on both occurrences.
 */
export interface CompiledCron {
  /** The pattern as declared. */
  readonly pattern: string;
  /** The IANA timezone the pattern is read in. */
  readonly timezone: string;
  /** @internal The croner job (paused, without a callback: it never starts a timer). */
  readonly job: Cron;
}

/** The result of compiling a pattern: the compiled cron, or croner's reason for refusing it. */
export type CronCompileResult = { ok: true; cron: CompiledCron } | { ok: false; reason: string };

/** The timezone of a schedule that declares none. */
export const DEFAULT_TIMEZONE = "UTC";

const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * Whether `name` is an IANA timezone the runtime knows (`Europe/Berlin`, `UTC`). Offsets such as
 * `+01:00` are refused: a fixed offset has no daylight-saving rules, so a zone name is required.
 */
export function isValidTimezone(name: string): boolean {
  if (!IANA_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Compile a 5- or 6-field cron `pattern` in `timezone` (default UTC); never throws. */
export function compileCron(
  pattern: string,
  timezone: string = DEFAULT_TIMEZONE,
): CronCompileResult {
  const fields = pattern.trim().split(/\s+/).length;
  if (!pattern.trim().startsWith("@") && fields !== 5 && fields !== 6) {
    return { ok: false, reason: `expected 5 fields (or 6 with seconds first), found ${fields}` };
  }
  try {
    const job = new Cron(pattern, {
      timezone,
      mode: "5-or-6-parts",
      domAndDow: false,
      fixedTimeRule: "single-value",
      paused: true,
    });
    return { ok: true, cron: { pattern, timezone, job } };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: text.replace(/^CronPattern:\s*/, "") };
  }
}

/** The next `count` fire times strictly after `after`, earliest first (fewer if the pattern ends). */
export function cronNext(cron: CompiledCron, after: Date, count: number): Date[] {
  if (count <= 0) return [];
  return cron.job.nextRuns(count, after);
}

/**
 * The fire times `f` with `after < f <= atOrBefore`, latest first, at most `max` of them. Walks back
 * in small batches, so a sparse pattern over a short span costs a few lookups, not `max`.
 */
export function cronBetween(
  cron: CompiledCron,
  after: Date,
  atOrBefore: Date,
  max: number,
): Date[] {
  const out: Date[] = [];
  let reference = new Date(atOrBefore.getTime() + 1);
  while (out.length < max) {
    const want = Math.min(BATCH, max - out.length);
    const batch = cron.job.previousRuns(want, reference);
    for (const fire of batch) {
      if (fire.getTime() <= after.getTime()) return out;
      out.push(fire);
    }
    const oldest = batch.at(-1);
    if (oldest === undefined || batch.length < want) return out;
    reference = oldest;
  }
  return out;
}

const BATCH = 8;
