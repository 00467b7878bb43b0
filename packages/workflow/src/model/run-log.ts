// The run log, step records and runtime events returned and emitted by a run (§7).
import type { FieldSchema, StepType } from "./schema.js";

/** Final status of a run. */
export type RunStatus = "success" | "failed" | "waiting";
/** Final status of one step; [EXT §13.1] `waiting`: an approval without a decision yet. */
export type StepRunStatus = "success" | "failed" | "skipped" | "waiting";

/** One problem found while parsing or validating: `path` + `message`, plus code and location [§12 D5]. */
export interface ValidationError {
  path: string;
  message: string;
  /** Stable machine-readable code (see `DiagnosticCode`). */
  code?: string;
  /** 1-based line in the original document. */
  line?: number;
  /** 1-based column in the original document. */
  column?: number;
  /** [EXT §13.9.12] The `source` of the child document the problem is in (absent for the top document). */
  source?: string;
}

/** Result of `validateWorkflow`. */
export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

/** Retry bookkeeping on a step record (§6.5). */
export interface RetryRecord {
  attempts: number;
  errors: string[];
}

/** [EXT] Usage summed over a step's tool calls (every attempt and iteration). */
export interface StepUsage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Null when the price of any call was unknown. */
  costUsd: number | null;
}

/** What happened to one step (§7.2). */
export interface StepRecord {
  id: string;
  executor: StepType;
  status: StepRunStatus;
  reason?: string;
  duration_ms: number;
  inputs?: Record<string, unknown>;
  output?: unknown;
  iterations?: number;
  error?: string;
  retries?: RetryRecord;
  /** [EXT] Present when the step's tools reported usage. */
  usage?: StepUsage;
  /**
   * [EXT] Failed `each` steps only, when the run option `iterationErrors` is set: every failed
   * iteration in index order (`error` holds the last one's message, as §6.4 requires).
   */
  iteration_errors?: IterationError[];
  /**
   * [EXT §13.5] `workflow` steps: the child runs' logs — one per attempt, or for `each` steps one per
   * iteration that ran (its last attempt's), in index order.
   */
  runs?: RunLog[];
}

/** [EXT] One failed iteration of an `each` step: its 0-based index and its error (§6.6 text). */
export interface IterationError {
  index: number;
  error: string;
}

/** Counts of a run (§6.9). */
export interface RunSummary {
  steps_executed: number;
  steps_skipped: number;
  total_duration_ms: number;
}

/** Why a run failed (§6.9, §7.3). */
export interface RunLogError {
  phase: "parse" | "validate" | "execute";
  message: string;
  details?: ValidationError[];
}

/** [EXT §13.4, §13.9.4] An approval waiting for a decision, as listed in `RunLog.pending`. */
export interface PendingApproval {
  /** Its step id for a top-level approval, else `path` joined with `/` (`digests/2/confirm`). */
  key: string;
  /** The approval's own step id. */
  stepId: string;
  /** `[parent step id, iteration?, child step id]` through sub-workflows; `[stepId]` at top level. */
  path: string[];
  /** The resolved `message`. */
  message: string;
  /** ISO 8601 deadline (reached + `timeout`), or null without a `timeout`. */
  expires_at: string | null;
  /** The declared response fields, so a host can render a form. */
  response: Record<string, FieldSchema>;
}

/** The structured record of one run attempt (§7.1). */
export interface RunLog {
  id: string;
  workflow: string;
  status: RunStatus;
  summary: RunSummary;
  started_at: string;
  completed_at: string;
  duration_ms: number;
  inputs: Record<string, unknown>;
  steps: StepRecord[];
  outputs: Record<string, unknown>;
  error?: RunLogError;
  /** [EXT §13.1] Approvals waiting for a decision (status `waiting` only). */
  pending?: PendingApproval[];
  /** [EXT §13.9.11] Present only on runs that were suspended or resumed. */
  segment?: number;
  /** [EXT §13.9.8] Present when the host asked for checkpoints or resumed. */
  workflow_hash?: string;
}

/** Emitted once validation passed, before the first step. */
export interface WorkflowStartEvent {
  type: "workflow_start";
  /** [EXT §13.5] The id of the run that emitted it. */
  runId: string;
  workflow: string;
  totalSteps: number;
  /** [EXT §13.5] Set on a child run's start: the parent run and the `workflow` step that runs it. */
  parent?: ParentRun;
}
/** [EXT §13.5] Which run and step started a child run (`iteration` for `each` steps). */
export interface ParentRun {
  runId: string;
  stepId: string;
  iteration?: number;
}
/** Emitted after a step's guard passed (or errored). */
export interface StepStartEvent {
  type: "step_start";
  /** [EXT §13.5] The id of the run that emitted it. */
  runId: string;
  stepId: string;
  stepType: StepType;
  tool?: string;
  description?: string;
}
/** Emitted when a step is skipped. */
export interface StepSkipEvent {
  type: "step_skip";
  /** [EXT §13.5] The id of the run that emitted it. */
  runId: string;
  stepId: string;
  reason: string;
  description?: string;
}
/** Emitted after a failed retriable attempt, before the backoff wait. */
export interface StepRetryEvent {
  type: "step_retry";
  /** [EXT §13.5] The id of the run that emitted it. */
  runId: string;
  stepId: string;
  attempt: number;
  error: string;
  iteration?: number;
}
/** Emitted when a step is judged failed, just before its `step_complete`. */
export interface StepErrorEvent {
  type: "step_error";
  /** [EXT §13.5] The id of the run that emitted it. */
  runId: string;
  stepId: string;
  error: string;
  onError: "fail" | "ignore";
}
/** Emitted after each finished iteration of an `each` step. */
export interface EachProgressEvent {
  type: "each_progress";
  /** [EXT §13.5] The id of the run that emitted it. */
  runId: string;
  stepId: string;
  current: number;
  total: number;
}
/** Emitted when a step finishes (never for skipped steps). */
export interface StepCompleteEvent {
  type: "step_complete";
  /** [EXT §13.5] The id of the run that emitted it. */
  runId: string;
  stepId: string;
  status: "success" | "failed";
  duration_ms: number;
  iterations?: number;
}
/** The last event of every started run. */
export interface WorkflowCompleteEvent {
  type: "workflow_complete";
  /** [EXT §13.5] The id of the run that emitted it. */
  runId: string;
  status: RunStatus;
  duration_ms: number;
  summary: RunSummary;
}

/** [EXT §13.4] An approval was reached and waits for a decision. */
export interface StepWaitingEvent {
  type: "step_waiting";
  runId: string;
  stepId: string;
  message: string;
  expires_at: string | null;
}
/** [EXT §13.1] The last event of a segment that ends `waiting` (instead of `workflow_complete`). */
export interface WorkflowSuspendEvent {
  type: "workflow_suspend";
  runId: string;
  pending: PendingApproval[];
}
/** [EXT §13.1] The first event of a resumed segment (instead of `workflow_start`). */
export interface WorkflowResumeEvent {
  type: "workflow_resume";
  runId: string;
  segment: number;
}

/** Live progress of a run, discriminated by `type` (§7.4). */
export type RuntimeEvent =
  | WorkflowStartEvent
  | WorkflowResumeEvent
  | StepWaitingEvent
  | WorkflowSuspendEvent
  | StepStartEvent
  | StepSkipEvent
  | StepRetryEvent
  | StepErrorEvent
  | EachProgressEvent
  | StepCompleteEvent
  | WorkflowCompleteEvent;

/**
 * [EXT] What `$steps.<id>` holds (§13.3): the step output, its record status and its error (null
 * unless the step failed). `status` / `error` are optional so hand-built scopes stay valid.
 */
export interface StepScope {
  output: unknown;
  status?: StepRunStatus | "waiting";
  error?: string | null;
}
/** An event as the executor builds it: `runId` is added by the emitter. */
export type RuntimeEventBody = RuntimeEvent extends infer E
  ? E extends RuntimeEvent
    ? Omit<E, "runId">
    : never
  : never;

/** Evaluation scope of expressions (§4.5). */
export interface RuntimeContext {
  inputs: Record<string, unknown>;
  steps: Record<string, StepScope>;
  item?: unknown;
  index?: number | undefined;
  result?: unknown;
}
