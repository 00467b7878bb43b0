// Runs one claimed job: a new run or a resumed one, recorded in the history as it goes.
import { createCheckpointRedactor, type RunRecorder, type StoredRunStatus } from "@skillflow/store";
import {
  maskSecretInputs,
  redactText,
  runWorkflowSkill,
  type RunLog,
  type ResumeOptions,
} from "@skillflow/workflow";
import type { QueueJob } from "../queue/queue.js";
import { never, type ActiveRun } from "./_active.js";
import type { ServiceContext } from "./_context.js";
import { CANCELLED_MESSAGE, failedLog } from "./_logs.js";
import { restoredInputs, runSecrets, shownInputs, shownLog } from "./_secrets.js";
import { withPreviousRun } from "./previous-run.js";
import type { LoadedWorkflow } from "./types.js";

/** How a job's run ended on this worker. */
export type JobEnd =
  | { kind: "finished"; log: RunLog; status: StoredRunStatus }
  /** The history had it finished already (its worker stopped before completing the job). */
  | { kind: "recorded" }
  | { kind: "waiting"; log: RunLog }
  /** Its lease was lost or given back: someone else (or the next start) continues it. */
  | { kind: "detached" };

const FINISHED: ReadonlySet<StoredRunStatus> = new Set(["success", "failed", "cancelled"]);

/** The history status of a final log. */
export function statusOfLog(log: RunLog): StoredRunStatus {
  if (log.status === "failed" && log.error?.message === CANCELLED_MESSAGE) return "cancelled";
  return log.status;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs the job of `run` to its end, a suspension, or until it is detached. A job whose run has a
 * checkpoint is resumed from it (with the decisions stored for it), so no completed step runs again.
 */
export async function runJob(ctx: ServiceContext, run: ActiveRun): Promise<JobEnd> {
  const { job } = run;
  const stored = ctx.store.get(job.id);
  if (stored && FINISHED.has(stored.status)) {
    // Finished before its job was completed (the worker stopped in between): nothing to run.
    return { kind: "recorded" };
  }
  let loaded: LoadedWorkflow;
  try {
    loaded = await ctx.catalog.load(job.workflow);
  } catch (error) {
    const secrets = runSecrets(ctx, job.inputs);
    const text = redactText(message(error), secrets);
    const log = failedLog(job.id, job.workflow, job.inputs, ctx.iso(), text);
    if (!stored) beginFrom(ctx, job, secrets, log, undefined).finish(shownLog(log, secrets));
    else
      // A suspended or interrupted run stays so: it continues once its workflow is back.
      ctx.problem({ code: "WORKFLOW_UNAVAILABLE", message: text, runId: job.id });
    return { kind: "finished", log, status: "failed" };
  }

  let recorder: RunRecorder | undefined;
  let resume: ResumeOptions | undefined;
  const checkpoint = stored ? ctx.store.checkpoint(job.id) : undefined;
  if (stored && checkpoint) {
    // The queue's lease is the authority: a `running` record is one whose holder lost the job.
    if (stored.status === "running") ctx.store.interrupt(job.id);
    recorder = ctx.store.resume(job.id);
    const decisions = await ctx.state.decisions(job.id);
    // The checkpoint does not keep secret inputs; the queue's job does, until the run ends.
    resume = { ...checkpoint, inputs: restoredInputs(checkpoint.inputs, job.inputs) };
    if (decisions.size > 0) resume.decisions = Object.fromEntries(decisions);
  } else if (stored) {
    // Begun but never checkpointed: no step completed, so it starts again in a fresh record.
    ctx.store.remove([job.id]);
  }

  const secrets = runSecrets(ctx, job.inputs, resume?.inputs);
  const redact = createCheckpointRedactor(secrets);
  const record = (action: () => void): void => {
    try {
      action();
    } catch (error) {
      ctx.problem({ code: "HISTORY_WRITE_FAILED", message: message(error), runId: job.id });
    }
  };
  const { now, newId, sleep } = ctx.services;
  let recordedName = stored?.workflow ?? loaded.name;
  const ran = await runWorkflowSkill({
    content: loaded.content,
    source: loaded.source,
    ...(loaded.resolveWorkflow ? { resolveWorkflow: loaded.resolveWorkflow } : {}),
    inputs: job.inputs,
    toolAdapter: withPreviousRun(ctx.options.tools, {
      store: ctx.store,
      // The name the history records (the document's own, once the run starts), not the reference.
      get workflow() {
        return recordedName;
      },
      runId: job.id,
    }),
    runId: job.id,
    workflowName: loaded.name,
    secrets,
    iterationErrors: true,
    services: { now, newId, sleep },
    signal: run.abort.signal,
    ...(resume ? { resume } : {}),
    onEvent: (event) => {
      if (run.detached) return;
      if (event.type === "workflow_start" && event.runId === job.id) recordedName = event.workflow;
      if (!recorder && event.type === "workflow_start" && event.runId === job.id)
        record(() => (recorder = beginFrom(ctx, job, secrets, undefined, loaded, event.workflow)));
      record(() => recorder?.event(event));
      ctx.events.emit({ kind: "run_event", runId: job.id, event });
    },
    onCheckpoint: async (cp) => {
      if (run.detached) return never();
      // Not caught: a checkpoint that cannot be saved fails the run (the runtime says so).
      recorder?.checkpoint(redact(cp));
      if (run.parking) {
        run.settled.resolve();
        return never();
      }
    },
  });
  if (run.detached) return { kind: "detached" };
  // A secret-named input reads [REDACTED] whatever its type (the runtime redacts strings).
  const log: RunLog = { ...ran, inputs: maskSecretInputs(ran.inputs) };
  recorder ??= beginFrom(ctx, job, secrets, log, loaded);
  recorder.finish(log);
  if (resume?.decisions) await ctx.state.clearDecisions(job.id);
  if (log.status === "waiting") return { kind: "waiting", log };
  return { kind: "finished", log, status: statusOfLog(log) };
}

/** Begins the run's record (on `workflow_start`, or from the final log of a run that never started). */
function beginFrom(
  ctx: ServiceContext,
  job: QueueJob,
  secrets: readonly string[],
  log: RunLog | undefined,
  loaded: LoadedWorkflow | undefined,
  workflow = log?.workflow ?? loaded?.name ?? job.workflow,
): RunRecorder {
  return ctx.store.begin({
    id: job.id,
    workflow,
    ...(loaded ? { source: loaded.source } : {}),
    inputs: shownInputs(job.inputs, secrets),
    startedAt: log?.started_at ?? ctx.iso(),
  });
}
