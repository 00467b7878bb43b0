// Service scenarios of `npm run bench` (invoked by bench/run.ts): the queue and scheduler overhead of
// 1,000 runs through `createService` against the library, and the latency from a cron fire to the first step.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createService,
  openSqliteRunQueue,
  openSqliteServiceState,
  parseSchedules,
  ServiceError,
  type Service,
  type ServiceOptions,
  type WorkflowCatalog,
} from "@skillflow/service";
import { openSqliteRunStore, type RunStore } from "@skillflow/store";
import { runWorkflowSkill, type MockToolAdapter } from "@skillflow/workflow";
import type { Spread } from "./cli.js";
import { noopAdapter, sequentialDocument } from "./scenarios.js";

/** A row: `runtimeMs` is the service side, `baselineMs` the library side. */
export interface ServiceRow {
  scenario: string;
  runtimeMs: number;
  baselineMs: number;
  ratio: number;
  spread: Spread;
}

/** Row 14: from a schedule's fire time to its run's first `step_start`, over `fires` fires. */
export interface FireLatency {
  fires: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

/** What `benchService` measured, with the counts the method text names. */
export interface ServiceResults {
  rows: ServiceRow[];
  latency: FireLatency;
  /** Runs per batch (1,000). */
  runs: number;
  /** Timed batches of each side (after one warm-up batch each). */
  repetitions: number;
  /** Fires dropped before collecting (the first ones after start). */
  warmupFires: number;
}

const RUNS = 1_000;
const WORKFLOW = "one-step";
/** One tool step calling the no-op tool (the sequential document of scenario 3, one step long). */
const DOCUMENT = sequentialDocument(1);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

/** A catalog holding the one-step workflow only. */
const catalog: WorkflowCatalog = {
  async list() {
    return [{ name: WORKFLOW, source: `/bench/${WORKFLOW}.md`, inputs: {}, outputs: {} }];
  },
  async load(ref) {
    if (ref !== WORKFLOW) throw new ServiceError("UNKNOWN_WORKFLOW", `no workflow ${ref}`);
    return { name: WORKFLOW, content: DOCUMENT, source: `/bench/${WORKFLOW}.md` };
  },
};

/** The embedded defaults of `skillflow serve` on fresh temp files: history, queue and state. */
function embedded(folder: string): Pick<ServiceOptions, "store" | "queue" | "state"> & {
  close(): Promise<void>;
} {
  const store = openSqliteRunStore({ path: join(folder, "history.db") });
  const queue = openSqliteRunQueue({ path: join(folder, "service.db") });
  const state = openSqliteServiceState({ path: join(folder, "service.db") });
  return {
    store,
    queue,
    state,
    async close() {
      await queue.close();
      await state.close();
      store.close();
    },
  };
}

/** Runs `body` in a fresh temp folder, removed after. */
async function inFolder<T>(body: (folder: string) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), "skillflow-bench-service-"));
  try {
    return await body(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function expectRecorded(store: RunStore): void {
  const rows = store.list({ limit: RUNS + 1 });
  if (rows.length !== RUNS || rows.some((row) => row.status !== "success"))
    throw new Error(`expected ${RUNS} successful runs, the store has ${rows.length}`);
}

/** Milliseconds of enqueuing `RUNS` runs with `startRun` and awaiting `idle()` (setup excluded). */
function throughService(tools: MockToolAdapter): Promise<number> {
  return inFolder(async (folder) => {
    const files = embedded(folder);
    const service = createService({
      ...files,
      workflows: catalog,
      tools,
      limits: { global: 1, perWorkflow: 1 },
    });
    await service.start();
    try {
      globalThis.gc?.();
      const start = performance.now();
      for (let i = 0; i < RUNS; i++) await service.startRun({ workflow: WORKFLOW });
      await service.idle();
      const ms = performance.now() - start;
      expectRecorded(files.store);
      return ms;
    } finally {
      await service.stop();
      await files.close();
    }
  });
}

/** One library run recorded as the service records it: begin, every event, checkpoints, finish. */
async function recordedRun(store: RunStore, tools: MockToolAdapter): Promise<void> {
  const runId = randomUUID();
  const recorder = store.begin({
    id: runId,
    workflow: WORKFLOW,
    source: `/bench/${WORKFLOW}.md`,
    inputs: {},
    startedAt: new Date().toISOString(),
  });
  const log = await runWorkflowSkill({
    content: DOCUMENT,
    source: `/bench/${WORKFLOW}.md`,
    workflowName: WORKFLOW,
    toolAdapter: tools,
    runId,
    onEvent: (event) => recorder.event(event),
    onCheckpoint: (cp) => recorder.checkpoint(cp),
  });
  recorder.finish(log);
  if (log.status !== "success") throw new Error(`library run failed: ${log.error?.message}`);
}

/** Milliseconds of `RUNS` library runs one after the other, recorded into a fresh SQLite store. */
function throughLibraryRecorded(tools: MockToolAdapter): Promise<number> {
  return inFolder(async (folder) => {
    const store = openSqliteRunStore({ path: join(folder, "history.db") });
    try {
      globalThis.gc?.();
      const start = performance.now();
      for (let i = 0; i < RUNS; i++) await recordedRun(store, tools);
      const ms = performance.now() - start;
      expectRecorded(store);
      return ms;
    } finally {
      store.close();
    }
  });
}

/** Milliseconds of `RUNS` library runs with no store at all. */
async function throughLibraryPlain(tools: MockToolAdapter): Promise<number> {
  globalThis.gc?.();
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) {
    const log = await runWorkflowSkill({ content: DOCUMENT, toolAdapter: tools });
    if (log.status !== "success") throw new Error(`library run failed: ${log.error?.message}`);
  }
  return performance.now() - start;
}

/**
 * Rows 13a/13b: one warm-up batch of each side, then `repetitions` rounds of service, library
 * recorded, library plain (alternating), each batch on fresh files after a full GC when exposed.
 */
async function overhead(repetitions: number): Promise<ServiceRow[]> {
  const tools = noopAdapter();
  await throughService(tools);
  await throughLibraryRecorded(tools);
  await throughLibraryPlain(tools);
  const service: number[] = [];
  const recorded: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    service.push(await throughService(tools));
    recorded.push(await throughLibraryRecorded(tools));
    plain.push(await throughLibraryPlain(tools));
  }
  const row = (scenario: string, baseline: number[]): ServiceRow => {
    const runtimeMs = quantile(service, 0.5);
    const baselineMs = quantile(baseline, 0.5);
    const ratios = service.map((ms, i) => ms / baseline[i]!);
    return {
      scenario,
      runtimeMs,
      baselineMs,
      ratio: runtimeMs / baselineMs,
      spread: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
    };
  };
  return [
    row(
      "13a. 1,000 queued runs of a 1-step workflow through the service, concurrency 1 (vs the library recording into SQLite)",
      recorded,
    ),
    row("13b. the same 1,000 runs through the service (vs the library with no store)", plain),
  ];
}

/**
 * Row 14: a service on the real clock with a schedule firing every second; for each fire after the
 * first `warmup`, the time of its run's first `step_start` minus the fire time.
 */
function fireLatency(fires: number, warmup: number): Promise<number[]> {
  return inFolder(async (folder) => {
    const files = embedded(folder);
    const schedules = parseSchedules([{ name: "tick", workflow: WORKFLOW, cron: "* * * * * *" }]);
    const service: Service = createService({
      ...files,
      workflows: catalog,
      tools: noopAdapter(),
      schedules,
      onProblem: (problem) => console.error(`service problem: ${problem.code}: ${problem.message}`),
    });
    const fireTimes = new Map<string, number>();
    const latencies: number[] = [];
    let seen = 0;
    let done!: () => void;
    const collected = new Promise<void>((resolve) => (done = resolve));
    service.subscribe((event) => {
      if (event.kind === "run_queued" && event.trigger.kind === "schedule")
        fireTimes.set(event.runId, Date.parse(event.trigger.fireTime));
      if (event.kind !== "run_event" || event.event.type !== "step_start") return;
      // Sub-millisecond wall time: the fire time is an exact second, so no rounding on that side.
      const at = performance.timeOrigin + performance.now();
      const fired = fireTimes.get(event.runId);
      if (fired === undefined) return;
      fireTimes.delete(event.runId);
      if (++seen > warmup) latencies.push(at - fired);
      if (latencies.length === fires) done();
    });
    await service.start();
    try {
      await collected;
      return latencies;
    } finally {
      await service.stop();
      await files.close();
    }
  });
}

/** Rows 13a/13b (queue and scheduler overhead) and row 14 (fire → first step latency). */
export async function benchService(quick: boolean): Promise<ServiceResults> {
  const repetitions = quick ? 3 : 7;
  const warmupFires = 2;
  const rows = await overhead(repetitions);
  const latencies = await fireLatency(quick ? 20 : 60, warmupFires);
  return {
    rows,
    latency: {
      fires: latencies.length,
      medianMs: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
      maxMs: Math.max(...latencies),
    },
    runs: RUNS,
    repetitions,
    warmupFires,
  };
}
