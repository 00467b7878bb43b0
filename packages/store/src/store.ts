// The RunStore contract: how a run is recorded as it happens and read back as history (spec §7, §12 D6).
import type {
  Checkpoint,
  PendingApproval,
  RunLog,
  RunLogError,
  RuntimeEvent,
  StepRecord,
  StepRunStatus,
  StepType,
} from "@skillflow/workflow";

/**
 * Status of a stored run: the final `RunLog` status, or what is known about a run without one.
 * `waiting`: suspended at an approval (§13.4), its `pending` approvals stored, resumable.
 */
export type StoredRunStatus =
  "running" | "waiting" | "success" | "failed" | "cancelled" | "interrupted";

/** Every stored run status, in display order. */
export const STORED_RUN_STATUSES: readonly StoredRunStatus[] = [
  "running",
  "waiting",
  "success",
  "failed",
  "cancelled",
  "interrupted",
  "waiting",
];

/** How much of a run is persisted (§12 D6): timings only, values up to a size, or everything. */
export type Verbosity = "minimal" | "standard" | "debug";

/** Marker that replaces a value too large to persist at `standard` verbosity. */
export interface TruncatedValue {
  $truncated: true;
  /** Size of the value's JSON, in UTF-8 bytes. */
  bytes: number;
}

/** How many runs are kept: the newest `maxRuns`, and none older than `maxAgeDays`. */
export interface Retention {
  maxRuns?: number;
  maxAgeDays?: number;
}

/**
 * What happens to a run's checkpoint when the run ends `success`, `failed` or `cancelled`: `drop`
 * (the default) deletes it with the finish, `keep` keeps it. A `waiting` or `interrupted` run always
 * keeps its checkpoint, since it is how the run continues.
 */
export type CheckpointRetention = "keep" | "drop";

/** The process that writes a run, used to detect runs whose writer died. */
export interface RunWriter {
  pid: number;
  hostname: string;
}

/** Options shared by every store implementation. */
export interface RunStoreOptions {
  /** Defaults to `standard`. */
  verbosity?: Verbosity;
  /** Largest value kept at `standard` verbosity, in bytes of JSON; defaults to 8 KiB. */
  maxValueBytes?: number;
  /** Applied after each finished run when set. */
  retention?: Retention;
  /** Whether a finished run's checkpoint is kept; defaults to `drop`. */
  checkpoints?: CheckpointRetention;
  /** Whether a writer process is still running; defaults to a signal-0 probe on this host. */
  isWriterAlive?: (writer: RunWriter) => boolean;
  /** The clock that stamps step start times, in epoch milliseconds; defaults to `Date.now`. */
  now?: () => number;
  /**
   * Hears of a write that failed where no call could throw it: a batched flush of events (the run's
   * next `event()` throws it too) or the flush at process exit. Must not throw.
   */
  onError?: (error: RunStoreError) => void;
}

/** What is known when a run begins. */
export interface RunStart {
  id: string;
  workflow: string;
  /** Where the workflow came from (a file path, a URL). */
  source?: string;
  inputs: Record<string, unknown>;
  /** ISO 8601 timestamp. */
  startedAt: string;
}

/** Records one run as it happens; returned by `RunStore.begin` and `RunStore.resume`. */
export interface RunRecorder {
  /** Persists what the event says about the run (step events are written at once). */
  event(e: RuntimeEvent): void;
  /**
   * Saves the run's checkpoint (§13.6) with full values, whatever the verbosity, replacing the one
   * before. Durable when it returns: the events recorded so far are written in the same transaction,
   * so history and checkpoint agree. Throws `STORE_INVALID_CHECKPOINT` for a checkpoint of another
   * run or one that is not JSON.
   */
  checkpoint(cp: Checkpoint): void;
  /**
   * Persists the final log, replacing the partial record. A `waiting` log leaves the run `waiting`
   * with its `pending` approvals; a finished one drops the checkpoint unless `checkpoints: "keep"`.
   */
  finish(log: RunLog): void;
}

/** A step as stored: a `StepRecord`, or the part of one known while the step runs. */
export type StoredStep = Omit<StepRecord, "status" | "executor" | "duration_ms"> & {
  /** `running` while a step is in flight (a partial record); `waiting`: an undecided approval. */
  status: StepRunStatus | "running" | "waiting";
  executor?: StepType;
  duration_ms?: number;
  /**
   * When the step first started (ISO 8601, from the store's clock); absent for skipped steps. The
   * steps of its sub-workflow runs (`runs[].steps[]`, at every depth) carry it too when the
   * recording saw them start (not for segments recorded before a resume in another process).
   */
  started_at?: string;
};

/** Summary of one stored run, as listed. */
export interface RunRow {
  id: string;
  workflow: string;
  source?: string;
  status: StoredRunStatus;
  startedAt: string;
  completedAt?: string;
  durationMs?: number;
  /** Steps the workflow has, once `workflow_start` was seen. */
  totalSteps?: number;
  stepsExecuted: number;
  stepsSkipped: number;
  error?: RunLogError;
  /** The approvals a `waiting` run waits for (§13.4), as its last segment reported them. */
  pending?: PendingApproval[];
}

/** One stored run with its steps and values (as far as its verbosity kept them). */
export interface StoredRun extends RunRow {
  verbosity: Verbosity;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  steps: StoredStep[];
}

/** Which runs `list` returns; `since`/`until` bound `startedAt` (ISO 8601, inclusive). */
export interface RunFilter {
  workflow?: string;
  status?: StoredRunStatus;
  since?: string;
  until?: string;
  limit?: number;
  offset?: number;
}

/** Run history: records runs step by step and reads them back. */
export interface RunStore {
  /** Starts recording a run; throws a `RunStoreError` (`STORE_DUPLICATE_RUN`) when the id exists. */
  begin(start: RunStart): RunRecorder;
  /**
   * Continues recording a `waiting` or `interrupted` run in the same record (a resumed run keeps its
   * id): status back to `running`, `pending` cleared, later events append. Only one caller wins: the
   * run is `running` afterwards, so a second `resume` throws `STORE_NOT_RESUMABLE` (as does a run in
   * any other state); an unknown id throws `STORE_UNKNOWN_RUN`.
   */
  resume(id: string): RunRecorder;
  /**
   * Marks a `running` run `interrupted` now, whatever its writer: for a host that knows the writer
   * stopped or lost the run (a service that released the run's lease at shutdown, or whose lease
   * lapsed), so that it can be `resume`d. False (nothing changes) when the run is not `running`.
   */
  interrupt(id: string): boolean;
  /** The latest checkpoint of a run, with full values, or `undefined`. */
  checkpoint(runId: string): Checkpoint | undefined;
  /** One run with its steps, or `undefined`. */
  get(id: string): StoredRun | undefined;
  /** Runs matching the filter, newest first. */
  list(filter?: RunFilter): RunRow[];
  /** Deletes the given runs and their checkpoints; returns how many existed. */
  remove(ids: readonly string[]): number;
  /** Deletes finished runs beyond the retention; returns how many. Running and waiting runs are kept. */
  prune(retention: Retention): number;
  /** Releases the store; other methods must not be called afterwards. */
  close(): void;
}

/**
 * Codes of `RunStoreError`. The storage failures: `STORE_FULL` (no space left), `STORE_LOCKED`
 * (another process held the file longer than the busy timeout), `STORE_DAMAGED` (the file is
 * corrupt or not a history), `STORE_INACCESSIBLE` (permissions, read-only file system, bad path)
 * and `STORE_IO` (any other I/O error).
 */
export type RunStoreErrorCode =
  | "STORE_INVALID_OPTION"
  | "STORE_DUPLICATE_RUN"
  | "STORE_UNKNOWN_RUN"
  | "STORE_NOT_RESUMABLE"
  | "STORE_INVALID_CHECKPOINT"
  | "STORE_NEWER_SCHEMA"
  | "STORE_FULL"
  | "STORE_LOCKED"
  | "STORE_DAMAGED"
  | "STORE_INACCESSIBLE"
  | "STORE_IO";

/** What a storage failure is about, besides its code. */
export interface RunStoreErrorDetails {
  /** The history file concerned. */
  file?: string;
  /** For `STORE_LOCKED`: the processes seen holding a write lock on the file (when the system says). */
  lockHolders?: readonly number[];
}

/** An error raised by a store, with a stable code. */
export class RunStoreError extends Error {
  override readonly name = "RunStoreError";
  /** Stable machine-readable code. */
  readonly code: RunStoreErrorCode;
  /** The history file concerned, when the store has one. */
  readonly file: string | undefined;
  /** Pids seen holding the lock of a `STORE_LOCKED` file; empty when unknown. */
  readonly lockHolders: readonly number[];

  constructor(
    code: RunStoreErrorCode,
    message: string,
    options: ErrorOptions & RunStoreErrorDetails = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
    this.lockHolders = options.lockHolders ?? [];
  }
}
