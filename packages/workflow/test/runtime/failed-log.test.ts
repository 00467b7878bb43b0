// Unit tests of the pre-execution failed run log (§7.3).
import { describe, expect, it } from "vitest";
import { buildFailedRunLog } from "../../src/runtime/failed-log.js";
import { createTestServices } from "../../src/testing/clock.js";

const T0 = Date.UTC(2026, 0, 1);

describe("buildFailedRunLog (§7.3)", () => {
  it("has a new id, status failed, empty inputs/steps/outputs and zero counts", () => {
    const services = createTestServices({ start: T0 + 1234 });
    const log = buildFailedRunLog("wf", { phase: "parse", message: "m" }, T0, services);
    expect(log).toStrictEqual({
      id: "run-1",
      workflow: "wf",
      status: "failed",
      summary: { steps_executed: 0, steps_skipped: 0, total_duration_ms: 1234 },
      started_at: "2026-01-01T00:00:00.000Z",
      completed_at: "2026-01-01T00:00:01.234Z",
      duration_ms: 1234,
      inputs: {},
      steps: [],
      outputs: {},
      error: { phase: "parse", message: "m" },
    });
    expect(buildFailedRunLog("wf", { phase: "parse", message: "m" }, T0, services).id).toBe(
      "run-2",
    );
  });

  it("keeps details only when non-empty", () => {
    const services = createTestServices();
    const details = [{ path: "steps[0].tool", message: "x", code: "UNKNOWN_TOOL" }];
    const withDetails = buildFailedRunLog(
      "wf",
      { phase: "validate", message: "v", details },
      T0,
      services,
    );
    expect(withDetails.error).toStrictEqual({ phase: "validate", message: "v", details });
    const empty = buildFailedRunLog(
      "wf",
      { phase: "validate", message: "v", details: [] },
      T0,
      services,
    );
    expect(empty.error).toStrictEqual({ phase: "validate", message: "v" });
    expect(Object.hasOwn(empty.error!, "details")).toBe(false);
  });

  it("copies only phase, message and details from the given error", () => {
    const services = createTestServices();
    const error = { phase: "execute" as const, message: "boom", extra: true };
    const log = buildFailedRunLog("wf", error, T0, services);
    expect(log.error).toStrictEqual({ phase: "execute", message: "boom" });
    expect(log.error).not.toBe(error);
  });

  it("without a start time, starts when it completes (duration 0)", () => {
    const services = createTestServices({ start: T0 + 500 });
    const log = buildFailedRunLog("wf", { phase: "execute", message: "m" }, undefined, services);
    expect([log.started_at, log.completed_at]).toEqual([
      "2026-01-01T00:00:00.500Z",
      "2026-01-01T00:00:00.500Z",
    ]);
    expect([log.duration_ms, log.summary.total_duration_ms]).toEqual([0, 0]);
  });

  it("rounds the duration to whole ms and never reports a negative one", () => {
    const services = createTestServices({ start: T0 + 10.6 });
    expect(
      buildFailedRunLog("wf", { phase: "parse", message: "m" }, T0, services).duration_ms,
    ).toBe(11);
    const backwards = createTestServices({ start: T0 - 50 });
    const log = buildFailedRunLog("wf", { phase: "parse", message: "m" }, T0, backwards);
    expect([log.duration_ms, log.summary.total_duration_ms]).toEqual([0, 0]);
  });

  it("defaults to wall-clock time and UUID v4 ids", () => {
    const before = Date.now();
    const log = buildFailedRunLog("wf", { phase: "parse", message: "m" });
    expect(log.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(log.completed_at)).toBeGreaterThanOrEqual(before);
    expect(log.started_at).toBe(log.completed_at);
  });
});
