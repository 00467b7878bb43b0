// The SQLite queue across reopen (a restarted service finds its interrupted jobs) and across processes.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteRunQueue, ServiceError } from "@skillflow/service";

const dir = mkdtempSync(join(tmpdir(), "skillflow-queue-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = join(import.meta.dirname, "../../../..");
const claimer = join(import.meta.dirname, "fixtures/claimer.ts");

/** Runs one claimer process; `ready` hears when it waits for `go`; resolves with the ids it claimed. */
function claimAll(
  path: string,
  workerId: string,
  go: string,
  ready: () => void,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", claimer, path, workerId, go], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (stdout === "" && chunk.toString().startsWith("ready")) ready();
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = stdout.trim().split("\n").at(-1) ?? "";
      if (code === 0 && stderr === "") resolve(JSON.parse(last) as string[]);
      else reject(new Error(`claimer ${workerId} exited with ${String(code)}: ${stderr}`));
    });
  });
}

describe("SQLite run queue", () => {
  it("keeps jobs, leases and dedupe keys across reopen, so a restart finds interrupted jobs", async () => {
    const path = join(dir, "reopen.db");
    const first = openSqliteRunQueue({ path });
    await first.enqueue({ id: "a", workflow: "wf", inputs: { x: 1 }, dedupeKey: "daily@1" });
    await first.enqueue({ id: "b", workflow: "wf", inputs: {} });
    await first.claim("w1", { now: 0, leaseMs: 1000 });
    await first.close();

    const second = openSqliteRunQueue({ path });
    expect(
      await second.enqueue({ id: "a2", workflow: "wf", inputs: {}, dedupeKey: "daily@1" }),
    ).toMatchObject({ job: { id: "a", status: "leased" }, created: false });
    expect((await second.expired(1000)).map((j) => [j.id, j.workerId, j.inputs])).toEqual([
      ["a", "w1", { x: 1 }],
    ]);
    const resumed = await second.claim("w2", { now: 1000, leaseMs: 1000, limits: { global: 1 } });
    expect(resumed).toMatchObject({ id: "a", workerId: "w2", attempts: 2 });
    expect((await second.list({ status: "queued" })).map((j) => j.id)).toEqual(["b"]);
    await second.close();
  });

  it("refuses a file that is not a database with QUEUE_STORAGE", async () => {
    const path = join(dir, "not-a-db.db");
    writeFileSync(path, "this is not a SQLite file, it is long enough to have a header".repeat(4));
    let code: string | undefined;
    try {
      await openSqliteRunQueue({ path }).close();
    } catch (error) {
      code = error instanceof ServiceError ? error.code : "other";
    }
    expect(code).toBe("QUEUE_STORAGE");
  });

  it("never leases one job to two processes claiming at once", { timeout: 120_000 }, async () => {
    const path = join(dir, "race.db");
    const queue = openSqliteRunQueue({ path });
    const ids = Array.from({ length: 1000 }, (_, i) => `j${String(i).padStart(3, "0")}`);
    for (const id of ids)
      await queue.enqueue({ id, workflow: `wf${ids.indexOf(id) % 3}`, inputs: {} });
    await queue.close();

    const workers = ["p1", "p2", "p3", "p4"];
    const go = join(dir, "go");
    let waiting = workers.length;
    const start = (): void => {
      if (--waiting === 0) writeFileSync(go, "");
    };
    const claimed = await Promise.all(workers.map((w) => claimAll(path, w, go, start)));
    // How the claims interleave is up to the OS scheduler (on a loaded machine one process may win
    // them all); what must hold whatever the interleaving: every job claimed exactly once.
    expect(claimed.flat().sort()).toEqual(ids);

    const after = openSqliteRunQueue({ path });
    const done = await after.list();
    expect(done.every((j) => j.status === "done" && j.attempts === 1)).toBe(true);
    // Each job's outcome names the process that claimed it, and only that one.
    for (const [i, w] of workers.entries())
      for (const id of claimed[i]!) expect((await after.get(id))?.outcome?.runId).toBe(w);
    await after.close();
  });
});
