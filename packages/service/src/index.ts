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

// Schedules (issue 16): declarations, fire times, missed-run and overlap policies, dedupe keys.
export {
  compileCron,
  DEFAULT_TIMEZONE,
  isValidTimezone,
  type CompiledCron,
  type CronCompileResult,
} from "./schedule/cron.js";
export {
  MISSED_POLICIES,
  OVERLAP_POLICIES,
  parseSchedules,
  safeParseSchedules,
  SCHEDULE_NAME,
  type MissedPolicy,
  type OverlapPolicy,
  type Schedule,
  type ScheduleParseResult,
} from "./schedule/declaration.js";
export { MAX_CATCH_UP_WINDOW_MS, parseCatchUpWindow } from "./schedule/duration.js";
export {
  dueFires,
  MAX_CATCH_UP_FIRES,
  nextFires,
  ON_TIME_TOLERANCE_MS,
  scheduleDedupeKey,
} from "./schedule/fires.js";
export { overlapDecision, type OverlapDecision } from "./schedule/overlap.js";
export {
  ScheduleConfigError,
  type ScheduleProblem,
  type ScheduleProblemCode,
} from "./schedule/problems.js";

// Webhook triggers and notifications (issue 16).
export * from "./hooks/index.js";
export * from "./notify/index.js";

// The service core (issue 16): createService over a RunStore, a RunQueue and a ServiceStateStore.
export { createService } from "./service/service.js";
export { DEFAULT_SERVICE_PORT } from "./service/types.js";
export type {
  ApprovalInfo,
  HookDeclaration,
  HookRequest,
  LoadedWorkflow,
  NotificationRecord,
  NotificationSettings,
  NotificationTargetSpec,
  Page,
  RunDetail,
  RunQuery,
  RunRef,
  RunSummary,
  RunTrigger,
  ScheduleInfo,
  Service,
  ServiceConfig,
  ServiceErrorCode,
  ServiceEvent,
  ServiceOptions,
  ServiceProblem,
  ServiceServices,
  ServiceSettings,
  StartRunRequest,
  WorkflowCatalog,
  WorkflowInfo,
} from "./service/types.js";
export type { ServiceStateStore } from "./service/state.js";
