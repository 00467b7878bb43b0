// Store-independent recording rules: option checks, verbosity, event folding and final-log shaping.
import { hostname } from "node:os";
import type { RunLog, RuntimeEvent, StepRecord } from "@skillflow/workflow";
import {
  RunStoreError,
  type CheckpointRetention,
  type Retention,
  type RunFilter,
  type RunRow,
  type RunStoreOptions,
  type RunWriter,
  type StoredRunStatus,
  type StoredStep,
  type TruncatedValue,
  type Verbosity,
} from "./store.js";

/** Default `maxValueBytes` of `standard` verbosity (8 KiB, §12 D6). */
export const DEFAULT_MAX_VALUE_BYTES = 8 * 1024;

const CANCELLED_MESSAGE = "Workflow run was cancelled";
const DAY_MS = 24 * 60 * 60 * 1000;

/** Options after defaults and checks. */
export interface ResolvedOptions {
  verbosity: Verbosity;
  maxValueBytes: number;
  retention: Retention | undefined;
  checkpoints: CheckpointRetention;
  isWriterAlive: (writer: RunWriter) => boolean;
  now: () => number;
}

function checkCount(value: number | undefined, field: string, min: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min))
    throw new RunStoreError(
      "STORE_INVALID_OPTION",
      `${field} must be an integer >= ${min}, got ${String(value)}`,
    );
}

/** Checks a retention setting, naming the offending field. */
export function checkRetention(retention: Retention, field = "retention"): void {
  checkCount(retention.maxRuns, `${field}.maxRuns`, 0);
  if (
    retention.maxAgeDays !== undefined &&
    !(Number.isFinite(retention.maxAgeDays) && retention.maxAgeDays >= 0)
  )
    throw new RunStoreError(
      "STORE_INVALID_OPTION",
      `${field}.maxAgeDays must be a number >= 0, got ${String(retention.maxAgeDays)}`,
    );
}

/** Applies defaults and checks every option up front. */
export function resolveOptions(options: RunStoreOptions): ResolvedOptions {
  const verbosity = options.verbosity ?? "standard";
  if (!["minimal", "standard", "debug"].includes(verbosity))
    throw new RunStoreError(
      "STORE_INVALID_OPTION",
      `verbosity must be minimal, standard or debug, got ${String(verbosity)}`,
    );
  checkCount(options.maxValueBytes, "maxValueBytes", 0);
  if (options.retention) checkRetention(options.retention);
  const checkpoints = options.checkpoints ?? "drop";
  if (checkpoints !== "keep" && checkpoints !== "drop")
    throw new RunStoreError(
      "STORE_INVALID_OPTION",
      `checkpoints must be keep or drop, got ${String(checkpoints)}`,
    );
  return {
    verbosity,
    maxValueBytes: options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES,
    retention: options.retention,
    checkpoints,
    isWriterAlive: options.isWriterAlive ?? isLocalProcessAlive,
    now: options.now ?? Date.now,
  };
}

/** The writer identity of this process. */
export function currentWriter(): RunWriter {
  return { pid: process.pid, hostname: hostname() };
}

/** Signal-0 probe; a writer on another host is assumed alive (it cannot be checked from here). */
export function isLocalProcessAlive(writer: RunWriter): boolean {
  if (writer.hostname !== hostname()) return true;
  try {
    process.kill(writer.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** JSON text of a value; bigints become strings, and values JSON cannot hold become `null`. */
export function toJson(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ??
      "null"
    );
  } catch {
    // Circular structures: history must never break a run.
    return "null";
  }
}

/** Parses JSON text written by `toJson`; `null`/absent text gives `undefined`. */
export function fromJson<T>(text: string | null | undefined): T | undefined {
  return text === null || text === undefined ? undefined : (JSON.parse(text) as T);
}

/** One value at `standard` verbosity: kept when its JSON fits, else a truncation marker. */
export function limitValue(value: unknown, maxBytes: number): unknown {
  if (value === undefined) return undefined;
  const json = toJson(value);
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes <= maxBytes) return JSON.parse(json) as unknown;
  const marker: TruncatedValue = { $truncated: true, bytes };
  return marker;
}

/** Whether a stored value is a truncation marker. */
export function isTruncated(value: unknown): value is TruncatedValue {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { $truncated?: unknown }).$truncated === true &&
    typeof (value as { bytes?: unknown }).bytes === "number"
  );
}

/** A record of named values at the given verbosity; `undefined` at `minimal`. */
export function shapeValues(
  values: Record<string, unknown> | undefined,
  options: ResolvedOptions,
): Record<string, unknown> | undefined {
  if (values === undefined || options.verbosity === "minimal") return undefined;
  const shaped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values))
    shaped[key] =
      options.verbosity === "debug"
        ? JSON.parse(toJson(value))
        : limitValue(value, options.maxValueBytes);
  return shaped;
}

/** One value at the given verbosity; `undefined` at `minimal`. */
export function shapeValue(value: unknown, options: ResolvedOptions): unknown {
  if (value === undefined || options.verbosity === "minimal") return undefined;
  return options.verbosity === "debug"
    ? JSON.parse(toJson(value))
    : limitValue(value, options.maxValueBytes);
}

/** Start times of sub-workflow steps seen during a recording, by `<child run id>\0<step id>`. */
export type ChildStarts = Map<string, string>;

/** Notes when a step of a sub-workflow run started (the first `step_start` of it counts). */
export function noteChildStart(starts: ChildStarts, e: RuntimeEvent, now: () => number): void {
  const runId = (e as { runId?: unknown }).runId;
  if (e.type !== "step_start" || typeof runId !== "string") return;
  const key = `${runId}\0${e.stepId}`;
  if (!starts.has(key)) starts.set(key, new Date(now()).toISOString());
}

/** Child run logs with `started_at` on each step whose start was seen, at every depth. */
function stampRuns(runs: readonly RunLog[], starts: ChildStarts): RunLog[] {
  return runs.map((run) => ({
    ...run,
    steps: run.steps.map((step) => {
      const started = starts.get(`${run.id}\0${step.id}`);
      const stamped: StepRecord & { started_at?: string } = { ...step };
      if (started !== undefined) stamped.started_at = started;
      if (step.runs !== undefined) stamped.runs = stampRuns(step.runs, starts);
      return stamped;
    }),
  }));
}

/**
 * A finished step record at the given verbosity, keeping the start time seen while it ran (and
 * those of its sub-workflow runs' steps, from `childStarts`).
 */
export function shapeStep(
  step: StepRecord,
  options: ResolvedOptions,
  partial?: StoredStep,
  childStarts?: ChildStarts,
): StoredStep {
  const { inputs, output, ...rest } = step;
  const stored: StoredStep = { ...rest };
  if (rest.runs !== undefined && childStarts !== undefined && childStarts.size > 0)
    stored.runs = stampRuns(rest.runs, childStarts);
  if (partial?.started_at !== undefined) stored.started_at = partial.started_at;
  const shapedInputs = shapeValues(inputs, options);
  if (shapedInputs !== undefined) stored.inputs = shapedInputs;
  const shapedOutput = shapeValue(output, options);
  if (shapedOutput !== undefined) stored.output = shapedOutput;
  return stored;
}

/** Status of a finished run: a failure with the runtime's cancellation message is `cancelled`. */
export function statusOfLog(log: RunLog): StoredRunStatus {
  if (log.status === "failed" && log.error?.message === CANCELLED_MESSAGE) return "cancelled";
  return log.status;
}

/**
 * Folds one event into the partial step records; returns the step that changed (to persist it), or
 * `undefined` when the event says nothing about a step.
 */
export function foldEvent(
  steps: Map<string, StoredStep>,
  e: RuntimeEvent,
  now: () => number,
): StoredStep | undefined {
  // Events without a step (and the §13 run events, which have none either) change no step record.
  if (!("stepId" in e) || e.type === "each_progress") return undefined;
  const step: StoredStep = steps.get(e.stepId) ?? { id: e.stepId, status: "running" };
  switch (e.type) {
    case "step_start":
      step.executor = e.stepType;
      step.status = "running";
      step.started_at ??= new Date(now()).toISOString();
      break;
    case "step_skip":
      step.status = "skipped";
      step.reason = e.reason;
      step.duration_ms = 0;
      break;
    case "step_retry": {
      const retries = step.retries ?? { attempts: 0, errors: [] };
      retries.attempts = Math.max(retries.attempts, e.attempt);
      retries.errors.push(e.error);
      step.retries = retries;
      break;
    }
    case "step_error":
      step.error = e.error;
      break;
    case "step_waiting":
      // [EXT §13.4] An approval waiting for a decision.
      step.status = "waiting";
      break;
    case "step_complete":
      step.status = e.status;
      step.duration_ms = e.duration_ms;
      if (e.iterations !== undefined) step.iterations = e.iterations;
      break;
  }
  steps.set(e.stepId, step);
  return step;
}

/**
 * Whether an event belongs to the recorded run itself: events of sub-workflow runs (§13.5) carry
 * their own `runId`, `<run id>/<step id>…` (§13.9.5), and are recorded inside the parent's step
 * record at finish, not as its steps.
 */
export function isOwnEvent(runId: string, e: RuntimeEvent): boolean {
  const eventRunId = (e as { runId?: unknown }).runId;
  return typeof eventRunId !== "string" || !eventRunId.startsWith(`${runId}/`);
}

/** The started-at cutoff of `maxAgeDays`, as ISO 8601. */
export function ageCutoff(maxAgeDays: number, now = Date.now()): string {
  return new Date(now - maxAgeDays * DAY_MS).toISOString();
}

/** Whether a row matches a list filter (used by stores that filter in memory). */
export function matchesFilter(row: RunRow, filter: RunFilter): boolean {
  return (
    (filter.workflow === undefined || row.workflow === filter.workflow) &&
    (filter.status === undefined || row.status === filter.status) &&
    (filter.since === undefined || row.startedAt >= filter.since) &&
    (filter.until === undefined || row.startedAt <= filter.until)
  );
}

/** Checks list paging. */
export function checkFilter(filter: RunFilter): void {
  checkCount(filter.limit, "filter.limit", 0);
  checkCount(filter.offset, "filter.offset", 0);
}

/**
 * How a step's status counts in the run's `stepsExecuted` (a waiting approval ran) and
 * `stepsSkipped`; the stores add the difference between a step's status before and after an event,
 * so a resumed approval (`waiting`, then `running`, then `success`) is counted once.
 */
export function executedCount(status: StoredStep["status"] | undefined): number {
  return status === "success" || status === "failed" || status === "waiting" ? 1 : 0;
}

/** See `executedCount`. */
export function skippedCount(status: StoredStep["status"] | undefined): number {
  return status === "skipped" ? 1 : 0;
}

/** The status of the step an event is about, before the event is folded in. */
export function statusBefore(
  steps: Map<string, StoredStep>,
  e: RuntimeEvent,
): StoredStep["status"] | undefined {
  return "stepId" in e ? steps.get(e.stepId)?.status : undefined;
}
