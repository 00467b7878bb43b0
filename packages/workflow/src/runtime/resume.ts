// [EXT §13.6, §13.9.2] What `resume` checks before anything runs: the document hash and the decisions.
import type { ChildTable } from "../execute/composition.js";
import { refusedDecisions } from "../execute/decision.js";
import type { Checkpoint, ResumeOptions } from "../model/durable.js";
import { isMapping } from "../model/objects.js";
import type { RunLog } from "../model/run-log.js";
import type { RuntimeServices } from "../model/services.js";
import { buildFailedRunLog } from "./failed-log.js";
import { checkpointDamage } from "./checkpoint-shape.js";
import { sha256Hex } from "./hash.js";

/** The message of a resume whose document hash differs from the checkpoint's (§13.6). */
export const WORKFLOW_CHANGED = "Workflow changed since the run started";

/**
 * The log a resume returns without running anything, or undefined when it may run: a damaged
 * checkpoint, a changed document (unless allowed), a finished run (its final log), or refused
 * decisions (§13.9.2).
 */
export function resumeGate(
  resume: ResumeOptions,
  hash: string,
  allowChanged: boolean,
  name: string,
  services: RuntimeServices,
  startedAt: number,
): RunLog | undefined {
  const damage = checkpointDamage(resume);
  if (damage !== undefined) {
    const what = `Checkpoint is damaged: ${damage} is not what a checkpoint holds`;
    const failed = buildFailedRunLog(
      name,
      {
        phase: "validate",
        message: `${what}; resume from the checkpoint the runtime gave onCheckpoint, or start the run again`,
        details: [{ path: damage, message: what, code: "CHECKPOINT_DAMAGED" }],
      },
      startedAt,
      services,
    );
    if (isMapping(resume) && typeof resume.runId === "string") failed.id = resume.runId;
    return failed;
  }
  if (hash !== resume.workflow_hash && !allowChanged) {
    return changedLog(resume, "workflow_hash", WORKFLOW_CHANGED, name, services, startedAt);
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

/** The refused resume of a changed document (§13.6): a validate failure naming what changed. */
function changedLog(
  resume: ResumeOptions,
  path: string,
  what: string,
  name: string,
  services: RuntimeServices,
  startedAt: number,
): RunLog {
  const log = buildFailedRunLog(
    name,
    {
      phase: "validate",
      message: `${what}; resume with the original document, or pass allowChangedWorkflow: true to continue with this one`,
      details: [{ path, message: what, code: "WORKFLOW_CHANGED" }],
    },
    startedAt,
    services,
  );
  log.id = resume.runId;
  return log;
}

/**
 * [EXT §13.6] The child run (id and reference) of `children` whose document is not the one it
 * started with, searched through the tree; undefined when none changed. A child checkpoint without
 * a hash (written before child hashes) cannot tell, and passes.
 */
async function changedChild(
  children: Record<string, Checkpoint> | undefined,
  table: ChildTable,
  runId: string,
): Promise<{ id: string; ref: string } | undefined> {
  if (!isMapping(children)) return undefined;
  for (const [id, checkpoint] of Object.entries(children)) {
    if (!id.startsWith(`${runId}/`) || !isMapping(checkpoint)) continue;
    // `<runId>/<step id>[/<iteration>][#<attempt>]` (§13.9.5): step ids hold neither `/` nor `#`.
    const stepId = /^[^/#]*/.exec(id.slice(runId.length + 1))![0];
    const child = table.get(stepId);
    if (child === undefined) continue;
    const stored = checkpoint.workflow_hash;
    if (typeof stored === "string" && stored !== "" && stored !== (await sha256Hex(child.content)))
      return { id, ref: child.ref };
    const deeper = await changedChild(checkpoint.children, child.children, id);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

/**
 * [EXT §13.6] The refused resume of a run whose sub-workflow document changed since its child run
 * started (unless allowed), or undefined when it may run. Its path names the child checkpoint.
 */
export async function childrenGate(
  resume: ResumeOptions,
  table: ChildTable,
  name: string,
  services: RuntimeServices,
  startedAt: number,
): Promise<RunLog | undefined> {
  const changed = await changedChild(resume.children, table, resume.runId);
  if (changed === undefined) return undefined;
  return changedLog(
    resume,
    `children.${changed.id}.workflow_hash`,
    `Sub-workflow "${changed.ref}" changed since its run started`,
    name,
    services,
    startedAt,
  );
}
