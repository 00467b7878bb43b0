// Fixtures for RunStore tests: a run start, its log and its events (plain data, no test runner).
import type { RunLog, RuntimeEvent, StepRecord } from "@skillflow/workflow";
import type { RunStart } from "../store.js";

/** A `RunStart` for tests (workflow `wf`, one input), with overrides. */
export function testRunStart(id: string, overrides: Partial<RunStart> = {}): RunStart {
  return {
    id,
    workflow: "wf",
    inputs: { topic: "cats" },
    startedAt: "2030-01-01T00:00:00.000Z",
    ...overrides,
  };
}

/** A successful two-step log (`a` ran, `b` skipped) matching `testRunStart`, for tests. */
export function testRunLog(start: RunStart, overrides: Partial<RunLog> = {}): RunLog {
  const steps: StepRecord[] = [
    {
      id: "a",
      executor: "tool",
      status: "success",
      duration_ms: 12,
      inputs: { q: "cats" },
      output: { text: "meow" },
    },
    { id: "b", executor: "transform", status: "skipped", reason: "guard false", duration_ms: 0 },
  ];
  return {
    id: start.id,
    workflow: start.workflow,
    status: "success",
    summary: { steps_executed: 1, steps_skipped: 1, total_duration_ms: 20 },
    started_at: start.startedAt,
    completed_at: "2030-01-01T00:00:01.000Z",
    duration_ms: 20,
    inputs: start.inputs,
    steps,
    outputs: { answer: "meow" },
    ...overrides,
  };
}

/** The events `testRunLog` would have produced, in order. */
export function testRunEvents(runId = "run-1"): RuntimeEvent[] {
  return [
    { type: "workflow_start", runId, workflow: "wf", totalSteps: 2 },
    { type: "step_start", runId, stepId: "a", stepType: "tool", tool: "search" },
    { type: "step_complete", runId, stepId: "a", status: "success", duration_ms: 12 },
    { type: "step_skip", runId, stepId: "b", reason: "guard false" },
    {
      type: "workflow_complete",
      runId,
      status: "success",
      duration_ms: 20,
      summary: { steps_executed: 1, steps_skipped: 1, total_duration_ms: 20 },
    },
  ];
}
