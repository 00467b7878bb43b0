// The embedded SQLite ServiceStateStore: `service_*` tables in a file the caller names (WAL), shareable.
import type { Decision } from "@skillflow/workflow";
import type Database from "better-sqlite3";
import { ServiceError } from "../errors.js";
import type { SqliteFileOptions } from "../_sqlite-options.js";
import { openSqliteFile } from "../_sqlite.js";
import { prepareState, STATE_SCHEMA, type StateStatements } from "./_state-sql.js";
import {
  decisionText,
  recordText,
  recordTime,
  stateClosedError,
  stateStorageError,
} from "./_state-shared.js";
import type { ServiceStateStore } from "./state.js";
import type { DecisionRecord, NotificationRecord } from "./types.js";

/** Options of `openSqliteServiceState` (the file may be shared with the run queue or the history). */
export type SqliteServiceStateOptions = SqliteFileOptions;

/**
 * Opens (creating) the service state in a SQLite file; several processes may share it, and the
 * run queue may live in the same file (its tables are apart). Failures are `STATE_STORAGE`.
 */
export function openSqliteServiceState(options: SqliteServiceStateOptions): ServiceStateStore {
  return openSqliteFile(
    options,
    STATE_SCHEMA,
    (db, file) => new SqliteServiceState(db, file),
    (error, file) =>
      error instanceof ServiceError ? error : stateStorageError(`file ${file}`, error),
  );
}

class SqliteServiceState implements ServiceStateStore {
  readonly #db: Database.Database;
  readonly #file: string;
  readonly #sql: StateStatements;

  constructor(db: Database.Database, file: string) {
    this.#db = db;
    this.#file = file;
    this.#sql = prepareState(db);
  }

  async pausedSchedules(): Promise<ReadonlySet<string>> {
    const rows = this.#run(() => this.#sql.paused.all() as Array<{ schedule: string }>);
    return new Set(rows.map((row) => row.schedule));
  }

  async setPaused(schedule: string, paused: boolean): Promise<void> {
    this.#run(() => (paused ? this.#sql.pause : this.#sql.unpause).run(schedule));
  }

  async lastFire(schedule: string): Promise<number | undefined> {
    const row = this.#run(
      () => this.#sql.lastFire.get(schedule) as { fire_time: number } | undefined,
    );
    return row?.fire_time;
  }

  async setLastFire(schedule: string, fireTime: number): Promise<void> {
    this.#run(() => this.#sql.setLastFire.run({ schedule, fireTime }));
  }

  async addDecision(runId: string, key: string, decision: Decision): Promise<void> {
    this.#run(() => this.#sql.addDecision.run({ runId, key, decision: decisionText(decision) }));
  }

  async decisions(runId: string): Promise<ReadonlyMap<string, Decision>> {
    const rows = this.#run(
      () => this.#sql.decisions.all(runId) as Array<{ key: string; decision: string }>,
    );
    return new Map(rows.map((row) => [row.key, JSON.parse(row.decision) as Decision]));
  }

  async clearDecisions(runId: string): Promise<void> {
    this.#run(() => this.#sql.clearDecisions.run(runId));
  }

  async addDecisionRecord(runId: string, record: DecisionRecord): Promise<void> {
    this.#run(() => this.#sql.addDecisionRecord.run({ runId, record: JSON.stringify(record) }));
  }

  async decisionRecords(runId: string): Promise<DecisionRecord[]> {
    const rows = this.#run(() => this.#sql.decisionRecords.all(runId) as Array<{ record: string }>);
    return rows.map((row) => JSON.parse(row.record) as DecisionRecord);
  }

  async addNotification(runId: string, record: NotificationRecord): Promise<void> {
    const params = { runId, atMs: recordTime(record), record: recordText(record) };
    this.#run(() => this.#sql.addNotification.run(params));
  }

  async notifications(runId: string): Promise<NotificationRecord[]> {
    const rows = this.#run(() => this.#sql.notifications.all(runId) as Array<{ record: string }>);
    return rows.map((row) => JSON.parse(row.record) as NotificationRecord);
  }

  async rememberDelivery(id: string, expiresAt: number, now: number): Promise<boolean> {
    return this.#run(() => {
      this.#sql.forgetExpired.run({ now });
      return this.#sql.rememberDelivery.run({ id, expiresAt, now }).changes === 1;
    });
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  #run<T>(action: () => T): T {
    if (!this.#db.open) throw stateClosedError();
    try {
      return action();
    } catch (error) {
      throw stateStorageError(`file ${this.#file}`, error);
    }
  }
}
