// Run history through the seam: `run` records, `runs list | show | rm | export` read it back.
import { copyFile, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunRow, StoredRun } from "@skillflow/store";
import { parseAgeDays, parseWhen, timeline } from "../src/runs/format.js";
import { FIXTURES, cli, freshHome } from "./helpers.js";

/** A CLI bound to its own empty history. */
function historyCli(home = freshHome()) {
  const call = (argv: string[], overrides: Parameters<typeof cli>[1] = {}) =>
    cli(argv, { ...overrides, env: { SKILLFLOW_HOME: home, ...overrides.env } });
  const list = async (...filters: string[]) => {
    const result = await call(["runs", "list", "--json", ...filters]);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as RunRow[];
  };
  const show = async (id: string) => {
    const result = await call(["runs", "show", id, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as StoredRun;
  };
  return { home, call, list, show };
}

describe("skillflow run records into the history", () => {
  it("run → list → show → rm", async () => {
    const h = historyCli();
    const first = await h.call(["run", "echo.md", "-i", "name=ada"]);
    expect(first.code).toBe(0);
    const id = /run ([0-9a-f-]{36}) recorded/.exec(first.stdout)?.[1];
    expect(id, first.stdout).toBeDefined();
    expect(first.stdout).toContain(`skillflow runs show ${id!.slice(0, 8)}`);
    await h.call(["run", "echo.md", "-i", "loud=true"]);

    const rows = await h.list();
    expect(rows.map((r) => r.status)).toEqual(["failed", "success"]);
    expect(rows[1]).toMatchObject({ id, workflow: "echo", stepsExecuted: 1, stepsSkipped: 1 });
    expect((await h.list("--status", "success")).map((r) => r.id)).toEqual([id]);
    expect(await h.list("--workflow", "other")).toEqual([]);
    expect(await h.list("--until", "2000-01-01")).toEqual([]);
    expect(await h.list("--since", "1h", "--limit", "1")).toHaveLength(1);

    const table = await h.call(["runs", "list"]);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+WORKFLOW\s+STATUS\s+STARTED\s+DURATION$/);
    expect(table.stdout).toContain(id!.slice(0, 8));

    const run = await h.show(id!.slice(0, 6));
    expect(run.id).toBe(id);
    expect(run.inputs).toEqual({ name: "ada" });
    expect(run.outputs).toMatchObject({ greeting: "hello ada" });
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([
      ["keep", "success"],
      ["stop_if_loud", "skipped"],
    ]);
    const text = await h.call(["runs", "show", id!]);
    expect(text.stdout).toMatch(/STEP\s+TYPE\s+STATUS\s+DURATION\s+TIMELINE/);
    expect(text.stdout).toMatch(/keep\s+transform\s+success\s+\d+ms\s+\| *█+ *\|/);
    expect(text.stdout).toContain("Outputs");
    expect(text.stdout).toContain("greeting: hello ada");

    const rm = await h.call(["runs", "rm", id!.slice(0, 8)]);
    expect(rm.code).toBe(0);
    expect(rm.stderr).toContain("deleted 1 run");
    expect((await h.list()).map((r) => r.status)).toEqual(["failed"]);
    const gone = await h.call(["runs", "show", id!]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain("error UNKNOWN_RUN");
    expect((await h.call(["runs", "rm", "nope"])).code).toBe(2);
  });

  it("records a cancelled run as cancelled", async () => {
    const h = historyCli();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await h.call(["run", "slow.md", "--quiet", "--config", "slow.config.json"], {
      signal: controller.signal,
      env: { SKILLFLOW_TRUST_WORKSPACE: "1" },
    });
    expect(result.code).toBe(130);
    const [row] = await h.list();
    expect(row).toMatchObject({ status: "cancelled", workflow: "slow" });
    expect((await h.show(row!.id)).steps[0]).toMatchObject({ id: "wait", status: "failed" });
  });

  it("records documents that fail validation as failed runs (exit 2)", async () => {
    const h = historyCli();
    expect((await h.call(["run", "broken.md"])).code).toBe(2);
    const [row] = await h.list();
    expect(row).toMatchObject({ status: "failed", workflow: "broken", stepsExecuted: 0 });
    expect(row!.error?.phase).toBe("validate");
  });

  it("--no-history writes nothing", async () => {
    const h = historyCli();
    const result = await h.call(["run", "echo.md", "--no-history"]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("recorded");
    expect(await readdir(h.home)).toEqual([]);
  });

  it("keeps secret values from the environment out of the stored run", async () => {
    const h = historyCli();
    const secret = "sk-test-0123456789abcdef";
    const result = await h.call(["run", "echo.md", "-i", `name=${secret}`, "--json"], {
      env: { OPENAI_API_KEY: secret },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(secret);
    const [row] = await h.list();
    const run = await h.show(row!.id);
    expect(run.inputs).toEqual({ name: "[REDACTED]" });
    expect(run.outputs).toMatchObject({ greeting: "hello [REDACTED]" });
    for (const file of await readdir(h.home))
      expect((await readFile(path.join(h.home, file))).includes(secret), file).toBe(false);
  });

  it("takes the history's path and verbosity from the configuration", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "skillflow-cfg-"));
    await copyFile(path.join(FIXTURES, "echo.md"), path.join(dir, "echo.md"));
    await writeFile(
      path.join(dir, "skillflow.config.json"),
      JSON.stringify({
        history: { path: "runs/h.db", verbosity: "minimal", retention: { maxRuns: 1 } },
      }),
    );
    const h = historyCli();
    await h.call(["run", "echo.md"], { cwd: dir });
    await h.call(["run", "echo.md"], { cwd: dir });
    expect(await readdir(path.join(dir, "runs"))).toContain("h.db");
    expect(await readdir(h.home)).toEqual([]);
    const listed = await h.call(["runs", "list", "--json"], { cwd: dir });
    const rows = JSON.parse(listed.stdout) as RunRow[];
    expect(rows).toHaveLength(1);
    const shown = await h.call(["runs", "show", rows[0]!.id, "--json"], { cwd: dir });
    expect((JSON.parse(shown.stdout) as StoredRun).inputs).toBeUndefined();

    await writeFile(
      path.join(dir, "skillflow.config.json"),
      JSON.stringify({ history: { verbosity: "loud" } }),
    );
    const bad = await h.call(["runs", "list"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("INVALID_CONFIG history.verbosity");
  });
});

describe("skillflow runs rm and export", () => {
  it("deletes in bulk only with --yes when not on a terminal", async () => {
    const h = historyCli();
    await h.call(["run", "echo.md"]);
    await h.call(["run", "echo.md", "-i", "loud=true"]);
    const refused = await h.call(["runs", "rm", "--all", "--status", "failed"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    expect(await h.list()).toHaveLength(2);
    const asked: string[] = [];
    const declined = await h.call(["runs", "rm", "--all"], {
      isTTY: true,
      confirm: async (q) => (asked.push(q), false),
    });
    expect(declined.code).toBe(0);
    expect(asked).toEqual(["Delete 2 runs? [y/N] "]);
    expect(await h.list()).toHaveLength(2);
    const done = await h.call(["runs", "rm", "--all", "--status", "failed", "--yes"]);
    expect(done.code).toBe(0);
    expect((await h.list()).map((r) => r.status)).toEqual(["success"]);
  });

  it("exports runs to a file atomically, as JSON or NDJSON", async () => {
    const h = historyCli();
    await h.call(["run", "echo.md"]);
    await h.call(["run", "echo.md", "-i", "loud=true"]);
    const dir = await mkdtemp(path.join(tmpdir(), "skillflow-export-"));
    const json = await h.call(["runs", "export", "--out", "all.json"], { cwd: dir });
    expect(json.code, json.stderr).toBe(0);
    const runs = JSON.parse(await readFile(path.join(dir, "all.json"), "utf8")) as StoredRun[];
    expect(runs.map((r) => r.status)).toEqual(["failed", "success"]);
    expect(runs[0]!.steps.length).toBeGreaterThan(0);

    const id = runs[1]!.id;
    await h.call(["runs", "export", id.slice(0, 8), "--format", "ndjson", "-o", "one.ndjson"], {
      cwd: dir,
    });
    const lines = (await readFile(path.join(dir, "one.ndjson"), "utf8")).trimEnd().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as StoredRun).id)).toEqual([id]);
    expect((await readdir(dir)).sort()).toEqual(["all.json", "one.ndjson"]);

    const stdout = await h.call(["runs", "export", "--status", "success"]);
    expect((JSON.parse(stdout.stdout) as StoredRun[]).map((r) => r.id)).toEqual([id]);
    expect((await h.call(["runs", "export", "missing"])).code).toBe(2);
    expect((await h.call(["runs", "export", "--format", "csv"])).code).toBe(2);
  });

  it("rejects wrong calls with exit 2", async () => {
    const h = historyCli();
    for (const argv of [
      ["runs"],
      ["runs", "frobnicate"],
      ["runs", "show"],
      ["runs", "list", "--status", "weird"],
      ["runs", "list", "--since", "yesterday"],
      ["runs", "list", "--limit", "-1"],
      ["runs", "show", "x", "--limit", "2"],
      ["runs", "rm"],
      ["runs", "rm", "abc", "--status", "failed"],
    ])
      expect((await h.call(argv)).code, argv.join(" ")).toBe(2);
    expect((await h.call(["runs", "--help"])).stdout).toContain("skillflow runs show 3f2a9c");
  });
});

describe("skillflow runs list --offset and runs prune", () => {
  /** A history with `n` successful runs of echo.md, oldest first. */
  async function withRuns(n: number) {
    const h = historyCli();
    for (let i = 0; i < n; i += 1)
      expect((await h.call(["run", "echo.md", "-i", `name=n${i}`])).code).toBe(0);
    return h;
  }

  it("pages with --limit and --offset", async () => {
    const h = await withRuns(3);
    const all = await h.list();
    expect(all).toHaveLength(3);
    expect(await h.list("--offset", "1")).toEqual(all.slice(1));
    expect(await h.list("--limit", "1", "--offset", "1")).toEqual(all.slice(1, 2));
    expect(await h.list("--offset", "5")).toEqual([]);
    const bad = await h.call(["runs", "list", "--offset", "-1"]);
    expect(bad.code).toBe(2);
  });

  it("prunes by --max-runs and --max-age", async () => {
    const h = await withRuns(3);
    const all = await h.list();
    const byAge = await h.call(["runs", "prune", "--max-age", "30d"]);
    expect(byAge.code, byAge.stderr).toBe(0);
    expect(byAge.stderr).toContain("pruned 0 runs");
    const byCount = await h.call(["runs", "prune", "--max-runs", "1"]);
    expect(byCount.code, byCount.stderr).toBe(0);
    expect(byCount.stderr).toContain("pruned 2 runs");
    expect((await h.list()).map((r) => r.id)).toEqual([all[0]!.id]);
    const everything = await h.call(["runs", "prune", "--max-age", "0"]);
    expect(everything.stderr).toContain("pruned 1 run\n");
    expect(await h.list()).toEqual([]);
  });

  it("takes the retention from the configuration, flags winning", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "skillflow-prune-"));
    await copyFile(path.join(FIXTURES, "echo.md"), path.join(dir, "echo.md"));
    const h = historyCli();
    for (let i = 0; i < 3; i += 1) await h.call(["run", "echo.md"], { cwd: dir });
    await writeFile(
      path.join(dir, "skillflow.config.json"),
      JSON.stringify({ history: { retention: { maxRuns: 2 } } }),
    );
    const fromConfig = await h.call(["runs", "prune"], { cwd: dir });
    expect(fromConfig.code, fromConfig.stderr).toBe(0);
    expect(fromConfig.stderr).toContain("pruned 1 run\n");
    const flag = await h.call(["runs", "prune", "--max-runs", "1"], { cwd: dir });
    expect(flag.stderr).toContain("pruned 1 run\n");
    expect(await h.list()).toHaveLength(1);
  });

  it("says what to pass when there is no retention, and rejects wrong values", async () => {
    const h = historyCli();
    const none = await h.call(["runs", "prune"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--max-runs <n> and/or --max-age <age>");
    expect(none.stderr).toContain("history.retention");
    expect((await h.call(["runs", "prune", "--max-age", "soon"])).stderr).toContain(
      "--max-age soon: expected an age",
    );
    expect((await h.call(["runs", "prune", "--max-runs", "1.5"])).code).toBe(2);
    expect((await h.call(["runs", "prune", "abc"])).code).toBe(2);
    expect((await h.call(["runs", "prune", "--limit", "1"])).stderr).toContain(
      "runs prune does not take --limit",
    );
  });
});

describe("runs formatting", () => {
  it("reads ages and dates for --since and --until", () => {
    const now = Date.parse("2025-03-10T12:00:00Z");
    expect(parseWhen("7d", "since", now)).toBe("2025-03-03T12:00:00.000Z");
    expect(parseWhen("30m", "since", now)).toBe("2025-03-10T11:30:00.000Z");
    expect(parseWhen("2025-03-01", "since", now)).toBe("2025-03-01T00:00:00.000Z");
    expect(parseWhen("2025-03-01", "until", now)).toBe("2025-03-01T23:59:59.999Z");
  });

  it("reads ages for --max-age as days", () => {
    expect(parseAgeDays("30d", "max-age")).toBe(30);
    expect(parseAgeDays("2w", "max-age")).toBe(14);
    expect(parseAgeDays("12h", "max-age")).toBe(0.5);
    expect(parseAgeDays("7", "max-age")).toBe(7);
    expect(() => parseAgeDays("-1d", "max-age")).toThrow(/expected an age/);
  });

  it("scales timeline bars to the run", () => {
    const bars = timeline(
      [
        { id: "a", status: "success", duration_ms: 50 },
        { id: "b", status: "skipped", duration_ms: 0 },
        { id: "c", status: "success", duration_ms: 50 },
      ],
      100,
    );
    expect(bars).toEqual([
      `${"█".repeat(15)}${" ".repeat(15)}`,
      `${" ".repeat(15)}·${" ".repeat(14)}`,
      `${" ".repeat(15)}${"█".repeat(15)}`,
    ]);
  });

  it("places bars at the recorded start times, gaps included", () => {
    const bars = timeline(
      [
        { id: "a", status: "success", duration_ms: 20, started_at: "2030-01-01T00:00:00.000Z" },
        { id: "b", status: "success", duration_ms: 30, started_at: "2030-01-01T00:00:00.060Z" },
        { id: "c", status: "skipped", duration_ms: 0 },
      ],
      100,
      "2030-01-01T00:00:00.000Z",
    );
    expect(bars).toEqual([
      `${"█".repeat(6)}${" ".repeat(24)}`,
      `${" ".repeat(18)}${"█".repeat(9)}${" ".repeat(3)}`,
      `${" ".repeat(27)}·${" ".repeat(2)}`,
    ]);
  });
});
