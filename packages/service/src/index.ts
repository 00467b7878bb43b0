// Public entry of @skillflow/service: the building blocks of `skillflow serve` (issue 16, in progress).
export const SERVICE_PACKAGE = "@skillflow/service";

// Run queue (issue 16): a RunQueue interface with limits and leases, in memory and in SQLite.
export { ServiceError } from "./errors.js";
export { MemoryRunQueue } from "./queue/memory.js";
export { openSqliteRunQueue, type SqliteRunQueueOptions } from "./queue/sqlite.js";
export type {
  ClaimOptions,
  EnqueueResult,
  JobFilter,
  JobOutcome,
  JobSpec,
  JobStatus,
  QueueErrorCode,
  QueueJob,
  QueueLimits,
  RunQueue,
} from "./queue/queue.js";
