// A run history that cannot be written or read: `run` finishes as if there were none and says so once;
// `runs` reports a user error (exit 2) that names the file and says what to do.
import { closeSync, mkdtempSync, openSync, writeFileSync, writeSync } from "node:fs";
import { copyFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  openSqliteRunStore,
  RunStoreError,
  type RunStore,
  type RunStoreErrorCode,
  type SqliteRunStoreOptions,
} from "@skillflow/store";
import { testRunEvents, testRunLog, testRunStart } from "@skillflow/store/testing";
import type { OpenStore } from "../src/history.js";
import type { Io } from "../src/io.js";
import { FIXTURES, cli, freshHome, type Result } from "./helpers.js";

/** The CLI with its own history folder and an optional `openStore` seam. */
const call = (
  argv: string[],
  home: string,
  openStore?: OpenStore,
  overrides: Partial<Io> = {},
): Promise<Result> =>
  cli(argv, { ...overrides, env: { SKILLFLOW_HOME: home } }, openStore ? { openStore } : {});

const fail = (code: RunStoreErrorCode) => () => {
  throw new RunStoreError(code, `the run history h.db: ${code}`, { file: "h.db" });
};

/** A real SQLite store whose `method` (of the store or of its recorder) throws `code`. */
function failingAt(
  where: "begin" | "event" | "finish" | "prune" | "close",
  code: RunStoreErrorCode,
) {
  return (options: SqliteRunStoreOptions): RunStore => {
    const store = openSqliteRunStore(options);
    const wrapped: RunStore = {
      begin: (start) => {
        if (where === "begin") fail(code)();
        const recorder = store.begin(start);
        return {
          event: where === "event" ? fail(code) : (e) => recorder.event(e),
          checkpoint: (cp) => recorder.checkpoint(cp),
          finish: where === "finish" ? fail(code) : (log) => recorder.finish(log),
        };
      },
      resume: (id) => store.resume(id),
      interrupt: (id) => store.interrupt(id),
      checkpoint: (id) => store.checkpoint(id),
      get: (id) => store.get(id),
      list: (filter) => store.list(filter),
      remove: (ids) => store.remove(ids),
      prune: where === "prune" ? fail(code) : (r) => store.prune(r),
      close: () => {
        store.close();
        if (where === "close") fail(code)();
      },
    };
    return wrapped;
  };
}

/** Another connection holding the write lock of `file` until released. */
function holdWriteLock(file: string) {
  const holder = new Database(file);
  holder.prepare("BEGIN IMMEDIATE").run();
  return () => {
    holder.prepare("ROLLBACK").run();
    holder.close();
  };
}

/** What a run prints with --quiet and returns when there is no history at all. */
async function withoutHistory(argv: string[]) {
  return call([...argv, "--quiet", "--no-history"], freshHome());
}

/** The warning lines of stderr. */
const warnings = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("warning"));
const NOT_RECORDED = "this run is not recorded in the history: ";
const CLI_CODE = {
  STORE_FULL: "HISTORY_FULL",
  STORE_LOCKED: "HISTORY_LOCKED",
  STORE_DAMAGED: "HISTORY_DAMAGED",
};

describe("run with a history that cannot be written", () => {
  for (const where of ["begin", "event", "finish", "close"] as const)
    for (const code of ["STORE_FULL", "STORE_LOCKED", "STORE_DAMAGED"] as const)
      it(`finishes as if there were no history when ${where} fails with ${code}`, async () => {
        for (const argv of [
          ["run", "echo.md"],
          ["run", "echo.md", "-i", "loud=true"],
        ]) {
          const expected = await withoutHistory(argv);
          const result = await call([...argv, "--quiet"], freshHome(), failingAt(where, code));
          expect(result.code).toBe(expected.code);
          expect(result.stdout).toBe(expected.stdout);
          expect(warnings(result.stderr)).toEqual([
            expect.stringMatching(`^warning ${CLI_CODE[code]}: ${NOT_RECORDED}`),
          ]);
        }
      });

  it("says that only pruning failed when the run was recorded", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "skillflow-prune-fail-"));
    await copyFile(path.join(FIXTURES, "echo.md"), path.join(dir, "echo.md"));
    writeFileSync(
      path.join(dir, "skillflow.config.json"),
      JSON.stringify({ history: { retention: { maxRuns: 5 } } }),
    );
    const result = await call(["run", "echo.md"], freshHome(), failingAt("prune", "STORE_LOCKED"), {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("recorded");
    expect(warnings(result.stderr)).toEqual([
      expect.stringMatching(
        /^warning HISTORY_LOCKED: the run is recorded, but older runs could not be pruned: /,
      ),
    ]);
  });

  it("names the file and gives up on a real lock after the busy timeout", async () => {
    const home = freshHome();
    const file = path.join(home, "history.db");
    openSqliteRunStore({ path: file }).close();
    const release = holdWriteLock(file);
    try {
      const locked = await call(["run", "echo.md", "--quiet"], home, (o) =>
        openSqliteRunStore({ ...o, busyTimeoutMs: 10 }),
      );
      expect(locked.code).toBe(0);
      expect(warnings(locked.stderr)).toEqual([
        expect.stringMatching(`^warning HISTORY_LOCKED: ${NOT_RECORDED}the run history ${file} `),
      ]);
    } finally {
      release();
    }
  });

  it("survives the history being locked while the run is going (batched writes fail in a later macrotask)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "skillflow-locked-midrun-"));
    await copyFile(path.join(FIXTURES, "echo.md"), path.join(dir, "echo.md"));
    writeFileSync(
      path.join(dir, "reads.md"),
      [
        "```workflow",
        "outputs:",
        "  bytes: { type: int, value: $steps.second.output.bytes }",
        "steps:",
        ...["first", "second"].flatMap((id) => [
          `  - id: ${id}`,
          "    type: tool",
          "    tool: file_read",
          "    inputs:",
          "      path: { type: string, value: echo.md }",
          "    outputs:",
          "      bytes: { type: int, value: $result.bytes }",
        ]),
        "```",
      ].join("\n"),
    );
    const home = freshHome();
    let release = () => {};
    const lockAfterBegin: OpenStore = (options) => {
      const store = openSqliteRunStore({ ...options, busyTimeoutMs: 10 });
      return {
        ...store,
        get: (id) => store.get(id),
        list: (f) => store.list(f),
        remove: (ids) => store.remove(ids),
        prune: (r) => store.prune(r),
        close: () => store.close(),
        begin: (start) => {
          const recorder = store.begin(start);
          return {
            event: (e) => {
              recorder.event(e);
              // From the first step on, another process holds the file.
              if (e.type === "step_start" && e.stepId === "first")
                release = holdWriteLock(options.path);
            },
            checkpoint: (cp) => recorder.checkpoint(cp),
            finish: (log) => recorder.finish(log),
          };
        },
      };
    };
    try {
      const result = await call(["run", "reads.md", "--quiet"], home, lockAfterBegin, { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ bytes: expect.any(Number) });
      expect(warnings(result.stderr)).toEqual([
        expect.stringMatching(`^warning HISTORY_LOCKED: ${NOT_RECORDED}`),
      ]);
    } finally {
      release();
    }
  });

  it("warns and runs without history when the history file is damaged", async () => {
    for (const page of ["first", "runs"] as const) {
      const home = freshHome();
      const file = damagedHistory(home, page);
      const expected = await withoutHistory(["run", "echo.md"]);
      const result = await call(["run", "echo.md", "--quiet"], home);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(expected.stdout);
      expect(warnings(result.stderr)).toEqual([
        expect.stringMatching(`^warning HISTORY_DAMAGED: ${NOT_RECORDED}.*mv "${file}"`),
      ]);
    }
  });
});

/**
 * A history of 40 runs in `home` with one page overwritten by garbage: the first page, the root of
 * the runs table, or the page numbered `page`.
 */
function damagedHistory(home: string, page: "first" | "runs" | number): string {
  const file = path.join(home, "history.db");
  const store = openSqliteRunStore({ path: file });
  for (let i = 0; i < 40; i++) {
    const start = testRunStart(`run-${i}`, { inputs: { text: "x".repeat(300) } });
    const recorder = store.begin(start);
    for (const e of testRunEvents()) recorder.event(e);
    recorder.finish(testRunLog(start));
  }
  store.close();
  const db = new Database(file, { readonly: true });
  const size = db.pragma("page_size", { simple: true }) as number;
  const number =
    page === "first"
      ? 1
      : page === "runs"
        ? (
            db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'runs'").get() as {
              rootpage: number;
            }
          ).rootpage
        : page;
  db.close();
  const fd = openSync(file, "r+");
  writeSync(fd, Buffer.alloc(size, 0xab), 0, size, (number - 1) * size);
  closeSync(fd);
  return file;
}

const RUNS_CALLS = [
  ["runs", "list"],
  ["runs", "show", "run-20"],
  ["runs", "rm", "run-21"],
  ["runs", "rm", "--all", "--status", "success", "--yes"],
  ["runs", "export"],
  ["runs", "prune", "--max-runs", "30"],
];

describe("runs with a damaged history", () => {
  it("is a user error naming the file and what to do, for every subcommand", async () => {
    for (const argv of RUNS_CALLS) {
      const home = freshHome();
      const file = damagedHistory(home, "runs");
      const result = await call(argv, home);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr, argv.join(" ")).toMatch(/^error HISTORY_DAMAGED: /);
      // The file, and the command that moves it aside.
      expect(result.stderr).toContain(`mv "${file}" "${file}.damaged"`);
    }
  });

  it("is a user error when the file is not a history at all", async () => {
    const home = freshHome();
    damagedHistory(home, "first");
    const result = await call(["runs", "list"], home);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error HISTORY_DAMAGED: /);
  });

  it("whichever page is damaged, every subcommand works or is a HISTORY_DAMAGED user error", async () => {
    const probe = freshHome();
    damagedHistory(probe, 2);
    const pages = (await readdir(probe)).includes("history.db")
      ? (new Database(path.join(probe, "history.db"), { readonly: true }).pragma("page_count", {
          simple: true,
        }) as number)
      : 0;
    expect(pages).toBeGreaterThan(10);
    for (let page = 1; page <= pages; page++)
      for (const argv of RUNS_CALLS) {
        const home = freshHome();
        damagedHistory(home, page);
        const result = await call(argv, home);
        const what = `page ${page}: ${argv.join(" ")}`;
        if (result.code !== 0) {
          expect(result.code, what).toBe(2);
          expect(result.stderr, what).toMatch(/^error HISTORY_DAMAGED: /);
        }
      }
  });
});

describe("runs with a locked or unwritable history", () => {
  it("reads while another process writes, and says who holds the lock when it must write", async () => {
    const home = freshHome();
    const file = path.join(home, "history.db");
    expect((await call(["run", "echo.md"], home)).code).toBe(0);
    const release = holdWriteLock(file);
    const quick: OpenStore = (o) => openSqliteRunStore({ ...o, busyTimeoutMs: 10 });
    try {
      const list = await call(["runs", "list", "--json"], home, quick);
      expect(list.code, list.stderr).toBe(0);
      const rm = await call(["runs", "rm", "--all", "--yes"], home, quick);
      expect(rm.code).toBe(2);
      expect(rm.stderr).toMatch(
        /^error HISTORY_LOCKED: the run history .* is locked by another process/,
      );
    } finally {
      release();
    }
  });

  it("codes a full disk and a history folder that cannot be created", async () => {
    const full = await call(
      ["runs", "prune", "--max-runs", "1"],
      freshHome(),
      failingAt("prune", "STORE_FULL"),
    );
    expect(full.code).toBe(2);
    expect(full.stderr).toMatch(/^error HISTORY_FULL: /);
    const dir = mkdtempSync(path.join(tmpdir(), "skillflow-home-file-"));
    const notAFolder = path.join(dir, "file");
    writeFileSync(notAFolder, "");
    const listed = await call(["runs", "list"], notAFolder);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toMatch(/^error HISTORY_UNAVAILABLE: .*history\.db/);
    // Other commands keep their data next to the history: the same user error.
    const evals = await call(["eval", "history", "some-skill"], notAFolder);
    expect(evals.code).toBe(2);
    expect(evals.stderr).toMatch(/^error HISTORY_UNAVAILABLE: /);
    const ran = await call(["run", "echo.md", "--quiet"], notAFolder);
    expect(ran.code).toBe(0);
    expect(warnings(ran.stderr)).toEqual([
      expect.stringMatching(`^warning HISTORY_UNAVAILABLE: ${NOT_RECORDED}`),
    ]);
  });
});
