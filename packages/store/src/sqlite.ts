// The embedded SQLite RunStore (WAL, busy timeout, migrations, coded failures of its file).
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import type { Checkpoint, RunLog, RuntimeEvent } from "@skillflow/workflow";
import { checkpointParts, dropsCheckpoint, type SavedRecords } from "./_checkpoint.js";
import { storeFailure, writeFailure, type FailureContext } from "./_failure.js";
import { ROW_COLUMNS, toRow, type RunDbRow } from "./_rows.js";
import { migrate } from "./_migrations.js";
import { prepareStatements, type Statements } from "./_statements.js";
import { WriteQueue } from "./_queue.js";
import {
  ageCutoff,
  checkFilter,
  checkRetention,
  currentWriter,
  executedCount,
  foldEvent,
  fromJson,
  isOwnEvent,
  noteChildStart,
  type ChildStarts,
  skippedCount,
  statusBefore,
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
  type RunWriter,
  type StoredRun,
  type StoredStep,
} from "./store.js";

/** Options of `openSqliteRunStore`. */
export interface SqliteRunStoreOptions extends RunStoreOptions {
  /** Database file; its folder is created. `:memory:` gives a private in-memory database. */
  path: string;
  /** How long a writer waits for a lock held by another process, in ms; defaults to 5000. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating or migrating) a SQLite history; concurrent processes may share one file. Every
 * failure of the file (here and in later calls) is a `RunStoreError` with a storage code.
 */
export function openSqliteRunStore(options: SqliteRunStoreOptions): RunStore {
  const resolved = resolveOptions(options);
  const context: FailureContext = {
    file: options.path === ":memory:" ? options.path : resolve(options.path),
    busyTimeoutMs: Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000)),
  };
  let db: Database.Database | undefined;
  try {
    if (options.path !== ":memory:") mkdirSync(dirname(context.file), { recursive: true });
    db = new Database(options.path);
    db.pragma(`busy_timeout = ${context.busyTimeoutMs}`);
    db.pragma("journal_mode = WAL");
    // NORMAL is safe in WAL mode: a power loss may drop the last commits, never corrupt the file.
    db.pragma("synchronous = NORMAL");
    migrate(db);
    return new SqliteRunStore(db, resolved, context, options.onError);
  } catch (error) {
    if (db?.open) db.close();
    throw storeFailure(error, context);
  }
}

class SqliteRunStore implements RunStore {
  readonly #db: Database.Database;
  readonly #options: ResolvedOptions;
  readonly #context: FailureContext;
  readonly #sql: Statements;
  /** Event writes not yet on disk; flushed together, once per macrotask (and before anything reads). A
   * failed batch is kept for its runs: their next `event()` throws it. */
  readonly #queue: WriteQueue;

  constructor(
    db: Database.Database,
    options: ResolvedOptions,
    context: FailureContext,
    onError: ((error: RunStoreError) => void) | undefined,
  ) {
    this.#db = db;
    this.#options = options;
    this.#context = context;
    this.#sql = prepareStatements(db);
    this.#markInterrupted();
    this.#queue = new WriteQueue({
      commit: (writes) => {
        if (!this.#db.open) return;
        this.#db
          .transaction(() => {
            for (const write of writes) write();
          })
          .immediate();
      },
      failure: (error) => writeFailure(error, context),
      onError,
    });
  }

  /** Runs `action`, turning a failure of the file into a coded `RunStoreError`. */
  #guard<T>(action: () => T): T {
    try {
      return action();
    } catch (error) {
      throw storeFailure(error, this.#context);
    }
  }

  begin(start: RunStart): RunRecorder {
    return this.#guard(() => this.#begin(start));
  }

  #begin(start: RunStart): RunRecorder {
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
    return this.#recorder(start.id, new Map());
  }

  #recorder(runId: string, steps: Map<string, StoredStep>): RunRecorder {
    // What this recorder's last checkpoint saved (undefined: unknown, so the next one writes all).
    const saved: { records: SavedRecords | undefined } = { records: undefined };
    const childStarts: ChildStarts = new Map();
    return {
      event: (e) => this.#guard(() => this.#event(runId, steps, e, childStarts)),
      checkpoint: (cp) => this.#guard(() => this.#checkpoint(runId, cp, saved)),
      finish: (log) => this.#guard(() => this.#finish(runId, log, steps, childStarts)),
    };
  }

  resume(id: string): RunRecorder {
    return this.#guard(() => this.#resume(id, currentWriter()));
  }

  #resume(id: string, writer: RunWriter): RunRecorder {
    this.#queue.flush();
    this.#markInterrupted();
    const changed = this.#sql.resumeRun.run(writer.pid, writer.hostname, id).changes;
    if (changed === 0) {
      const row = this.#sql.runStatus.get(id) as { status: string } | undefined;
      if (!row) throw new RunStoreError("STORE_UNKNOWN_RUN", `Run ${id} is not in the history`);
      throw new RunStoreError(
        "STORE_NOT_RESUMABLE",
        `Run ${id} is ${row.status}; only a waiting or interrupted run can be resumed`,
      );
    }
    // The steps so far, so that later events update them (and new steps follow them in order).
    const steps = new Map<string, StoredStep>();
    for (const { record } of this.#sql.getSteps.all(id) as { record: string }[]) {
      const step = JSON.parse(record) as StoredStep;
      steps.set(step.id, step);
    }
    return this.#recorder(id, steps);
  }

  #checkpoint(runId: string, cp: Checkpoint, saved: { records: SavedRecords | undefined }): void {
    const previous = saved.records;
    const parts = checkpointParts(runId, cp, previous);
    const count = parts.records.length;
    // Queued events go first, in the same transaction: the history never lags the checkpoint.
    this.#queue.commitWith(runId, () => {
      for (const i of parts.changed) this.#sql.saveCheckpointRecord.run(runId, i, parts.records[i]);
      if (previous === undefined || previous.texts.length > count)
        this.#sql.trimCheckpointRecords.run(runId, count);
      this.#sql.saveCheckpoint.run(runId, parts.head, count);
    });
    // Only once committed: a failed write leaves the next checkpoint to write everything again.
    saved.records = { objects: cp.records.slice(), texts: parts.records };
  }

  #deleteCheckpoint(runId: string): void {
    this.#sql.deleteCheckpoint.run(runId);
    this.#sql.deleteCheckpointRecords.run(runId);
  }

  checkpoint(runId: string): Checkpoint | undefined {
    return this.#guard(() => {
      this.#queue.flush();
      const row = this.#sql.getCheckpoint.get(runId) as
        { checkpoint: string; records: number } | undefined;
      if (row === undefined) return undefined;
      const checkpoint = JSON.parse(row.checkpoint) as Checkpoint;
      const records = this.#sql.getCheckpointRecords.all(runId, row.records) as {
        record: string;
      }[];
      checkpoint.records = records.map(
        (r) => JSON.parse(r.record) as Checkpoint["records"][number],
      );
      return checkpoint;
    });
  }

  #event(
    runId: string,
    steps: Map<string, StoredStep>,
    e: RuntimeEvent,
    childStarts: ChildStarts,
  ): void {
    const failure = this.#queue.takeFailure(runId);
    if (failure) throw failure;
    if (!isOwnEvent(runId, e)) {
      noteChildStart(childStarts, e, this.#options.now);
      return;
    }
    if (e.type === "workflow_start") {
      this.#sql.totalSteps.run(e.totalSteps, runId);
      return;
    }
    const before = steps.size;
    const was = statusBefore(steps, e);
    const step = foldEvent(steps, e, this.#options.now);
    if (!step) return;
    const executed = executedCount(step.status) - executedCount(was);
    const skipped = skippedCount(step.status) - skippedCount(was);
    // The step and the run's counters are written in the same transaction, so they never disagree.
    const seq = steps.size > before ? steps.size : 0;
    const record = toJson(step);
    this.#queue.push(runId, () => {
      this.#sql.upsertStep.run(runId, seq, step.id, record);
      if (executed !== 0 || skipped !== 0) this.#sql.count.run(executed, skipped, runId);
    });
  }

  #finish(
    runId: string,
    log: RunLog,
    partial: Map<string, StoredStep>,
    childStarts: ChildStarts,
  ): void {
    this.#queue.flush();
    const outputs = shapeValues(log.outputs, this.#options);
    const status = statusOfLog(log);
    const pending = status === "waiting" && log.pending !== undefined ? toJson(log.pending) : null;
    this.#db
      .transaction(() => {
        this.#sql.finishRun.run(
          status,
          log.completed_at,
          log.duration_ms,
          log.summary.steps_executed,
          log.summary.steps_skipped,
          outputs === undefined ? null : toJson(outputs),
          log.error === undefined ? null : toJson(log.error),
          pending,
          runId,
        );
        if (dropsCheckpoint(status, this.#options)) this.#deleteCheckpoint(runId);
        this.#sql.deleteSteps.run(runId);
        log.steps.forEach((step, index) =>
          this.#sql.upsertStep.run(
            runId,
            index + 1,
            step.id,
            toJson(shapeStep(step, this.#options, partial.get(step.id), childStarts)),
          ),
        );
      })
      .immediate();
    // The whole record was rewritten: whatever an earlier batch failed to write is there now.
    this.#queue.clear(runId);
    if (this.#options.retention) this.#prune(this.#options.retention);
  }

  interrupt(id: string): boolean {
    return this.#guard(() => {
      this.#queue.flush();
      return this.#sql.interrupt.run(id).changes === 1;
    });
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
    return this.#guard(() => this.#get(id));
  }

  #get(id: string): StoredRun | undefined {
    this.#queue.flush();
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
    checkFilter(filter);
    return this.#guard(() => this.#list(filter));
  }

  #list(filter: RunFilter): RunRow[] {
    this.#queue.flush();
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
    return this.#guard(() => this.#remove(ids));
  }

  #remove(ids: readonly string[]): number {
    this.#queue.flush();
    return this.#db
      .transaction(() => {
        let removed = 0;
        for (const id of new Set(ids)) {
          this.#sql.deleteSteps.run(id);
          this.#deleteCheckpoint(id);
          removed += this.#sql.deleteRun.run(id).changes;
        }
        return removed;
      })
      .immediate();
  }

  prune(retention: Retention): number {
    checkRetention(retention);
    return this.#guard(() => this.#prune(retention));
  }

  #prune(retention: Retention): number {
    this.#queue.flush();
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
        return this.#remove([...doomed]);
      })
      .immediate();
  }

  close(): void {
    this.#queue.dispose();
    if (this.#db.open) this.#guard(() => this.#db.close());
  }
}
