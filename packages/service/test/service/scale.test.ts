// A long-running service reads only what it needs: ticks, schedule lists and run pages do not scan
// the whole queue or history, and finished jobs are pruned after the retention.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  parseSchedules,
  type JobFilter,
  type RunQueue,
  type RunSummary,
  type ServiceError,
} from "@skillflow/service";
import { settle, THREE, world, type World } from "./_harness.js";

const worlds: World[] = [];
function fresh(): World {
  const w = world({ three: THREE });
  worlds.push(w);
  return w;
}
afterEach(async () => {
  for (const w of worlds.splice(0)) for (const s of w.services) await s.stop({ now: true });
});

/** A queue that records the filters of `list` and the ids of `get`. */
function counting(q: RunQueue): { queue: RunQueue; lists: JobFilter[]; gets: string[] } {
  const lists: JobFilter[] = [];
  const gets: string[] = [];
  const queue: RunQueue = {
    enqueue: (spec) => q.enqueue(spec),
    claim: (worker, options) => q.claim(worker, options),
    heartbeat: (id, worker, now, leaseMs) => q.heartbeat(id, worker, now, leaseMs),
    complete: (id, worker, outcome) => q.complete(id, worker, outcome),
    release: (id, worker, to) => q.release(id, worker, to),
    requeue: (id) => q.requeue(id),
    reopen: (id) => q.reopen(id),
    cancel: (id) => q.cancel(id),
    expired: (now) => q.expired(now),
    get: (id) => {
      gets.push(id);
      return q.get(id);
    },
    count: (filter) => q.count(filter),
    list: (filter) => {
      lists.push(structuredClone(filter ?? {}));
      return q.list(filter);
    },
    prune: (options) => q.prune(options),
    close: () => q.close(),
  };
  return { queue, lists, gets };
}

const FINISHED = new Set(["done", "failed", "cancelled"]);
/** Whether a list may return finished jobs (no status filter, or a finished status in it). */
function readsFinished(filter: JobFilter): boolean {
  if (filter.status === undefined) return filter.limit === undefined;
  const statuses = typeof filter.status === "string" ? [filter.status] : filter.status;
  return statuses.some((status) => FINISHED.has(status));
}

const EVERY_SECOND = parseSchedules([
  { name: "often", workflow: "three", cron: "* * * * * *", overlap: "allow" },
  { name: "never", workflow: "three", cron: "0 0 1 1 *" },
]);

describe("a long-running service", () => {
  it("does not read finished jobs on a scheduler tick, and lists schedules from their newest job", async () => {
    const w = fresh();
    const { queue, lists } = counting(w.queue);
    const service = w.service({ queue, schedules: EVERY_SECOND });
    await service.start();
    for (let i = 0; i < 10; i++) {
      await w.clock.advance(1_000);
      await service.idle();
    }
    expect((await w.queue.list({ status: "done" })).length).toBeGreaterThanOrEqual(9);
    lists.length = 0;
    await w.clock.advance(1_000);
    await service.idle();
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.filter(readsFinished)).toEqual([]);

    const newest = (await service.listRuns({ schedule: "often", limit: 1 })).items[0]!;
    lists.length = 0;
    const get = vi.spyOn(w.store, "get");
    const infos = await service.listSchedules();
    expect(infos.map((info) => [info.name, info.lastRun?.runId])).toEqual([
      ["often", newest.id],
      ["never", undefined],
    ]);
    expect(infos[0]!.lastRun).toMatchObject({ status: "success", startedAt: newest.startedAt });
    expect(lists.every((filter) => filter.limit === 1 && filter.newestFirst === true)).toBe(true);
    expect(get.mock.calls.map(([id]) => id)).toEqual([newest.id]);
  });

  it("prunes finished jobs at start and hourly, after jobRetentionMs, and keeps their history", async () => {
    const w = fresh();
    const first = w.service({ jobRetentionMs: 60 * 60 * 1000 });
    const { runId: early } = await first.startRun({ workflow: "three" });
    await first.start();
    await first.idle();
    expect(await w.queue.get(early)).toMatchObject({ status: "done" });
    await first.stop();
    await w.clock.advance(60 * 60 * 1000 + 1);
    // Another process starts after the retention: it prunes at once.
    const second = w.service({ jobRetentionMs: 60 * 60 * 1000 });
    await second.start();
    await settle();
    expect(await w.queue.get(early)).toBeUndefined();
    expect((await second.getRun(early)).status).toBe("success");

    const { runId: late } = await second.startRun({ workflow: "three" });
    await second.idle();
    await w.clock.advance(60 * 60 * 1000);
    expect(await w.queue.get(late)).toMatchObject({ status: "done" });
    await w.clock.advance(60 * 60 * 1000);
    expect(await w.queue.get(late)).toBeUndefined();
    expect((await second.listRuns()).items.map((run) => run.id)).toEqual([late, early]);
  });

  it("refuses a jobRetentionMs that is not a positive number of ms", () => {
    const w = fresh();
    for (const jobRetentionMs of [0, -1, Number.NaN])
      expect(() => w.service({ jobRetentionMs })).toThrow(
        expect.objectContaining({ code: "INVALID_OPTION" }) as ServiceError,
      );
  });
});

const BASE = Date.UTC(2025, 5, 1);

/** 500 history rows (4 per second: ties), 1 in 5 from schedule `s`, 1 in 7 manual, plus 6 queued. */
async function history(w: World): Promise<RunSummary[]> {
  const expected: RunSummary[] = [];
  for (let i = 0; i < 500; i++) {
    // Ids out of insertion order, so the store's tie order is not the list's.
    const id = `r${String((i * 7919) % 1000).padStart(4, "0")}`;
    const workflow = i % 2 === 0 ? "a" : "b";
    const startedAt = new Date(BASE + Math.floor(i / 4) * 1000).toISOString();
    let trigger: RunSummary["trigger"] = { kind: "cli" };
    if (i % 5 === 0) trigger = { kind: "schedule", schedule: "s", fireTime: startedAt };
    else if (i % 7 === 0) trigger = { kind: "manual" };
    if (trigger.kind !== "cli") {
      await w.queue.enqueue({ id, workflow, inputs: {}, trigger, enqueuedAt: startedAt });
      await w.queue.claim("w", { now: 0, leaseMs: 1 });
      await w.queue.complete(id, "w", { status: "done", runId: id });
    }
    w.store.begin({ id, workflow, inputs: {}, startedAt });
    const row = w.store.get(id)!;
    const { verbosity: _v, inputs: _i, steps: _s, ...summary } = row;
    expected.push({ ...summary, trigger });
  }
  for (let i = 0; i < 6; i++) {
    const id = `q${i}`;
    const enqueuedAt = new Date(BASE + (20 + i * 20) * 1000).toISOString();
    const trigger = { kind: "schedule" as const, schedule: "s", fireTime: enqueuedAt };
    await w.queue.enqueue({ id, workflow: "a", inputs: {}, trigger, enqueuedAt });
    expected.push({
      id,
      workflow: "a",
      status: "running",
      startedAt: enqueuedAt,
      stepsExecuted: 0,
      stepsSkipped: 0,
      trigger,
      queued: true,
    });
  }
  return expected.sort((x, y) =>
    x.startedAt !== y.startedAt ? (x.startedAt < y.startedAt ? 1 : -1) : x.id < y.id ? 1 : -1,
  );
}

describe("listRuns over a long history", () => {
  it("pages 500 history rows and queued runs correctly, reading the store in limited chunks", async () => {
    const w = fresh();
    const expected = await history(w);
    const { queue, lists, gets } = counting(w.queue);
    const service = w.service({ queue });
    const list = vi.spyOn(w.store, "list");
    for (const query of [
      { limit: 37 },
      { limit: 4 },
      { limit: 200 },
      { limit: 10, schedule: "s" },
      { limit: 9, workflow: "a" },
      { limit: 25, until: expected[100]!.startedAt, since: expected[300]!.startedAt },
    ]) {
      const want = expected.filter(
        (run) =>
          (query.schedule === undefined ||
            (run.trigger.kind === "schedule" && run.trigger.schedule === query.schedule)) &&
          (query.workflow === undefined || run.workflow === query.workflow) &&
          (query.until === undefined || run.startedAt <= query.until) &&
          (query.since === undefined || run.startedAt >= query.since),
      );
      const got: RunSummary[] = [];
      let cursor: string | undefined;
      do {
        gets.length = 0;
        const page = await service.listRuns({ ...query, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(query.limit);
        // Without a schedule filter, triggers are looked up for the page's rows only.
        if (query.schedule === undefined)
          expect(gets.length).toBeLessThanOrEqual(page.items.length);
        got.push(...page.items);
        cursor = page.next;
      } while (cursor !== undefined);
      expect(got).toEqual(want);
    }
    expect(list.mock.calls.every(([filter]) => filter?.limit !== undefined)).toBe(true);
    expect(lists.every((filter) => filter.status === "queued")).toBe(true);
  });

  it("reads no more of the history than a first page needs", async () => {
    const w = fresh();
    await history(w);
    const service = w.service();
    const list = vi.spyOn(w.store, "list");
    await service.listRuns({ limit: 10 });
    const read = list.mock.results.reduce(
      (sum, result) => sum + (result.value as unknown[]).length,
      0,
    );
    expect(read).toBeLessThan(50);
  });
});
