// The service's own runtime state beside the queue and the history: paused schedules, the last fire
// time each schedule handled, decisions waiting for their run and their record, notification records,
// webhook delivery ids.
import type { Decision } from "@skillflow/workflow";
import type { DecisionRecord, NotificationRecord } from "./types.js";

/**
 * Small, durable key-value state of the service. Every implementation (SQLite embedded, memory for
 * tests, later PostgreSQL) passes `describeServiceStateContract`. All methods may be async.
 */
export interface ServiceStateStore {
  /** Names of the paused schedules. */
  pausedSchedules(): Promise<ReadonlySet<string>>;
  setPaused(schedule: string, paused: boolean): Promise<void>;
  /** The last fire time (ms since the epoch) the scheduler handled for `schedule`, if any. */
  lastFire(schedule: string): Promise<number | undefined>;
  setLastFire(schedule: string, fireTime: number): Promise<void>;
  /** Stores a decision for pending approval `key` of run `runId` (the latest one wins). */
  addDecision(runId: string, key: string, decision: Decision): Promise<void>;
  /** The decisions stored for `runId`, by approval key (a Map: keys come from documents). */
  decisions(runId: string): Promise<ReadonlyMap<string, Decision>>;
  /** Forgets the decisions of `runId` (once the run used them). */
  clearDecisions(runId: string): Promise<void>;
  /** Appends a decision to the record of `runId` (kept after the run used it). */
  addDecisionRecord(runId: string, record: DecisionRecord): Promise<void>;
  /** The decision records of `runId`, in the order they were added. */
  decisionRecords(runId: string): Promise<DecisionRecord[]>;
  addNotification(runId: string, record: NotificationRecord): Promise<void>;
  notifications(runId: string): Promise<NotificationRecord[]>;
  /**
   * The replay memory of webhooks (`ReplayGuard.remember`): records delivery `id` until
   * `expiresAt` (epoch ms) and answers `true` when it is unknown or expired by `now`, or answers
   * `false` when it is remembered and not expired (a replay). Atomic per id, also across processes
   * sharing the store; expired ids may be forgotten at any time.
   */
  rememberDelivery(id: string, expiresAt: number, now: number): Promise<boolean>;
  close(): Promise<void>;
}
