// The RunQueue interface: jobs, their statuses, leases with a heartbeat and the concurrency limits.

/** Where a job is: waiting for a worker, held by one, parked on an approval, or finished. */
export type JobStatus = "queued" | "leased" | "waiting" | "done" | "failed" | "cancelled";

/** Codes of the `ServiceError`s a queue throws. */
export type QueueErrorCode =
  /** A job id is already in the queue (with no dedupe key to make it the same job). */
  | "QUEUE_DUPLICATE_ID"
  /** An argument is out of range: a limit, a lease length, an empty id or worker id. */
  | "QUEUE_INVALID"
  /** The queue's storage failed (the SQLite file cannot be opened, read or written). */
  | "QUEUE_STORAGE";

/** How a run was started. */
export type RunTrigger =
  | { kind: "schedule"; schedule: string; fireTime: string }
  | { kind: "webhook"; hook: string; deliveryId: string }
  | { kind: "manual"; by?: string }
  | { kind: "rerun"; of: string; by?: string }
  /** Started by an MCP client calling the workflow's tool (`skillflow mcp`). */
  | { kind: "mcp"; client?: string }
  /** Started by `skillflow run` outside the service (no queue job). */
  | { kind: "cli" };

/** What to run: a workflow with its inputs, and where the run came from. */
export interface JobSpec {
  /** Unique job id (the service uses the run id). */
  id: string;
  /** Workflow name; the per-workflow limit counts by it. */
  workflow: string;
  /** Inputs of the run (JSON). */
  inputs: Record<string, unknown>;
  /** Name of the schedule that fired it, if any. */
  schedule?: string;
  /** The fire time of that schedule (ISO 8601), if any. */
  fireTime?: string;
  /** How the run was started (JSON), if known. */
  trigger?: RunTrigger;
  /** When it was enqueued (ISO 8601, the caller's clock): lists order runs not begun yet by it. */
  enqueuedAt?: string;
  /**
   * A job with a key already in the queue, whatever its status (also done, failed or cancelled), is
   * not enqueued again: e.g. `schedule@fireTime`, so a fire time runs at most once, even across restarts.
   */
  dedupeKey?: string;
}

/** A job as the queue keeps it. */
export interface QueueJob extends JobSpec {
  /** Where the job is now. */
  status: JobStatus;
  /** How many times a worker claimed it; more than 1 means an earlier worker lost it (resume). */
  attempts: number;
  /** The worker that holds or last held it. */
  workerId?: string;
  /** When the current (or last) lease ends, in ms since the epoch. */
  leaseUntil?: number;
  /** How it ended, once `done` or `failed`. */
  outcome?: JobOutcome;
}

/** The answer of `enqueue`. */
export interface EnqueueResult {
  /** The new job, or the existing one with the same dedupe key. */
  job: QueueJob;
  /** False when the dedupe key was already there (nothing was enqueued). */
  created: boolean;
}

/** How many leased jobs may run at once; a missing limit is unlimited. */
export interface QueueLimits {
  /** All workflows together (a positive integer). */
  global?: number;
  /** Each workflow (a positive integer). */
  perWorkflow?: number;
}

/** Options of `claim`. */
export interface ClaimOptions {
  /** The current time, in ms since the epoch. */
  now: number;
  /** How long the lease lasts without a heartbeat, in ms (positive). */
  leaseMs: number;
  /** Concurrency limits, counting leases that have not expired at `now`. */
  limits?: QueueLimits;
}

/** How a job ended. */
export interface JobOutcome {
  /** `done` (the run finished, whatever its own status) or `failed` (it could not run). */
  status: "done" | "failed";
  /** The id of the run it produced, if any. */
  runId?: string;
  /** Why it failed, if it did. */
  error?: string;
}

/** Filter of `list`. */
export interface JobFilter {
  /** Only jobs with this status (or with one of these statuses). */
  status?: JobStatus | readonly JobStatus[];
  /** Only jobs of this workflow. */
  workflow?: string;
  /** Only jobs of this schedule (their `schedule` field). */
  schedule?: string;
  /** Newest first (reverse queue order) instead of oldest first. */
  newestFirst?: boolean;
  /** At most this many jobs (a non-negative integer), the first ones in the chosen order. */
  limit?: number;
}

/** Options of `prune`. */
export interface PruneOptions {
  /** Finished jobs that finished before this time (ms since the epoch, the queue's clock) go. */
  finishedBefore: number;
}

/** Options of the queues that keep time: the clock that stamps when a job finished. */
export interface QueueClockOptions {
  /** The current time in ms since the epoch; defaults to `Date.now` (give the service's clock). */
  now?: () => number;
}

/**
 * A queue of runs with a global and a per-workflow concurrency limit, and leases: a worker holds a
 * job while it heartbeats; a lease that lapses (a crashed or killed worker) makes the job claimable
 * again, oldest first. Time is always passed in. Every method is async (a queue may live on a server,
 * e.g. BullMQ on Redis). Every implementation passes `describeRunQueueContract`.
 */
export interface RunQueue {
  /** Adds a job at the end (status `queued`); a known `dedupeKey` returns the existing job instead. */
  enqueue(spec: JobSpec): Promise<EnqueueResult>;
  /**
   * Leases the oldest claimable job to `workerId` (a `queued` job, or a `leased` one whose lease
   * expired), skipping workflows at their limit; undefined when nothing is claimable or the global
   * limit is reached. Atomic: two workers (or processes) never claim the same lease.
   */
  claim(workerId: string, options: ClaimOptions): Promise<QueueJob | undefined>;
  /**
   * Extends the lease of a job `workerId` holds to `now + leaseMs`; false when the lease is lost
   * (another worker claimed the job, or it was cancelled, completed or released). A lapsed lease
   * nobody claimed yet is still held.
   */
  heartbeat(jobId: string, workerId: string, now: number, leaseMs: number): Promise<boolean>;
  /** Ends a job `workerId` holds with its outcome; false (and nothing changes) when the lease is lost. */
  complete(jobId: string, workerId: string, outcome: JobOutcome): Promise<boolean>;
  /**
   * Gives a held job back without completing it: `waiting` (e.g. on an approval; it holds no slot
   * until `requeue`) or `queued` (claimable again at its old place). False when the lease is lost.
   */
  release(jobId: string, workerId: string, to: "waiting" | "queued"): Promise<boolean>;
  /** Makes a `waiting` job claimable again at its old place; false when it is not waiting. */
  requeue(jobId: string): Promise<boolean>;
  /**
   * Makes a finished job (`done`, `failed` or `cancelled`) claimable again at its old place, its
   * outcome cleared (e.g. resuming an interrupted run); false when it is unknown or not finished.
   */
  reopen(jobId: string): Promise<boolean>;
  /** Cancels a queued, waiting or leased job (its holder's heartbeat then fails); false otherwise. */
  cancel(jobId: string): Promise<boolean>;
  /** Leased jobs whose lease ended at or before `now` (their worker crashed), oldest first. */
  expired(now: number): Promise<QueueJob[]>;
  /** A job by id. */
  get(jobId: string): Promise<QueueJob | undefined>;
  /** How many jobs match `filter` (its `limit` and order do not apply). */
  count(filter?: JobFilter): Promise<number>;
  /** Jobs in queue order (oldest first, or newest first), optionally filtered and limited. */
  list(filter?: JobFilter): Promise<QueueJob[]>;
  /**
   * Removes the finished jobs (`done`, `failed`, `cancelled`) that finished before
   * `finishedBefore` (the queue stamps the time a job finishes; `reopen` clears it), and returns
   * how many. Unfinished jobs always stay. A pruned job's dedupe key is free again.
   */
  prune(options: PruneOptions): Promise<number>;
  /** Releases the storage; the queue is not used afterwards. */
  close(): Promise<void>;
}
