// Fixtures for RunStore tests: a run start, its log, its events and checkpoints (plain data, no test runner).
import type {
  Checkpoint,
  PendingApproval,
  RunLog,
  RuntimeEvent,
  StepRecord,
} from "@skillflow/workflow";
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

/**
 * A checkpoint of `start`'s run after `count` steps `s1`…`s<count>`, whose outputs are `valueBytes`
 * long strings (known content, so a test can tell any two checkpoints apart), with overrides.
 */
export function testCheckpoint(
  start: RunStart,
  count: number,
  valueBytes = 64,
  overrides: Partial<Checkpoint> = {},
): Checkpoint {
  const records: StepRecord[] = [];
  for (let i = 1; i <= count; i++)
    records.push({
      id: `s${i}`,
      executor: "tool",
      status: "success",
      duration_ms: i,
      inputs: { n: i },
      output: { text: `${i}:`.padEnd(valueBytes, String.fromCharCode(97 + (i % 26))), i },
    });
  return {
    runId: start.id,
    workflow: start.workflow,
    workflow_hash: "0".repeat(64),
    inputs: start.inputs,
    started_at: start.startedAt,
    segment: 1,
    records,
    iterations: {},
    position: { path: [`s${count + 1}`] },
    ...overrides,
  };
}

/** A pending approval `confirm` with a deadline and one response field, for tests. */
export function testPendingApproval(stepId = "confirm"): PendingApproval {
  return {
    key: stepId,
    stepId,
    path: [stepId],
    message: "Send 3 emails?",
    expires_at: "2030-01-02T00:00:00.000Z",
    response: { note: { type: "string", nullable: true } },
  };
}

/** The log of a segment that suspended at `testPendingApproval` after step `a` (§13.1). */
export function testWaitingLog(start: RunStart): RunLog {
  const [ran] = testRunLog(start).steps;
  return {
    ...testRunLog(start),
    status: "waiting",
    summary: { steps_executed: 2, steps_skipped: 0, total_duration_ms: 20 },
    steps: [ran!, { id: "confirm", executor: "approval", status: "waiting", duration_ms: 0 }],
    outputs: {},
    pending: [testPendingApproval()],
  };
}
