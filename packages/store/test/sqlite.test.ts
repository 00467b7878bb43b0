// SQLite-specific checks: parallel writer processes, crash recovery, migrations and file location.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SCHEMA_VERSION, defaultHistoryPath, openSqliteRunStore } from "@skillflow/store";
import {
  testCheckpoint,
  testRunEvents,
  testRunLog,
  testRunStart,
  testWaitingLog,
} from "@skillflow/store/testing";
import { migrate } from "../src/_migrations.js";

const dir = mkdtempSync(join(tmpdir(), "skillflow-store-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = join(import.meta.dirname, "../../..");
const writer = join(import.meta.dirname, "fixtures/writer.ts");

function runWriter(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", writer, ...args], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("openSqliteRunStore across processes", () => {
  it("keeps 100 runs from 4 parallel writer processes complete and the file intact", async () => {
    const path = join(dir, "shared.db");
    const goAt = String(Date.now() + 1500);
    const results = await Promise.all(
      [0, 1, 2, 3].map((p) => runWriter([path, "write", `p${p}`, "25", goAt])),
    );
    for (const result of results) expect(result).toEqual({ code: 0, stderr: "" });
    const store = openSqliteRunStore({ path });
    const rows = store.list();
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r.id)).size).toBe(100);
    for (const row of rows)
      expect(row).toMatchObject({ status: "success", totalSteps: 2, stepsExecuted: 1 });
    expect(store.get("p3-24")?.steps.map((s) => s.id)).toEqual(["a", "b"]);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("SELECT COUNT(*) AS n FROM steps").get()).toEqual({ n: 200 });
    db.close();
  });

  it("shows a run whose writer crashed as interrupted, with its finished steps", async () => {
    const path = join(dir, "crash.db");
    const result = await runWriter([path, "crash", "boom"]);
    expect(result.code).toBe(1);
    const store = openSqliteRunStore({ path });
    expect(store.list().map((r) => [r.id, r.status])).toEqual([["boom", "interrupted"]]);
    expect(store.get("boom")).toMatchObject({
      status: "interrupted",
      totalSteps: 2,
      stepsExecuted: 1,
      steps: [
        { id: "a", executor: "tool", status: "success", duration_ms: 7 },
        { id: "b", executor: "transform", status: "running" },
      ],
    });
    store.close();
  });
});

// The v1 schema as released, frozen here: migrations must keep databases like this one readable.
const V1_SCHEMA = `
  CREATE TABLE schema_version (version INTEGER NOT NULL);
  INSERT INTO schema_version (version) VALUES (1);
  CREATE TABLE runs (
    id TEXT PRIMARY KEY, workflow TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL,
    completed_at TEXT, duration_ms INTEGER, steps_executed INTEGER NOT NULL DEFAULT 0,
    steps_skipped INTEGER NOT NULL DEFAULT 0, inputs TEXT, outputs TEXT, error TEXT
  );
  CREATE TABLE steps (
    run_id TEXT NOT NULL, seq INTEGER NOT NULL, step_id TEXT NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (run_id, step_id)
  );
  INSERT INTO runs VALUES ('legacy', 'wf', 'failed', '2029-06-01T00:00:00.000Z',
    '2029-06-01T00:00:02.000Z', 2000, 1, 0, '{"topic":"dogs"}', '{}',
    '{"phase":"execute","message":"Step a failed"}');
  INSERT INTO steps VALUES ('legacy', 1, 'a', '{"id":"a","executor":"tool","status":"failed","duration_ms":2000,"error":"x"}');
`;

describe("schema migrations", () => {
  it("migrates a v1 database and keeps its runs readable", () => {
    const path = join(dir, "v1.db");
    const old = new Database(path);
    old.exec(V1_SCHEMA);
    old.close();

    const store = openSqliteRunStore({ path });
    expect(store.get("legacy")).toEqual({
      id: "legacy",
      workflow: "wf",
      status: "failed",
      startedAt: "2029-06-01T00:00:00.000Z",
      completedAt: "2029-06-01T00:00:02.000Z",
      durationMs: 2000,
      stepsExecuted: 1,
      stepsSkipped: 0,
      error: { phase: "execute", message: "Step a failed" },
      verbosity: "debug",
      inputs: { topic: "dogs" },
      outputs: {},
      steps: [{ id: "a", executor: "tool", status: "failed", duration_ms: 2000, error: "x" }],
    });
    const start = testRunStart("fresh", { source: "wf.md" });
    const recorder = store.begin(start);
    for (const e of testRunEvents()) recorder.event(e);
    recorder.finish(testRunLog(start));
    expect(store.list().map((r) => r.id)).toEqual(["fresh", "legacy"]);
    expect(store.get("fresh")?.source).toBe("wf.md");
    store.close();

    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT version FROM schema_version").all()).toEqual([
      { version: SCHEMA_VERSION },
    ]);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
    // Opening again is a no-op.
    openSqliteRunStore({ path }).close();
  });

  it("upgrades a v2 database in place to hold checkpoints and pending approvals", () => {
    const path = join(dir, "v2.db");
    const old = new Database(path);
    migrate(old, 2);
    old
      .prepare(
        `INSERT INTO runs (id, workflow, status, started_at, verbosity, writer_pid, writer_host)
         VALUES ('before', 'wf', 'success', '2029-06-01T00:00:00.000Z', 'standard', 1, 'h')`,
      )
      .run();
    old.close();

    const store = openSqliteRunStore({ path });
    expect(store.get("before")).toMatchObject({ status: "success", steps: [] });
    expect(store.get("before")?.pending).toBeUndefined();
    expect(store.checkpoint("before")).toBeUndefined();
    const start = testRunStart("after");
    const recorder = store.begin(start);
    recorder.checkpoint(testCheckpoint(start, 2));
    recorder.finish(testWaitingLog(start));
    expect(store.list({ status: "waiting" }).map((r) => r.id)).toEqual(["after"]);
    expect(store.checkpoint("after")).toEqual(testCheckpoint(start, 2));
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT version FROM schema_version").get()).toEqual({ version: 3 });
    db.close();
  });

  it("refuses a database written by a newer release without touching it", () => {
    const path = join(dir, "future.db");
    openSqliteRunStore({ path }).close();
    const db = new Database(path);
    db.prepare("UPDATE schema_version SET version = ?").run(SCHEMA_VERSION + 1);
    db.close();
    expect(() => openSqliteRunStore({ path })).toThrow(
      expect.objectContaining({ code: "STORE_NEWER_SCHEMA" }),
    );
  });
});

describe("defaultHistoryPath", () => {
  it("uses SKILLFLOW_HOME when set and creates it", () => {
    const home = join(dir, "home");
    expect(defaultHistoryPath({ cwd: dir, env: { SKILLFLOW_HOME: home } })).toBe(
      join(home, "history.db"),
    );
    expect(existsSync(home)).toBe(true);
  });

  it("uses .skillflow in the nearest project folder", () => {
    const project = join(dir, "project");
    const nested = join(project, "src", "deep");
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(project, "package.json"), "{}");
    expect(defaultHistoryPath({ cwd: nested, env: { SKILLFLOW_HOME: "" } })).toBe(
      join(project, ".skillflow", "history.db"),
    );
    expect(existsSync(join(project, ".skillflow"))).toBe(true);
    // An existing .skillflow folder wins over a nearer package.json.
    writeFileSync(join(project, "src", "package.json"), "{}");
    expect(defaultHistoryPath({ cwd: nested, env: {} })).toBe(
      join(project, ".skillflow", "history.db"),
    );
  });
});
