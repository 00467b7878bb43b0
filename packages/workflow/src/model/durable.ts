// [EXT §13] Durable runs: checkpoints, approvals and their decisions, shared by runtime, store and hosts.
import type { PendingApproval, RunLog, StepRecord } from "./run-log.js";

/** [EXT §13.4, §13.9.4] An approval waiting for a decision (declared beside `RunLog`, which lists them). */
export type { PendingApproval } from "./run-log.js";

/** [EXT §13.4] A person's (or a host's) answer to an approval. */
export interface Decision {
  approved: boolean;
  by?: string;
  /** Values of the declared response fields; type-checked against the declaration. */
  response?: Record<string, unknown>;
}

/** [EXT §13.4] What `$steps.<id>.output` of a decided approval holds. */
export interface ApprovalOutput {
  approved: boolean;
  by: string | null;
  /** ISO 8601 time of the decision (the deadline on a timeout). */
  at: string;
  timed_out: boolean;
  response: Record<string, unknown>;
}

/**
 * [EXT §13.4, §13.9.4] The run option `approve`: decides in-process (a terminal prompt, a test).
 * Resolving `undefined` defers: the approval suspends as if there were no `approve` (a person who
 * leaves the prompt decides later through `resume`).
 */
export type ApproveCallback = (
  request: PendingApproval,
  options: { signal: AbortSignal },
) => Promise<Decision | undefined>;

/** [EXT §13.9.9] The result of one finished `each` iteration in a checkpoint. */
export type IterationResult = { ok: true; output: unknown } | { ok: false; error: string };

/**
 * [EXT §13.6] Everything needed to continue a run in another process. JSON-serialisable; values are
 * full (never truncated). Written by the runtime through `onCheckpoint`, stored by the host.
 */
export interface Checkpoint {
  runId: string;
  workflow: string;
  /** Lowercase hex SHA-256 of the document text (§13.9.8). */
  workflow_hash: string;
  inputs: Record<string, unknown>;
  /** ISO 8601 start of the first segment. */
  started_at: string;
  /** 1 for the first segment; +1 per resumption (§13.9.11). */
  segment: number;
  /** Step records so far, in run-log order (a waiting approval's record has status `waiting`). */
  records: StepRecord[];
  /** Finished iterations of `each` steps that have no record yet: step id → index → result. */
  iterations: Record<string, Record<string, IterationResult>>;
  /** The next step to run, as step ids from the top through branches and sub-workflows; null at the end. */
  position: { path: string[] } | null;
  /** Pending approvals when the run is suspended. */
  pending?: PendingApproval[];
  /** Checkpoints of sub-workflow runs in flight, by child run id (§13.9.5). */
  children?: Record<string, Checkpoint>;
  /** Set when the run has finished: resuming returns this log and runs nothing (§13.9.10). */
  final?: RunLog;
}

/** [EXT §13.6] The run option `resume`: a checkpoint plus decisions keyed by `PendingApproval.key`. */
export type ResumeOptions = Checkpoint & { decisions?: Record<string, Decision> };
