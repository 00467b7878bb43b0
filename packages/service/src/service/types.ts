// The contract of `createService`: what it is given, what it offers (every HTTP route, MCP tool and
// CLI command is a thin adapter over these functions), and the data it answers with (JSON-ready).
import type { RunFilter, RunRow, RunStore, StoredRun } from "@skillflow/store";
import type {
  Decision,
  PendingApproval,
  RuntimeEvent,
  RuntimeServices,
  ToolAdapter,
  WorkflowResolver,
} from "@skillflow/workflow";
import type { HeaderSource } from "../hooks/_headers.js";
import type { NotificationFormat } from "../notify/payload.js";
import type { NotificationEvent } from "../notify/rules.js";
import type { NotificationResult } from "../notify/send.js";
import type { QueueLimits, RunQueue, RunTrigger } from "../queue/queue.js";
import type { Schedule } from "../schedule/declaration.js";
import type { ServiceStateStore } from "./state.js";

// ---------------------------------------------------------------------------------------------
// What the service is given
// ---------------------------------------------------------------------------------------------

/** A runnable workflow the service can start: a skill with a `workflow` block, or a workflow file. */
export interface WorkflowInfo {
  /** The name runs and schedules use (a skill name, or the path as declared). */
  name: string;
  description?: string;
  /** Where it was read from (absolute path or URL). */
  source: string;
  /** Declared inputs (the workflow's own `inputs` mapping: type, default, description...). */
  inputs: Record<string, unknown>;
  /** Declared outputs. */
  outputs: Record<string, unknown>;
}

/** A workflow loaded to run: its document, and how its `workflow:` references resolve. */
export interface LoadedWorkflow {
  /** The name runs are recorded under (a skill name, or the path as declared). */
  name: string;
  /** SKILL.md text or bare workflow YAML. */
  content: string;
  /** Where it was read from (the runtime's `source`). */
  source: string;
  /** Resolves the document's `workflow:` references (§13.5); none when absent. */
  resolveWorkflow?: WorkflowResolver;
}

/**
 * Where workflows come from. The CLI gives one over skill discovery (same scopes, disabled list and
 * trust as `skillflow run`); tests give one over an in-memory map.
 */
export interface WorkflowCatalog {
  /** The runnable workflows, sorted by name. */
  list(): Promise<WorkflowInfo[]>;
  /**
   * The workflow named `ref` (a skill name or a path), read now (so an edited file runs as it is).
   * Throws a `ServiceError` `UNKNOWN_WORKFLOW` (or `INVALID_WORKFLOW` when it cannot be read).
   */
  load(ref: string): Promise<LoadedWorkflow>;
}

/** Where a notification goes and how it is formatted. `url` is a secret: never logged or recorded. */
export interface NotificationTargetSpec {
  url: string;
  format: NotificationFormat;
}

/** When and where runs are notified (per schedule, or the service default). */
export interface NotificationSettings {
  on: readonly NotificationEvent[];
  targets: readonly NotificationTargetSpec[];
}

/** A webhook trigger: `POST /hooks/<name>` with a signed body starts `workflow`. */
export interface HookDeclaration {
  name: string;
  /** A skill name or a path, as for schedules. */
  workflow: string;
  /** The HMAC secret (read from the environment variable the config names; never the config). */
  secret: string;
  /** Input name → body path (`$.release.tag_name`), see `mapBodyToInputs`. */
  inputs: Readonly<Record<string, string>>;
  /** Fixed inputs merged under the mapped ones. */
  defaults?: Readonly<Record<string, unknown>>;
  /** Also accept GitHub's `X-Hub-Signature-256`. */
  github?: boolean;
  /** Replay window in ms (default 5 minutes). */
  toleranceMs?: number;
}

/** The clock, ids and timers of the service: wall time by default, virtual in tests. */
export type ServiceServices = Pick<RuntimeServices, "now" | "newId" | "sleep">;

/** Everything `createService` needs. Nothing is started until `start()`. */
export interface ServiceOptions {
  /** Run history and checkpoints (the project's history file, the one `skillflow runs` reads). */
  store: RunStore;
  /** The run queue (SQLite by default). */
  queue: RunQueue;
  /** Paused schedules, last fire times, pending decisions and notification records. */
  state: ServiceStateStore;
  workflows: WorkflowCatalog;
  /** The tools every run gets; the service adds `previous_run` per run. */
  tools: ToolAdapter;
  /** Schedules by name (from `parseSchedules`). */
  schedules?: ReadonlyMap<string, Schedule>;
  /** Per-schedule notification settings, by schedule name (else `notifications`). */
  scheduleNotifications?: ReadonlyMap<string, NotificationSettings>;
  hooks?: readonly HookDeclaration[];
  /** The default notification settings. */
  notifications?: NotificationSettings;
  limits?: QueueLimits;
  /** Secret values redacted everywhere (run logs, checkpoints, notifications, errors). */
  secrets?: readonly string[];
  /** Public address for links in notifications (default `http://127.0.0.1:<port>`). */
  baseUrl?: string;
  /** Allow notification targets on loopback/private networks (tests, intranets). */
  allowPrivateNotifications?: boolean;
  /** This process's worker id (default `<hostname>:<pid>:<random>`). */
  workerId?: string;
  /** Lease length without a heartbeat (default 30 s); heartbeat every third of it. */
  leaseMs?: number;
  /** How often the scheduler and the worker look for work (default 1 s; 250 ms for queued work). */
  pollMs?: number;
  /** Grace period for running steps at `stop()` (default 30 s). */
  graceMs?: number;
  /**
   * How long finished jobs stay in the queue (default 7 days); a started service prunes older ones
   * at start and hourly. Safe for at-most-once fires: a fire's dedupe key is only asked for again
   * in the tick that enqueued it (the scheduler never plans a fire at or before `lastFire`). A
   * pruned run stays in the history, without its trigger (listed as `cli`) and queued inputs.
   */
  /**
   * How many runs of one workflow may wait in the queue (not yet running) before `startRun`,
   * a webhook or a schedule's trigger is refused with `QUEUE_FULL` (default 1,000): a flood of
   * requests cannot fill the disk.
   */
  maxQueued?: number;
  jobRetentionMs?: number;
  services?: Partial<ServiceServices>;
  /** Told about problems that do not fail a call (a notification that failed, a store warning). */
  onProblem?: (problem: ServiceProblem) => void;
}

/** A problem the service recovered from, for the host's log. Never holds a secret. */
export interface ServiceProblem {
  code: string;
  message: string;
  runId?: string;
  schedule?: string;
}

// ---------------------------------------------------------------------------------------------
// What it answers with
// ---------------------------------------------------------------------------------------------

/** How a run was started (declared with the queue's jobs, which carry it). */
export type { RunTrigger } from "../queue/queue.js";

/** A run as lists show it: the history's row plus how it was started. */
export interface RunSummary extends RunRow {
  trigger: RunTrigger;
  /** `queued` runs are in the queue and not begun yet (not in the history). */
  queued?: boolean;
}

/** A run with its steps, inputs, outputs and pending approvals. */
export interface RunDetail extends StoredRun {
  trigger: RunTrigger;
  queued?: boolean;
  /** Notifications sent for it (host only, never the URL). */
  notifications: NotificationRecord[];
  /** Decisions sent for its approvals, oldest first, with their notes. */
  decisions: DecisionRecord[];
}

/** A decision as the service takes it: the runtime's `Decision` plus a note kept with the run. */
export interface DecisionInput extends Decision {
  /** Why (at most `MAX_DECISION_NOTE` characters); kept with the run, not given to the workflow. */
  note?: string;
}

/**
 * A decision as the run keeps it: which approval, how, by whom, when and why. A decision the run
 * then refused (a response that does not match the declaration) stays listed; the approval step's
 * output holds what the run used.
 */
export interface DecisionRecord {
  key: string;
  approved: boolean;
  by: string | null;
  note: string | null;
  /** ISO 8601 time the service took the decision. */
  at: string;
}

/** One notification attempt, as recorded. */
export interface NotificationRecord {
  event: NotificationEvent;
  at: string;
  result: NotificationResult;
}

/** What starting, rerunning, cancelling or deciding answers: the run and where it is. */
export interface RunRef {
  runId: string;
  status: "queued" | "running" | "waiting" | "success" | "failed" | "cancelled" | "interrupted";
}

/** A page of a list; `next` is an opaque cursor for the following page (absent on the last). */
export interface Page<T> {
  items: T[];
  next?: string;
}

/** Filters and paging of `listRuns`. */
export interface RunQuery extends Pick<RunFilter, "workflow" | "since" | "until"> {
  status?: RunRef["status"];
  schedule?: string;
  /** Page size, 1..200 (default 50). */
  limit?: number;
  /** A `next` from the previous page. */
  cursor?: string;
}

/** One pending approval with its run. */
export interface ApprovalInfo extends PendingApproval {
  runId: string;
  workflow: string;
  /** True once the deadline passed (its `on_timeout` applies at the next tick). */
  expired: boolean;
}

/** A schedule as `list` shows it. */
export interface ScheduleInfo {
  name: string;
  workflow: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  paused: boolean;
  overlap: Schedule["overlap"];
  missed: Schedule["missed"];
  /** The next fire times (ISO 8601), none when disabled or paused. */
  next: string[];
  /** The last run it started. */
  lastRun?: { runId: string; status: RunRef["status"]; startedAt: string };
}

/** Start a run of a workflow now. */
export interface StartRunRequest {
  workflow: string;
  inputs?: Record<string, unknown>;
  /** Default `{ kind: "manual" }`. */
  trigger?: RunTrigger;
}

/** A webhook request as received (the raw body is verified before it is parsed). */
export interface HookRequest {
  headers: HeaderSource;
  rawBody: string | Uint8Array;
}

/** What the service streams to live views (the API's server-sent events). */
export type ServiceEvent = { seq: number; at: string } & (
  | { kind: "run_queued"; runId: string; workflow: string; trigger: RunTrigger }
  /** A runtime event of a service run (child runs' events included; `event.runId` tells). */
  | { kind: "run_event"; runId: string; event: RuntimeEvent }
  | { kind: "run_finished"; runId: string; workflow: string; status: RunRef["status"] }
  | { kind: "schedule_changed"; schedule: string; paused: boolean }
);

/**
 * The running service. Every method is safe to call before `start()` (reads answer from the store;
 * started runs wait in the queue) and after `stop()` it refuses with `SERVICE_STOPPED`. Errors are
 * `ServiceError`s with a code from `ServiceErrorCode`.
 */
export interface Service {
  /** Recovers runs whose lease lapsed (resumed from checkpoints), then schedules and works. */
  start(): Promise<void>;
  /**
   * Stops taking work, lets running steps finish within the grace period, checkpoints, releases
   * leases of what is still running (resumed at the next start). `{ now: true }` does not wait.
   */
  stop(options?: { now?: boolean }): Promise<void>;
  /** Resolves when no run is queued or running (waiting runs aside). For tests and benchmarks. */
  idle(): Promise<void>;

  listWorkflows(): Promise<WorkflowInfo[]>;
  startRun(request: StartRunRequest): Promise<RunRef>;

  listRuns(query?: RunQuery): Promise<Page<RunSummary>>;
  getRun(runId: string): Promise<RunDetail>;
  cancelRun(runId: string): Promise<RunRef>;
  /** A new run of the same workflow with the same inputs, or with `inputs` instead. */
  rerun(
    runId: string,
    options?: { inputs?: Record<string, unknown>; by?: string },
  ): Promise<RunRef>;
  /** Resumes an `interrupted` run from its checkpoint. */
  resumeRun(runId: string): Promise<RunRef>;

  listApprovals(): Promise<ApprovalInfo[]>;
  /** Decides pending approval `key` of run `runId`; the run continues in the queue. */
  decide(runId: string, key: string, decision: DecisionInput): Promise<RunRef>;

  listSchedules(): Promise<ScheduleInfo[]>;
  pauseSchedule(name: string): Promise<ScheduleInfo>;
  resumeSchedule(name: string): Promise<ScheduleInfo>;
  /** Starts a run of the schedule now (not a fire time: no dedupe, overlap policy applies). */
  triggerSchedule(name: string, options?: { inputs?: Record<string, unknown> }): Promise<RunRef>;

  /** Verifies and maps a webhook; starts its workflow. Refusals are `ServiceError`s (see codes). */
  receiveHook(name: string, request: HookRequest): Promise<RunRef>;

  /** Live events; returns the unsubscribe function. */
  subscribe(listener: (event: ServiceEvent) => void): () => void;
}

/** Codes of the `ServiceError`s the service's own methods throw (adapters map them to statuses). */
export type ServiceErrorCode =
  /** 404 */
  | "UNKNOWN_RUN"
  | "UNKNOWN_WORKFLOW"
  | "UNKNOWN_SCHEDULE"
  | "UNKNOWN_HOOK"
  | "UNKNOWN_APPROVAL"
  /** 400: inputs that do not match the declared ones, a decision whose response is invalid, a bad cursor. */
  | "INVALID_INPUTS"
  | "INVALID_DECISION"
  | "INVALID_QUERY"
  | "INVALID_WORKFLOW"
  /** 409: the run or schedule is not in a state that allows it (e.g. cancel a finished run). */
  | "NOT_CANCELLABLE"
  | "NOT_WAITING"
  | "NOT_RESUMABLE"
  | "SCHEDULE_DISABLED"
  /** 401/409/413/400 per `WebhookRefusal.httpStatus`: the refusal's own code is in `details`. */
  | "WEBHOOK_REFUSED"
  /** 429: the workflow has `maxQueued` runs waiting in the queue already. */
  | "QUEUE_FULL"
  /** 503 */
  | "SERVICE_STOPPED";

// ---------------------------------------------------------------------------------------------
// The service's part of `skillflow.config.*` (parsed by `safeParseServiceConfig` in ../config/)
// ---------------------------------------------------------------------------------------------

/** The `service` settings of the config (all optional there; defaults applied here). */
export interface ServiceSettings {
  /** Interface to listen on (default `127.0.0.1`). */
  host: string;
  /** Port (default 7787). */
  port: number;
  /** Global concurrency limit (default 4). */
  concurrency: number;
  /** Per-workflow concurrency limit (default 1). */
  perWorkflow: number;
  /** Grace period at shutdown, ms (default 30 s). */
  graceMs: number;
  /**
   * Lease of a run without a heartbeat, ms (default 30 s): after a crash, a restarted service
   * resumes the runs the dead one held once their leases lapse.
   */
  leaseMs: number;
  /** Public address for links (default `http://<host>:<port>`). */
  baseUrl?: string;
  /** Queued runs of one workflow before more are refused (default 1000). */
  maxQueued: number;
  /** Allow notification targets on loopback/private networks. */
  allowPrivateNotifications: boolean;
  /** More `Host` header values the API accepts while bound to loopback (a reverse proxy's name). */
  allowedHosts?: string[];
}

/** The service's part of the config, validated, secrets read from the environment. */
export interface ServiceConfig {
  schedules: ReadonlyMap<string, Schedule>;
  scheduleNotifications: ReadonlyMap<string, NotificationSettings>;
  hooks: readonly HookDeclaration[];
  notifications?: NotificationSettings;
  settings: ServiceSettings;
}

/** The default port of `skillflow serve`. */
export const DEFAULT_SERVICE_PORT = 7787;
