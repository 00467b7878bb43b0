// CLI and store scenarios of `npm run bench` (invoked by bench/run.ts): the CLI's own start-up and the
// overhead of recording a 200-step run in a SQLite store, each against the library without a store.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openSqliteRunStore } from "@skillflow/store";
import { runWorkflowSkill } from "@skillflow/workflow";
import { noopAdapter, sequentialByRuntime, sequentialDocument } from "./scenarios.js";

/** The interquartile range [p25, p75] of the ratios of alternating runtime/baseline run pairs. */
export type Spread = [number, number];

/** [runtime median, baseline median, spread of the per-pair ratios]. */
export type Measured = [number, number, Spread];

/** `measure` of bench/run.ts: warms both sides, alternates them, returns medians and the spread. */
export type Measure = (
  runtime: () => unknown,
  baseline: () => unknown,
  runs?: number,
) => Promise<Measured>;

/** A row of the table: `runtimeMs` is the CLI/store side, `baselineMs` the library without a store. */
export interface CliRow {
  scenario: string;
  runtimeMs: number;
  baselineMs: number;
  ratio: number;
  spread?: Spread;
}

export interface CliResults {
  rows: CliRow[];
  /** Median wall time of a bare `node -e 0` spawn, for context. */
  nodeSpawnMs: number;
}

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "packages/cli/bin/skillflow.js");

/** The library baseline of the start-up row: import @skillflow/workflow and run a one-step workflow. */
const LIBRARY_SCRIPT = `
import { runWorkflowSkill, MockToolAdapter } from "@skillflow/workflow";
const adapter = new MockToolAdapter();
adapter.register("noop", async (args) => ({ output: args.x }));
const content = "\`\`\`workflow\\nsteps:\\n  - id: only\\n    type: tool\\n    tool: noop\\n    inputs:\\n      x: { type: int, value: 1 }\\n\`\`\`\\n";
const log = await runWorkflowSkill({ content, toolAdapter: adapter });
if (log.status !== "success") { console.error(log.error?.message); process.exit(1); }
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Spawns `node args` from the repository root (so `@skillflow/*` resolves) and returns its wall time. */
function spawnMs(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8" });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return ms;
}

/** Start-up: the three spawns, 3 warm-ups each, then `runs` rounds alternating them; medians. */
function startUp(runs: number): { cli: number; library: number; node: number } {
  // The children get neither the bench's `--import tsx` (execArgv is not inherited) nor NODE_OPTIONS.
  const env = { ...process.env };
  delete env["NODE_OPTIONS"];
  const commands = {
    cli: [BIN, "--version"],
    library: ["--input-type=module", "-e", LIBRARY_SCRIPT],
    node: ["-e", "0"],
  };
  const version = spawnSync(process.execPath, commands.cli, { cwd: ROOT, env, encoding: "utf8" });
  if (!/^\d+\.\d+\.\d+/.test(version.stdout)) {
    throw new Error(`skillflow --version printed ${JSON.stringify(version.stdout)}`);
  }
  const times = { cli: [] as number[], library: [] as number[], node: [] as number[] };
  const keys = Object.keys(commands) as (keyof typeof commands)[];
  for (let i = 0; i < 3; i++) for (const key of keys) spawnMs(commands[key], env);
  for (let i = 0; i < runs; i++)
    for (const key of keys) times[key].push(spawnMs(commands[key], env));
  return { cli: median(times.cli), library: median(times.library), node: median(times.node) };
}

/** Recording: the 200-step workflow (parse cached) with and without a SQLite store on a temp file. */
async function recording(measure: Measure, runs: number): Promise<Measured> {
  const folder = mkdtempSync(join(tmpdir(), "skillflow-bench-"));
  const store = openSqliteRunStore({ path: join(folder, "history.db"), verbosity: "standard" });
  try {
    const doc = sequentialDocument(200);
    const adapter = noopAdapter();
    const recorded = async (): Promise<void> => {
      const recorder = store.begin({
        id: randomUUID(),
        workflow: "sequential-200",
        inputs: {},
        startedAt: new Date().toISOString(),
      });
      const log = await runWorkflowSkill({
        content: doc,
        toolAdapter: adapter,
        onEvent: (event) => recorder.event(event),
      });
      recorder.finish(log);
      if (log.status !== "success") throw new Error(`recorded run failed: ${log.error?.message}`);
    };
    const result = await measure(recorded, () => sequentialByRuntime(doc, adapter, true), runs);
    const stored = store.list({ limit: 1 })[0];
    if (stored?.status !== "success" || stored.stepsExecuted !== 200) {
      throw new Error(`the store did not record the run: ${JSON.stringify(stored)}`);
    }
    return result;
  } finally {
    store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function benchCli(measure: Measure, quick: boolean): Promise<CliResults> {
  const spawns = startUp(quick ? 5 : 15);
  const [recordedMs, plainMs, spread] = await recording(measure, quick ? 15 : 45);
  return {
    nodeSpawnMs: spawns.node,
    rows: [
      {
        scenario: "6. CLI start-up: `skillflow --version` (vs `node` running a 1-step workflow)",
        runtimeMs: spawns.cli,
        baselineMs: spawns.library,
        ratio: spawns.cli / spawns.library,
      },
      {
        scenario: "7. 200 sequential steps recorded in a SQLite store (vs no store)",
        runtimeMs: recordedMs,
        baselineMs: plainMs,
        ratio: recordedMs / plainMs,
        spread,
      },
    ],
  };
}
