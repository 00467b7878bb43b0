// The SQLite state store across reopen, beside the run queue in one file, and its storage errors.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteRunQueue, openSqliteServiceState, ServiceError } from "@skillflow/service";

const dir = mkdtempSync(join(tmpdir(), "skillflow-state-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof ServiceError ? error.code : "not a ServiceError";
  }
  return undefined;
}

describe("openSqliteServiceState", () => {
  it("keeps everything across a reopen (a restarted service finds its state)", async () => {
    const path = join(dir, "nested", "folder", "reopen.db");
    const first = openSqliteServiceState({ path });
    await first.setPaused("daily", true);
    await first.setLastFire("daily", 1_700_000_000_000);
    await first.addDecision("r1", "deploy", { approved: true, by: "ada", response: { n: 1 } });
    await first.addNotification("r1", {
      event: "failure",
      at: "2030-01-01T00:00:00.000Z",
      result: { ok: true },
    });
    expect(await first.rememberDelivery("d:1", 2_000_000_000_000, 1_700_000_000_000)).toBe(true);
    await first.close();
    const second = openSqliteServiceState({ path });
    expect(await second.rememberDelivery("d:1", 2_000_000_000_000, 1_700_000_000_001)).toBe(false);
    expect([...(await second.pausedSchedules())]).toEqual(["daily"]);
    expect(await second.lastFire("daily")).toBe(1_700_000_000_000);
    expect([...(await second.decisions("r1"))]).toEqual([
      ["deploy", { approved: true, by: "ada", response: { n: 1 } }],
    ]);
    expect(await second.notifications("r1")).toHaveLength(1);
    await second.close();
  });

  it("remembers webhook delivery ids across a reopen, until they expire", async () => {
    const path = join(dir, "deliveries.db");
    const first = openSqliteServiceState({ path });
    expect(await first.rememberDelivery("g:1", 1_000, 0)).toBe(true);
    expect(await first.rememberDelivery("d:2", 100, 0)).toBe(true);
    await first.close();
    const second = openSqliteServiceState({ path });
    expect(await second.rememberDelivery("g:1", 5_000, 500)).toBe(false);
    expect(await second.rememberDelivery("d:2", 5_000, 500)).toBe(true);
    expect(await second.rememberDelivery("g:1", 5_000, 1_000)).toBe(true);
    await second.close();
  });

  it("forgets expired delivery ids as new ones arrive, a bounded number per call", async () => {
    const path = join(dir, "expired.db");
    const state = openSqliteServiceState({ path });
    for (let i = 0; i < 40; i++) await state.rememberDelivery(`d:${i}`, 10, 0);
    expect(await state.rememberDelivery("d:new", 1_000, 10)).toBe(true);
    const count = (): number => {
      const db = new Database(path, { readonly: true });
      try {
        return (db.prepare(`SELECT count(*) AS n FROM service_deliveries`).get() as { n: number })
          .n;
      } finally {
        db.close();
      }
    };
    const afterOne = count();
    expect(afterOne).toBeLessThan(41);
    expect(afterOne).toBeGreaterThan(1);
    for (let i = 0; i < 10; i++) await state.rememberDelivery(`n:${i}`, 1_000, 10);
    expect(count()).toBe(11);
    await state.close();
  });

  it("shares a file with the run queue: its own service_ tables, both work, in WAL mode", async () => {
    const path = join(dir, "shared.db");
    const queue = openSqliteRunQueue({ path });
    const state = openSqliteServiceState({ path });
    await queue.enqueue({ id: "j1", workflow: "wf", inputs: {} });
    await state.setPaused("daily", true);
    expect((await queue.get("j1"))?.status).toBe("queued");
    expect([...(await state.pausedSchedules())]).toEqual(["daily"]);
    await queue.close();
    await state.close();
    const db = new Database(path, { readonly: true });
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{
        name: string;
      }>
    )
      .map((row) => row.name)
      .filter((name) => !name.startsWith("sqlite_"));
    const mode = db.pragma("journal_mode", { simple: true });
    db.close();
    expect(
      tables
        .filter((name) => !name.startsWith("queue_"))
        .every((name) => name.startsWith("service_")),
    ).toBe(true);
    expect(tables).toEqual(
      expect.arrayContaining(["queue_jobs", "service_paused", "service_decisions"]),
    );
    expect(mode).toBe("wal");
  });

  it("refuses a file that is not a database with STATE_STORAGE", () => {
    const path = join(dir, "not-a-db.db");
    writeFileSync(path, "this is not a SQLite database, only text ".repeat(100));
    expect(codeOf(() => openSqliteServiceState({ path }))).toBe("STATE_STORAGE");
  });

  it("refuses a path whose folder cannot be made with STATE_STORAGE", () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    expect(codeOf(() => openSqliteServiceState({ path: join(file, "state.db") }))).toBe(
      "STATE_STORAGE",
    );
  });
});
