// MemoryRunStore: a RunStore kept in process memory, for tests and short-lived embedders.
import type { Checkpoint, RunLog, RuntimeEvent } from "@skillflow/workflow";
import { checkpointJson, dropsCheckpoint } from "./_checkpoint.js";
import {
  ageCutoff,
  checkFilter,
  checkRetention,
  currentWriter,
  executedCount,
  foldEvent,
  isOwnEvent,
  noteChildStart,
  type ChildStarts,
  skippedCount,
  statusBefore,
  resolveOptions,
  shapeStep,
  shapeValues,
  statusOfLog,
  matchesFilter,
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

interface Entry {
  seq: number;
  run: StoredRun;
  steps: Map<string, StoredStep>;
  /** When the steps of sub-workflow runs started (recorded inside the parent's step at finish). */
  childStarts: ChildStarts;
  writer: RunWriter;
  /** The latest checkpoint, as the JSON text a durable store would hold. */
  checkpoint?: string;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function rowOf(run: StoredRun): RunRow {
  const { verbosity: _v, inputs: _i, outputs: _o, steps: _s, ...row } = run;
  return clone(row);
}

/** A `RunStore` held in memory; passes the same contract suite as the SQLite store. */
export class MemoryRunStore implements RunStore {
  readonly #options: ResolvedOptions;
  readonly #entries = new Map<string, Entry>();
  #seq = 0;

  /** Creates an empty store; options are checked up front. */
  constructor(options: RunStoreOptions = {}) {
    this.#options = resolveOptions(options);
  }

  /** See `RunStore.begin`. */
  begin(start: RunStart): RunRecorder {
    if (this.#entries.has(start.id))
      throw new RunStoreError("STORE_DUPLICATE_RUN", `Run ${start.id} is already recorded`);
    const run: StoredRun = {
      id: start.id,
      workflow: start.workflow,
      status: "running",
      startedAt: start.startedAt,
      stepsExecuted: 0,
      stepsSkipped: 0,
      verbosity: this.#options.verbosity,
      steps: [],
    };
    if (start.source !== undefined) run.source = start.source;
    const inputs = shapeValues(start.inputs, this.#options);
    if (inputs !== undefined) run.inputs = inputs;
    const entry: Entry = {
      seq: ++this.#seq,
      run,
      steps: new Map(),
      childStarts: new Map(),
      writer: currentWriter(),
    };
    this.#entries.set(start.id, entry);
    return this.#recorder(entry);
  }

  /** See `RunStore.resume`. */
  resume(id: string): RunRecorder {
    this.#markInterrupted();
    const entry = this.#entries.get(id);
    if (!entry) throw new RunStoreError("STORE_UNKNOWN_RUN", `Run ${id} is not in the history`);
    const run = entry.run;
    if (run.status !== "waiting" && run.status !== "interrupted")
      throw new RunStoreError(
        "STORE_NOT_RESUMABLE",
        `Run ${id} is ${run.status}; only a waiting or interrupted run can be resumed`,
      );
    run.status = "running";
    for (const field of ["completedAt", "durationMs", "error", "outputs", "pending"] as const)
      delete run[field];
    entry.writer = currentWriter();
    return this.#recorder(entry);
  }

  /** See `RunStore.interrupt`. */
  interrupt(id: string): boolean {
    const entry = this.#entries.get(id);
    if (entry?.run.status !== "running") return false;
    entry.run.status = "interrupted";
    return true;
  }

  #recorder(entry: Entry): RunRecorder {
    return {
      event: (e) => this.#event(entry, e),
      checkpoint: (cp) => {
        entry.checkpoint = checkpointJson(entry.run.id, cp);
      },
      finish: (log) => this.#finish(entry, log),
    };
  }

  /** See `RunStore.checkpoint`. */
  checkpoint(runId: string): Checkpoint | undefined {
    const text = this.#entries.get(runId)?.checkpoint;
    return text === undefined ? undefined : (JSON.parse(text) as Checkpoint);
  }

  #event(entry: Entry, e: RuntimeEvent): void {
    if (!isOwnEvent(entry.run.id, e)) {
      noteChildStart(entry.childStarts, e, this.#options.now);
      return;
    }
    if (e.type === "workflow_start") entry.run.totalSteps = e.totalSteps;
    const before = statusBefore(entry.steps, e);
    const step = foldEvent(entry.steps, e, this.#options.now);
    if (!step) return;
    entry.run.stepsExecuted += executedCount(step.status) - executedCount(before);
    entry.run.stepsSkipped += skippedCount(step.status) - skippedCount(before);
  }

  #finish(entry: Entry, log: RunLog): void {
    const run = entry.run;
    run.status = statusOfLog(log);
    if (log.pending !== undefined && run.status === "waiting") run.pending = clone(log.pending);
    if (dropsCheckpoint(run.status, this.#options)) delete entry.checkpoint;
    run.completedAt = log.completed_at;
    run.durationMs = log.duration_ms;
    run.stepsExecuted = log.summary.steps_executed;
    run.stepsSkipped = log.summary.steps_skipped;
    if (log.error) run.error = clone(log.error);
    const outputs = shapeValues(log.outputs, this.#options);
    if (outputs !== undefined) run.outputs = outputs;
    const partial = entry.steps;
    entry.steps = new Map(
      log.steps.map((s) => [
        s.id,
        shapeStep(s, this.#options, partial.get(s.id), entry.childStarts),
      ]),
    );
    if (this.#options.retention) this.prune(this.#options.retention);
  }

  #markInterrupted(): void {
    for (const entry of this.#entries.values())
      if (entry.run.status === "running" && !this.#options.isWriterAlive(entry.writer))
        entry.run.status = "interrupted";
  }

  /** See `RunStore.get`. */
  get(id: string): StoredRun | undefined {
    this.#markInterrupted();
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    return clone({ ...entry.run, steps: [...entry.steps.values()] });
  }

  #newestFirst(): Entry[] {
    return [...this.#entries.values()].sort((a, b) =>
      a.run.startedAt === b.run.startedAt
        ? b.seq - a.seq
        : a.run.startedAt < b.run.startedAt
          ? 1
          : -1,
    );
  }

  /** See `RunStore.list`. */
  list(filter: RunFilter = {}): RunRow[] {
    checkFilter(filter);
    this.#markInterrupted();
    const offset = filter.offset ?? 0;
    const rows = this.#newestFirst()
      .map((e) => e.run)
      .filter((run) => matchesFilter(run, filter))
      .slice(offset, filter.limit === undefined ? undefined : offset + filter.limit);
    return rows.map(rowOf);
  }

  /** See `RunStore.remove`. */
  remove(ids: readonly string[]): number {
    let removed = 0;
    for (const id of new Set(ids)) if (this.#entries.delete(id)) removed++;
    return removed;
  }

  /** See `RunStore.prune`. */
  prune(retention: Retention): number {
    checkRetention(retention);
    const finished = this.#newestFirst().filter(
      (e) => e.run.status !== "running" && e.run.status !== "waiting",
    );
    const doomed = new Set<string>();
    if (retention.maxAgeDays !== undefined) {
      const cutoff = ageCutoff(retention.maxAgeDays);
      for (const e of finished) if (e.run.startedAt < cutoff) doomed.add(e.run.id);
    }
    if (retention.maxRuns !== undefined)
      for (const e of finished.slice(retention.maxRuns)) doomed.add(e.run.id);
    return this.remove([...doomed]);
  }

  /** See `RunStore.close`; drops every run. */
  close(): void {
    this.#entries.clear();
  }
}
