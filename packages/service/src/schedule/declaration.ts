// The `schedules` list of `skillflow.config.*`: its types and the one validator (collects, never throws).
import { compileCron, DEFAULT_TIMEZONE, isValidTimezone, type CompiledCron } from "./cron.js";
import { parseCatchUpWindow } from "./duration.js";
import { ScheduleConfigError, type ScheduleProblem, type ScheduleProblemCode } from "./problems.js";

/** What to do when a fire time comes while a run of the same schedule is still going. */
export type OverlapPolicy = "skip" | "queue" | "allow" | "cancel-previous";
/** What to do with fire times that passed while the service was down. */
export type MissedPolicy = "skip" | "latest" | "all";

/** The overlap policies, default first. */
export const OVERLAP_POLICIES: readonly OverlapPolicy[] = [
  "skip",
  "queue",
  "allow",
  "cancel-previous",
];
/** The missed-run policies, default first. */
export const MISSED_POLICIES: readonly MissedPolicy[] = ["skip", "latest", "all"];
/** A schedule name: lower-case letters, digits and dashes, starting with a letter or digit. */
export const SCHEDULE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** One validated schedule, defaults applied and its cron compiled. */
export interface Schedule {
  readonly name: string;
  /** A skill name or a path to a workflow file, as declared. */
  readonly workflow: string;
  readonly cron: CompiledCron;
  readonly timezone: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly enabled: boolean;
  readonly overlap: OverlapPolicy;
  readonly missed: MissedPolicy;
  /** The catch-up window in milliseconds, when declared. */
  readonly catchUpWindowMs?: number;
}

/** The result of `safeParseSchedules`: schedules by name (declaration order), or every problem. */
export type ScheduleParseResult =
  | { ok: true; schedules: ReadonlyMap<string, Schedule> }
  | { ok: false; problems: readonly ScheduleProblem[] };

const KEYS: ReadonlySet<string> = new Set([
  "name",
  "workflow",
  "cron",
  "timezone",
  "inputs",
  "enabled",
  "overlap",
  "missed",
  "catchUpWindow",
  // Notification settings: validated (and their secrets read) by `safeParseServiceConfig`.
  "notify",
]);

type Report = (code: ScheduleProblemCode, field: string | undefined, message: string) => void;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(entry: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(entry, key) ? entry[key] : undefined;
}

/**
 * Validate the `schedules` value of a config file (undefined means none). Every problem is
 * collected with a code and a path like `schedules[2].cron`; nothing is thrown.
 */
export function safeParseSchedules(value: unknown): ScheduleParseResult {
  const problems: ScheduleProblem[] = [];
  const schedules = new Map<string, Schedule>();
  if (value === undefined) return { ok: true, schedules };
  if (!Array.isArray(value)) {
    const message = "`schedules` must be a list of schedule declarations";
    return { ok: false, problems: [{ code: "SCHEDULES_NOT_A_LIST", path: "schedules", message }] };
  }
  value.forEach((entry: unknown, index) => {
    const at = `schedules[${index}]`;
    const report: Report = (code, field, message) =>
      problems.push({ code, path: field === undefined ? at : `${at}.${field}`, message });
    const schedule = parseEntry(entry, report);
    if (schedule === undefined) return;
    if (schedules.has(schedule.name)) {
      report(
        "SCHEDULE_NAME_DUPLICATE",
        "name",
        `schedule name "${schedule.name}" is used twice; give each schedule its own name`,
      );
      return;
    }
    schedules.set(schedule.name, schedule);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, schedules };
}

/** Like `safeParseSchedules`, but throws one `ScheduleConfigError` listing every problem. */
export function parseSchedules(value: unknown): ReadonlyMap<string, Schedule> {
  const result = safeParseSchedules(value);
  if (!result.ok) throw new ScheduleConfigError(result.problems);
  return result.schedules;
}

function parseEntry(entry: unknown, report: Report): Schedule | undefined {
  if (!isRecord(entry)) {
    report(
      "SCHEDULE_NOT_AN_OBJECT",
      undefined,
      "each schedule must be a mapping with at least name, workflow and cron",
    );
    return undefined;
  }
  for (const key of Object.keys(entry)) {
    if (!KEYS.has(key)) {
      const known = [...KEYS].join(", ");
      report("SCHEDULE_UNKNOWN_KEY", key, `unknown key "${key}"; a schedule takes ${known}`);
    }
  }
  const name = readName(entry, report);
  const workflow = readString(entry, "workflow", report);
  if (workflow !== undefined && workflow.trim() === "") {
    report(
      "SCHEDULE_WORKFLOW_EMPTY",
      "workflow",
      "`workflow` is empty; give a skill name or a workflow file path",
    );
  }
  const timezone = readTimezone(entry, report);
  const cron = readCron(entry, timezone ?? DEFAULT_TIMEZONE, report);
  const inputs = readInputs(entry, report);
  const enabled = readEnabled(entry, report);
  const overlap = readChoice(entry, "overlap", OVERLAP_POLICIES, report);
  const missed = readChoice(entry, "missed", MISSED_POLICIES, report);
  const window = readWindow(entry, missed, report);
  if (
    name === undefined ||
    workflow === undefined ||
    workflow.trim() === "" ||
    timezone === undefined ||
    cron === undefined ||
    inputs === undefined ||
    enabled === undefined ||
    overlap === undefined ||
    missed === undefined ||
    window === null
  ) {
    return undefined;
  }
  const base = { name, workflow, cron, timezone, inputs, enabled, overlap, missed };
  return window === undefined ? base : { ...base, catchUpWindowMs: window };
}

function readString(
  entry: Record<string, unknown>,
  key: string,
  report: Report,
): string | undefined {
  const value = own(entry, key);
  if (value === undefined) {
    report("SCHEDULE_FIELD_MISSING", key, `\`${key}\` is required`);
    return undefined;
  }
  if (typeof value !== "string") {
    report("SCHEDULE_FIELD_TYPE", key, `\`${key}\` must be a string`);
    return undefined;
  }
  return value;
}

function readName(entry: Record<string, unknown>, report: Report): string | undefined {
  const name = readString(entry, "name", report);
  if (name === undefined) return undefined;
  if (!SCHEDULE_NAME.test(name) || name.length > 64) {
    const message = `schedule name "${name}" must be 1-64 lower-case letters, digits or dashes, starting with a letter or digit (e.g. "daily-check")`;
    report("SCHEDULE_NAME_INVALID", "name", message);
    return undefined;
  }
  return name;
}

function readTimezone(entry: Record<string, unknown>, report: Report): string | undefined {
  const value = own(entry, "timezone");
  if (value === undefined) return DEFAULT_TIMEZONE;
  if (typeof value !== "string") {
    report(
      "SCHEDULE_FIELD_TYPE",
      "timezone",
      '`timezone` must be a string such as "Europe/Berlin"',
    );
    return undefined;
  }
  if (!isValidTimezone(value)) {
    report(
      "SCHEDULE_TIMEZONE_INVALID",
      "timezone",
      `unknown timezone "${value}"; use an IANA name such as "Europe/Berlin" or "UTC"`,
    );
    return undefined;
  }
  return value;
}

function readCron(
  entry: Record<string, unknown>,
  timezone: string,
  report: Report,
): CompiledCron | undefined {
  const pattern = readString(entry, "cron", report);
  if (pattern === undefined) return undefined;
  const result = compileCron(pattern, timezone);
  if (!result.ok) {
    const message = `invalid cron "${pattern}": ${result.reason}; use 5 fields (minute hour day month weekday) or 6 with seconds first`;
    report("SCHEDULE_CRON_INVALID", "cron", message);
    return undefined;
  }
  return result.cron;
}

function readInputs(
  entry: Record<string, unknown>,
  report: Report,
): Readonly<Record<string, unknown>> | undefined {
  const value = own(entry, "inputs");
  if (value === undefined) return Object.freeze({});
  if (!isRecord(value)) {
    report("SCHEDULE_FIELD_TYPE", "inputs", "`inputs` must be a mapping of input names to values");
    return undefined;
  }
  // Object.fromEntries defines own properties, so a `__proto__` key stays data.
  return Object.freeze(Object.fromEntries(Object.entries(value)));
}

function readEnabled(entry: Record<string, unknown>, report: Report): boolean | undefined {
  const value = own(entry, "enabled");
  if (value === undefined) return true;
  if (typeof value !== "boolean") {
    report("SCHEDULE_FIELD_TYPE", "enabled", "`enabled` must be true or false");
    return undefined;
  }
  return value;
}

function readChoice<T extends string>(
  entry: Record<string, unknown>,
  key: "overlap" | "missed",
  choices: readonly T[],
  report: Report,
): T | undefined {
  const value = own(entry, key);
  if (value === undefined) return choices[0];
  const found = choices.find((choice) => choice === value);
  if (found === undefined) {
    const code = key === "overlap" ? "SCHEDULE_OVERLAP_INVALID" : "SCHEDULE_MISSED_INVALID";
    report(
      code,
      key,
      `\`${key}\` must be one of ${choices.join(", ")} (default ${String(choices[0])})`,
    );
  }
  return found;
}

/** The window in ms, undefined when absent (and allowed), null when it is a problem. */
function readWindow(
  entry: Record<string, unknown>,
  missed: MissedPolicy | undefined,
  report: Report,
): number | null | undefined {
  const value = own(entry, "catchUpWindow");
  if (value === undefined) {
    if (missed !== "all") return undefined;
    report(
      "SCHEDULE_CATCH_UP_REQUIRED",
      "catchUpWindow",
      '`missed: all` needs a `catchUpWindow` such as "1h" or "2d"',
    );
    return null;
  }
  const ms = typeof value === "string" ? parseCatchUpWindow(value) : undefined;
  if (ms === undefined) {
    report(
      "SCHEDULE_CATCH_UP_INVALID",
      "catchUpWindow",
      '`catchUpWindow` must be a duration such as "90s", "30m", "1h" or "2d" (at most 366d)',
    );
    return null;
  }
  if (missed === "skip") {
    report(
      "SCHEDULE_CATCH_UP_UNUSED",
      "catchUpWindow",
      "`catchUpWindow` applies only with `missed: latest` or `missed: all`; remove it or set `missed`",
    );
    return null;
  }
  return ms;
}
