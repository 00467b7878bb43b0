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
  PruneOptions,
  QueueClockOptions,
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

// Service state (issue 16): paused schedules, last fire times, decisions and notification records.
export { MemoryServiceState } from "./service/state-memory.js";
export { openSqliteServiceState, type SqliteServiceStateOptions } from "./service/state-sqlite.js";
export type { StateErrorCode } from "./service/_state-shared.js";
// The service's part of `skillflow.config.*`: schedules with notify, hooks, notifications, settings.
export {
  safeParseServiceConfig,
  serviceConfigSecrets,
  type ServiceConfigInput,
  type ServiceConfigResult,
} from "./config/service-config.js";
export { DEFAULT_NOTIFY_ON } from "./config/notifications.js";
export { MAX_HOOK_TOLERANCE_SECONDS } from "./config/hooks.js";
export {
  DEFAULT_SERVICE_SETTINGS,
  isLoopbackHost,
  MAX_GRACE_SECONDS,
  MAX_LEASE_SECONDS,
} from "./config/settings.js";
export type {
  ServiceConfigProblem,
  ServiceConfigProblemCode,
  ServiceSectionProblemCode,
} from "./config/problems.js";
// Service core building blocks (issue 16): previous_run, scheduler ticks, notifier, webhook acceptance.
export {
  findPreviousRun,
  PREVIOUS_RUN_TOOL,
  previousOutputsFromStore,
  previousRunTool,
  withPreviousRun,
  type PreviousRunContext,
  type PreviousRunOutput,
} from "./service/previous-run.js";
export {
  NEXT_FIRES_SHOWN,
  planScheduleTick,
  scheduleInfos,
  type ActiveScheduleRun,
  type ScheduleAction,
  type ScheduleSkipReason,
  type ScheduleTickInput,
} from "./service/scheduler.js";
export { createNotifier, type Notifier, type NotifierOptions } from "./service/notifier.js";
export { acceptHook, type AcceptedHook, type AcceptHookDeps } from "./service/hooks.js";
// HTTP API (issue 16): the Hono app over a Service, its server, route table, OpenAPI document and token.
export {
  closeEventStreams,
  API_MCP_PATH,
  createApiApp,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_BODY_BYTES,
  type ApiOptions,
} from "./http/app.js";
export {
  ApiError,
  SERVICE_ERROR_STATUS,
  type ApiErrorBody,
  type ApiErrorCode,
  type ApiProblem,
} from "./http/errors.js";
export { openApiDocument, openApiPath } from "./http/openapi.js";
export { API_PREFIX, ROUTES, type RouteDef } from "./http/routes.js";
export { startApiServer, type ApiServer, type ApiServerOptions } from "./http/server.js";
export { loadOrCreateToken, type LoadedToken } from "./http/token.js";
// The dashboard (issue 18): login codes and sessions, and the providers of its data routes.
export {
  createSessionStore,
  LOGIN_CODE_TTL_MS,
  SESSION_IDLE_MS,
  type LoginCode,
  type SessionStore,
  type SessionStoreOptions,
} from "./http/sessions.js";
export { DASHBOARD_CSP } from "./http/_static.js";
export { SESSION_COOKIE } from "./http/_login.js";
export type {
  CatalogProvider,
  EvalReportSummary,
  EvalsProvider,
  SkillDetail,
  SkillInfo,
  SkillProblem,
} from "./http/providers.js";
// The service core (issue 16): createService over a RunStore, a RunQueue and a ServiceStateStore.
export { createService } from "./service/service.js";
export { DEFAULT_SERVICE_PORT } from "./service/types.js";
export { MAX_DECISION_NOTE } from "./service/approvals.js";
export type {
  ApprovalInfo,
  DecisionInput,
  DecisionRecord,
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
// A client of a running service's HTTP API (issue 17: `skillflow mcp` runs through `skillflow serve`).
export {
  createServiceClient,
  type ServiceClient,
  type ServiceClientOptions,
} from "./http/client.js";
