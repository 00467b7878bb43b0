// The in-memory RunQueue: one process, lost on exit; the reference for the contract suite.
import {
  checkClaim,
  checkFilter,
  checkLease,
  checkPrune,
  checkSpec,
  duplicateId,
} from "./_checks.js";
import type {
  ClaimOptions,
  EnqueueResult,
  JobFilter,
  JobOutcome,
  JobSpec,
  JobStatus,
  PruneOptions,
  QueueClockOptions,
  QueueJob,
  RunQueue,
} from "./queue.js";

const FINISHED: readonly JobStatus[] = ["done", "failed", "cancelled"];

/** A RunQueue kept in memory (tests, and a service that needs no durability). */
export class MemoryRunQueue implements RunQueue {
  // Insertion order of the Map is queue order: a released or requeued job keeps its place.
  readonly #jobs = new Map<string, QueueJob>();
  readonly #byKey = new Map<string, QueueJob>();
  // When each finished job finished (the queue's clock), for `prune`.
  readonly #finishedAt = new Map<string, number>();
  readonly #now: () => number;

  /** A queue whose `now` (default `Date.now`) stamps when a job finishes. */
  constructor(options: QueueClockOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** Adds a job at the end, or returns the one with the same dedupe key. */
  async enqueue(spec: JobSpec): Promise<EnqueueResult> {
    checkSpec(spec);
    const existing = spec.dedupeKey === undefined ? undefined : this.#byKey.get(spec.dedupeKey);
    if (existing) return { job: copy(existing), created: false };
    if (this.#jobs.has(spec.id)) throw duplicateId(spec.id);
    const job: QueueJob = { ...structuredClone(spec), status: "queued", attempts: 0 };
    this.#jobs.set(job.id, job);
    if (job.dedupeKey !== undefined) this.#byKey.set(job.dedupeKey, job);
    return { job: copy(job), created: true };
  }

  /** Leases the oldest claimable job within the limits. */
  async claim(workerId: string, options: ClaimOptions): Promise<QueueJob | undefined> {
    const limits = checkClaim(workerId, options);
    const { now } = options;
    const active = new Map<string, number>();
    let total = 0;
    for (const job of this.#jobs.values()) {
      if (!isActive(job, now)) continue;
      total++;
      active.set(job.workflow, (active.get(job.workflow) ?? 0) + 1);
    }
    if (total >= limits.global) return undefined;
    for (const job of this.#jobs.values()) {
      const claimable = job.status === "queued" || (job.status === "leased" && !isActive(job, now));
      if (!claimable || (active.get(job.workflow) ?? 0) >= limits.perWorkflow) continue;
      Object.assign(job, { status: "leased", workerId, leaseUntil: now + options.leaseMs });
      job.attempts++;
      return copy(job);
    }
    return undefined;
  }

  /** Extends a held lease. */
  async heartbeat(jobId: string, workerId: string, now: number, leaseMs: number): Promise<boolean> {
    checkLease(now, leaseMs);
    const job = this.#held(jobId, workerId);
    if (job) job.leaseUntil = now + leaseMs;
    return job !== undefined;
  }

  /** Ends a held job. */
  async complete(jobId: string, workerId: string, outcome: JobOutcome): Promise<boolean> {
    const job = this.#held(jobId, workerId);
    if (!job) return false;
    job.status = outcome.status;
    job.outcome = structuredClone(outcome);
    this.#finishedAt.set(jobId, this.#now());
    return true;
  }

  /** Gives a held job back. */
  async release(jobId: string, workerId: string, to: "waiting" | "queued"): Promise<boolean> {
    const job = this.#held(jobId, workerId);
    if (job) job.status = to;
    return job !== undefined;
  }

  /** Makes a waiting job claimable again. */
  async requeue(jobId: string): Promise<boolean> {
    const job = this.#jobs.get(jobId);
    if (job?.status !== "waiting") return false;
    job.status = "queued";
    return true;
  }

  /** Makes a finished job claimable again. */
  async reopen(jobId: string): Promise<boolean> {
    const job = this.#jobs.get(jobId);
    if (!job || !FINISHED.includes(job.status)) return false;
    job.status = "queued";
    delete job.outcome;
    this.#finishedAt.delete(jobId);
    return true;
  }

  /** Cancels an unfinished job. */
  async cancel(jobId: string): Promise<boolean> {
    const job = this.#jobs.get(jobId);
    if (!job || !["queued", "leased", "waiting"].includes(job.status)) return false;
    job.status = "cancelled";
    this.#finishedAt.set(jobId, this.#now());
    return true;
  }

  /** Leased jobs whose lease ended. */
  async expired(now: number): Promise<QueueJob[]> {
    return [...this.#jobs.values()]
      .filter((job) => job.status === "leased" && !isActive(job, now))
      .map(copy);
  }

  /** A job by id. */
  async get(jobId: string): Promise<QueueJob | undefined> {
    const job = this.#jobs.get(jobId);
    return job && copy(job);
  }

  /** Jobs in queue order (or reversed), filtered and limited. */
  async count(filter: JobFilter = {}): Promise<number> {
    const { limit: _limit, newestFirst: _order, ...rest } = filter;
    return (await this.list(rest)).length;
  }

  async list(filter: JobFilter = {}): Promise<QueueJob[]> {
    const statuses = checkFilter(filter);
    const jobs = [...this.#jobs.values()];
    if (filter.newestFirst === true) jobs.reverse();
    const found: QueueJob[] = [];
    for (const job of jobs) {
      if (filter.limit !== undefined && found.length >= filter.limit) break;
      if (statuses !== undefined && !statuses.includes(job.status)) continue;
      if (filter.workflow !== undefined && job.workflow !== filter.workflow) continue;
      if (filter.schedule !== undefined && job.schedule !== filter.schedule) continue;
      found.push(copy(job));
    }
    return found;
  }

  /** Removes the jobs that finished before the cutoff. */
  async prune(options: PruneOptions): Promise<number> {
    checkPrune(options);
    let removed = 0;
    for (const [id, at] of this.#finishedAt) {
      const job = this.#jobs.get(id);
      if (at >= options.finishedBefore || !job || !FINISHED.includes(job.status)) continue;
      this.#jobs.delete(id);
      this.#finishedAt.delete(id);
      if (job.dedupeKey !== undefined) this.#byKey.delete(job.dedupeKey);
      removed++;
    }
    return removed;
  }

  /** Nothing to release. */
  async close(): Promise<void> {}

  #held(jobId: string, workerId: string): QueueJob | undefined {
    const job = this.#jobs.get(jobId);
    return job?.status === "leased" && job.workerId === workerId ? job : undefined;
  }
}

function isActive(job: QueueJob, now: number): boolean {
  return job.status === "leased" && (job.leaseUntil ?? -Infinity) > now;
}

function copy(job: QueueJob): QueueJob {
  return structuredClone(job);
}
