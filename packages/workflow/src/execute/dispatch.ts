// Runs the executor of a tool or transform step once (per iteration for `each`) and maps its output.
import type { CompiledStep } from "../compile/plan.js";
import { setOwn } from "../model/objects.js";
import type { RunLog, RuntimeContext, StepUsage } from "../model/run-log.js";
import { addUsage } from "./usage.js";
import { errorMessage, plainFailure, type StepFailure } from "./failure.js";
import type { AttemptResult } from "./invoke.js";
import { mapStepOutput } from "./outputs.js";
import { invokeWithRetries } from "./retry.js";
import type { RunState } from "./state.js";

/** The transform input array (§3.6): `items` if an array, else the first array input, else the first input wrapped, else []. */
export function selectArray(inputs: Record<string, unknown>): readonly unknown[] {
  const items = inputs["items"];
  if (Array.isArray(items)) return items;
  let first: unknown;
  let seen = false;
  for (const key in inputs) {
    const value = inputs[key];
    if (Array.isArray(value)) return value;
    if (!seen) {
      seen = true;
      first = value;
    }
  }
  return first === null || first === undefined ? [] : [first];
}

/** A transform's raw result (§3.6): one key — the first declared output name, or `items`. */
export function transformResult(
  firstOutput: string | undefined,
  items: unknown[],
): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  setOwn(raw, firstOutput ?? "items", items);
  return raw;
}

function runTransform(
  step: CompiledStep,
  inputs: Record<string, unknown>,
  scope: RuntimeContext,
): AttemptResult {
  if (step.executor.type !== "transform") throw new Error(`Step "${step.id}" is not a transform`);
  const inner: RuntimeContext = {
    inputs: scope.inputs,
    steps: scope.steps,
    item: undefined,
    index: undefined,
  };
  try {
    return {
      ok: true,
      output: transformResult(step.outputs[0]?.name, step.executor.run(selectArray(inputs), inner)),
    };
  } catch (error) {
    return { ok: false, failure: plainFailure(errorMessage(error)) };
  }
}

/** Shared empty list for dispatches that made no retry (never mutated). */
export const NO_RETRIES: readonly string[] = [];

/** Output of one dispatch: the mapped output or the failure, plus retried attempts' messages. */
export interface Dispatched {
  ok: boolean;
  output?: unknown;
  failure?: StepFailure;
  retryErrors: readonly string[];
  /** [EXT] Usage reported by the tool calls of this dispatch. */
  usage?: StepUsage | undefined;
  /** [EXT §13.5] `workflow` steps: the child run logs of this dispatch (one per attempt). */
  runs?: RunLog[] | undefined;
}

/** Maps a successful result (§3.4) and packs the outcome with the retried attempts' messages. */
export function concludeAttempt(
  state: RunState,
  step: CompiledStep,
  result: AttemptResult,
  scope: RuntimeContext,
  retryErrors: readonly string[],
  usage: StepUsage | undefined = addUsage(undefined, result.usage),
): Dispatched {
  if (!result.ok) return { ok: false, failure: result.failure, retryErrors, usage };
  const mapped = mapStepOutput(state, step, result.output, scope);
  return mapped.ok
    ? { ok: true, output: mapped.output, retryErrors, usage }
    : { ok: false, failure: mapped.failure, retryErrors, usage };
}

async function dispatchTool(
  state: RunState,
  step: CompiledStep,
  inputs: Record<string, unknown>,
  scope: RuntimeContext,
): Promise<Dispatched> {
  const retried = await invokeWithRetries(state, step, inputs, scope.index);
  const done = concludeAttempt(
    state,
    step,
    retried.result,
    scope,
    retried.retryErrors,
    retried.usage,
  );
  if (retried.runs !== undefined) done.runs = retried.runs;
  return done;
}

/** Executes a tool or workflow (with retries) or transform step once with resolved inputs, then maps its output. */
export function dispatchOnce(
  state: RunState,
  step: CompiledStep,
  inputs: Record<string, unknown>,
  scope: RuntimeContext,
): Promise<Dispatched> | Dispatched {
  const type = step.executor.type;
  if (type === "tool" || type === "workflow") return dispatchTool(state, step, inputs, scope);
  return concludeAttempt(state, step, runTransform(step, inputs, scope), scope, NO_RETRIES);
}
