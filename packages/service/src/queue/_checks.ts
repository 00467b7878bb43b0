// Argument checks shared by every RunQueue: refusals are `QUEUE_INVALID` and say which value to fix.
import { ServiceError } from "../errors.js";
import type { ClaimOptions, JobFilter, JobSpec, JobStatus, PruneOptions } from "./queue.js";

/** Limits with the missing ones made unlimited. */
export interface ResolvedLimits {
  global: number;
  perWorkflow: number;
}

function invalid(message: string): ServiceError {
  return new ServiceError("QUEUE_INVALID", message);
}

function checkLimit(name: string, value: number | undefined): number {
  if (value === undefined) return Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(value) || value < 1)
    throw invalid(
      `limits.${name} must be a positive integer (got ${String(value)}); omit it for no limit`,
    );
  return value;
}

/** Checks a lease length and a time; both are finite, the lease positive. */
export function checkLease(now: number, leaseMs: number): void {
  if (!Number.isFinite(now)) throw invalid(`now must be a finite time in ms (got ${String(now)})`);
  if (!Number.isFinite(leaseMs) || leaseMs <= 0)
    throw invalid(`leaseMs must be a positive number of ms (got ${String(leaseMs)})`);
}

/** Checks the arguments of `claim` and resolves its limits. */
export function checkClaim(workerId: string, options: ClaimOptions): ResolvedLimits {
  if (workerId === "") throw invalid("workerId must not be empty: give each worker its own id");
  checkLease(options.now, options.leaseMs);
  return {
    global: checkLimit("global", options.limits?.global),
    perWorkflow: checkLimit("perWorkflow", options.limits?.perWorkflow),
  };
}

/** Checks a job before it is enqueued. */
export function checkSpec(spec: JobSpec): void {
  if (spec.id === "") throw invalid("a job needs a non-empty id");
  if (spec.workflow === "") throw invalid(`job ${spec.id} needs a non-empty workflow name`);
  if (spec.dedupeKey === "")
    throw invalid(`job ${spec.id}: dedupeKey must not be empty; omit it instead`);
}

/** The refusal of a second job with a known id. */
export function duplicateId(id: string): ServiceError {
  return new ServiceError(
    "QUEUE_DUPLICATE_ID",
    `a job with id ${id} is already in the queue; give each job its own id (or a dedupeKey to enqueue it once)`,
  );
}

/** Checks a list filter; the statuses it keeps (undefined: all). */
export function checkFilter(filter: JobFilter): readonly JobStatus[] | undefined {
  const { limit } = filter;
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0))
    throw invalid(
      `limit must be a non-negative integer (got ${String(limit)}); omit it for all jobs`,
    );
  if (filter.status === undefined) return undefined;
  return typeof filter.status === "string" ? [filter.status] : filter.status;
}

/** Checks the cutoff of `prune`. */
export function checkPrune(options: PruneOptions): void {
  if (!Number.isFinite(options.finishedBefore))
    throw invalid(
      `finishedBefore must be a finite time in ms (got ${String(options.finishedBefore)})`,
    );
}
