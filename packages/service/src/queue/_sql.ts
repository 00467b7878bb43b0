// The SQLite queue's table, its row shape and the statements it runs (claim is one guarded UPDATE).
import type Database from "better-sqlite3";
import type { JobFilter, JobOutcome, JobStatus, QueueJob, RunTrigger } from "./queue.js";

/** Creates the queue table (idempotent); `seq` is the queue order. */
export const QUEUE_SCHEMA = `
CREATE TABLE IF NOT EXISTS queue_jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  workflow TEXT NOT NULL,
  inputs TEXT NOT NULL,
  schedule TEXT,
  fire_time TEXT,
  dedupe_key TEXT UNIQUE,
  run_trigger TEXT,
  enqueued_at TEXT,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  worker_id TEXT,
  lease_until INTEGER,
  outcome TEXT,
  finished_at INTEGER
);
CREATE INDEX IF NOT EXISTS queue_jobs_status ON queue_jobs (status, seq);
CREATE INDEX IF NOT EXISTS queue_jobs_schedule ON queue_jobs (schedule, seq);
CREATE INDEX IF NOT EXISTS queue_jobs_finished ON queue_jobs (finished_at);
`;

/** One row of `queue_jobs`. */
export interface JobRow {
  seq: number;
  id: string;
  workflow: string;
  inputs: string;
  schedule: string | null;
  fire_time: string | null;
  dedupe_key: string | null;
  run_trigger: string | null;
  enqueued_at: string | null;
  status: JobStatus;
  attempts: number;
  worker_id: string | null;
  lease_until: number | null;
  outcome: string | null;
  finished_at: number | null;
}

/** Turns a row into a job (absent columns become absent fields). */
export function fromRow(row: JobRow): QueueJob {
  const job: QueueJob = {
    id: row.id,
    workflow: row.workflow,
    inputs: JSON.parse(row.inputs) as Record<string, unknown>,
    status: row.status,
    attempts: row.attempts,
  };
  if (row.schedule !== null) job.schedule = row.schedule;
  if (row.fire_time !== null) job.fireTime = row.fire_time;
  if (row.dedupe_key !== null) job.dedupeKey = row.dedupe_key;
  if (row.enqueued_at !== null) job.enqueuedAt = row.enqueued_at;
  if (row.run_trigger !== null) job.trigger = JSON.parse(row.run_trigger) as RunTrigger;
  if (row.worker_id !== null) job.workerId = row.worker_id;
  if (row.lease_until !== null) job.leaseUntil = row.lease_until;
  if (row.outcome !== null) job.outcome = JSON.parse(row.outcome) as JobOutcome;
  return job;
}

// A lease is active while lease_until > @now; an expired one is claimable again, at its old place.
const CLAIM = `
UPDATE queue_jobs
SET status = 'leased', worker_id = @worker, lease_until = @now + @leaseMs, attempts = attempts + 1
WHERE seq = (
  SELECT q.seq FROM queue_jobs q
  WHERE (q.status = 'queued' OR (q.status = 'leased' AND q.lease_until <= @now))
    AND (SELECT COUNT(*) FROM queue_jobs a
         WHERE a.status = 'leased' AND a.lease_until > @now) < @global
    AND (SELECT COUNT(*) FROM queue_jobs a
         WHERE a.status = 'leased' AND a.lease_until > @now AND a.workflow = q.workflow) < @perWorkflow
  ORDER BY q.seq LIMIT 1
)
RETURNING *`;

const HELD = `id = @id AND status = 'leased' AND worker_id = @worker`;

/** The statements of the queue, by name. */
export type QueueStatements = Record<
  | "insert"
  | "byKey"
  | "byId"
  | "claim"
  | "heartbeat"
  | "complete"
  | "release"
  | "requeue"
  | "reopen"
  | "cancel"
  | "expired"
  | "prune",
  Database.Statement
>;

/** Prepares every statement of the queue. */
export function prepareQueue(db: Database.Database): QueueStatements {
  return {
    insert: db.prepare(
      `INSERT INTO queue_jobs (id, workflow, inputs, schedule, fire_time, dedupe_key, run_trigger,
         enqueued_at, status)
       VALUES (@id, @workflow, @inputs, @schedule, @fireTime, @dedupeKey, @trigger, @enqueuedAt,
         'queued')
       RETURNING *`,
    ),
    byKey: db.prepare(`SELECT * FROM queue_jobs WHERE dedupe_key = ?`),
    byId: db.prepare(`SELECT * FROM queue_jobs WHERE id = ?`),
    claim: db.prepare(CLAIM),
    heartbeat: db.prepare(`UPDATE queue_jobs SET lease_until = @leaseUntil WHERE ${HELD}`),
    complete: db.prepare(
      `UPDATE queue_jobs SET status = @status, outcome = @outcome, finished_at = @now
       WHERE ${HELD}`,
    ),
    release: db.prepare(`UPDATE queue_jobs SET status = @status WHERE ${HELD}`),
    requeue: db.prepare(
      `UPDATE queue_jobs SET status = 'queued' WHERE id = ? AND status = 'waiting'`,
    ),
    reopen: db.prepare(
      `UPDATE queue_jobs SET status = 'queued', outcome = NULL, finished_at = NULL
       WHERE id = ? AND status IN ('done', 'failed', 'cancelled')`,
    ),
    cancel: db.prepare(
      `UPDATE queue_jobs SET status = 'cancelled', finished_at = @now
       WHERE id = @id AND status IN ('queued', 'leased', 'waiting')`,
    ),
    expired: db.prepare(
      `SELECT * FROM queue_jobs WHERE status = 'leased' AND lease_until <= ? ORDER BY seq`,
    ),
    prune: db.prepare(
      `DELETE FROM queue_jobs
       WHERE finished_at < ? AND status IN ('done', 'failed', 'cancelled')`,
    ),
  };
}

/**
 * The SELECT of `list` for one filter, built from the fields it has (so each shape uses its
 * index), with its parameters; `statuses` are the checked ones of the filter.
 */
/** The WHERE clause of a filter (statuses already checked), with its parameters. */
function whereOf(
  filter: JobFilter,
  statuses: readonly JobStatus[] | undefined,
): { where: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (statuses !== undefined) {
    where.push(statuses.length === 0 ? "0" : `status IN (${statuses.map(() => "?").join(", ")})`);
    params.push(...statuses);
  }
  for (const [column, value] of [
    ["workflow", filter.workflow],
    ["schedule", filter.schedule],
  ] as const)
    if (value !== undefined) {
      where.push(`${column} = ?`);
      params.push(value);
    }
  return { where: where.length > 0 ? `WHERE ${where.join(" AND ")}` : "", params };
}

/** The SELECT of `list(filter)`. */
export function listQuery(
  filter: JobFilter,
  statuses: readonly JobStatus[] | undefined,
): { sql: string; params: (string | number)[] } {
  const { where, params } = whereOf(filter, statuses);
  params.push(filter.limit ?? -1);
  const sql = `SELECT * FROM queue_jobs ${where}
    ORDER BY seq ${filter.newestFirst === true ? "DESC" : "ASC"} LIMIT ?`;
  return { sql, params };
}

/** The COUNT of `count(filter)` (order and limit do not apply). */
export function countQuery(
  filter: JobFilter,
  statuses: readonly JobStatus[] | undefined,
): { sql: string; params: (string | number)[] } {
  const { where, params } = whereOf(filter, statuses);
  return { sql: `SELECT COUNT(*) AS n FROM queue_jobs ${where}`, params };
}
