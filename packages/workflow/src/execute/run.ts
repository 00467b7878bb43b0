// Runs a compiled plan: the top-level sequence (§6.1), then finalisation (§6.9) into a RunLog.
import type { Plan } from "../compile/plan.js";
import type { ToolAdapter } from "../model/adapter.js";
import type { RunLog, RunLogError, RunStatus, RuntimeEventBody } from "../model/run-log.js";
import type { RuntimeServices } from "../model/services.js";
import type { Composition } from "./composition.js";
import { writeCheckpoint } from "./durable.js";
import { createDurable, type DurableOptions } from "./durable-state.js";
import { errorMessage } from "./failure.js";
import { checkWorkflowOutputs, resolveWorkflowOutputs } from "./outputs.js";
import { recordSkip } from "./record.js";
import { NEVER_ABORTED, getStepOutput, setStepOutput, type RunState } from "./state.js";
import { executeStep } from "./step.js";

/** Everything `execute` needs besides the plan. */
export interface ExecuteOptions {
  plan: Plan;
  workflowName: string;
  inputs: Record<string, unknown>;
  adapter: ToolAdapter;
  services: RuntimeServices;
  runId: string;
  /** When the run started (before validation), from `services.now()`. */
  startedAt: number;
  emit: (event: RuntimeEventBody) => void;
  signal?: AbortSignal | undefined;
  typeCheck: boolean;
  /** [EXT] Record `iteration_errors` on failed `each` steps. */
  iterationErrors?: boolean | undefined;
  /** [EXT §13.5] The resolved sub-workflows of this plan's `workflow` steps and the child runner. */
  compose?: Composition | undefined;
  /** [EXT §13] Checkpoints, resume and approvals; undefined when the host uses none of §13. */
  durable?: DurableOptions | undefined;
}

function createState(options: ExecuteOptions): RunState {
  return {
    plan: options.plan,
    adapter: options.adapter,
    services: options.services,
    runId: options.runId,
    workflowName: options.workflowName,
    signal: options.signal ?? NEVER_ABORTED,
    cancellable: options.signal !== undefined,
    typeCheck: options.typeCheck,
    iterationErrors: options.iterationErrors === true,
    scope: { inputs: options.inputs, steps: {} },
    records: [],
    recorded: new Set(),
    emit: options.emit,
    ending: undefined,
    compose: options.compose,
    work: 0,
    durable:
      options.durable === undefined
        ? undefined
        : createDurable(options.durable, options.startedAt, options.plan),
  };
}

async function runSequence(state: RunState): Promise<unknown> {
  let lastOutput: unknown = null;
  for (const step of state.plan.topLevel) {
    const outcome = await executeStep(state, step);
    if (outcome !== "continue") break;
    lastOutput = getStepOutput(state, step.id) ?? null;
  }
  return lastOutput;
}

function accountSkips(state: RunState): void {
  const cancelled = state.ending?.kind === "cancelled";
  for (const step of state.plan.steps) {
    if (state.recorded.has(step.id)) continue;
    const reason = cancelled
      ? "cancelled"
      : state.plan.branchIds.has(step.id)
        ? "Branch not selected"
        : "Workflow halted";
    // Workflow outputs may read `$steps.<id>.status` (§13.3); the output stays absent as in §6.9.1.
    setStepOutput(state, step.id, undefined, "skipped");
    recordSkip(state, step, reason, 0);
  }
}

/** Status, outputs and error of a finished run (§6.9 steps 2–3, §12 D1). */
function conclude(
  state: RunState,
  lastOutput: unknown,
  crash: string | undefined,
): Pick<RunLog, "status" | "outputs" | "error"> {
  const ending = state.ending;
  if (ending?.kind === "cancelled") {
    return {
      status: "failed",
      outputs: {},
      error: { phase: "execute", message: "Workflow run was cancelled" },
    };
  }
  let status: RunStatus =
    ending?.kind === "halt" ||
    (ending?.kind === "exit" && ending.status === "failed") ||
    crash !== undefined
      ? "failed"
      : "success";
  let error: RunLogError | undefined;
  if (crash !== undefined) error = { phase: "execute", message: crash };
  else if (ending?.kind === "halt") error = { phase: "execute", message: ending.message };
  else if (ending?.kind === "exit" && ending.status === "failed") {
    error = {
      phase: "execute",
      message: `Workflow exited with status failed at step "${ending.stepId}"`,
    };
  }
  const resolved = resolveWorkflowOutputs(
    state,
    ending?.kind === "exit" ? ending : undefined,
    lastOutput,
  );
  if (resolved.error !== undefined && status === "success") {
    status = "failed";
    error = { phase: "execute", message: resolved.error };
  }
  if (status === "success" && state.typeCheck) {
    const mismatch = checkWorkflowOutputs(resolved);
    if (mismatch !== undefined) {
      status = "failed";
      error = { phase: "execute", message: mismatch };
    }
  }
  return error === undefined
    ? { status, outputs: resolved.outputs }
    : { status, outputs: resolved.outputs, error };
}

/**
 * The completion time. A host clock that throws or returns a non-number here must not cost the run its
 * `workflow_complete` (§6.9): fall back to the start time (the crash is already the run's error).
 */
function completionTime(options: ExecuteOptions): number {
  try {
    const now = options.services.now();
    if (Number.isFinite(now)) return now;
  } catch {
    // fall through
  }
  return options.startedAt;
}

/** Executes a validated plan with bound inputs; always resolves with a RunLog (§6). */
export async function execute(options: ExecuteOptions): Promise<RunLog> {
  const state = createState(options);
  const durable = state.durable;
  if (durable?.resumed === true) {
    state.emit({ type: "workflow_resume", segment: durable.segment });
  } else {
    state.emit({
      type: "workflow_start",
      workflow: options.workflowName,
      totalSteps: options.plan.steps.length,
    });
  }
  let lastOutput: unknown = null;
  let crash: string | undefined;
  try {
    lastOutput = await runSequence(state);
  } catch (error) {
    crash = errorMessage(error);
  }
  if (durable !== undefined && crash === undefined && state.ending?.kind === "suspend") {
    const suspended = await suspend(state, options);
    if (typeof suspended !== "string") return suspended;
    crash = suspended;
    state.ending = { kind: "halt", message: suspended };
  }
  accountSkips(state);
  const { status, outputs, error } = conclude(state, lastOutput, crash);
  const log = finalLog(state, options, status, outputs);
  if (error !== undefined) log.error = error;
  if (durable !== undefined) {
    durable.position = null;
    if (durable.segment > 1) log.segment = durable.segment;
    if (durable.workflowHash !== "") log.workflow_hash = durable.workflowHash;
    try {
      await writeCheckpoint(state, log);
    } catch (failure) {
      log.status = "failed";
      log.outputs = {};
      log.error = { phase: "execute", message: errorMessage(failure) };
    }
  }
  state.emit({
    type: "workflow_complete",
    status: log.status,
    duration_ms: log.duration_ms,
    summary: log.summary,
  });
  return log;
}

/** The run log of a finished (or suspended) segment, without `error`. */
function finalLog(
  state: RunState,
  options: ExecuteOptions,
  status: RunStatus,
  outputs: Record<string, unknown>,
): RunLog {
  const completedAt = completionTime(options);
  const startedAt = state.durable?.resumed === true ? state.durable.startedAt : undefined;
  const started = startedAt === undefined ? options.startedAt : Date.parse(startedAt);
  const duration = Math.max(0, Math.round(completedAt - started));
  const executed = state.records.filter((r) => r.status !== "skipped").length;
  const summary = {
    steps_executed: executed,
    steps_skipped: state.records.length - executed,
    total_duration_ms: duration,
  };
  return {
    id: options.runId,
    workflow: options.workflowName,
    status,
    summary,
    started_at: new Date(started).toISOString(),
    completed_at: new Date(completedAt).toISOString(),
    duration_ms: duration,
    inputs: options.inputs,
    steps: state.records,
    outputs,
  };
}

/**
 * [EXT §13.1, §13.9.1] Ends a segment at a waiting approval: no skip accounting, outputs `{}`, the
 * suspension checkpoint, then `workflow_suspend`. The failure message when that checkpoint failed.
 */
async function suspend(state: RunState, options: ExecuteOptions): Promise<RunLog | string> {
  const durable = state.durable!;
  const log = finalLog(state, options, "waiting", {});
  log.pending = durable.pending.slice();
  log.segment = durable.segment;
  if (durable.workflowHash !== "") log.workflow_hash = durable.workflowHash;
  try {
    await writeCheckpoint(state);
  } catch (failure) {
    return errorMessage(failure);
  }
  state.emit({ type: "workflow_suspend", pending: log.pending });
  return log;
}
