// The pre-execution failed run log (§7.3) for parse, validate and unexpected failures.
import type { RunLog, RunLogError } from "../model/run-log.js";
import type { RuntimeServices } from "../model/services.js";
import { defaultServices } from "./defaults.js";

/** Builds a failed RunLog with no steps: new id, empty inputs/outputs, zero counts. */
export function buildFailedRunLog(
  workflowName: string,
  error: RunLogError,
  startedAt?: number,
  services: RuntimeServices = defaultServices,
): RunLog {
  const completed = services.now();
  const started = startedAt ?? completed;
  const duration = Math.max(0, Math.round(completed - started));
  const log: RunLog = {
    id: services.newId(),
    workflow: workflowName,
    status: "failed",
    summary: { steps_executed: 0, steps_skipped: 0, total_duration_ms: duration },
    started_at: new Date(started).toISOString(),
    completed_at: new Date(completed).toISOString(),
    duration_ms: duration,
    inputs: {},
    steps: [],
    outputs: {},
    error: { phase: error.phase, message: error.message },
  };
  if (error.details && error.details.length > 0) log.error!.details = error.details;
  return log;
}
