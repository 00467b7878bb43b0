// Ends a step: success or failure bookkeeping, `$steps` update, and what the run does next (§6.6).
import type { CompiledStep } from "../compile/plan.js";
import type { IterationError, RetryRecord, RunLog, StepUsage } from "../model/run-log.js";
import { failureText, type StepFailure } from "./failure.js";
import { recordFinish } from "./record.js";
import { setStepOutput, type RunState } from "./state.js";

/** What the caller of a step does next. */
export type Outcome = "continue" | "halt" | "exit" | "cancelled" | "waiting";

/** Facts about a finished step besides its status. */
export interface StepFacts {
  start: number;
  inputs?: Record<string, unknown> | undefined;
  retries?: RetryRecord | undefined;
  /** [EXT] Usage reported by the step's tool calls. */
  usage?: StepUsage | undefined;
  /** Where the record goes when not appended: a conditional's record precedes its branch's (§6.7). */
  at?: number | undefined;
  /** `each` steps: the aligned results and the array length. */
  results?: unknown[] | undefined;
  /** [EXT] Failed `each` steps: the failed iterations (when the run records them). */
  iterationErrors?: IterationError[] | undefined;
  /** [EXT §13.5] `workflow` steps: the child runs' logs. */
  runs?: RunLog[] | undefined;
}

/** Retry bookkeeping from the messages of retried attempts. */
export function retryRecord(errors: readonly string[]): RetryRecord | undefined {
  return errors.length === 0 ? undefined : { attempts: errors.length, errors: [...errors] };
}

/** Records a successful step and stores its output. */
export function succeed(
  state: RunState,
  step: CompiledStep,
  facts: StepFacts,
  output: unknown,
): Outcome {
  setStepOutput(state, step.id, output);
  recordFinish(state, step, {
    status: "success",
    start: facts.start,
    inputs: facts.inputs,
    output,
    hasOutput: true,
    iterations: facts.results?.length,
    retries: facts.retries,
    usage: facts.usage,
    runs: facts.runs,
    at: facts.at,
  });
  return "continue";
}

/** Records a failed step; under `fail` (or cancellation) the run halts. */
export function fail(
  state: RunState,
  step: CompiledStep,
  facts: StepFacts,
  failure: StepFailure,
): Outcome {
  const error = failureText(failure);
  setStepOutput(state, step.id, facts.results ?? null, "failed", error);
  recordFinish(state, step, {
    status: "failed",
    start: facts.start,
    inputs: facts.inputs,
    output: facts.results,
    hasOutput: facts.results !== undefined,
    iterations: facts.results?.length,
    error,
    retries: facts.retries,
    usage: facts.usage,
    iterationErrors: facts.iterationErrors,
    runs: facts.runs,
  });
  if (failure.cancelled) {
    state.ending ??= { kind: "cancelled" };
    return "cancelled";
  }
  if (step.onError === "ignore") return "continue";
  state.ending ??= { kind: "halt", message: error };
  return "halt";
}
