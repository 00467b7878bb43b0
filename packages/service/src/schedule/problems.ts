// Problems found in a `schedules` declaration: a closed set of codes, located by path, as data.

/** Every code a schedule declaration problem can carry. */
export type ScheduleProblemCode =
  | "SCHEDULES_NOT_A_LIST"
  | "SCHEDULE_NOT_AN_OBJECT"
  | "SCHEDULE_UNKNOWN_KEY"
  | "SCHEDULE_FIELD_MISSING"
  | "SCHEDULE_FIELD_TYPE"
  | "SCHEDULE_NAME_INVALID"
  | "SCHEDULE_NAME_DUPLICATE"
  | "SCHEDULE_WORKFLOW_EMPTY"
  | "SCHEDULE_CRON_INVALID"
  | "SCHEDULE_TIMEZONE_INVALID"
  | "SCHEDULE_OVERLAP_INVALID"
  | "SCHEDULE_MISSED_INVALID"
  | "SCHEDULE_CATCH_UP_INVALID"
  | "SCHEDULE_CATCH_UP_REQUIRED"
  | "SCHEDULE_CATCH_UP_UNUSED";

/** One problem in a declaration: `path` is like `schedules[2].cron`. */
export interface ScheduleProblem {
  code: ScheduleProblemCode;
  path: string;
  message: string;
}

/** Thrown by `parseSchedules` when a declaration has problems; `problems` lists every one. */
export class ScheduleConfigError extends Error {
  /** Always `SCHEDULE_CONFIG_INVALID`; the per-field codes are in `problems`. */
  readonly code = "SCHEDULE_CONFIG_INVALID";
  /** Every problem found, in document order. */
  readonly problems: readonly ScheduleProblem[];

  constructor(problems: readonly ScheduleProblem[]) {
    const first = problems[0];
    const head = first === undefined ? "" : `: ${first.path}: ${first.message}`;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    super(`invalid schedules${head}${more}`);
    this.name = "ScheduleConfigError";
    this.problems = problems;
  }
}
