// The embedded SQLite RunStore (WAL, busy timeout, migrations) and where its file lives by default.
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import type { RunLog, RunLogError, RuntimeEvent } from "@skillflow/workflow";
import { migrate } from "./_migrations.js";
import {
  ageCutoff,
  checkFilter,
  checkRetention,
  currentWriter,
  foldEvent,
  fromJson,
  resolveOptions,
  shapeStep,
  shapeValues,
  statusOfLog,
  toJson,
  type ResolvedOptions,
} from "./_record.js";
import {
  RunStoreError,
  type Retention,
  type RunFilter,
  type RunRecorder,
  type RunRow,
  type RunStart,
  type RunStore,
  type RunStoreOptions,
  type StoredRun,
  type StoredRunStatus,
  type StoredStep,
  type Verbosity,
} from "./store.js";

/** Options of `openSqliteRunStore`. */
export interface SqliteRunStoreOptions extends RunStoreOptions {
  /** Database file; its folder is created. `:memory:` gives a private in-memory database. */
  path: string;
  /** How long a writer waits for a lock held by another process, in ms; defaults to 5000. */
  busyTimeoutMs?: number;
}

interface RunDbRow {
  id: string;
  workflow: string;
  source: string | null;
  status: StoredRunStatus;
  started_at: string;
  completed_at: string | null;
  duration_ms: number | null;
  total_steps: number | null;
  steps_executed: number;
  steps_skipped: number;
  inputs: string | null;
  outputs: string | null;
  error: string | null;
  verbosity: Verbosity;
}

const ROW_COLUMNS =
  "id, workflow, source, status, started_at, completed_at, duration_ms, total_steps, steps_executed, steps_skipped, error";

function toRow(r: Omit<RunDbRow, "inputs" | "outputs" | "verbosity">): RunRow {
  const row: RunRow = {
    id: r.id,
    workflow: r.workflow,
    status: r.status,
    startedAt: r.started_at,
    stepsExecuted: r.steps_executed,
    stepsSkipped: r.steps_skipped,
  };
  if (r.source !== null) row.source = r.source;
  if (r.completed_at !== null) row.completedAt = r.completed_at;
  if (r.duration_ms !== null) row.durationMs = r.duration_ms;
  if (r.total_steps !== null) row.totalSteps = r.total_steps;
  const error = fromJson<RunLogError>(r.error);
  if (error !== undefined) row.error = error;
  return row;
}

/**
 * The history file when none is given: `$SKILLFLOW_HOME/history.db` when set, else
 * `<project>/.skillflow/history.db`, where the project is the nearest folder (from `cwd` up) holding
 * `.skillflow`, `package.json` or `.git`, or `cwd` itself. The folder is created.
 */
export function defaultHistoryPath(context: {
  cwd: string;
  env: Record<string, string | undefined>;
}): string {
  const home = context.env["SKILLFLOW_HOME"];
  let folder: string;
  if (home !== undefined && home !== "") folder = resolve(context.cwd, home);
  else {
    const start = resolve(context.cwd);
    let project = start;
    outer: for (const marker of [".skillflow", "package.json", ".git"])
      for (let dir = start; ; dir = dirname(dir)) {
        if (existsSync(join(dir, marker))) {
          project = dir;
          break outer;
        }
        if (dirname(dir) === dir) break;
      }
    folder = join(project, ".skillflow");
  }
  mkdirSync(folder, { recursive: true });
  return join(folder, "history.db");
}

/** Opens (creating or migrating) a SQLite history; concurrent processes may share one file. */
export function openSqliteRunStore(options: SqliteRunStoreOptions): RunStore {
  const resolved = resolveOptions(options);
  if (options.path !== ":memory:") mkdirSync(dirname(resolve(options.path)), { recursive: true });
  const db = new Database(options.path);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    db.pragma("journal_mode = WAL");
    // NORMAL is safe in WAL mode: a power loss may drop the last commits, never corrupt the file.
    db.pragma("synchronous = NORMAL");
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteRunStore(db, resolved);
}

class SqliteRunStore implements RunStore {
  readonly #db: Database.Database;
  readonly #options: ResolvedOptions;
  readonly #sql;
  /** Event writes not yet on disk; flushed together, once per macrotask (and before anything reads). */
  #pending: (() => void)[] = [];
  #flushScheduled = false;
  readonly #flushOnExit = (): void => this.#flush();

  constructor(db: Database.Database, options: ResolvedOptions) {
    this.#db = db;
    this.#options = options;
    this.#sql = {
      insertRun: db.prepare(
        `INSERT INTO runs (id, workflow, source, status, started_at, inputs, verbosity, writer_pid, writer_host)
         VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?)`,
      ),
      totalSteps: db.prepare("UPDATE runs SET total_steps = ? WHERE id = ?"),
      count: db.prepare(
        "UPDATE runs SET steps_executed = steps_executed + ?, steps_skipped = steps_skipped + ? WHERE id = ?",
      ),
      upsertStep: db.prepare(
        `INSERT INTO steps (run_id, seq, step_id, record) VALUES (?, ?, ?, ?)
         ON CONFLICT (run_id, step_id) DO UPDATE SET record = excluded.record`,
      ),
      finishRun: db.prepare(
        `UPDATE runs SET status = ?, completed_at = ?, duration_ms = ?, steps_executed = ?,
         steps_skipped = ?, outputs = ?, error = ? WHERE id = ?`,
      ),
      deleteSteps: db.prepare("DELETE FROM steps WHERE run_id = ?"),
      deleteRun: db.prepare("DELETE FROM runs WHERE id = ?"),
      running: db.prepare(
        "SELECT id, writer_pid, writer_host FROM runs WHERE status = 'running' AND writer_pid IS NOT NULL",
      ),
      interrupt: db.prepare(
        "UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'",
      ),
      getRun: db.prepare(
        `SELECT ${ROW_COLUMNS}, inputs, outputs, verbosity FROM runs WHERE id = ?`,
      ),
      getSteps: db.prepare("SELECT record FROM steps WHERE run_id = ? ORDER BY seq"),
      finishedByAge: db.prepare("SELECT id FROM runs WHERE status != 'running' AND started_at < ?"),
      finishedBeyond: db.prepare(
        "SELECT id FROM runs WHERE status != 'running' ORDER BY started_at DESC, rowid DESC LIMIT -1 OFFSET ?",
      ),
    };
    this.#markInterrupted();
    // better-sqlite3 is synchronous, so even a process that calls exit() writes its last events.
    process.on("exit", this.#flushOnExit);
  }

  /** Writes every queued event in one transaction. */
  #flush(): void {
    this.#flushScheduled = false;
    if (this.#pending.length === 0 || !this.#db.open) return;
    const writes = this.#pending;
    this.#pending = [];
    this.#db
      .transaction(() => {
        for (const write of writes) write();
      })
      .immediate();
  }

  /**
   * Queues an event write. Events of one macrotask share a transaction (a 200-step run of fast
   * steps makes a few transactions instead of 400); a run is still on disk step by step.
   */
  #queue(write: () => void): void {
    this.#pending.push(write);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => this.#flush());
  }

  begin(start: RunStart): RunRecorder {
    const writer = currentWriter();
    const inputs = shapeValues(start.inputs, this.#options);
    try {
      this.#sql.insertRun.run(
        start.id,
        start.workflow,
        start.source ?? null,
        start.startedAt,
        inputs === undefined ? null : toJson(inputs),
        this.#options.verbosity,
        writer.pid,
        writer.hostname,
      );
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_PRIMARYKEY")
        throw new RunStoreError("STORE_DUPLICATE_RUN", `Run ${start.id} is already recorded`, {
          cause: error,
        });
      throw error;
    }
    const steps = new Map<string, StoredStep>();
    return {
      event: (e) => this.#event(start.id, steps, e),
      finish: (log) => this.#finish(start.id, log, steps),
    };
  }

  #event(runId: string, steps: Map<string, StoredStep>, e: RuntimeEvent): void {
    if (e.type === "workflow_start") {
      this.#sql.totalSteps.run(e.totalSteps, runId);
      return;
    }
    const before = steps.size;
    const step = foldEvent(steps, e, this.#options.now);
    if (!step) return;
    const executed = e.type === "step_complete" ? 1 : 0;
    const skipped = e.type === "step_skip" ? 1 : 0;
    // The step and the run's counters are written in the same transaction, so they never disagree.
    const seq = steps.size > before ? steps.size : 0;
    const record = toJson(step);
    this.#queue(() => {
      this.#sql.upsertStep.run(runId, seq, step.id, record);
      if (executed + skipped > 0) this.#sql.count.run(executed, skipped, runId);
    });
  }

  #finish(runId: string, log: RunLog, partial: Map<string, StoredStep>): void {
    this.#flush();
    const outputs = shapeValues(log.outputs, this.#options);
    this.#db
      .transaction(() => {
        this.#sql.finishRun.run(
          statusOfLog(log),
          log.completed_at,
          log.duration_ms,
          log.summary.steps_executed,
          log.summary.steps_skipped,
          outputs === undefined ? null : toJson(outputs),
          log.error === undefined ? null : toJson(log.error),
          runId,
        );
        this.#sql.deleteSteps.run(runId);
        log.steps.forEach((step, index) =>
          this.#sql.upsertStep.run(
            runId,
            index + 1,
            step.id,
            toJson(shapeStep(step, this.#options, partial.get(step.id))),
          ),
        );
      })
      .immediate();
    if (this.#options.retention) this.prune(this.#options.retention);
  }

  #markInterrupted(): void {
    const running = this.#sql.running.all() as {
      id: string;
      writer_pid: number;
      writer_host: string;
    }[];
    for (const r of running)
      if (!this.#options.isWriterAlive({ pid: r.writer_pid, hostname: r.writer_host }))
        this.#sql.interrupt.run(r.id);
  }

  get(id: string): StoredRun | undefined {
    this.#flush();
    this.#markInterrupted();
    const r = this.#sql.getRun.get(id) as RunDbRow | undefined;
    if (!r) return undefined;
    const steps = (this.#sql.getSteps.all(id) as { record: string }[]).map(
      (s) => JSON.parse(s.record) as StoredStep,
    );
    const run: StoredRun = { ...toRow(r), verbosity: r.verbosity, steps };
    const inputs = fromJson<Record<string, unknown>>(r.inputs);
    if (inputs !== undefined) run.inputs = inputs;
    const outputs = fromJson<Record<string, unknown>>(r.outputs);
    if (outputs !== undefined) run.outputs = outputs;
    return run;
  }

  list(filter: RunFilter = {}): RunRow[] {
    this.#flush();
    checkFilter(filter);
    this.#markInterrupted();
    const where: string[] = [];
    const params: (string | number)[] = [];
    const bounds: [string, string | undefined][] = [
      ["workflow = ?", filter.workflow],
      ["status = ?", filter.status],
      ["started_at >= ?", filter.since],
      ["started_at <= ?", filter.until],
    ];
    for (const [clause, value] of bounds)
      if (value !== undefined) {
        where.push(clause);
        params.push(value);
      }
    params.push(filter.limit ?? -1, filter.offset ?? 0);
    const sql = `SELECT ${ROW_COLUMNS} FROM runs ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY started_at DESC, rowid DESC LIMIT ? OFFSET ?`;
    return (this.#db.prepare(sql).all(...params) as RunDbRow[]).map(toRow);
  }

  remove(ids: readonly string[]): number {
    this.#flush();
    return this.#db
      .transaction(() => {
        let removed = 0;
        for (const id of new Set(ids)) {
          this.#sql.deleteSteps.run(id);
          removed += this.#sql.deleteRun.run(id).changes;
        }
        return removed;
      })
      .immediate();
  }

  prune(retention: Retention): number {
    this.#flush();
    checkRetention(retention);
    return this.#db
      .transaction(() => {
        const doomed = new Set<string>();
        if (retention.maxAgeDays !== undefined)
          for (const r of this.#sql.finishedByAge.all(ageCutoff(retention.maxAgeDays)) as {
            id: string;
          }[])
            doomed.add(r.id);
        if (retention.maxRuns !== undefined)
          for (const r of this.#sql.finishedBeyond.all(retention.maxRuns) as { id: string }[])
            doomed.add(r.id);
        return this.remove([...doomed]);
      })
      .immediate();
  }

  close(): void {
    this.#flush();
    process.off("exit", this.#flushOnExit);
    if (this.#db.open) this.#db.close();
  }
}
