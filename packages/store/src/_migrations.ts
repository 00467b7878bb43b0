// Schema migrations of the SQLite history: each version's SQL, applied in order inside one transaction.
import type Database from "better-sqlite3";
import { RunStoreError } from "./store.js";

/** One schema step: `sql` takes the database from `version - 1` to `version`. */
export interface Migration {
  version: number;
  sql: string;
}

/**
 * Every schema version, oldest first. Never edit a released entry: add a new one. A database created
 * by an older release has a lower `schema_version` and is brought up to date on open.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    // v1: runs and their steps, written when a run finished.
    version: 1,
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        workflow TEXT NOT NULL,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL,
        completed_at TEXT,
        duration_ms INTEGER,
        steps_executed INTEGER NOT NULL DEFAULT 0,
        steps_skipped INTEGER NOT NULL DEFAULT 0,
        inputs TEXT,
        outputs TEXT,
        error TEXT
      );
      CREATE TABLE steps (
        run_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        step_id TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (run_id, step_id)
      );
    `,
  },
  {
    // v2: live recording (writer process, for interrupted runs), source, verbosity, list indexes.
    // Rows from v1 were complete when written; they are recorded at the then-only verbosity.
    version: 2,
    sql: `
      ALTER TABLE runs ADD COLUMN source TEXT;
      ALTER TABLE runs ADD COLUMN total_steps INTEGER;
      ALTER TABLE runs ADD COLUMN verbosity TEXT NOT NULL DEFAULT 'debug';
      ALTER TABLE runs ADD COLUMN writer_pid INTEGER;
      ALTER TABLE runs ADD COLUMN writer_host TEXT;
      CREATE INDEX runs_by_start ON runs (started_at DESC);
      CREATE INDEX runs_by_workflow ON runs (workflow, started_at DESC);
      CREATE INDEX runs_running ON runs (status) WHERE status = 'running';
    `,
  },
  {
    // v3 (§13): the pending approvals of a waiting run, and the latest checkpoint of each run (full
    // values; its records one row each, the rest one row per run, overwritten). Older rows have
    // neither; their runs never suspended.
    version: 3,
    sql: `
      ALTER TABLE runs ADD COLUMN pending TEXT;
      CREATE TABLE checkpoints (
        run_id TEXT PRIMARY KEY,
        checkpoint TEXT NOT NULL,
        records INTEGER NOT NULL DEFAULT 0
      );
      -- The records of a checkpoint, one row each: saving the next checkpoint writes only the
      -- records that changed (a run adds one per step), not the whole run again.
      CREATE TABLE checkpoint_records (
        run_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (run_id, idx)
      ) WITHOUT ROWID;
    `,
  },
];

/** The schema version this release writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Current `schema_version` of a database (0 when it has none). */
export function schemaVersion(db: Database.Database): number {
  const table = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (!table) return 0;
  const row = db.prepare("SELECT version FROM schema_version").get() as
    { version: number } | undefined;
  return row?.version ?? 0;
}

/**
 * Brings the database to `target` (default: the latest). Runs under an IMMEDIATE transaction so that
 * concurrent openers migrate once; an up-to-date database is only read, and one newer than this
 * release is refused, not touched.
 */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): void {
  // Up to date (the usual case): no write lock, so a writer holding the file does not block opening.
  if (schemaVersion(db) === target) return;
  db.transaction(() => {
    const current = schemaVersion(db);
    if (current > SCHEMA_VERSION)
      throw new RunStoreError(
        "STORE_NEWER_SCHEMA",
        `History database has schema version ${current}; this release reads up to ${SCHEMA_VERSION}`,
      );
    if (current >= target) return;
    if (current === 0) db.exec("CREATE TABLE schema_version (version INTEGER NOT NULL)");
    for (const migration of MIGRATIONS)
      if (migration.version > current && migration.version <= target) db.exec(migration.sql);
    db.prepare("DELETE FROM schema_version").run();
    db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(target);
  }).immediate();
}
