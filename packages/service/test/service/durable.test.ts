// createService durable runs: crashes and lost leases resume from checkpoints, approvals, deadlines, stop.
import { afterEach, describe, expect, it } from "vitest";
import { MAX_DECISION_NOTE, type RunQueue, type ServiceProblem } from "@skillflow/service";
import { approvalWorkflow, codeOf, THREE, until, world, type World } from "./_harness.js";

const worlds: World[] = [];
function fresh(documents?: Record<string, string>): World {
  const w = world(documents);
  worlds.push(w);
  return w;
}
afterEach(async () => {
  for (const w of worlds.splice(0)) for (const s of w.services) await s.stop({ now: true });
});

const counts = (w: World): number[] => ["a", "b", "c"].map((name) => w.tools.count(name));

describe("createService durable runs", () => {
  it("resumes a run whose service stopped at once mid-step: no completed step runs twice", async () => {
    const w = fresh();
    const first = w.service();
    const release = w.tools.hold("b");
    const { runId } = await first.startRun({ workflow: "three" });
    await first.start();
    await until(() => w.tools.count("b") === 1);
    await first.stop({ now: true });
    // Released, not finished: the job is claimable again and the record resumable.
    expect(await w.queue.get(runId)).toMatchObject({ status: "queued" });
    expect(w.store.get(runId)?.status).toBe("interrupted");
    expect(w.store.checkpoint(runId)?.records.map((r) => r.id)).toEqual(["a"]);
    expect(await codeOf(first.startRun({ workflow: "three" }))).toBe("SERVICE_STOPPED");
    expect(await codeOf(first.listRuns())).toBe("SERVICE_STOPPED");

    const second = w.service();
    await second.start();
    await second.idle();
    release(); // the first service's abandoned call ends now; nothing of it is recorded
    await until(() => w.tools.inFlight === 0);
    expect(counts(w)).toEqual([1, 2, 1]);
    const run = await second.getRun(runId);
    expect(run.status).toBe("success");
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([
      ["a", "success"],
      ["b", "success"],
      ["c", "success"],
    ]);
    expect(await w.queue.get(runId)).toMatchObject({ status: "done", attempts: 2 });
  });

  it("aborts a run whose heartbeat is refused; another worker resumes it once the lease lapses", async () => {
    const w = fresh();
    const problems: ServiceProblem[] = [];
    // The first worker's queue refuses its heartbeats and later claims (as after a partition).
    const q = w.queue;
    let claims = 0;
    const partitioned: RunQueue = {
      enqueue: (spec) => q.enqueue(spec),
      claim: async (worker, options) => (claims++ === 0 ? q.claim(worker, options) : undefined),
      heartbeat: async () => false,
      complete: (id, worker, outcome) => q.complete(id, worker, outcome),
      release: (id, worker, to) => q.release(id, worker, to),
      requeue: (id) => q.requeue(id),
      reopen: (id) => q.reopen(id),
      cancel: (id) => q.cancel(id),
      expired: (now) => q.expired(now),
      get: (id) => q.get(id),
      count: (filter) => q.count(filter),
      list: (filter) => q.list(filter),
      prune: (options) => q.prune(options),
      close: () => q.close(),
    };
    const first = w.service({ queue: partitioned, onProblem: (p) => problems.push(p) });
    const release = w.tools.hold("b");
    const { runId } = await first.startRun({ workflow: "three" });
    await first.start();
    await until(() => w.tools.count("b") === 1);
    await w.clock.advance(10_000); // the first heartbeat, refused
    expect(problems.map((p) => [p.code, p.runId])).toEqual([["LEASE_LOST", runId]]);
    release();
    await until(() => w.tools.inFlight === 0);
    expect(w.tools.count("c")).toBe(0);
    expect(w.store.get(runId)?.status).toBe("running");

    const second = w.service();
    await second.start();
    await w.clock.advance(30_000); // the lease lapses; the second worker polls and claims it
    await until(() => w.store.get(runId)?.status === "success");
    expect(counts(w)).toEqual([1, 2, 1]);
    expect(await w.queue.get(runId)).toMatchObject({ status: "done", workerId: "worker-2" });
  });

  it("parks running runs at their next checkpoint on stop; the next service finishes them", async () => {
    const w = fresh();
    const first = w.service();
    const release = w.tools.hold("a");
    const { runId } = await first.startRun({ workflow: "three" });
    await first.start();
    await until(() => w.tools.count("a") === 1);
    let stopped = false;
    const stopping = first.stop().then(() => (stopped = true));
    await until(async () => codeOf(first.listRuns()).then((code) => code === "SERVICE_STOPPED"));
    expect(stopped).toBe(false); // waits for the step in flight
    release();
    await stopping;
    expect(counts(w)).toEqual([1, 0, 0]);
    expect(w.store.get(runId)?.status).toBe("interrupted");
    expect(w.store.checkpoint(runId)?.records.map((r) => r.id)).toEqual(["a"]);
    expect(await w.queue.get(runId)).toMatchObject({ status: "queued" });

    const second = w.service();
    await second.start();
    await second.idle();
    expect(counts(w)).toEqual([1, 1, 1]);
    expect(w.store.get(runId)).toMatchObject({ status: "success", stepsExecuted: 3 });
  });

  it("takes a grace of 0 (service.graceSeconds: 0): stop gives running runs back at once", async () => {
    const w = fresh();
    const first = w.service({ graceMs: 0 });
    const release = w.tools.hold("a");
    const { runId } = await first.startRun({ workflow: "three" });
    await first.start();
    await until(() => w.tools.count("a") === 1);
    await first.stop(); // does not wait for the step in flight
    release();
    expect(w.store.get(runId)?.status).toBe("interrupted");
    expect(await w.queue.get(runId)).toMatchObject({ status: "queued" });
  });

  it("refuses a negative or non-finite grace, and a lease or poll of 0, with INVALID_OPTION", () => {
    const w = fresh();
    for (const extra of [{ graceMs: -1 }, { graceMs: Number.NaN }, { leaseMs: 0 }, { pollMs: 0 }])
      expect(() => w.service(extra)).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
  });

  it("stop({ now: true }) during a graceful stop ends it at once (a second signal)", async () => {
    const w = fresh();
    const first = w.service();
    const release = w.tools.hold("b");
    const { runId } = await first.startRun({ workflow: "three" });
    await first.start();
    await until(() => w.tools.count("b") === 1);
    let graceful = false;
    const stopping = first.stop().then(() => (graceful = true));
    await until(async () => codeOf(first.listRuns()).then((code) => code === "SERVICE_STOPPED"));
    // The step is still held and the grace period (virtual clock) never passes: only `now` ends it.
    await first.stop({ now: true });
    await stopping;
    expect(graceful).toBe(true);
    expect(w.store.get(runId)?.status).toBe("interrupted");
    expect(await w.queue.get(runId)).toMatchObject({ status: "queued" });
    release();

    const second = w.service();
    await second.start();
    await second.idle();
    await until(() => w.tools.inFlight === 0);
    expect(counts(w)).toEqual([1, 2, 1]);
    expect(w.store.get(runId)?.status).toBe("success");
  });

  it("resumes an interrupted run on request, and refuses runs that are not interrupted", async () => {
    const w = fresh();
    const first = w.service();
    const { runId } = await first.startRun({ workflow: "three" });
    const release = w.tools.hold("b");
    await first.start();
    await until(() => w.tools.count("b") === 1);
    await first.stop({ now: true });
    release();
    // Its job failed meanwhile (e.g. given up on): resumeRun brings it back.
    const job = await w.queue.claim("other", { now: w.clock.now(), leaseMs: 1000 });
    await w.queue.complete(job!.id, "other", { status: "failed", error: "gave up" });
    const second = w.service();
    expect(await second.resumeRun(runId)).toEqual({ runId, status: "queued" });
    await second.start();
    await second.idle();
    expect(w.store.get(runId)?.status).toBe("success");
    expect(counts(w)).toEqual([1, 2, 1]);
    expect(await codeOf(second.resumeRun(runId))).toBe("NOT_RESUMABLE");
  });

  it("keeps a decision's note with the run, redacted, and never gives it to the workflow", async () => {
    const w = fresh({ approve: approvalWorkflow() });
    const service = w.service({ secrets: ["hunter2-secret"] });
    await service.start();
    const { runId } = await service.startRun({ workflow: "approve" });
    await service.idle();
    expect(
      await codeOf(service.decide(runId, "confirm", { approved: true, note: 7 } as never)),
    ).toBe("INVALID_DECISION");
    const long = "x".repeat(MAX_DECISION_NOTE + 1);
    expect(await codeOf(service.decide(runId, "confirm", { approved: true, note: long }))).toBe(
      "INVALID_DECISION",
    );
    expect((await service.getRun(runId)).decisions).toEqual([]);
    await service.decide(runId, "confirm", {
      approved: false,
      by: "ann",
      note: "checked with hunter2-secret: not today",
    });
    await service.idle();
    const run = await service.getRun(runId);
    expect(run.status).toBe("success");
    expect(run.outputs).toMatchObject({ approved: false, timed_out: false });
    expect(JSON.stringify(run.steps)).not.toContain("not today");
    expect(run.decisions).toEqual([
      {
        key: "confirm",
        approved: false,
        by: "ann",
        note: "checked with [REDACTED]: not today",
        at: new Date(w.clock.now()).toISOString(),
      },
    ]);
  });

  it("waits for an approval without holding a slot, then finishes once decided", async () => {
    const w = fresh({ approve: approvalWorkflow(), three: THREE });
    const service = w.service({ limits: { global: 1 } });
    await service.start();
    const { runId } = await service.startRun({ workflow: "approve" });
    await service.idle();
    expect(w.store.get(runId)?.status).toBe("waiting");
    expect(await w.queue.get(runId)).toMatchObject({ status: "waiting" });
    expect(await service.listApprovals()).toEqual([
      expect.objectContaining({ runId, workflow: "approve", key: "confirm", expired: false }),
    ]);
    // The only slot is free: another run goes through meanwhile.
    const other = await service.startRun({ workflow: "three" });
    await service.idle();
    expect(w.store.get(other.runId)?.status).toBe("success");

    expect(await codeOf(service.decide(runId, "nope", { approved: true }))).toBe(
      "UNKNOWN_APPROVAL",
    );
    expect(await codeOf(service.decide(other.runId, "confirm", { approved: true }))).toBe(
      "NOT_WAITING",
    );
    expect(await codeOf(service.decide("missing", "confirm", { approved: true }))).toBe(
      "UNKNOWN_RUN",
    );
    expect(await codeOf(service.decide(runId, "confirm", { approved: "yes" } as never))).toBe(
      "INVALID_DECISION",
    );
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) deep = { next: deep };
    expect(await codeOf(service.decide(runId, "confirm", { approved: true, response: deep }))).toBe(
      "INVALID_DECISION",
    );
    expect(await service.decide(runId, "confirm", { approved: true, by: "ann" })).toEqual({
      runId,
      status: "queued",
    });
    await service.idle();
    expect(w.store.get(runId)).toMatchObject({
      status: "success",
      outputs: { approved: true, timed_out: false },
    });
    expect(w.tools.count("draft")).toBe(1);
    expect(w.tools.count("send")).toBe(1);
    expect(w.state.decided.has(runId)).toBe(false);
    expect(await service.listApprovals()).toEqual([]);
  });

  it("applies on_timeout when an approval's deadline passes, waking at the deadline", async () => {
    const w = fresh({ approve: approvalWorkflow("\n    timeout: 1h\n    on_timeout: approve") });
    const service = w.service({ pollMs: 600_000 });
    await service.start();
    const { runId } = await service.startRun({ workflow: "approve" });
    await service.idle();
    expect(w.store.get(runId)?.status).toBe("waiting");
    await w.clock.advance(3_599_000);
    expect(w.store.get(runId)?.status).toBe("waiting");
    expect((await service.listApprovals())[0]?.expired).toBe(false);
    await w.clock.advance(1_000);
    await until(() => w.store.get(runId)?.status === "success");
    expect(w.store.get(runId)?.outputs).toEqual({ approved: true, timed_out: true });
    expect(w.tools.count("send")).toBe(1);
  });

  it("finds deadlines of runs that were waiting before it started", async () => {
    const w = fresh({ approve: approvalWorkflow("\n    timeout: 1m") });
    const first = w.service();
    await first.start();
    const { runId } = await first.startRun({ workflow: "approve" });
    await first.idle();
    await first.stop();
    const second = w.service();
    await second.start();
    await w.clock.advance(60_000);
    await until(() => w.store.get(runId)?.status === "success");
    // on_timeout defaults to reject: the send step is skipped.
    expect(w.store.get(runId)?.outputs).toEqual({ approved: false, timed_out: true });
    expect(w.tools.count("send")).toBe(0);
  });
});
