// [EXT §13.6, §13.9.2] What `resume` checks before anything runs: the document hash and the decisions.
import { refusedDecisions } from "../execute/decision.js";
import type { ResumeOptions } from "../model/durable.js";
import type { RunLog } from "../model/run-log.js";
import type { RuntimeServices } from "../model/services.js";
import { buildFailedRunLog } from "./failed-log.js";

/** The message of a resume whose document hash differs from the checkpoint's (§13.6). */
export const WORKFLOW_CHANGED = "Workflow changed since the run started";

/**
 * The log a resume returns without running anything, or undefined when it may run: a changed document
 * (unless allowed), a finished run (its final log), or refused decisions (§13.9.2).
 */
export function resumeGate(
  resume: ResumeOptions,
  hash: string,
  allowChanged: boolean,
  name: string,
  services: RuntimeServices,
  startedAt: number,
): RunLog | undefined {
  if (hash !== resume.workflow_hash && !allowChanged) {
    const log = buildFailedRunLog(
      name,
      {
        phase: "validate",
        message: `${WORKFLOW_CHANGED}; resume with the original document, or pass allowChangedWorkflow: true to continue with this one`,
        details: [
          {
            path: "workflow_hash",
            message: WORKFLOW_CHANGED,
            code: "WORKFLOW_CHANGED",
          },
        ],
      },
      startedAt,
      services,
    );
    log.id = resume.runId;
    return log;
  }
  if (resume.final !== undefined) return resume.final;
  const problem = refusedDecisions(resume.pending ?? [], resume.decisions);
  if (problem === undefined) return undefined;
  const completed = services.now();
  const started = Date.parse(resume.started_at);
  const duration = Math.max(0, Math.round(completed - started));
  const executed = resume.records.filter((r) => r.status !== "skipped").length;
  const log: RunLog = {
    id: resume.runId,
    workflow: resume.workflow,
    status: "waiting",
    summary: {
      steps_executed: executed,
      steps_skipped: resume.records.length - executed,
      total_duration_ms: duration,
    },
    started_at: resume.started_at,
    completed_at: new Date(completed).toISOString(),
    duration_ms: duration,
    inputs: resume.inputs,
    steps: resume.records,
    outputs: {},
    error: {
      phase: "validate",
      message: `Resume refused: ${problem.message}`,
      details: [problem],
    },
    pending: resume.pending ?? [],
    segment: resume.segment,
    workflow_hash: resume.workflow_hash,
  };
  return log;
}
