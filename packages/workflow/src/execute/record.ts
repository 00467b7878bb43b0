// Builds step records and emits their events together, so the pair is never written twice.
import type { CompiledStep } from "../compile/plan.js";
import type { PendingApproval } from "../model/durable.js";
import type {
  IterationError,
  RetryRecord,
  RunLog,
  RuntimeEventBody,
  StepRecord,
  StepUsage,
} from "../model/run-log.js";
import { maskSecretArguments, maskSecretInputs } from "../model/secrets.js";
import type { RunState } from "./state.js";

/** Milliseconds since `start`, rounded (§7.2). */
export function elapsed(state: RunState, start: number): number {
  return Math.max(0, Math.round(state.services.now() - start));
}

/** Emits `step_start` for a step (§7.4). */
export function emitStart(state: RunState, step: CompiledStep): void {
  const event: Extract<RuntimeEventBody, { type: "step_start" }> = {
    type: "step_start",
    stepId: step.id,
    stepType: step.step.type,
  };
  if (step.executor.type === "tool") event.tool = step.executor.tool;
  if (step.description !== undefined) event.description = step.description;
  state.emit(event);
}

/** Records a skipped step and emits its `step_skip` (guard false or skip accounting). */
export function recordSkip(
  state: RunState,
  step: CompiledStep,
  reason: string,
  durationMs: number,
): void {
  state.records.push({
    id: step.id,
    executor: step.step.type,
    status: "skipped",
    reason,
    duration_ms: durationMs,
  });
  state.recorded.add(step.id);
  state.emit(
    step.description === undefined
      ? { type: "step_skip", stepId: step.id, reason }
      : { type: "step_skip", stepId: step.id, reason, description: step.description },
  );
}

/** What a finished (non-skipped) step reports. */
export interface Finished {
  status: "success" | "failed";
  start: number;
  inputs?: Record<string, unknown> | undefined;
  /** `undefined` with `hasOutput` false leaves the key out. */
  output?: unknown;
  hasOutput: boolean;
  iterations?: number | undefined;
  error?: string | undefined;
  retries?: RetryRecord | undefined;
  usage?: StepUsage | undefined;
  iterationErrors?: IterationError[] | undefined;
  /** [EXT §13.5] Child run logs of a `workflow` step. */
  runs?: RunLog[] | undefined;
  /** Insert the record here instead of appending (conditionals precede their branch records). */
  at?: number | undefined;
}

/** Builds the record of a finished step, stores it, and emits `step_error` (if failed) then `step_complete`. */
export function recordFinish(state: RunState, step: CompiledStep, done: Finished): void {
  const duration = elapsed(state, done.start);
  const record: StepRecord = {
    id: step.id,
    executor: step.step.type,
    status: done.status,
    duration_ms: duration,
  };
  // Arguments under secret names (an Authorization header, an api_key) never reach the log.
  if (done.inputs !== undefined) {
    record.inputs = step.masksInputs ? maskSecretArguments(done.inputs) : done.inputs;
  }
  if (done.hasOutput) record.output = done.output;
  if (done.iterations !== undefined) record.iterations = done.iterations;
  if (done.error !== undefined) record.error = done.error;
  if (done.retries !== undefined && done.retries.attempts > 0) record.retries = done.retries;
  if (done.usage !== undefined) record.usage = done.usage;
  if (done.iterationErrors !== undefined) record.iteration_errors = done.iterationErrors;
  // A child run's inputs are the step's arguments under the child's names: masked alike.
  if (done.runs !== undefined)
    record.runs = done.runs.map((run) => {
      const inputs = maskSecretInputs(run.inputs);
      return inputs === run.inputs ? run : { ...run, inputs };
    });
  if (done.at === undefined) state.records.push(record);
  else state.records.splice(done.at, 0, record);
  state.recorded.add(step.id);
  if (done.status === "failed") {
    state.emit({
      type: "step_error",
      stepId: step.id,
      error: done.error ?? "",
      onError: step.onError,
    });
  }
  state.emit(
    done.iterations === undefined
      ? { type: "step_complete", stepId: step.id, status: done.status, duration_ms: duration }
      : {
          type: "step_complete",
          stepId: step.id,
          status: done.status,
          duration_ms: duration,
          iterations: done.iterations,
        },
  );
}

/** [EXT §13.4] Records an approval that waits for a decision and emits `step_waiting` (no `step_complete`). */
export function recordWaiting(
  state: RunState,
  step: CompiledStep,
  facts: { start: number; inputs?: Record<string, unknown> | undefined },
  request: PendingApproval,
): void {
  const record: StepRecord = {
    id: step.id,
    executor: step.step.type,
    status: "waiting",
    duration_ms: elapsed(state, facts.start),
  };
  if (facts.inputs !== undefined) {
    record.inputs = step.masksInputs ? maskSecretArguments(facts.inputs) : facts.inputs;
  }
  state.records.push(record);
  state.recorded.add(step.id);
  state.emit({
    type: "step_waiting",
    stepId: step.id,
    message: request.message,
    expires_at: request.expires_at,
  });
}
