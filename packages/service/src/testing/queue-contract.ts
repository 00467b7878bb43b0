// The shared RunQueue contract suite: every queue (memory, SQLite, a future distributed one) runs these checks.
import { afterEach, describe, expect, it } from "vitest";
import { ServiceError } from "../errors.js";
import type { ClaimOptions, JobSpec, QueueClockOptions, RunQueue } from "../queue/queue.js";

/** Creates a fresh, empty queue (a new file, a new instance) with the given clock. */
export type RunQueueFactory = (options: QueueClockOptions) => RunQueue | Promise<RunQueue>;

/** A job of workflow `workflow` with id `id`. */
function job(id: string, workflow = "wf", extra: Partial<JobSpec> = {}): JobSpec {
  return { id, workflow, inputs: { n: id }, ...extra };
}

const LEASE = 1000;
const at = (now: number, limits: ClaimOptions["limits"] = {}): ClaimOptions => ({
  now,
  leaseMs: LEASE,
  limits,
});

/** Claims until nothing is claimable; the ids in claim order. */
async function drain(queue: RunQueue, worker: string, options: ClaimOptions): Promise<string[]> {
  const ids: string[] = [];
  for (let j = await queue.claim(worker, options); j; j = await queue.claim(worker, options))
    ids.push(j.id);
  return ids;
}

async function codeOf(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return error instanceof ServiceError ? error.code : "not a ServiceError";
  }
  return undefined;
}

/**
 * Registers the RunQueue contract: FIFO order, dedupe, global and per-workflow limits, leases that
 * expire (and `expired`), heartbeats, lost leases, waiting jobs outside the limits, requeue, cancel,
 * list (filtered, newest first, limited) and get, prune, and coded refusals.
 */
export function describeRunQueueContract(name: string, factory: RunQueueFactory): void {
  describe(`RunQueue contract: ${name}`, () => {
    const open: RunQueue[] = [];
    // The queue's clock: `prune` compares the times it stamps with this.
    let time = 0;
    async function make(...specs: JobSpec[]): Promise<RunQueue> {
      time = 0;
      const queue = await factory({ now: () => time });
      open.push(queue);
      for (const spec of specs) await queue.enqueue(spec);
      return queue;
    }
    afterEach(async () => {
      for (const queue of open.splice(0)) await queue.close();
    });

    it("enqueues jobs as queued and claims them oldest first", async () => {
      const queue = await make(job("a"), job("b", "other"), job("c"));
      expect(await queue.get("b")).toEqual({ ...job("b", "other"), status: "queued", attempts: 0 });
      const first = await queue.claim("w1", at(0));
      expect(first).toEqual({
        ...job("a"),
        status: "leased",
        attempts: 1,
        workerId: "w1",
        leaseUntil: LEASE,
      });
      expect(await drain(queue, "w1", at(0))).toEqual(["b", "c"]);
      expect(await queue.claim("w1", at(0))).toBeUndefined();
      expect(await queue.get("missing")).toBeUndefined();
    });

    it("keeps schedule and fire time, and enqueues a dedupe key once, whatever its status", async () => {
      const queue = await make();
      const spec = job("s1", "wf", { schedule: "daily", fireTime: "2030-01-01T00:00:00.000Z" });
      const keyed = { ...spec, dedupeKey: "daily@2030-01-01T00:00:00.000Z" };
      expect(await queue.enqueue(keyed)).toEqual({
        job: { ...keyed, status: "queued", attempts: 0 },
        created: true,
      });
      const again = await queue.enqueue({ ...keyed, id: "s2" });
      expect(again).toMatchObject({ job: { id: "s1" }, created: false });
      expect(await queue.get("s2")).toBeUndefined();
      await queue.claim("w", at(0));
      expect(await queue.complete("s1", "w", { status: "done", runId: "r1" })).toBe(true);
      expect(await queue.enqueue({ ...keyed, id: "s3" })).toMatchObject({
        job: { id: "s1", status: "done", outcome: { status: "done", runId: "r1" } },
        created: false,
      });
      await queue.enqueue(job("c1", "wf", { dedupeKey: "k" }));
      await queue.cancel("c1");
      expect((await queue.enqueue(job("c2", "wf", { dedupeKey: "k" }))).created).toBe(false);
      expect((await queue.list()).map((j) => j.id)).toEqual(["s1", "c1"]);
    });

    it("keeps a job's trigger, and reopens finished jobs (not unfinished ones) at their place", async () => {
      const trigger = { kind: "rerun" as const, of: "r0", by: "ann" };
      const enqueuedAt = "2030-01-01T00:00:00.000Z";
      const queue = await make(job("a", "wf", { trigger, enqueuedAt }), job("b"), job("c"));
      expect(await queue.get("a")).toMatchObject({ trigger, enqueuedAt });
      expect(await queue.claim("w", at(0))).toMatchObject({ id: "a", trigger });
      await queue.complete("a", "w", { status: "failed", error: "boom" });
      await queue.cancel("b");
      expect(await queue.reopen("c")).toBe(false);
      expect(await queue.reopen("missing")).toBe(false);
      expect(await queue.reopen("a")).toBe(true);
      expect(await queue.reopen("a")).toBe(false);
      expect(await queue.reopen("b")).toBe(true);
      const reopened = await queue.get("a");
      expect(reopened).toMatchObject({ status: "queued", attempts: 1, trigger });
      expect(reopened?.outcome).toBeUndefined();
      expect(await drain(queue, "w", at(0))).toEqual(["a", "b", "c"]);
    });

    it("refuses a second job with the same id, and bad arguments, with codes", async () => {
      const queue = await make(job("a"));
      expect(await codeOf(() => queue.enqueue(job("a", "other")))).toBe("QUEUE_DUPLICATE_ID");
      expect(await codeOf(() => queue.enqueue(job("")))).toBe("QUEUE_INVALID");
      expect(await codeOf(() => queue.enqueue(job("x", "")))).toBe("QUEUE_INVALID");
      expect(await codeOf(() => queue.claim("", at(0)))).toBe("QUEUE_INVALID");
      expect(await codeOf(() => queue.claim("w", { now: 0, leaseMs: 0 }))).toBe("QUEUE_INVALID");
      expect(await codeOf(() => queue.claim("w", at(0, { global: 0 })))).toBe("QUEUE_INVALID");
      expect(await codeOf(() => queue.claim("w", at(0, { perWorkflow: 1.5 })))).toBe(
        "QUEUE_INVALID",
      );
      expect(await codeOf(() => queue.heartbeat("a", "w", Number.NaN, LEASE))).toBe(
        "QUEUE_INVALID",
      );
      expect((await queue.list()).map((j) => [j.id, j.status])).toEqual([["a", "queued"]]);
    });

    it("holds the global limit, counting leases that have not expired", async () => {
      const queue = await make(job("a"), job("b", "x"), job("c", "y"), job("d", "z"));
      expect(await drain(queue, "w", at(0, { global: 2 }))).toEqual(["a", "b"]);
      expect(await queue.complete("a", "w", { status: "done" })).toBe(true);
      expect(await drain(queue, "w", at(10, { global: 2 }))).toEqual(["c"]);
      // b expires at 1000, c at 1010: b's slot is free again (and b itself), c's not yet.
      expect(await drain(queue, "w2", at(LEASE, { global: 2 }))).toEqual(["b"]);
      expect(await drain(queue, "w2", at(LEASE + 10, { global: 3 }))).toEqual(["c", "d"]);
    });

    it("holds the per-workflow limit and skips to the next workflow in order", async () => {
      const queue = await make(job("a1", "a"), job("a2", "a"), job("b1", "b"), job("a3", "a"));
      expect(await drain(queue, "w", at(0, { perWorkflow: 1 }))).toEqual(["a1", "b1"]);
      await queue.complete("a1", "w", { status: "failed", error: "boom" });
      expect(await queue.get("a1")).toMatchObject({ status: "failed", outcome: { error: "boom" } });
      expect(await drain(queue, "w", at(0, { perWorkflow: 2, global: 3 }))).toEqual(["a2", "a3"]);
    });

    it("makes an expired lease claimable again by another worker, and lists it as expired", async () => {
      const queue = await make(job("a"), job("b"));
      await queue.claim("w1", at(0));
      expect(await queue.expired(LEASE - 1)).toEqual([]);
      expect(await queue.claim("w2", at(LEASE - 1, { global: 1 }))).toBeUndefined();
      expect((await queue.expired(LEASE)).map((j) => [j.id, j.workerId])).toEqual([["a", "w1"]]);
      const again = await queue.claim("w2", at(LEASE, { global: 1 }));
      expect(again).toMatchObject({ id: "a", workerId: "w2", attempts: 2, leaseUntil: 2 * LEASE });
      expect(await queue.expired(LEASE)).toEqual([]);
      expect(await queue.heartbeat("a", "w1", LEASE, LEASE)).toBe(false);
      expect(await queue.complete("a", "w1", { status: "done" })).toBe(false);
      expect(await queue.release("a", "w1", "queued")).toBe(false);
      expect(await queue.get("a")).toMatchObject({ status: "leased", workerId: "w2" });
      expect(await queue.complete("a", "w2", { status: "done" })).toBe(true);
    });

    it("keeps a lease alive with heartbeats, and a lapsed one nobody took", async () => {
      const queue = await make(job("a"));
      await queue.claim("w1", at(0));
      for (const now of [900, 1800, 2700])
        expect(await queue.heartbeat("a", "w1", now, LEASE)).toBe(true);
      expect((await queue.get("a"))?.leaseUntil).toBe(3700);
      expect(await queue.expired(3699)).toEqual([]);
      expect(await queue.claim("w2", at(3699))).toBeUndefined();
      expect(await queue.heartbeat("a", "w2", 3699, LEASE)).toBe(false);
      expect(await queue.heartbeat("missing", "w1", 0, LEASE)).toBe(false);
      expect(await queue.heartbeat("a", "w1", 5000, LEASE)).toBe(true);
      expect(await queue.expired(5999)).toEqual([]);
    });

    it("does not count waiting jobs towards the limits, and requeues them at their place", async () => {
      const queue = await make(job("a"), job("b"), job("c"));
      const limits = { global: 1, perWorkflow: 1 };
      expect((await queue.claim("w", at(0, limits)))?.id).toBe("a");
      expect(await queue.release("a", "w", "waiting")).toBe(true);
      expect(await queue.get("a")).toMatchObject({ status: "waiting" });
      expect(await queue.expired(10 * LEASE)).toEqual([]);
      expect((await queue.claim("w", at(0, limits)))?.id).toBe("b");
      expect(await queue.complete("a", "w", { status: "done" })).toBe(false);
      expect(await queue.heartbeat("a", "w", 0, LEASE)).toBe(false);
      expect(await queue.release("a", "w", "queued")).toBe(false);
      expect(await queue.complete("missing", "w", { status: "done" })).toBe(false);
      expect(await queue.requeue("b")).toBe(false);
      expect(await queue.requeue("a")).toBe(true);
      expect(await queue.requeue("a")).toBe(false);
      await queue.complete("b", "w", { status: "done" });
      expect(await queue.claim("w", at(0, limits))).toMatchObject({ id: "a", attempts: 2 });
      expect(await queue.release("a", "w", "queued")).toBe(true);
      expect(await drain(queue, "w", at(0))).toEqual(["a", "c"]);
    });

    it("cancels queued, waiting and leased jobs, not finished ones", async () => {
      const queue = await make(job("q"), job("l"), job("wt"), job("d"));
      await queue.claim("w", at(0));
      await queue.release("q", "w", "waiting");
      expect(await queue.cancel("q")).toBe(true);
      await drain(queue, "w", at(0));
      await queue.complete("d", "w", { status: "done" });
      expect(await queue.cancel("l")).toBe(true);
      expect(await queue.heartbeat("l", "w", 0, LEASE)).toBe(false);
      expect(await queue.complete("l", "w", { status: "done" })).toBe(false);
      expect(await queue.cancel("d")).toBe(false);
      expect(await queue.cancel("l")).toBe(false);
      expect(await queue.cancel("missing")).toBe(false);
      expect(await queue.requeue("q")).toBe(false);
      expect((await queue.expired(10 * LEASE)).map((j) => j.id)).toEqual(["wt"]);
      expect((await queue.list({ status: "cancelled" })).map((j) => j.id)).toEqual(["q", "l"]);
      expect((await queue.claim("w", at(10 * LEASE)))?.id).toBe("wt");
      expect(await queue.claim("w", at(10 * LEASE))).toBeUndefined();
    });

    it("lists by status and workflow in queue order, and returns copies", async () => {
      const queue = await make(job("a", "x"), job("b", "y"), job("c", "x"));
      await queue.claim("w", at(0));
      expect((await queue.list()).map((j) => j.id)).toEqual(["a", "b", "c"]);
      expect((await queue.list({ workflow: "x" })).map((j) => j.id)).toEqual(["a", "c"]);
      expect((await queue.list({ status: "queued" })).map((j) => j.id)).toEqual(["b", "c"]);
      expect((await queue.list({ status: "queued", workflow: "x" })).map((j) => j.id)).toEqual([
        "c",
      ]);
      const copy = (await queue.get("b"))!;
      copy.status = "done";
      copy.inputs.n = "changed";
      expect(await queue.get("b")).toMatchObject({ status: "queued", inputs: { n: "b" } });
    });

    it("lists by several statuses, by schedule, newest first and limited", async () => {
      const queue = await make(
        job("a", "x", { schedule: "s1" }),
        job("b", "y", { schedule: "s2" }),
        job("c", "x", { schedule: "s1" }),
        job("d", "x"),
      );
      await queue.claim("w", at(0));
      await queue.claim("w", at(0));
      await queue.release("b", "w", "waiting");
      await queue.cancel("d");
      const ids = async (filter: Parameters<RunQueue["list"]>[0]) =>
        (await queue.list(filter)).map((j) => j.id);
      expect(await ids({ status: ["queued", "leased", "waiting"] })).toEqual(["a", "b", "c"]);
      expect(await ids({ status: ["cancelled", "queued"] })).toEqual(["c", "d"]);
      expect(await ids({ status: [] })).toEqual([]);
      expect(await ids({ schedule: "s1" })).toEqual(["a", "c"]);
      expect(await ids({ schedule: "s1", status: "leased" })).toEqual(["a"]);
      expect(await ids({ schedule: "none" })).toEqual([]);
      expect(await ids({ newestFirst: true })).toEqual(["d", "c", "b", "a"]);
      expect(await ids({ schedule: "s1", newestFirst: true, limit: 1 })).toEqual(["c"]);
      expect(await ids({ workflow: "x", limit: 2 })).toEqual(["a", "c"]);
      expect(await ids({ limit: 0 })).toEqual([]);
      expect(await codeOf(() => queue.list({ limit: -1 }))).toBe("QUEUE_INVALID");
      expect(await codeOf(() => queue.list({ limit: 1.5 }))).toBe("QUEUE_INVALID");
      // count: the same filters, without order or limit.
      expect(await queue.count()).toBe(4);
      expect(await queue.count({ status: ["queued", "leased", "waiting"] })).toBe(3);
      expect(await queue.count({ workflow: "x", status: "cancelled" })).toBe(1);
      expect(await queue.count({ schedule: "s1", limit: 1 })).toBe(2);
      expect(await queue.count({ status: [] })).toBe(0);
    });

    it("prunes the jobs that finished before the cutoff, never unfinished ones", async () => {
      const queue = await make(
        job("done", "wf", { dedupeKey: "k-done" }),
        job("failed"),
        job("late"),
        job("leased"),
        job("queued"),
        job("waiting"),
        job("cancelled", "wf", { dedupeKey: "k-cancelled" }),
        job("reopened"),
      );
      expect(await drain(queue, "w", at(0, { global: 4 }))).toEqual([
        "done",
        "failed",
        "late",
        "leased",
      ]);
      time = 100;
      await queue.complete("done", "w", { status: "done" });
      await queue.complete("failed", "w", { status: "failed", error: "boom" });
      await queue.cancel("cancelled");
      await queue.cancel("reopened");
      expect(await queue.claim("w", at(0))).toMatchObject({ id: "queued" });
      await queue.release("queued", "w", "waiting");
      await queue.requeue("queued");
      time = 200;
      await queue.complete("late", "w", { status: "done" });
      await queue.reopen("reopened");
      // Nothing finished before 100: the cutoff is exclusive.
      expect(await queue.prune({ finishedBefore: 100 })).toBe(0);
      expect(await queue.prune({ finishedBefore: 101 })).toBe(3);
      expect((await queue.list()).map((j) => [j.id, j.status])).toEqual([
        ["late", "done"],
        ["leased", "leased"],
        ["queued", "queued"],
        ["waiting", "queued"],
        ["reopened", "queued"],
      ]);
      expect(await queue.get("done")).toBeUndefined();
      // A pruned job's dedupe key is free again.
      expect((await queue.enqueue(job("again", "wf", { dedupeKey: "k-done" }))).created).toBe(true);
      expect(await queue.prune({ finishedBefore: 10_000 })).toBe(1);
      expect((await queue.list()).map((j) => j.id)).toEqual([
        "leased",
        "queued",
        "waiting",
        "reopened",
        "again",
      ]);
      expect(await codeOf(() => queue.prune({ finishedBefore: Number.NaN }))).toBe("QUEUE_INVALID");
    });
  });
}
