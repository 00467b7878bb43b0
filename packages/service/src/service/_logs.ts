// Run logs the service writes itself: a run that could not start, a waiting run cancelled.
import type { Checkpoint, RunLog, StepRecord } from "@skillflow/workflow";

/** The runtime's message of a cancelled run (the history shows such a run as `cancelled`). */
export const CANCELLED_MESSAGE = "Workflow run was cancelled";

/** A failed log for a run that never got to its first step (e.g. its workflow is gone). */
export function failedLog(
  id: string,
  workflow: string,
  inputs: Record<string, unknown>,
  at: string,
  message: string,
): RunLog {
  return {
    id,
    workflow,
    status: "failed",
    summary: { steps_executed: 0, steps_skipped: 0, total_duration_ms: 0 },
    started_at: at,
    completed_at: at,
    duration_ms: 0,
    inputs,
    steps: [],
    outputs: {},
    error: { phase: "parse", message },
  };
}

/** The cancelled log of a suspended run, from its checkpoint (its steps so far, the waiting ones dropped). */
export function cancelledLog(checkpoint: Checkpoint, at: string): RunLog {
  const steps: StepRecord[] = checkpoint.records.filter((record) => record.status !== "waiting");
  const executed = steps.filter((s) => s.status !== "skipped").length;
  const duration = Math.max(0, Date.parse(at) - Date.parse(checkpoint.started_at));
  return {
    id: checkpoint.runId,
    workflow: checkpoint.workflow,
    status: "failed",
    summary: {
      steps_executed: executed,
      steps_skipped: steps.length - executed,
      total_duration_ms: duration,
    },
    started_at: checkpoint.started_at,
    completed_at: at,
    duration_ms: duration,
    inputs: checkpoint.inputs,
    steps,
    outputs: {},
    error: { phase: "execute", message: CANCELLED_MESSAGE },
    segment: checkpoint.segment,
    workflow_hash: checkpoint.workflow_hash,
  };
}
