// The in-memory RunQueue: one process, lost on exit; the reference for the contract suite.
import { checkClaim, checkLease, checkSpec, duplicateId } from "./_checks.js";
import type {
  ClaimOptions,
  EnqueueResult,
  JobFilter,
  JobOutcome,
  JobSpec,
  QueueJob,
  RunQueue,
} from "./queue.js";

/** A RunQueue kept in memory (tests, and a service that needs no durability). */
export class MemoryRunQueue implements RunQueue {
  // Insertion order of the Map is queue order: a released or requeued job keeps its place.
  readonly #jobs = new Map<string, QueueJob>();
  readonly #byKey = new Map<string, QueueJob>();

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
    if (!job || !["done", "failed", "cancelled"].includes(job.status)) return false;
    job.status = "queued";
    delete job.outcome;
    return true;
  }

  /** Cancels an unfinished job. */
  async cancel(jobId: string): Promise<boolean> {
    const job = this.#jobs.get(jobId);
    if (!job || !["queued", "leased", "waiting"].includes(job.status)) return false;
    job.status = "cancelled";
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

  /** Jobs in queue order. */
  async list(filter: JobFilter = {}): Promise<QueueJob[]> {
    return [...this.#jobs.values()]
      .filter((job) => filter.status === undefined || job.status === filter.status)
      .filter((job) => filter.workflow === undefined || job.workflow === filter.workflow)
      .map(copy);
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
