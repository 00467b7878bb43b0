// The SQLite store's prepared statements, one place for its SQL.
import type Database from "better-sqlite3";
import { ROW_COLUMNS } from "./_rows.js";

/** The SQL of every statement the SQLite store runs (the `list` query is built per filter). */
const SQL = {
  insertRun: `INSERT INTO runs (id, workflow, source, status, started_at, inputs, verbosity, writer_pid, writer_host)
       VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?)`,
  totalSteps: "UPDATE runs SET total_steps = ? WHERE id = ?",
  count:
    "UPDATE runs SET steps_executed = steps_executed + ?, steps_skipped = steps_skipped + ? WHERE id = ?",
  upsertStep: `INSERT INTO steps (run_id, seq, step_id, record) VALUES (?, ?, ?, ?)
       ON CONFLICT (run_id, step_id) DO UPDATE SET record = excluded.record`,
  finishRun: `UPDATE runs SET status = ?, completed_at = ?, duration_ms = ?, steps_executed = ?,
       steps_skipped = ?, outputs = ?, error = ?, pending = ? WHERE id = ?`,
  // Only a waiting or interrupted run: of two processes resuming one run, the second changes nothing.
  resumeRun: `UPDATE runs SET status = 'running', completed_at = NULL, duration_ms = NULL, outputs = NULL,
       error = NULL, pending = NULL, writer_pid = ?, writer_host = ?
       WHERE id = ? AND status IN ('waiting', 'interrupted')`,
  runStatus: "SELECT status FROM runs WHERE id = ?",
  saveCheckpoint: `INSERT INTO checkpoints (run_id, checkpoint, records) VALUES (?, ?, ?)
       ON CONFLICT (run_id) DO UPDATE SET checkpoint = excluded.checkpoint, records = excluded.records`,
  saveCheckpointRecord: `INSERT INTO checkpoint_records (run_id, idx, record) VALUES (?, ?, ?)
       ON CONFLICT (run_id, idx) DO UPDATE SET record = excluded.record`,
  trimCheckpointRecords: "DELETE FROM checkpoint_records WHERE run_id = ? AND idx >= ?",
  getCheckpoint: "SELECT checkpoint, records FROM checkpoints WHERE run_id = ?",
  getCheckpointRecords:
    "SELECT record FROM checkpoint_records WHERE run_id = ? AND idx < ? ORDER BY idx",
  deleteCheckpoint: "DELETE FROM checkpoints WHERE run_id = ?",
  deleteCheckpointRecords: "DELETE FROM checkpoint_records WHERE run_id = ?",
  deleteSteps: "DELETE FROM steps WHERE run_id = ?",
  deleteRun: "DELETE FROM runs WHERE id = ?",
  running:
    "SELECT id, writer_pid, writer_host FROM runs WHERE status = 'running' AND writer_pid IS NOT NULL",
  interrupt: "UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'",
  getRun: `SELECT ${ROW_COLUMNS}, inputs, outputs, verbosity FROM runs WHERE id = ?`,
  getSteps: "SELECT record FROM steps WHERE run_id = ? ORDER BY seq",
  finishedByAge:
    "SELECT id FROM runs WHERE status NOT IN ('running', 'waiting') AND started_at < ?",
  finishedBeyond:
    "SELECT id FROM runs WHERE status NOT IN ('running', 'waiting') ORDER BY started_at DESC, rowid DESC LIMIT -1 OFFSET ?",
};

/** The SQLite store's prepared statements, by name. */
export type Statements = { [K in keyof typeof SQL]: Database.Statement };

/** Prepares every statement of `SQL` on `db`. */
export function prepareStatements(db: Database.Database): Statements {
  const statements: Partial<Record<keyof typeof SQL, Database.Statement>> = {};
  for (const name of Object.keys(SQL) as (keyof typeof SQL)[])
    statements[name] = db.prepare(SQL[name]);
  return statements as Statements;
}
