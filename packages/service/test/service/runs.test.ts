// createService: runs recorded with their steps, limits, events, cancel, rerun and run lists.
import { afterEach, describe, expect, it } from "vitest";
import type { ServiceEvent } from "@skillflow/service";
import {
  approvalWorkflow,
  codeOf,
  settle,
  skill,
  THREE,
  until,
  world,
  type World,
} from "./_harness.js";

const worlds: World[] = [];
function fresh(documents?: Record<string, string>): World {
  const w = world(documents);
  worlds.push(w);
  return w;
}
const counts = (w: World): number[] => ["a", "b", "c"].map((name) => w.tools.count(name));
afterEach(async () => {
  for (const w of worlds.splice(0)) for (const s of w.services) await s.stop({ now: true });
});

describe("createService runs", () => {
  it("idle lists the queue a fixed number of times however many runs it waits for", async () => {
    const w = fresh();
    let lists = 0;
    const queue = w.queue;
    const counted = new Proxy(queue, {
      get(target, key, receiver) {
        if (key === "list")
          return (...args: Parameters<typeof queue.list>) => (lists++, queue.list(...args));
        const value: unknown = Reflect.get(target, key, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const service = w.service({ queue: counted, limits: { global: 1 } });
    for (let i = 0; i < 30; i++) await service.startRun({ workflow: "three" });
    lists = 0; // each start looks at the workflow's queued runs once (maxQueued); idle is measured
    await service.start();
    await service.idle();
    const listsByIdle = lists;
    expect(w.tools.count("c")).toBe(30);
    expect((await service.listRuns({ status: "success", limit: 50 })).items).toHaveLength(30);
    // Queued, lapsed and leased once when it resolves, plus at most one look before the worker starts.
    expect(listsByIdle).toBeLessThanOrEqual(6);
  });

  it("runs a queued workflow to success, recorded in the store with its steps, trigger and events", async () => {
    const w = fresh();
    const service = w.service();
    const events: ServiceEvent[] = [];
    service.subscribe((event) => events.push(event));
    const ref = await service.startRun({ workflow: "three", inputs: { who: "ann" } });
    expect(ref).toEqual({ runId: "run-001", status: "queued" });
    await service.start();
    await service.idle();
    const run = await service.getRun(ref.runId);
    expect(run).toMatchObject({
      id: "run-001",
      workflow: "three",
      status: "success",
      source: "/wf/three/SKILL.md",
      inputs: { who: "ann" },
      outputs: { last: "c" },
      trigger: { kind: "manual" },
      notifications: [],
    });
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([
      ["a", "success"],
      ["b", "success"],
      ["c", "success"],
    ]);
    expect(await w.queue.get("run-001")).toMatchObject({ status: "done" });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({ kind: "run_queued", runId: "run-001", workflow: "three" });
    expect(events.at(-1)).toMatchObject({ kind: "run_finished", status: "success" });
    expect(events.filter((e) => e.kind === "run_event").length).toBeGreaterThan(3);
  });

  it("gives previous_run the last run of the workflow started by a path (its recorded name)", async () => {
    const doc = skill(
      "ticker",
      `outputs:
  before: { type: object, value: $steps.prev.output }
steps:
  - id: prev
    type: tool
    tool: previous_run
    outputs:
      found: { type: boolean }`,
    );
    const w = fresh({ "flows/ticker.md": doc });
    const service = w.service();
    await service.start();
    const first = await service.startRun({ workflow: "flows/ticker.md" });
    await service.idle();
    await service.startRun({ workflow: "flows/ticker.md" });
    await service.idle();
    const [second] = w.store.list({ limit: 1 });
    expect(w.store.get(second!.id)?.outputs).toMatchObject({
      before: { found: true, run_id: first.runId },
    });
  });

  it("refuses a run of a workflow with maxQueued runs waiting already (QUEUE_FULL), until they ran", async () => {
    const w = fresh();
    const service = w.service({ maxQueued: 2 });
    await service.startRun({ workflow: "three" });
    await service.startRun({ workflow: "three" });
    expect(await codeOf(service.startRun({ workflow: "three" }))).toBe("QUEUE_FULL");
    expect(w.store.list()).toHaveLength(0);
    await service.start();
    await service.idle();
    expect(await service.startRun({ workflow: "three" })).toMatchObject({ status: "queued" });
    expect(() => w.service({ maxQueued: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION" }),
    );
  });

  it("refuses an unknown workflow at start with UNKNOWN_WORKFLOW, and unknown runs with UNKNOWN_RUN", async () => {
    const w = fresh();
    const service = w.service();
    expect(await codeOf(service.startRun({ workflow: "nope" }))).toBe("UNKNOWN_WORKFLOW");
    expect(await w.queue.list()).toEqual([]);
    expect(await codeOf(service.getRun("missing"))).toBe("UNKNOWN_RUN");
    expect(await codeOf(service.cancelRun("missing"))).toBe("UNKNOWN_RUN");
    expect(await codeOf(service.rerun("missing"))).toBe("UNKNOWN_RUN");
    expect(await codeOf(service.resumeRun("missing"))).toBe("UNKNOWN_RUN");
  });

  it("refuses inputs nested deeper than MAX_VALUE_DEPTH by every way in, as INVALID_INPUTS", async () => {
    const nest = (depth: number): unknown => {
      let value: unknown = "leaf";
      for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { v: value };
      return value;
    };
    const w = fresh();
    const service = w.service();
    // 5,000 levels overflowed the SQLite queue's serializer: an INTERNAL 500 over HTTP.
    for (const depth of [65, 5000]) {
      const inputs = { who: nest(depth) };
      expect(await codeOf(service.startRun({ workflow: "three", inputs }))).toBe("INVALID_INPUTS");
    }
    const ok = await service.startRun({ workflow: "three", inputs: { who: nest(63) } });
    expect(await codeOf(service.rerun(ok.runId, { inputs: { who: nest(5000) } }))).toBe(
      "INVALID_INPUTS",
    );
    expect((await w.queue.list()).length).toBe(1);
  });

  it("holds the global and per-workflow limits", async () => {
    const w = fresh({ three: THREE, other: THREE.replace("name: three", "name: other") });
    const service = w.service({ limits: { global: 2, perWorkflow: 1 } });
    const open = [w.tools.hold("a"), w.tools.hold("a"), w.tools.hold("a")];
    void open;
    for (const workflow of ["three", "three", "other", "other"])
      await service.startRun({ workflow });
    await service.start();
    await until(() => w.tools.inFlight === 2);
    await settle();
    const leased = await w.queue.list({ status: "leased" });
    expect(leased.map((j) => j.workflow).sort()).toEqual(["other", "three"]);
    expect(w.tools.inFlight).toBe(2);
    // Release the held calls: everything runs, never more than two at a time.
    for (const release of open) release();
    await service.idle();
    const rows = await service.listRuns();
    expect(rows.items.map((r) => r.status)).toEqual(["success", "success", "success", "success"]);
    expect(w.tools.maxInFlight).toBe(2);
  });

  it("cancels a queued, a running and a waiting run, not a finished one", async () => {
    const w = fresh({ three: THREE, approve: approvalWorkflow() });
    const service = w.service();
    const queued = await service.startRun({ workflow: "three" });
    expect(await service.cancelRun(queued.runId)).toEqual({
      runId: queued.runId,
      status: "cancelled",
    });
    expect((await service.getRun(queued.runId)).status).toBe("cancelled");
    expect(await w.queue.get(queued.runId)).toMatchObject({ status: "cancelled" });

    const release = w.tools.hold("b");
    const running = await service.startRun({ workflow: "three" });
    const waiting = await service.startRun({ workflow: "approve" });
    await service.start();
    await until(() => w.tools.count("b") === 1);
    await until(async () => w.store.get(waiting.runId)?.status === "waiting");
    expect(await service.cancelRun(running.runId)).toMatchObject({ status: "cancelled" });
    release();
    await service.idle();
    expect(w.store.get(running.runId)?.status).toBe("cancelled");
    expect(w.tools.count("c")).toBe(0);

    expect(await service.cancelRun(waiting.runId)).toMatchObject({ status: "cancelled" });
    expect(w.store.get(waiting.runId)).toMatchObject({ status: "cancelled" });
    expect(await w.queue.get(waiting.runId)).toMatchObject({ status: "cancelled" });
    expect(await service.listApprovals()).toEqual([]);
    expect(await codeOf(service.cancelRun(waiting.runId))).toBe("NOT_CANCELLABLE");
    expect(await codeOf(service.decide(waiting.runId, "confirm", { approved: true }))).toBe(
      "NOT_WAITING",
    );
  });

  it("reruns with the same inputs or new ones, recording what it reran", async () => {
    const w = fresh();
    const service = w.service();
    await service.start();
    const first = await service.startRun({ workflow: "three", inputs: { who: "ann" } });
    await service.idle();
    const same = await service.rerun(first.runId, { by: "bob" });
    const other = await service.rerun(first.runId, { inputs: { who: "cy" } });
    await service.idle();
    expect(await service.getRun(same.runId)).toMatchObject({
      status: "success",
      inputs: { who: "ann" },
      trigger: { kind: "rerun", of: first.runId, by: "bob" },
    });
    expect(await service.getRun(other.runId)).toMatchObject({
      status: "success",
      inputs: { who: "cy" },
      trigger: { kind: "rerun", of: first.runId },
    });
  });

  it("lists runs newest first in pages whose cursor is stable as new runs arrive", async () => {
    const w = fresh();
    const service = w.service();
    await service.start();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await service.startRun({ workflow: "three" })).runId);
      await service.idle();
      await w.clock.advance(1_000);
    }
    const first = await service.listRuns({ limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    expect(first.next).toBeDefined();
    // A run arriving between pages shows on a new first page, never shifts the next one.
    const late = await service.startRun({ workflow: "three" });
    await service.idle();
    const second = await service.listRuns({ limit: 2, cursor: first.next! });
    expect(second.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const third = await service.listRuns({ limit: 2, cursor: second.next! });
    expect(third.items.map((r) => r.id)).toEqual([ids[0]]);
    expect(third.next).toBeUndefined();
    expect((await service.listRuns()).items[0]?.id).toBe(late.runId);
    for (const limit of [0, 201, 1.5])
      expect(await codeOf(service.listRuns({ limit }))).toBe("INVALID_QUERY");
    expect(await codeOf(service.listRuns({ cursor: "not-a-cursor" }))).toBe("INVALID_QUERY");
  });

  it("lists queued runs not begun yet, and filters by status and workflow", async () => {
    const w = fresh();
    const service = w.service();
    await service.start();
    const done = await service.startRun({ workflow: "three" });
    await service.idle();
    await service.stop();
    const waiting = w.service();
    await w.clock.advance(1_000);
    const queued = await waiting.startRun({ workflow: "three" });
    const all = await waiting.listRuns();
    expect(all.items.map((r) => [r.id, r.queued ?? false])).toEqual([
      [queued.runId, true],
      [done.runId, false],
    ]);
    expect((await waiting.listRuns({ status: "queued" })).items.map((r) => r.id)).toEqual([
      queued.runId,
    ]);
    expect((await waiting.listRuns({ status: "success" })).items.map((r) => r.id)).toEqual([
      done.runId,
    ]);
    expect((await waiting.listRuns({ workflow: "other" })).items).toEqual([]);
    expect(await waiting.getRun(queued.runId)).toMatchObject({ queued: true, steps: [] });
  });

  it("keeps secrets out of the history: inputs, records and checkpoints", async () => {
    const w = fresh({ approve: approvalWorkflow() });
    const service = w.service({ secrets: ["s3cret"] });
    await service.start();
    const { runId } = await service.startRun({ workflow: "approve", inputs: { who: "s3cret" } });
    await service.idle();
    expect(w.store.get(runId)?.status).toBe("waiting");
    expect(JSON.stringify(w.store.get(runId))).not.toContain("s3cret");
    expect(JSON.stringify(w.store.checkpoint(runId))).not.toContain("s3cret");
    expect(w.store.checkpoint(runId)?.inputs).toEqual({ who: "[REDACTED]" });
  });

  it("records a run whose workflow is gone by the time it runs as failed", async () => {
    const w = fresh();
    const service = w.service();
    const { runId } = await service.startRun({ workflow: "three" });
    delete w.documents["three"];
    await service.start();
    await service.idle();
    expect(await service.getRun(runId)).toMatchObject({
      status: "failed",
      error: { message: "no workflow three" },
    });
    expect(w.tools.calls.size).toBe(0);
  });

  it("completes a job whose run the history has finished already, without running it again", async () => {
    const w = fresh();
    const service = w.service();
    await service.start();
    const { runId } = await service.startRun({ workflow: "three" });
    await service.idle();
    // As if the worker stopped between recording the end and completing the job.
    expect(await w.queue.reopen(runId)).toBe(true);
    await service.rerun(runId);
    await service.idle();
    expect(await w.queue.get(runId)).toMatchObject({ status: "done", attempts: 2 });
    expect(counts(w)).toEqual([2, 2, 2]);
  });

  it("stops sending events to a listener that unsubscribed", async () => {
    const w = fresh();
    const service = w.service();
    const seen: number[] = [];
    const unsubscribe = service.subscribe((event) => seen.push(event.seq));
    await service.startRun({ workflow: "three" });
    unsubscribe();
    await service.startRun({ workflow: "three" });
    expect(seen).toEqual([1]);
  });
});
