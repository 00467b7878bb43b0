// `npm run bench`: runtime vs hand-written JavaScript, same process, median of several runs; writes docs/performance.md.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { resolve } from "node:path";
import {
  CONCURRENT,
  eachByHand,
  eachByRuntime,
  makeItems,
  noopAdapter,
  pipelineByHand,
  pipelineByRuntime,
  sequentialByHand,
  sequentialByRuntime,
  sequentialDocument,
  slowAdapter,
} from "./scenarios.js";
import { benchCli, type Measured, type Spread } from "./cli.js";
import { benchSkills } from "./skills.js";
import { benchDurable } from "./durable.js";
import { benchService, type ServiceResults } from "./service.js";
import { clearWorkflowCache, runWorkflowSkill, validateWorkflowSkill } from "@skillflow/workflow";

interface Row {
  scenario: string;
  runtimeMs: number;
  baselineMs: number;
  ratio: number;
  target: string;
  pass: boolean;
  spread?: Spread;
}

const quick = process.argv.includes("--quick");
/** `--only durable|service`: run one group of scenarios and print it, without rewriting docs/performance.md. */
const only = process.argv[process.argv.indexOf("--only") + 1];
const RUNS = quick ? 5 : 15;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

const median = (values: number[]): number => quantile(values, 0.5);

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs `fn` until it is warm: at least `runs` times and at least `ms` milliseconds (the JIT settles). */
async function warm(fn: () => unknown, runs: number, ms: number): Promise<void> {
  const until = performance.now() + ms;
  for (let i = 0; i < runs || performance.now() < until; i++) await fn();
}

/**
 * Warms both sides, then alternates runtime and baseline runs and returns their medians and the
 * interquartile range of the ratios of each runtime run to the baseline run after it. With
 * `collect`, a full GC runs before each timed run, so neither side pays for the other's garbage (used
 * for the large pipelines; for small runs a forced full GC is itself a distortion no host sees).
 */
async function measure(
  runtime: () => unknown,
  baseline: () => unknown,
  runs = RUNS,
  collect = false,
): Promise<Measured> {
  await warm(runtime, 10, quick ? 100 : 300);
  await warm(baseline, 10, quick ? 100 : 300);
  const r: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (collect) globalThis.gc?.();
    r.push(await time(runtime));
    if (collect) globalThis.gc?.();
    b.push(await time(baseline));
  }
  const ratios = r.map((ms, i) => ms / b[i]!);
  return [median(r), median(b), [quantile(ratios, 0.25), quantile(ratios, 0.75)]];
}

function row(scenario: string, [runtimeMs, baselineMs, spread]: Measured, limit: number): Row {
  const ratio = runtimeMs / baselineMs;
  return {
    scenario,
    runtimeMs,
    baselineMs,
    ratio,
    target: `≤ ${limit}×`,
    pass: ratio <= limit,
    spread,
  };
}

/** The ratio in bold, then the interquartile range of the per-pair ratios when there is one. */
const ratioText = (ratio: number, spread?: Spread): string =>
  `**${ratio.toFixed(2)}×**${spread ? ` (${spread[0].toFixed(2)}–${spread[1].toFixed(2)})` : ""}`;

const fmt = (n: number): string =>
  n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);

/** Table lines of the durable-run rows (11–12); rows without a target are tracked only. */
async function durableLines(): Promise<string[]> {
  const rows = await benchDurable(measure, quick);
  return rows.map(
    (r) =>
      `| ${r.scenario} | ${fmt(r.runtimeMs)} ms | ${fmt(r.baselineMs)} ms | ${ratioText(r.ratio, r.spread)} | ${r.target === undefined ? "none set" : `≤ ${r.target}×`} | ${r.target === undefined ? "—" : r.ratio <= r.target ? "ok" : "MISSED"} |`,
  );
}

/** Table lines of the service rows (13–14): tracked, no target set by the issue. */
function serviceLines(results: ServiceResults): string[] {
  const { latency } = results;
  return [
    ...results.rows.map(
      (r) =>
        `| ${r.scenario} | ${fmt(r.runtimeMs)} ms | ${fmt(r.baselineMs)} ms | ${ratioText(r.ratio, r.spread)} | none set | — |`,
    ),
    `| 14. cron fire → first \`step_start\`, schedule \`* * * * * *\`, ${latency.fires} fires | median ${fmt(latency.medianMs)} ms | p99 ${fmt(latency.p99Ms)} ms | — | none set | — |`,
  ];
}

async function main(): Promise<void> {
  if (process.argv.includes("--only")) {
    if (only === "durable") console.log((await durableLines()).join("\n"));
    else if (only === "service") console.log(serviceLines(await benchService(quick)).join("\n"));
    else throw new Error(`--only takes "durable" or "service", not ${JSON.stringify(only)}`);
    return;
  }
  const rows: Row[] = [];
  for (const count of [100_000, 1_000_000]) {
    const items = makeItems(count);
    rows.push(
      row(
        `1. filter → map → sort, ${count.toLocaleString("en")} objects`,
        await measure(
          () => pipelineByRuntime(items),
          () => pipelineByHand(items),
          RUNS,
          true,
        ),
        2,
      ),
    );
  }
  const adapter = noopAdapter();
  const numbers = Array.from({ length: 10_000 }, (_, i) => i);
  rows.push(
    row(
      "2. each over 10,000 no-op tool calls",
      await measure(
        () => eachByRuntime(numbers, adapter),
        () => eachByHand(numbers, adapter),
      ),
      3,
    ),
  );
  const doc = sequentialDocument(200);
  rows.push(
    row(
      "3a. 200 sequential steps from text (parse + validate + run)",
      await measure(
        () => sequentialByRuntime(doc, adapter, false),
        () => sequentialByHand(200, adapter),
        RUNS * 3,
      ),
      10,
    ),
  );
  rows.push(
    row(
      "3b. 200 sequential steps, parse cached",
      await measure(
        () => sequentialByRuntime(doc, adapter, true),
        () => sequentialByHand(200, adapter),
        RUNS * 3,
      ),
      5,
    ),
  );
  // Where 3a's time goes: parse + validate + compile alone (validateWorkflowSkill with the cache cleared).
  const [checkOnly] = await measure(
    () => {
      clearWorkflowCache();
      validateWorkflowSkill({ content: doc });
    },
    () => undefined,
    RUNS * 3,
  );
  const slow = slowAdapter(20);
  const hundred = Array.from({ length: 100 }, (_, i) => i);
  const concurrent = await measure(
    async () => {
      const log = await runWorkflowSkill({
        content: CONCURRENT,
        inputs: { items: hundred },
        toolAdapter: slow,
      });
      if (log.status !== "success") throw new Error(log.error?.message);
    },
    () => new Promise((done) => setTimeout(done, 200)),
    quick ? 3 : 5,
  );
  rows.push({
    ...row(
      "4. each over 100 × 20 ms tool, concurrency 10 (vs ideal 200 ms)",
      [concurrent[0], 200, concurrent[2]],
      1.2,
    ),
  });

  const memory = (variant: string): number => {
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", resolve(import.meta.dirname, "memory.ts"), variant],
      { encoding: "utf8" },
    );
    return (JSON.parse(out.trim().split("\n").at(-1)!) as { peakKiB: number }).peakKiB;
  };
  const peaks = {
    runtime: median([memory("runtime"), memory("runtime"), memory("runtime")]),
    hand: median([memory("hand"), memory("hand"), memory("hand")]),
  };
  const memRatio = peaks.runtime / peaks.hand;

  const cli = await benchCli(measure, quick);
  const skills = await benchSkills(measure, quick);
  const durable = await durableLines();
  const service = await benchService(quick);

  const lines = [
    "| Scenario | Runtime (median) | Hand-written (median) | Ratio (IQR of run pairs) | Target | |",
    "|---|---:|---:|---:|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${fmt(r.runtimeMs)} ms | ${fmt(r.baselineMs)} ms | ${ratioText(r.ratio, r.spread)} | ${r.target} | ${r.pass ? "ok" : "MISSED"} |`,
    ),
    `| 5. peak RSS, 1,000,000-object pipeline | ${(peaks.runtime / 1024).toFixed(0)} MiB | ${(peaks.hand / 1024).toFixed(0)} MiB | **${memRatio.toFixed(2)}×** | ≤ 1.5× | ${memRatio <= 1.5 ? "ok" : "MISSED"} |`,
    ...cli.rows.map(
      (r) =>
        `| ${r.scenario} | ${fmt(r.runtimeMs)} ms | ${fmt(r.baselineMs)} ms | ${ratioText(r.ratio, r.spread)} | none set | — |`,
    ),
    ...skills.rows.map(
      (r) =>
        `| ${r.scenario} | ${fmt(r.runtimeMs)} ms | ${fmt(r.baselineMs)} ms | ${ratioText(r.ratio, r.spread)} | ≤ ${r.target}× | ${r.ratio <= r.target ? "ok" : "MISSED"} |`,
    ),
    ...durable,
    ...serviceLines(service),
  ];
  const { catalog } = skills;
  const catalogLine = `Catalog of the ${catalog.skills} skills in examples/skill-library: ${catalog.catalogTokens} tokens (XML) against ${catalog.bodyTokens} tokens for all their bodies (${((100 * catalog.catalogTokens) / catalog.bodyTokens).toFixed(0)}%), counted with the o200k tokenizer.`;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const date = new Date().toISOString().slice(0, 10);
  console.log(`${machine} — ${date}\n\n${lines.join("\n")}`);
  console.log(`\nnode -e 0 spawn (context): ${fmt(cli.nodeSpawnMs)} ms`);
  console.log(catalogLine);
  if (!quick) {
    const doc = [
      "# Performance",
      "",
      "Measured by `npm run bench` (`bench/run.ts`). Each scenario runs the runtime and a hand-written JavaScript",
      "equivalent in the same process, alternating, after a warm-up of each (at least 10 runs and 300 ms, so the JIT",
      "has settled); the table shows medians and the ratio runtime / hand-written of the medians, and in brackets the",
      "interquartile range of the ratios of each runtime run to the hand-written run right after it (how much one",
      "pair can differ from the next; start-up and routing rows, measured otherwise, have none). The pipelines force a full GC before each timed run so neither side pays for the other's",
      "garbage; the small scenarios do not (a forced full GC before every run is a cold start no host sees, and it",
      "roughly doubles the runtime's time in 3a/3b). Peak memory runs each variant in a fresh process (median of three)",
      "and compares `maxRSS`.",
      "",
      `Machine: ${machine}. Date: ${date}.`,
      "",
      ...lines,
      "",
      "What the hand-written side does:",
      "",
      "1. `items.filter(x => x.score >= 50).map(x => ({ name: x.name, score: x.score })).sort((a, b) => b.score - a.score)`.",
      '2. `for (const x of items) results.push((await adapter.invoke("noop", { x })).output)` through the same `MockToolAdapter`.',
      "3. 200 awaited calls, each pushing a log entry `{ id, executor, status, duration_ms, inputs, output }` (the",
      "   fields of a step record). 3a clears the runtime's document cache before every run (parse + validate +",
      "   compile + run); 3b reuses it.",
      "4. The ideal: 100 calls of 20 ms, 10 at a time = 200 ms.",
      "",
      "Rows 6 and 7 compare against the library without a store rather than hand-written code, and have no target",
      "(the issue sets none); they are tracked as ratios.",
      "",
      "6. CLI start-up: wall time of spawning `node packages/cli/bin/skillflow.js --version` (the built CLI: it",
      "   loads every command and its dependencies before printing the version) against spawning `node` on an",
      "   inline ES module that imports `@skillflow/workflow` and runs a one-step workflow on a `MockToolAdapter`.",
      "   The three spawns (with a bare `node -e 0`) alternate, 3 warm-ups each, then medians of",
      `   15 runs. For context, \`node -e 0\` alone takes ${fmt(cli.nodeSpawnMs)} ms, so the CLI's own cost is about`,
      `   ${fmt(cli.rows[0]!.runtimeMs - cli.nodeSpawnMs)} ms and the library's ${fmt(cli.rows[0]!.baselineMs - cli.nodeSpawnMs)} ms on top of Node's start.`,
      "7. Recording overhead: scenario 3b's run (200 sequential steps, parse cached) while recording into a SQLite",
      "   store on a temp file (`openSqliteRunStore`, `standard` verbosity): `begin` before the run, `event` for",
      "   every runtime event via `onEvent`, `finish` with the log after; against the same run with no store. Same",
      "   process, alternating, same warm-up and run count as 3b; the store keeps every run (no retention), so it",
      "   grows over the measurement as a real history does.",
      "8–10 are skill discovery and routing over 10,000 generated skills (100 category folders of 100, each",
      "   SKILL.md with name, description and when_to_use, and a 30-line body):",
      "8. Cold discovery (`discoverSkills` with no index) against a hand-written loop that walks the folders, reads",
      "   every SKILL.md and parses its frontmatter with the `yaml` package. Discovery also checks every field and",
      "   records locations; most frontmatter is one-line `key: value` pairs, which it reads without the YAML parser",
      "   (a differential property test keeps that path equal to `yaml`).",
      "9. Warm listing: the same call with the on-disk index of the previous call: one `stat` per SKILL.md and per",
      "   category folder, no reads; against the same hand-written loop.",
      "10. `route` (BM25F over an inverted index) for 100 tasks of 8 words against a hand-written scan that counts",
      "   the task's words in each skill's word set (sets prepared in advance). Per task the fastest of 5 calls on",
      "   each side (a GC landing in one call is not the task's cost), then the median and p99 over the tasks.",
      "   10a–b measure the lexical router (`vectors: false`); 10c the default router, which also compares the task",
      "   with every skill by word vectors, against that scan plus a dot product with each skill's mean vector.",
      "11–12 are durable runs (spec §13), against scenario 3b's plain run (parse cached, no store):",
      "11. Checkpoints: the same run with `runId` and `onCheckpoint: (cp) => recorder.checkpoint(cp)` into a SQLite",
      "   store on a temp file (`openSqliteRunStore`, WAL, `synchronous = NORMAL`), between `begin` and `finish`:",
      "   one transaction per step holding the whole checkpoint so far (it grows with every step record). 11a uses",
      "   the no-op tool (the store's cost alone, tracked); 11b a tool that awaits a real 1 ms timer, where the",
      '   target is ≤ 1.1×. The default `checkpoints: "drop"` deletes each checkpoint at `finish`.',
      "12. Resume: a run that saved its checkpoint just before its last step (199 records) and stopped there; resuming",
      "   it runs one step. 12a passes the checkpoint object kept in memory (the runtime's own cost: document hash,",
      "   restoring 199 records, one step); 12b reads it from the SQLite store first (`store.checkpoint(runId)`, a",
      "   query and `JSON.parse` of about 21 KB), as a host resuming in another process does. Both are tracked, with",
      "   no target: against 200 no-op steps, resume's fixed cost (the SHA-256 of the 33 KB document through Web",
      "   Crypto, restoring the records) is of the same order as the fresh run.",
      "13–14 are the service (`@skillflow/service`, issue 16), tracked with no target (the issue sets none):",
      `13. Queue and scheduler overhead: ${service.runs.toLocaleString("en")} runs of a one-step workflow (one call of the no-op`,
      "   `MockToolAdapter` tool) enqueued one after the other with `service.startRun`, then `await service.idle()`, on a",
      "   started service with the embedded defaults of `skillflow serve`: `openSqliteRunQueue` and",
      "   `openSqliteServiceState` on one temp file, `openSqliteRunStore` on another, concurrency 1 (global and per",
      "   workflow). For each run the worker claims the job (an IMMEDIATE transaction), runs it recording `begin`,",
      "   every event, a checkpoint per step and `finish`, completes the job, and asks the notifier (nothing",
      "   configured). 13a compares with the same runs through `runWorkflowSkill`, one after the other, recorded",
      "   the same way into a SQLite store on a temp file (`begin`, `onEvent` → `event`, `onCheckpoint` →",
      "   `checkpoint`, `finish`), so the ratio isolates what the queue, the worker and the service's bookkeeping",
      "   add; 13b compares with the library and no store at all (tens of µs a run, so its ratio is wide and says",
      "   mostly how cheap a bare run is). Every batch gets fresh files; opening them and",
      "   starting and stopping the service are outside the timing. One warm-up batch of each side (1,000 runs, so",
      `   the JIT has settled), then ${service.repetitions} rounds alternating service, recorded library and plain library, each batch`,
      "   after a full GC; medians, and in brackets the IQR of the per-round ratios.",
      "14. Fire → first step: a service on the real clock (`createService` with its default clock and timers, the",
      "   default 1 s poll, the same SQLite files) with one schedule `* * * * * *` starting the one-step workflow.",
      "   For each fire, the wall time (`performance.timeOrigin + performance.now()`) at which the run's first",
      "   `step_start` reaches a `service.subscribe` listener, minus the run's `trigger.fireTime`. The first",
      `   ${service.warmupFires} fires are dropped (warm-up), then ${service.latency.fires} are collected; median and p99 (with 60 samples the p99 is the`,
      "   largest). What bounds it: the scheduler sleeps until the next fire time (capped at the poll), so the poll",
      "   adds nothing while the clock runs steadily; its timer wakes at the earliest on the first millisecond after",
      "   the fire time (Node's timers have 1 ms granularity) and later by however busy the event loop is. Then one",
      "   tick (the paused schedules, the last fire, and a listing of the queue's jobs for the overlap policy), the",
      "   enqueue (one insert), a wake-up of the worker (it does not wait for its poll), the claim, loading the",
      "   workflow and its `begin` record come before the first step.",
      "",
      catalogLine,
      "",
      "",
      `Scenario 3a in parts: parsing, validating and compiling the 200-step document (33 KB of YAML) takes`,
      `${fmt(checkOnly)} ms of the ${fmt(rows.find((r) => r.scenario.startsWith("3a"))?.runtimeMs ?? 0)} ms; running it is the rest. The hand-written`,
      "baseline parses nothing, so ≤ 10× would need the runtime to read, check and run 200 steps in ten times the cost",
      "of 200 no-op calls. The YAML subset parser (`parse/_fast-yaml.ts`) reads the document in about 0.5 ms where the",
      "`yaml` package takes about 20 ms; the rest is the schema check, validation and compilation.",
      "",
      "Timed assertions are never part of `npm test`; these numbers come only from this benchmark.",
      "",
    ].join("\n");
    writeFileSync(resolve(import.meta.dirname, "../docs/performance.md"), doc);
  }
}

await main();
