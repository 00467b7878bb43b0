// A history that cannot be written or read: every failure is a coded RunStoreError, never an uncaught one.
import { spawn } from "node:child_process";
import {
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import {
  defaultHistoryPath,
  openSqliteRunStore,
  type RunStoreError,
  type RunStoreErrorCode,
} from "@skillflow/store";
import { testCheckpoint, testRunEvents, testRunLog, testRunStart } from "@skillflow/store/testing";
import { storeFailure } from "../src/_failure.js";

const dir = mkdtempSync(join(tmpdir(), "skillflow-store-failures-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `h${++n}.db`);
const root = join(import.meta.dirname, "../../..");
const fixture = join(import.meta.dirname, "fixtures/failing.ts");

/** The code of what `action` throws (or "none"). */
function codeOf(action: () => unknown): RunStoreErrorCode | "none" | "not a RunStoreError" {
  try {
    action();
    return "none";
  } catch (error) {
    return (error as Error).name === "RunStoreError"
      ? (error as RunStoreError).code
      : "not a RunStoreError";
  }
}

/** Another connection holding the write lock of `path` until released. */
function holdWriteLock(path: string) {
  const holder = new Database(path);
  holder.prepare("BEGIN IMMEDIATE").run();
  return () => {
    holder.prepare("ROLLBACK").run();
    holder.close();
  };
}

const nextMacrotask = () => new Promise((resolve) => setImmediate(resolve));

function runChild(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fixture, ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("a history locked by another connection", () => {
  it("opens an up-to-date history without waiting for the write lock", () => {
    const path = freshPath();
    openSqliteRunStore({ path }).close();
    const release = holdWriteLock(path);
    try {
      const store = openSqliteRunStore({ path, busyTimeoutMs: 10 });
      expect(store.list()).toEqual([]);
      store.close();
    } finally {
      release();
    }
  });

  it("throws STORE_LOCKED from begin, naming the file", () => {
    const path = freshPath();
    const store = openSqliteRunStore({ path, busyTimeoutMs: 10 });
    const release = holdWriteLock(path);
    try {
      let error: RunStoreError | undefined;
      try {
        store.begin(testRunStart("r1"));
      } catch (e) {
        error = e as RunStoreError;
      }
      expect(error).toMatchObject({ name: "RunStoreError", code: "STORE_LOCKED", file: path });
      expect(codeOf(() => store.remove(["r1"]))).toBe("STORE_LOCKED");
      expect(codeOf(() => store.prune({ maxRuns: 0 }))).toBe("STORE_LOCKED");
    } finally {
      release();
    }
    store.close();
  });

  it("reports a batched event write that fails later to onError and the run's next event, not as an uncaught exception", async () => {
    const path = freshPath();
    const reported: RunStoreError[] = [];
    const store = openSqliteRunStore({
      path,
      busyTimeoutMs: 10,
      onError: (error) => reported.push(error),
    });
    const start = testRunStart("r1");
    const recorder = store.begin(start);
    const [workflowStart, stepStart, ...rest] = testRunEvents();
    recorder.event(workflowStart!);
    const release = holdWriteLock(path);
    recorder.event(stepStart!); // queued; flushed in the next macrotask, which fails
    await nextMacrotask();
    await nextMacrotask();
    expect(reported.map((e) => e.code)).toEqual(["STORE_LOCKED"]);
    expect(codeOf(() => recorder.event(rest[0]!))).toBe("STORE_LOCKED");
    release();
    // finish rewrites the whole record, so the run is complete once the lock is gone.
    recorder.finish(testRunLog(start));
    expect(store.get("r1")).toMatchObject({ status: "success", stepsExecuted: 1 });
    expect(store.get("r1")?.steps.map((s) => s.id)).toEqual(["a", "b"]);
    store.close();
  });

  it("throws STORE_LOCKED from a checkpoint and writes neither it nor the events queued before it", () => {
    const path = freshPath();
    const reported: RunStoreError[] = [];
    const store = openSqliteRunStore({ path, busyTimeoutMs: 10, onError: (e) => reported.push(e) });
    const start = testRunStart("r1");
    const recorder = store.begin(start);
    recorder.checkpoint(testCheckpoint(start, 1));
    const release = holdWriteLock(path);
    recorder.event({ runId: "run", type: "step_start", stepId: "s2", stepType: "tool" });
    expect(codeOf(() => recorder.checkpoint(testCheckpoint(start, 2)))).toBe("STORE_LOCKED");
    release();
    // Only this run's writes were lost, and its caller heard of it: onError stays quiet.
    expect(reported).toEqual([]);
    expect(store.checkpoint("r1")).toEqual(testCheckpoint(start, 1));
    expect(store.get("r1")?.steps).toEqual([]);
    // Like a failed batch: the run's next event throws it once.
    expect(codeOf(() => recorder.event(testRunEvents()[0]!))).toBe("STORE_LOCKED");
    recorder.checkpoint(testCheckpoint(start, 2));
    expect(store.checkpoint("r1")).toEqual(testCheckpoint(start, 2));
    store.close();
  });

  it("does not throw from the flush at process exit; onError hears of it", async () => {
    const result = await runChild([freshPath(), "exit-locked"]);
    expect(result).toEqual({ code: 0, stdout: "onError STORE_LOCKED\n", stderr: "" });
  });

  it.runIf(process.platform === "linux")(
    "names the process that holds the lock, when the system tells",
    async () => {
      const path = freshPath();
      openSqliteRunStore({ path }).close();
      const child = spawn(process.execPath, ["--import", "tsx", fixture, path, "hold"], {
        cwd: root,
        stdio: ["pipe", "pipe", "inherit"],
      });
      try {
        await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
        const store = openSqliteRunStore({ path, busyTimeoutMs: 10 });
        let error: RunStoreError | undefined;
        try {
          store.begin(testRunStart("r1"));
        } catch (e) {
          error = e as RunStoreError;
        }
        store.close();
        expect(error).toMatchObject({ code: "STORE_LOCKED", lockHolders: [child.pid] });
        expect(error?.message).toContain(`pid ${child.pid}`);
      } finally {
        child.stdin.end();
        await new Promise((resolve) => child.once("close", resolve));
      }
    },
  );
});

describe("a damaged history", () => {
  /** A history of 40 runs whose page `pick(pages)` (1-based) is overwritten with garbage. */
  function damaged(pick: (db: Database.Database) => number): string {
    const path = freshPath();
    const store = openSqliteRunStore({ path });
    for (let i = 0; i < 40; i++) {
      const start = testRunStart(`r${i}`, { inputs: { text: "x".repeat(300) } });
      const recorder = store.begin(start);
      for (const e of testRunEvents()) recorder.event(e);
      recorder.finish(testRunLog(start));
    }
    store.close();
    const db = new Database(path, { readonly: true });
    const page = pick(db);
    const size = db.pragma("page_size", { simple: true }) as number;
    db.close();
    const fd = openSync(path, "r+");
    writeSync(fd, Buffer.alloc(size, 0xab), 0, size, (page - 1) * size);
    closeSync(fd);
    return path;
  }

  it("throws STORE_DAMAGED from every call that reads the broken page", () => {
    const path = damaged(
      (db) =>
        (
          db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'runs'").get() as {
            rootpage: number;
          }
        ).rootpage,
    );
    const store = openSqliteRunStore({ path });
    expect(codeOf(() => store.list())).toBe("STORE_DAMAGED");
    expect(codeOf(() => store.get("r3"))).toBe("STORE_DAMAGED");
    expect(codeOf(() => store.remove(["r3"]))).toBe("STORE_DAMAGED");
    expect(codeOf(() => store.prune({ maxRuns: 1 }))).toBe("STORE_DAMAGED");
    expect(codeOf(() => store.begin(testRunStart("new")))).toBe("STORE_DAMAGED");
    store.close();
  });

  it("throws STORE_DAMAGED when the file is not a database at all", () => {
    const path = damaged(() => 1);
    expect(codeOf(() => openSqliteRunStore({ path }))).toBe("STORE_DAMAGED");
  });

  it("whichever page is broken, every call either works or throws a RunStoreError", () => {
    const pages = statSync(damaged(() => 2)).size / 4096;
    for (let page = 1; page <= pages; page++) {
      const path = damaged(() => page);
      let store;
      try {
        store = openSqliteRunStore({ path });
      } catch (error) {
        expect((error as Error).name, `page ${page}: open`).toBe("RunStoreError");
        continue;
      }
      const calls = {
        list: () => store.list(),
        get: () => store.get("r20"),
        remove: () => store.remove(["r21"]),
        prune: () => store.prune({ maxRuns: 30 }),
        begin: () => store.begin(testRunStart("new")).finish(testRunLog(testRunStart("new"))),
      };
      for (const [name, call] of Object.entries(calls))
        expect(codeOf(call), `page ${page}: ${name}`).not.toBe("not a RunStoreError");
      store.close();
    }
  });

  it("throws STORE_DAMAGED for a stored record that is not JSON", () => {
    const path = freshPath();
    const store = openSqliteRunStore({ path });
    const start = testRunStart("r1");
    const recorder = store.begin(start);
    for (const e of testRunEvents()) recorder.event(e);
    recorder.finish(testRunLog(start));
    const db = new Database(path);
    db.prepare("UPDATE steps SET record = '{\"id\": \"a\", trunc' WHERE run_id = 'r1'").run();
    db.prepare("UPDATE runs SET inputs = '[1, ' WHERE id = 'r1'").run();
    db.close();
    expect(codeOf(() => store.get("r1"))).toBe("STORE_DAMAGED");
    store.close();
  });
});

describe("a history that cannot be created", () => {
  it("codes a history folder that is a file STORE_INACCESSIBLE, naming the file", () => {
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "");
    expect(codeOf(() => defaultHistoryPath({ cwd: dir, env: { SKILLFLOW_HOME: file } }))).toBe(
      "STORE_INACCESSIBLE",
    );
    expect(codeOf(() => openSqliteRunStore({ path: join(file, "h.db") }))).toBe(
      "STORE_INACCESSIBLE",
    );
    expect(codeOf(() => openSqliteRunStore({ path: dir }))).toBe("STORE_INACCESSIBLE");
  });
});

describe("storeFailure", () => {
  it("calls a full disk STORE_FULL", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE t (x)");
    db.pragma("max_page_count = 2");
    let sqliteError: unknown;
    try {
      for (let i = 0; i < 100; i++) db.prepare("INSERT INTO t VALUES (?)").run("x".repeat(1000));
    } catch (error) {
      sqliteError = error;
    }
    db.close();
    expect(storeFailure(sqliteError, { file: "h.db", busyTimeoutMs: 0 })).toMatchObject({
      code: "STORE_FULL",
      file: "h.db",
    });
    const enospc = Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    expect(storeFailure(enospc, { file: "h.db", busyTimeoutMs: 0 })).toMatchObject({
      code: "STORE_FULL",
    });
  });

  it("codes each kind of SQLite and file-system failure", () => {
    const cases: [string, RunStoreErrorCode][] = [
      ["SQLITE_BUSY", "STORE_LOCKED"],
      ["SQLITE_BUSY_SNAPSHOT", "STORE_LOCKED"],
      ["SQLITE_LOCKED", "STORE_LOCKED"],
      ["SQLITE_CORRUPT", "STORE_DAMAGED"],
      ["SQLITE_CORRUPT_INDEX", "STORE_DAMAGED"],
      ["SQLITE_NOTADB", "STORE_DAMAGED"],
      ["SQLITE_READONLY", "STORE_INACCESSIBLE"],
      ["SQLITE_CANTOPEN", "STORE_INACCESSIBLE"],
      ["SQLITE_PERM", "STORE_INACCESSIBLE"],
      ["EACCES", "STORE_INACCESSIBLE"],
      ["EROFS", "STORE_INACCESSIBLE"],
      ["SQLITE_IOERR_WRITE", "STORE_IO"],
      ["EIO", "STORE_IO"],
    ];
    for (const [code, expected] of cases) {
      const error = Object.assign(new Error(code), { code });
      expect(storeFailure(error, { file: "h.db", busyTimeoutMs: 0 }), code).toMatchObject({
        code: expected,
      });
    }
    const bug = new TypeError("x is undefined");
    expect(storeFailure(bug, { file: "h.db", busyTimeoutMs: 0 })).toBe(bug);
  });
});
