// The embedded SQLite RunQueue: a table in a file the caller names (WAL), shared safely by processes.
import type Database from "better-sqlite3";
import { ServiceError } from "../errors.js";
import type { SqliteFileOptions } from "../_sqlite-options.js";
import { openSqliteFile } from "../_sqlite.js";
import {
  checkClaim,
  checkFilter,
  checkLease,
  checkPrune,
  checkSpec,
  duplicateId,
} from "./_checks.js";
import {
  countQuery,
  fromRow,
  listQuery,
  prepareQueue,
  QUEUE_SCHEMA,
  type JobRow,
  type QueueStatements,
} from "./_sql.js";
import type {
  ClaimOptions,
  EnqueueResult,
  JobFilter,
  JobOutcome,
  JobSpec,
  PruneOptions,
  QueueClockOptions,
  QueueJob,
  RunQueue,
} from "./queue.js";

/**
 * Options of `openSqliteRunQueue` (the file may be shared with the service state or the history);
 * `now` stamps when a job finishes (for `prune`).
 */
export type SqliteRunQueueOptions = SqliteFileOptions & QueueClockOptions;

/**
 * Opens (creating) a SQLite run queue; several processes may share one file, and a claim is one
 * atomic UPDATE, so no two of them hold the same lease. Failures of the file are `QUEUE_STORAGE`.
 */
export function openSqliteRunQueue(options: SqliteRunQueueOptions): RunQueue {
  return openSqliteFile(
    options,
    QUEUE_SCHEMA,
    (db, file) => new SqliteRunQueue(db, file, options.now ?? Date.now),
    (error, file) => storage(error, file),
  );
}

function storage(error: unknown, file: string): ServiceError {
  if (error instanceof ServiceError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ServiceError(
    "QUEUE_STORAGE",
    `the run queue ${file} failed: ${detail}; check that the file is a writable SQLite database`,
    { cause: error },
  );
}

class SqliteRunQueue implements RunQueue {
  readonly #db: Database.Database;
  readonly #file: string;
  readonly #sql: QueueStatements;
  readonly #now: () => number;
  // The list statements by their SQL: a few shapes, each prepared once.
  readonly #lists = new Map<string, Database.Statement>();

  constructor(db: Database.Database, file: string, now: () => number) {
    this.#db = db;
    this.#file = file;
    this.#sql = prepareQueue(db);
    this.#now = now;
  }

  async enqueue(spec: JobSpec): Promise<EnqueueResult> {
    checkSpec(spec);
    return this.#run(() =>
      // IMMEDIATE: the dedupe lookup and the insert see the same file, whoever else writes to it.
      this.#db
        .transaction((): EnqueueResult => {
          const key = spec.dedupeKey;
          const existing = key === undefined ? undefined : (this.#sql.byKey.get(key) as JobRow);
          if (existing) return { job: fromRow(existing), created: false };
          if (this.#sql.byId.get(spec.id)) throw duplicateId(spec.id);
          const row = this.#sql.insert.get({
            id: spec.id,
            workflow: spec.workflow,
            inputs: JSON.stringify(spec.inputs),
            schedule: spec.schedule ?? null,
            fireTime: spec.fireTime ?? null,
            dedupeKey: key ?? null,
            trigger: spec.trigger === undefined ? null : JSON.stringify(spec.trigger),
            enqueuedAt: spec.enqueuedAt ?? null,
          }) as JobRow;
          return { job: fromRow(row), created: true };
        })
        .immediate(),
    );
  }

  async claim(workerId: string, options: ClaimOptions): Promise<QueueJob | undefined> {
    const limits = checkClaim(workerId, options);
    const params = { worker: workerId, now: options.now, leaseMs: options.leaseMs, ...limits };
    // One UPDATE is atomic already; IMMEDIATE takes the write lock first, so a busy file waits
    // (busy timeout) instead of failing on a stale read snapshot.
    const claim = this.#db.transaction(() => this.#sql.claim.get(params) as JobRow | undefined);
    const row = this.#run(() => claim.immediate());
    return row && fromRow(row);
  }

  async heartbeat(jobId: string, workerId: string, now: number, leaseMs: number): Promise<boolean> {
    checkLease(now, leaseMs);
    const params = { id: jobId, worker: workerId, leaseUntil: now + leaseMs };
    return this.#run(() => this.#sql.heartbeat.run(params).changes === 1);
  }

  async complete(jobId: string, workerId: string, outcome: JobOutcome): Promise<boolean> {
    const params = {
      id: jobId,
      worker: workerId,
      status: outcome.status,
      outcome: JSON.stringify(outcome),
      now: this.#now(),
    };
    return this.#run(() => this.#sql.complete.run(params).changes === 1);
  }

  async release(jobId: string, workerId: string, to: "waiting" | "queued"): Promise<boolean> {
    const params = { id: jobId, worker: workerId, status: to };
    return this.#run(() => this.#sql.release.run(params).changes === 1);
  }

  async requeue(jobId: string): Promise<boolean> {
    return this.#run(() => this.#sql.requeue.run(jobId).changes === 1);
  }

  async reopen(jobId: string): Promise<boolean> {
    return this.#run(() => this.#sql.reopen.run(jobId).changes === 1);
  }

  async cancel(jobId: string): Promise<boolean> {
    const params = { id: jobId, now: this.#now() };
    return this.#run(() => this.#sql.cancel.run(params).changes === 1);
  }

  async expired(now: number): Promise<QueueJob[]> {
    return this.#run(() => (this.#sql.expired.all(now) as JobRow[]).map(fromRow));
  }

  async get(jobId: string): Promise<QueueJob | undefined> {
    const row = this.#run(() => this.#sql.byId.get(jobId) as JobRow | undefined);
    return row && fromRow(row);
  }

  async list(filter: JobFilter = {}): Promise<QueueJob[]> {
    const { sql, params } = listQuery(filter, checkFilter(filter));
    return this.#run(() => {
      let statement = this.#lists.get(sql);
      if (!statement) this.#lists.set(sql, (statement = this.#db.prepare(sql)));
      return (statement.all(...params) as JobRow[]).map(fromRow);
    });
  }

  async count(filter: JobFilter = {}): Promise<number> {
    const { sql, params } = countQuery(filter, checkFilter(filter));
    return this.#run(() => {
      let statement = this.#lists.get(sql);
      if (!statement) this.#lists.set(sql, (statement = this.#db.prepare(sql)));
      return (statement.get(...params) as { n: number }).n;
    });
  }

  async prune(options: PruneOptions): Promise<number> {
    checkPrune(options);
    return this.#run(() => this.#sql.prune.run(options.finishedBefore).changes);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  #run<T>(action: () => T): T {
    try {
      return action();
    } catch (error) {
      throw storage(error, this.#file);
    }
  }
}
