// Checkpoints survive a killed writer: SIGKILL at random points, 100 times, never a torn or older one.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteRunStore } from "@skillflow/store";
import { testCheckpoint, testRunStart } from "@skillflow/store/testing";

const dir = mkdtempSync(join(tmpdir(), "skillflow-store-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = join(import.meta.dirname, "../../..");
const checkpointer = join(import.meta.dirname, "fixtures/checkpointer.ts");
const ITERATIONS = 100;

/** A small seeded generator (mulberry32), so a failing seed can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs the checkpointer on `runId` and SIGKILLs it once it reported `killAfter` checkpoints; returns
 * the last checkpoint it reported as returned (every line it wrote before dying).
 */
function killAfter(path: string, runId: string, killAfter: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", checkpointer, path, runId], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.split("\n").length - 1 >= killAfter) child.kill("SIGKILL");
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (_code, signal) => {
      const lines = stdout.split("\n").slice(0, -1);
      if (signal !== "SIGKILL" || stderr !== "")
        reject(new Error(`checkpointer was not killed mid-run: ${signal} ${stderr}`));
      else resolve(Number(lines[lines.length - 1]));
    });
  });
}

describe("SQLite checkpoints when the writer is killed", () => {
  it(
    "keeps the last returned checkpoint (or the next, committed but not reported), whole, 100 times",
    { timeout: 600_000 },
    async () => {
      const seed = Date.now();
      const next = random(seed);
      const path = join(dir, "crash.db");
      for (let i = 0; i < ITERATIONS; i++) {
        const runId = `c${i}`;
        const reported = await killAfter(path, runId, 1 + Math.floor(next() * 40));
        const store = openSqliteRunStore({ path });
        const cp = store.checkpoint(runId);
        const saved = cp?.records.length ?? 0;
        const where = `seed ${seed}, iteration ${i}, reported ${reported}, saved ${saved}`;
        expect([reported, reported + 1], where).toContain(saved);
        expect(cp, where).toEqual(testCheckpoint(testRunStart(runId), saved, 200));
        // The history agrees with the checkpoint: every step it holds, and at most the next one begun.
        const run = store.get(runId)!;
        expect(run.status, where).toBe("interrupted");
        expect(run.stepsExecuted, where).toBe(saved);
        const done = run.steps.filter((s) => s.status === "success").map((s) => s.id);
        expect(done, where).toEqual(Array.from({ length: saved }, (_, k) => `s${k + 1}`));
        expect(run.steps.length - saved, where).toBeLessThanOrEqual(1);
        store.close();
      }
      const db = new Database(path, { readonly: true });
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.prepare("SELECT COUNT(*) AS n FROM checkpoints").get()).toEqual({ n: ITERATIONS });
      db.close();
    },
  );
});
