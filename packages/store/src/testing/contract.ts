// The shared RunStore contract suite (`@skillflow/store/testing/contract`): every store runs these vitest checks.
import { afterEach, describe, expect, it } from "vitest";
import type { RunLog } from "@skillflow/workflow";
import type { RunStart, RunStore, RunStoreOptions } from "../store.js";
import { describeCheckpointContract } from "./contract-checkpoints.js";
import { testRunEvents, testRunLog, testRunStart } from "./fixtures.js";

/** Creates a fresh, empty store with the given options (a new file, a new instance). */
export type RunStoreFactory = (options: RunStoreOptions) => RunStore | Promise<RunStore>;

function iso(day: number): string {
  return new Date(Date.UTC(2030, 0, day)).toISOString();
}

/**
 * Registers the RunStore contract: recording round-trip, readable partial records, list filters and
 * order, remove, prune and retention, verbosity (§12 D6), interrupted-run detection, and (§13)
 * checkpoints, waiting runs with their pending approvals, and resume.
 */
export function describeRunStoreContract(name: string, factory: RunStoreFactory): void {
  describe(`RunStore contract: ${name}`, () => {
    const open: RunStore[] = [];
    async function make(options: RunStoreOptions = {}): Promise<RunStore> {
      const store = await factory(options);
      open.push(store);
      return store;
    }
    function record(store: RunStore, start: RunStart, log: Partial<RunLog> = {}): void {
      const recorder = store.begin(start);
      for (const e of testRunEvents()) recorder.event(e);
      recorder.finish(testRunLog(start, log));
    }
    afterEach(() => {
      for (const store of open.splice(0)) store.close();
    });

    it("round-trips a finished run, with the start time of each step that ran", async () => {
      const store = await make({ now: () => Date.parse("2030-01-01T00:00:00.004Z") });
      const start = testRunStart("r1", { source: "examples/wf.md" });
      record(store, start);
      const run = store.get("r1")!;
      expect(run).toMatchObject({
        id: "r1",
        workflow: "wf",
        source: "examples/wf.md",
        status: "success",
        startedAt: start.startedAt,
        completedAt: "2030-01-01T00:00:01.000Z",
        durationMs: 20,
        totalSteps: 2,
        stepsExecuted: 1,
        stepsSkipped: 1,
        verbosity: "standard",
        inputs: { topic: "cats" },
        outputs: { answer: "meow" },
      });
      expect(run.error).toBeUndefined();
      const [ran, skipped] = testRunLog(start).steps;
      expect(run.steps).toEqual([{ ...ran, started_at: "2030-01-01T00:00:00.004Z" }, skipped]);
      expect(store.get("missing")).toBeUndefined();
    });

    it("keeps a readable partial record before finish", async () => {
      let clock = Date.parse("2030-01-01T00:00:00.000Z");
      const store = await make({ now: () => (clock += 10) });
      const recorder = store.begin(testRunStart("p1"));
      const events = testRunEvents();
      for (const e of events.slice(0, 4)) recorder.event(e);
      recorder.event({ type: "step_start", runId: "test", stepId: "c", stepType: "tool" });
      recorder.event({
        type: "step_retry",
        runId: "test",
        stepId: "c",
        attempt: 1,
        error: "timeout",
      });
      recorder.event({
        type: "step_error",
        runId: "test",
        stepId: "c",
        error: "boom",
        onError: "fail",
      });
      const run = store.get("p1")!;
      expect(run.status).toBe("running");
      expect(run.completedAt).toBeUndefined();
      expect(run).toMatchObject({ totalSteps: 2, stepsExecuted: 1, stepsSkipped: 1 });
      expect(run.steps).toEqual([
        {
          id: "a",
          executor: "tool",
          status: "success",
          duration_ms: 12,
          started_at: "2030-01-01T00:00:00.010Z",
        },
        { id: "b", status: "skipped", reason: "guard false", duration_ms: 0 },
        {
          id: "c",
          executor: "tool",
          status: "running",
          started_at: "2030-01-01T00:00:00.020Z",
          retries: { attempts: 1, errors: ["timeout"] },
          error: "boom",
        },
      ]);
      expect(store.list({ status: "running" }).map((r) => r.id)).toEqual(["p1"]);
    });

    it("refuses a second begin with the same id", async () => {
      const store = await make();
      store.begin(testRunStart("d1"));
      expect(() => store.begin(testRunStart("d1"))).toThrow(
        expect.objectContaining({ code: "STORE_DUPLICATE_RUN" }),
      );
    });

    it("stores failed and cancelled runs with their error", async () => {
      const store = await make();
      const error = { phase: "execute" as const, message: "Step a failed" };
      record(store, testRunStart("f1"), { status: "failed", error });
      record(store, testRunStart("c1"), {
        status: "failed",
        error: { phase: "execute", message: "Workflow run was cancelled" },
      });
      expect(store.get("f1")).toMatchObject({ status: "failed", error });
      expect(store.get("c1")?.status).toBe("cancelled");
      expect(store.list({ status: "cancelled" }).map((r) => r.id)).toEqual(["c1"]);
    });

    it("lists newest first with filters and paging", async () => {
      const store = await make();
      record(store, testRunStart("old", { startedAt: iso(1) }));
      record(store, testRunStart("mid", { startedAt: iso(5), workflow: "other" }));
      record(store, testRunStart("new", { startedAt: iso(9) }), {
        status: "failed",
        error: { phase: "execute", message: "x" },
      });
      record(store, testRunStart("tie", { startedAt: iso(9) }));
      const ids = (rows: { id: string }[]): string[] => rows.map((r) => r.id);
      expect(ids(store.list())).toEqual(["tie", "new", "mid", "old"]);
      expect(ids(store.list({ workflow: "wf" }))).toEqual(["tie", "new", "old"]);
      expect(ids(store.list({ status: "failed" }))).toEqual(["new"]);
      expect(ids(store.list({ since: iso(5) }))).toEqual(["tie", "new", "mid"]);
      expect(ids(store.list({ until: iso(5) }))).toEqual(["mid", "old"]);
      expect(ids(store.list({ since: iso(2), until: iso(8) }))).toEqual(["mid"]);
      expect(ids(store.list({ limit: 2 }))).toEqual(["tie", "new"]);
      expect(ids(store.list({ limit: 2, offset: 1 }))).toEqual(["new", "mid"]);
      expect(ids(store.list({ offset: 3 }))).toEqual(["old"]);
      expect(store.list({ limit: 0 })).toEqual([]);
      expect(store.list()[0]).toMatchObject({ id: "tie", stepsExecuted: 1, durationMs: 20 });
      expect(() => store.list({ limit: -1 })).toThrow(
        expect.objectContaining({ code: "STORE_INVALID_OPTION" }),
      );
    });

    it("removes runs by id and counts only existing ones", async () => {
      const store = await make();
      record(store, testRunStart("x1"));
      record(store, testRunStart("x2"));
      expect(store.remove(["x1", "x1", "nope"])).toBe(1);
      expect(store.get("x1")).toBeUndefined();
      expect(store.list().map((r) => r.id)).toEqual(["x2"]);
      expect(store.remove([])).toBe(0);
    });

    it("prunes finished runs by count and age, never running ones", async () => {
      const store = await make();
      const recent = Date.now();
      const at = (daysAgo: number): string => new Date(recent - daysAgo * 86_400_000).toISOString();
      record(store, testRunStart("ancient", { startedAt: at(400) }));
      store.begin(testRunStart("live", { startedAt: at(500) }));
      record(store, testRunStart("r1", { startedAt: at(3) }));
      record(store, testRunStart("r2", { startedAt: at(2) }));
      record(store, testRunStart("r3", { startedAt: at(1) }));
      expect(store.prune({ maxAgeDays: 30 })).toBe(1);
      expect(store.prune({ maxRuns: 2 })).toBe(1);
      expect(store.list().map((r) => r.id)).toEqual(["r3", "r2", "live"]);
      expect(store.prune({})).toBe(0);
      expect(() => store.prune({ maxRuns: -1 })).toThrow(
        expect.objectContaining({ code: "STORE_INVALID_OPTION" }),
      );
    });

    it("applies the retention option after each finished run", async () => {
      const store = await make({ retention: { maxRuns: 2 } });
      for (let day = 1; day <= 4; day++)
        record(store, testRunStart(`d${day}`, { startedAt: iso(day) }));
      expect(store.list().map((r) => r.id)).toEqual(["d4", "d3"]);
    });

    it("checks options up front", async () => {
      for (const options of [
        { verbosity: "loud" as never },
        { maxValueBytes: -1 },
        { retention: { maxAgeDays: Number.NaN } },
      ])
        await expect(async () => make(options)).rejects.toMatchObject({
          code: "STORE_INVALID_OPTION",
        });
    });

    it("truncates large values at standard verbosity", async () => {
      const store = await make({ maxValueBytes: 64 });
      const big = "x".repeat(100);
      const start = testRunStart("v1", { inputs: { small: "ok", big } });
      const recorder = store.begin(start);
      const log = testRunLog(start, { outputs: { big: [big], small: 1 } });
      log.steps[0] = { ...log.steps[0]!, inputs: { big }, output: { big } };
      recorder.finish(log);
      const run = store.get("v1")!;
      const marker = (bytes: number): unknown => ({ $truncated: true, bytes });
      expect(run.inputs).toEqual({ small: "ok", big: marker(102) });
      expect(run.outputs).toEqual({ big: marker(104), small: 1 });
      expect(run.steps[0]).toMatchObject({ inputs: { big: marker(102) }, output: marker(110) });
    });

    it("counts truncation size in UTF-8 bytes and defaults to 8 KiB", async () => {
      const store = await make();
      const fits = "é".repeat(4000); // 8002 bytes of JSON
      const over = "é".repeat(4096); // 8194 bytes of JSON
      record(store, testRunStart("v2", { inputs: { fits, over } }));
      expect(store.get("v2")?.inputs).toEqual({ fits, over: { $truncated: true, bytes: 8194 } });
    });

    it("keeps only status and timings at minimal verbosity", async () => {
      const store = await make({ verbosity: "minimal", now: () => 0 });
      record(store, testRunStart("m1"));
      const run = store.get("m1")!;
      expect(run).toMatchObject({ status: "success", durationMs: 20, verbosity: "minimal" });
      expect(run.inputs).toBeUndefined();
      expect(run.outputs).toBeUndefined();
      expect(run.steps).toEqual([
        {
          id: "a",
          executor: "tool",
          status: "success",
          duration_ms: 12,
          started_at: "1970-01-01T00:00:00.000Z",
        },
        {
          id: "b",
          executor: "transform",
          status: "skipped",
          reason: "guard false",
          duration_ms: 0,
        },
      ]);
    });

    it("keeps everything at debug verbosity", async () => {
      const store = await make({ verbosity: "debug", maxValueBytes: 8 });
      const big = "y".repeat(1000);
      record(store, testRunStart("g1", { inputs: { big } }), { outputs: { big } });
      expect(store.get("g1")).toMatchObject({ inputs: { big }, outputs: { big } });
    });

    it("marks a running run interrupted once its writer is gone", async () => {
      let alive = true;
      const store = await make({ isWriterAlive: () => alive });
      const recorder = store.begin(testRunStart("i1"));
      recorder.event({ type: "step_start", runId: "test", stepId: "a", stepType: "tool" });
      recorder.event({
        type: "step_complete",
        runId: "test",
        stepId: "a",
        status: "success",
        duration_ms: 3,
      });
      record(store, testRunStart("done"));
      expect(store.get("i1")?.status).toBe("running");
      alive = false;
      expect(store.list({ status: "interrupted" }).map((r) => r.id)).toEqual(["i1"]);
      expect(store.get("i1")).toMatchObject({
        status: "interrupted",
        steps: [{ id: "a", status: "success", duration_ms: 3 }],
      });
      expect(store.get("done")?.status).toBe("success");
    });

    describeCheckpointContract(make);
  });
}
