// The §13 part of the RunStore contract: checkpoints, waiting runs with pending approvals, resume.
import { expect, it } from "vitest";
import type { Checkpoint, StepRecord } from "@skillflow/workflow";
import type { RunStore, RunStoreOptions } from "../store.js";
import {
  testCheckpoint,
  testPendingApproval,
  testRunEvents,
  testRunLog,
  testRunStart,
  testWaitingLog,
} from "./fixtures.js";

type Make = (options?: RunStoreOptions) => Promise<RunStore>;

const codeOf = (code: string) => expect.objectContaining({ code });

/** A checkpoint holding every kind of JSON value, nested, and a sub-workflow's checkpoint. */
function richCheckpoint(runId: string, bytes: number): Checkpoint {
  const start = testRunStart(runId, { inputs: { big: "é".repeat(bytes), list: [1, null, true] } });
  const child = testCheckpoint(testRunStart(`${runId}/digests/0`), 1, bytes);
  return testCheckpoint(start, 3, bytes, {
    segment: 2,
    iterations: { digests: { "0": { ok: true, output: { deep: [{ x: "y".repeat(bytes) }] } } } },
    position: { path: ["branch", "digests"] },
    pending: [testPendingApproval()],
    children: { [child.runId]: child },
  });
}

/** Registers the checkpoint and resume checks; `make` opens a fresh store closed after each check. */
export function describeCheckpointContract(make: Make): void {
  it("saves checkpoints with full values at any verbosity and loads the latest", async () => {
    for (const options of [{ verbosity: "minimal" as const }, { maxValueBytes: 16 }]) {
      const store = await make(options);
      const start = testRunStart("k1", { inputs: { big: "z".repeat(20_000) } });
      const recorder = store.begin(start);
      expect(store.checkpoint("k1")).toBeUndefined();
      recorder.checkpoint(testCheckpoint(start, 1));
      const latest = richCheckpoint("k1", 20_000);
      recorder.checkpoint(latest);
      expect(store.checkpoint("k1")).toEqual(latest);
      // The history keeps its own verbosity: the checkpoint's values do not leak into it.
      expect(store.get("k1")?.inputs?.big).not.toBe(start.inputs.big);
      expect(store.checkpoint("unknown")).toBeUndefined();
    }
  });

  it("overwrites the checkpoint, so only the latest is kept", async () => {
    const store = await make();
    const start = testRunStart("k2");
    const recorder = store.begin(start);
    for (let k = 1; k <= 5; k++) recorder.checkpoint(testCheckpoint(start, k));
    recorder.checkpoint(testCheckpoint(start, 2));
    expect(store.checkpoint("k2")).toEqual(testCheckpoint(start, 2));
  });

  it("keeps the latest records whatever changed between checkpoints: appended, inserted, replaced, fewer", async () => {
    const store = await make();
    const start = testRunStart("k4");
    const recorder = store.begin(start);
    const base = testCheckpoint(start, 4);
    const [a, b, c, d] = base.records;
    const shapes = [
      [a!, b!],
      [a!, b!, c!],
      // A conditional's record goes before its branch's: later records shift.
      [a!, d!, b!, c!],
      // A waiting approval's record is replaced by the decided one (a new object).
      [a!, d!, { ...b!, status: "failed" as const, error: "x" }, c!],
      [a!],
      [],
      [c!, a!],
    ];
    for (const records of shapes) {
      const checkpoint = { ...base, records };
      recorder.checkpoint(checkpoint);
      expect(store.checkpoint("k4")).toEqual(checkpoint);
    }
    // A second recorder of the same run (a resumed process) knows nothing of what was saved.
    recorder.finish(testRunLog(start, { status: "waiting", outputs: {} }));
    const again = store.resume("k4");
    again.checkpoint({ ...base, records: [b!] });
    expect(store.checkpoint("k4")).toEqual({ ...base, records: [b!] });
  });

  it("refuses a checkpoint of another run or one that is not JSON, keeping the one before", async () => {
    const store = await make();
    const start = testRunStart("k3");
    const recorder = store.begin(start);
    recorder.checkpoint(testCheckpoint(start, 1));
    const other = testCheckpoint(testRunStart("other"), 2);
    expect(() => recorder.checkpoint(other)).toThrow(codeOf("STORE_INVALID_CHECKPOINT"));
    const circular = testCheckpoint(testRunStart("k3"), 2);
    circular.inputs.self = circular;
    expect(() => recorder.checkpoint(circular)).toThrow(codeOf("STORE_INVALID_CHECKPOINT"));
    expect(() => recorder.checkpoint(null as never)).toThrow(codeOf("STORE_INVALID_CHECKPOINT"));
    expect(store.checkpoint("k3")).toEqual(testCheckpoint(start, 1));
    expect(store.checkpoint("other")).toBeUndefined();
  });

  it("stores a waiting run with its pending approvals, listed and filtered, and keeps its checkpoint", async () => {
    const store = await make();
    const start = testRunStart("w1");
    const recorder = store.begin(start);
    const [workflowStart, stepStart, stepComplete] = testRunEvents();
    for (const e of [workflowStart!, stepStart!, stepComplete!]) recorder.event(e);
    recorder.event({
      runId: "run",
      type: "step_start",
      stepId: "confirm",
      stepType: "approval",
    });
    recorder.event({
      runId: "run",
      type: "step_waiting",
      stepId: "confirm",
      message: "Send?",
      expires_at: null,
    });
    expect(store.get("w1")?.steps.map((s) => [s.id, s.status])).toEqual([
      ["a", "success"],
      ["confirm", "waiting"],
    ]);
    expect(store.get("w1")?.stepsExecuted).toBe(2);
    const checkpoint = testCheckpoint(start, 1, 64, { pending: [testPendingApproval()] });
    recorder.checkpoint(checkpoint);
    recorder.finish(testWaitingLog(start));
    record(store, "done");
    const pending = [testPendingApproval()];
    expect(store.get("w1")).toMatchObject({ status: "waiting", pending, stepsExecuted: 2 });
    expect(store.list({ status: "waiting" })).toEqual([
      expect.objectContaining({ id: "w1", status: "waiting", pending }),
    ]);
    expect(store.list().find((r) => r.id === "done")?.pending).toBeUndefined();
    expect(store.checkpoint("w1")).toEqual(checkpoint);
    // A waiting run is not finished: prune keeps it like a running one.
    expect(store.prune({ maxRuns: 0 })).toBe(1);
    expect(store.list().map((r) => r.id)).toEqual(["w1"]);
  });

  it("resumes a waiting run in the same record, counting the decided approval once", async () => {
    const store = await make();
    const start = testRunStart("w2");
    const first = store.begin(start);
    first.checkpoint(testCheckpoint(start, 1));
    first.finish(testWaitingLog(start));
    const recorder = store.resume("w2");
    const resumed = store.get("w2")!;
    expect(resumed.status).toBe("running");
    for (const field of ["pending", "completedAt", "durationMs", "outputs"] as const)
      expect(resumed[field]).toBeUndefined();
    expect(store.checkpoint("w2")).toEqual(testCheckpoint(start, 1));
    recorder.event({
      runId: "run",
      type: "step_start",
      stepId: "confirm",
      stepType: "approval",
    });
    recorder.event({
      runId: "run",
      type: "step_complete",
      stepId: "confirm",
      status: "success",
      duration_ms: 0,
    });
    recorder.event({ runId: "run", type: "step_start", stepId: "send", stepType: "tool" });
    recorder.event({
      runId: "run",
      type: "step_complete",
      stepId: "send",
      status: "success",
      duration_ms: 4,
    });
    recorder.checkpoint(testCheckpoint(start, 3, 64, { segment: 2 }));
    const partial = store.get("w2")!;
    expect(partial.steps.map((s) => [s.id, s.status])).toEqual([
      ["a", "success"],
      ["confirm", "success"],
      ["send", "success"],
    ]);
    expect(partial.stepsExecuted).toBe(3);
    expect(() => store.resume("w2")).toThrow(codeOf("STORE_NOT_RESUMABLE"));
    recorder.finish(testRunLog(start));
    expect(store.get("w2")?.status).toBe("success");
    expect(store.list().map((r) => r.id)).toEqual(["w2"]);
    expect(() => store.resume("w2")).toThrow(codeOf("STORE_NOT_RESUMABLE"));
    expect(() => store.resume("nope")).toThrow(codeOf("STORE_UNKNOWN_RUN"));
  });

  it("resumes an interrupted run, never one whose writer is alive", async () => {
    let alive = true;
    const store = await make({ isWriterAlive: () => alive });
    const start = testRunStart("i2");
    const recorder = store.begin(start);
    recorder.event({ runId: "run", type: "step_start", stepId: "a", stepType: "tool" });
    recorder.checkpoint(testCheckpoint(start, 0));
    expect(() => store.resume("i2")).toThrow(codeOf("STORE_NOT_RESUMABLE"));
    alive = false;
    expect(store.get("i2")?.status).toBe("interrupted");
    const again = store.resume("i2");
    alive = true;
    expect(store.get("i2")?.status).toBe("running");
    again.event({ runId: "run", type: "step_start", stepId: "a", stepType: "tool" });
    again.event({
      runId: "run",
      type: "step_complete",
      stepId: "a",
      status: "success",
      duration_ms: 2,
    });
    expect(store.get("i2")).toMatchObject({
      stepsExecuted: 1,
      steps: [{ id: "a", status: "success", duration_ms: 2 }],
    });
    expect(store.checkpoint("i2")).toEqual(testCheckpoint(start, 0));
  });

  it("interrupts a running run whose writer is alive (its host released it), and nothing else", async () => {
    const store = await make({ isWriterAlive: () => true });
    const start = testRunStart("i3");
    const recorder = store.begin(start);
    recorder.event({ runId: "run", type: "step_start", stepId: "a", stepType: "tool" });
    recorder.checkpoint(testCheckpoint(start, 0));
    expect(store.interrupt("nope")).toBe(false);
    expect(store.interrupt("i3")).toBe(true);
    expect(store.get("i3")?.status).toBe("interrupted");
    expect(store.interrupt("i3")).toBe(false);
    store.resume("i3");
    expect(store.get("i3")?.status).toBe("running");
    expect(store.checkpoint("i3")).toEqual(testCheckpoint(start, 0));
  });

  it("drops a finished run's checkpoint by default and keeps it with checkpoints: keep", async () => {
    const cancelled = { phase: "execute" as const, message: "Workflow run was cancelled" };
    const endings = [
      { status: "success" as const },
      { status: "failed" as const, error: { phase: "execute" as const, message: "x" } },
      { status: "failed" as const, error: cancelled },
    ];
    for (const checkpoints of [undefined, "drop" as const, "keep" as const]) {
      const store = await make(checkpoints === undefined ? {} : { checkpoints });
      endings.forEach((ending, index) => {
        const start = testRunStart(`e${index}`);
        const recorder = store.begin(start);
        recorder.checkpoint(testCheckpoint(start, 1));
        recorder.finish(testRunLog(start, ending));
        const kept = store.checkpoint(start.id);
        expect(kept).toEqual(checkpoints === "keep" ? testCheckpoint(start, 1) : undefined);
      });
      // An interrupted run (never finished) keeps its checkpoint whatever the setting.
      let alive = true;
      const live = await make({ isWriterAlive: () => alive, checkpoints: checkpoints ?? "drop" });
      const start = testRunStart("gone");
      live.begin(start).checkpoint(testCheckpoint(start, 2));
      alive = false;
      expect(live.get("gone")?.status).toBe("interrupted");
      expect(live.checkpoint("gone")).toEqual(testCheckpoint(start, 2));
    }
    await expect(async () => make({ checkpoints: "sometimes" as never })).rejects.toMatchObject({
      code: "STORE_INVALID_OPTION",
    });
  });

  it("removes and prunes a run's checkpoint with the run", async () => {
    const store = await make({ checkpoints: "keep" });
    for (const id of ["x1", "x2"]) {
      const start = testRunStart(id, {
        startedAt: id === "x1" ? "2030-01-01T00:00:00Z" : "2030-01-02T00:00:00Z",
      });
      const recorder = store.begin(start);
      recorder.checkpoint(testCheckpoint(start, 1));
      recorder.finish(testRunLog(start));
    }
    expect(store.remove(["x2"])).toBe(1);
    expect(store.checkpoint("x2")).toBeUndefined();
    // A new run under the old id starts without the old checkpoint.
    store.begin(testRunStart("x2"));
    expect(store.checkpoint("x2")).toBeUndefined();
    expect(store.prune({ maxRuns: 0 })).toBe(1);
    expect(store.checkpoint("x1")).toBeUndefined();
  });

  it("records only the run's own events, not those of its sub-workflow runs", async () => {
    const store = await make();
    const recorder = store.begin(testRunStart("p1"));
    const child = { runId: "p1/digests/0" };
    recorder.event({
      type: "step_start",
      stepId: "digests",
      stepType: "tool",
      runId: "p1",
    });
    recorder.event({
      type: "step_start",
      stepId: "fetch",
      stepType: "tool",
      ...child,
    });
    recorder.event({
      type: "step_complete",
      stepId: "digests",
      status: "success",
      duration_ms: 1,
      ...child,
    });
    expect(store.get("p1")).toMatchObject({
      stepsExecuted: 0,
      steps: [{ id: "digests", status: "running" }],
    });
  });

  it("keeps when the steps of sub-workflow runs started, at every depth, inside the parent's step", async () => {
    const store = await make();
    const start = testRunStart("p2");
    const recorder = store.begin(start);
    recorder.event({ type: "step_start", stepId: "digests", stepType: "workflow", runId: "p2" });
    recorder.event({ type: "step_start", stepId: "a", stepType: "tool", runId: "p2/digests/0" });
    recorder.event({ type: "step_start", stepId: "a", stepType: "tool", runId: "p2/digests/0/a" });
    const grandchild = testRunLog({ ...start, id: "p2/digests/0/a" });
    const child = testRunLog({ ...start, id: "p2/digests/0" });
    child.steps[0] = { ...child.steps[0]!, executor: "workflow", runs: [grandchild] };
    const log = testRunLog(start, {
      steps: [
        { id: "digests", executor: "workflow", status: "success", duration_ms: 5, runs: [child] },
      ],
    });
    recorder.finish(log);
    const [digests] = store.get("p2")!.steps;
    const childSteps = digests!.runs![0]!.steps as (StepRecord & { started_at?: string })[];
    expect(typeof childSteps[0]!.started_at).toBe("string");
    expect(Number.isNaN(Date.parse(childSteps[0]!.started_at!))).toBe(false);
    // "b" never started (skipped): no start time is made up for it.
    expect(childSteps[1]).not.toHaveProperty("started_at");
    const deeper = childSteps[0]!.runs![0]!.steps as (StepRecord & { started_at?: string })[];
    expect(typeof deeper[0]!.started_at).toBe("string");
    expect(deeper[1]).not.toHaveProperty("started_at");
  });
}

function record(store: RunStore, id: string): void {
  const start = testRunStart(id);
  const recorder = store.begin(start);
  for (const e of testRunEvents()) recorder.event(e);
  recorder.finish(testRunLog(start));
}
