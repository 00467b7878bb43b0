// Durable-run scenarios of `npm run bench` (invoked by bench/run.ts): SQLite checkpoints after every
// step of a 200-step run, and resuming that run from its last checkpoint, each against a plain run.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteRunStore, type RunStore } from "@skillflow/store";
import { MockToolAdapter, runWorkflowSkill, type Checkpoint } from "@skillflow/workflow";
import type { Measure, Measured } from "./cli.js";
import { noopAdapter, sequentialByRuntime, sequentialDocument } from "./scenarios.js";

/** A row: `runtimeMs` is the durable side, `baselineMs` the same workflow run plainly. */
export interface DurableRow {
  scenario: string;
  runtimeMs: number;
  baselineMs: number;
  ratio: number;
  /** Upper bound of the ratio, or undefined when only tracked. */
  target?: number;
  spread?: Measured[2];
}

const STEPS = 200;

/** A `noop` tool (the name the sequential document calls) that awaits a real `ms` timer. */
function timerAdapter(ms: number): MockToolAdapter {
  const adapter = new MockToolAdapter();
  adapter.register(
    "noop",
    (args) => new Promise((resolve) => setTimeout(() => resolve({ output: args["x"] }), ms)),
  );
  return adapter;
}

/** One run with `onCheckpoint` → `recorder.checkpoint`, between `begin` and `finish`. */
async function checkpointed(store: RunStore, doc: string, adapter: MockToolAdapter): Promise<void> {
  const runId = randomUUID();
  const recorder = store.begin({
    id: runId,
    workflow: "sequential-200",
    inputs: {},
    startedAt: new Date().toISOString(),
  });
  const log = await runWorkflowSkill({
    content: doc,
    toolAdapter: adapter,
    runId,
    onCheckpoint: (cp) => recorder.checkpoint(cp),
  });
  recorder.finish(log);
  if (log.status !== "success") throw new Error(`checkpointed run failed: ${log.error?.message}`);
}

/**
 * A run that stops recording after the checkpoint taken just before the last step (199 records,
 * position at `s199`), as if its process died there: saved in `store` under the returned run id, and
 * also returned as the runtime gave it.
 */
async function interrupted(
  store: RunStore,
  doc: string,
  adapter: MockToolAdapter,
): Promise<{ runId: string; checkpoint: Checkpoint }> {
  const runId = randomUUID();
  const recorder = store.begin({
    id: runId,
    workflow: "sequential-200",
    inputs: {},
    startedAt: new Date().toISOString(),
  });
  let checkpoint: Checkpoint | undefined;
  await runWorkflowSkill({
    content: doc,
    toolAdapter: adapter,
    runId,
    onCheckpoint: (cp) => {
      if (cp.records.length !== STEPS - 1 || cp.position?.path[0] !== `s${STEPS - 1}`) return;
      checkpoint = cp;
      recorder.checkpoint(cp);
    },
  });
  if (checkpoint === undefined) throw new Error("no checkpoint before the last step");
  return { runId, checkpoint };
}

/** Resumes from `checkpoint` (the runtime leaves it unchanged, so every run can reuse it). */
async function resumed(
  doc: string,
  adapter: MockToolAdapter,
  checkpoint: Checkpoint,
): Promise<void> {
  const log = await runWorkflowSkill({ content: doc, toolAdapter: adapter, resume: checkpoint });
  if (log.status !== "success" || log.steps.length !== STEPS) {
    throw new Error(`resumed run failed: ${log.error?.message ?? log.steps.length}`);
  }
}

/** Rows 11a/11b (checkpoints, no-op and 1 ms tools) and 12a/12b (resume), each against a plain run. */
export async function benchDurable(measure: Measure, quick: boolean): Promise<DurableRow[]> {
  const doc = sequentialDocument(STEPS);
  const noop = noopAdapter();
  const timer = timerAdapter(1);
  const folder = mkdtempSync(join(tmpdir(), "skillflow-bench-"));
  const store = openSqliteRunStore({ path: join(folder, "history.db") });
  const rows: DurableRow[] = [];
  const add = (scenario: string, [runtimeMs, baselineMs, spread]: Measured, target?: number) =>
    rows.push({
      scenario,
      runtimeMs,
      baselineMs,
      ratio: runtimeMs / baselineMs,
      spread,
      ...(target === undefined ? {} : { target }),
    });
  try {
    add(
      "11a. 200 sequential no-op steps, SQLite checkpoint after each (vs no store)",
      await measure(
        () => checkpointed(store, doc, noop),
        () => sequentialByRuntime(doc, noop, true),
        quick ? 15 : 45,
      ),
    );
    add(
      "11b. 200 sequential 1 ms steps, SQLite checkpoint after each (vs no store)",
      await measure(
        () => checkpointed(store, doc, timer),
        () => sequentialByRuntime(doc, timer, true),
        quick ? 5 : 15,
      ),
      1.1,
    );
    const stored = store.list({ limit: 1 })[0];
    if (stored?.status !== "success" || stored.stepsExecuted !== STEPS) {
      throw new Error(`the store did not record the run: ${JSON.stringify(stored)}`);
    }
    const { runId, checkpoint } = await interrupted(store, doc, noop);
    add(
      "12a. resume a 200-step run before its last step, checkpoint in memory (vs a fresh run)",
      await measure(
        () => resumed(doc, noop, checkpoint),
        () => sequentialByRuntime(doc, noop, true),
        quick ? 15 : 45,
      ),
    );
    add(
      "12b. the same, checkpoint read from the SQLite store (vs a fresh run)",
      await measure(
        () => resumed(doc, noop, store.checkpoint(runId)!),
        () => sequentialByRuntime(doc, noop, true),
        quick ? 15 : 45,
      ),
    );
    return rows;
  } finally {
    store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
