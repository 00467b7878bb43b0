// The SQLite state store's tables (prefixed `service_`, beside the queue's) and the statements it runs.
import type Database from "better-sqlite3";

/** Creates the state tables (idempotent); they may share a file with the queue and the history. */
export const STATE_SCHEMA = `
CREATE TABLE IF NOT EXISTS service_paused (
  schedule TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS service_last_fire (
  schedule TEXT PRIMARY KEY,
  fire_time REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS service_decisions (
  run_id TEXT NOT NULL,
  key TEXT NOT NULL,
  decision TEXT NOT NULL,
  PRIMARY KEY (run_id, key)
);
CREATE TABLE IF NOT EXISTS service_decision_records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS service_decision_records_run ON service_decision_records (run_id, seq);
CREATE TABLE IF NOT EXISTS service_notifications (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id TEXT NOT NULL,
  at_ms REAL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS service_notifications_run ON service_notifications (run_id, at_ms, seq);
CREATE TABLE IF NOT EXISTS service_deliveries (
  id TEXT PRIMARY KEY,
  expires_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS service_deliveries_expiry ON service_deliveries (expires_at);
`;

/** The prepared statements of the state store, by name. */
export type StateStatements = Record<
  | "paused"
  | "pause"
  | "unpause"
  | "lastFire"
  | "setLastFire"
  | "addDecision"
  | "decisions"
  | "clearDecisions"
  | "addDecisionRecord"
  | "decisionRecords"
  | "addNotification"
  | "notifications"
  | "rememberDelivery"
  | "forgetExpired",
  Database.Statement
>;

/** Prepares every statement once. */
export function prepareState(db: Database.Database): StateStatements {
  return {
    paused: db.prepare(`SELECT schedule FROM service_paused ORDER BY rowid`),
    pause: db.prepare(`INSERT OR IGNORE INTO service_paused (schedule) VALUES (?)`),
    unpause: db.prepare(`DELETE FROM service_paused WHERE schedule = ?`),
    lastFire: db.prepare(`SELECT fire_time FROM service_last_fire WHERE schedule = ?`),
    setLastFire: db.prepare(
      `INSERT INTO service_last_fire (schedule, fire_time) VALUES (@schedule, @fireTime)
       ON CONFLICT (schedule) DO UPDATE SET fire_time = excluded.fire_time`,
    ),
    // An upsert keeps the row (and its rowid): a key keeps the place it was first decided at.
    addDecision: db.prepare(
      `INSERT INTO service_decisions (run_id, key, decision) VALUES (@runId, @key, @decision)
       ON CONFLICT (run_id, key) DO UPDATE SET decision = excluded.decision`,
    ),
    decisions: db.prepare(
      `SELECT key, decision FROM service_decisions WHERE run_id = ? ORDER BY rowid`,
    ),
    clearDecisions: db.prepare(`DELETE FROM service_decisions WHERE run_id = ?`),
    addDecisionRecord: db.prepare(
      `INSERT INTO service_decision_records (run_id, record) VALUES (@runId, @record)`,
    ),
    decisionRecords: db.prepare(
      `SELECT record FROM service_decision_records WHERE run_id = ? ORDER BY seq`,
    ),
    addNotification: db.prepare(
      `INSERT INTO service_notifications (run_id, at_ms, record) VALUES (@runId, @atMs, @record)`,
    ),
    // Records whose time is not a date sort last, in the order they were added.
    notifications: db.prepare(
      `SELECT record FROM service_notifications WHERE run_id = ?
       ORDER BY at_ms IS NULL, at_ms, seq`,
    ),
    // One statement, so atomic across processes: a row is written (changes = 1) when the id is new
    // or its memory expired, and left alone (changes = 0) when it is remembered: a replay.
    rememberDelivery: db.prepare(
      `INSERT INTO service_deliveries (id, expires_at) VALUES (@id, @expiresAt)
       ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at
       WHERE service_deliveries.expires_at <= @now`,
    ),
    // Bounded work per call (by the expiry index); each call adds at most one row, so this keeps up.
    forgetExpired: db.prepare(
      `DELETE FROM service_deliveries WHERE id IN (
         SELECT id FROM service_deliveries WHERE expires_at <= @now ORDER BY expires_at LIMIT 16
       )`,
    ),
  };
}
