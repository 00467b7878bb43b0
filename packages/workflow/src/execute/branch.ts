// Conditional steps (§6.7): evaluate the predicate, run the selected branch, record the conditional first.
import type { CompiledStep } from "../compile/plan.js";
import { errorMessage, plainFailure } from "./failure.js";
import { fail, succeed, type Outcome, type StepFacts } from "./finish.js";
import { getStepOutput, type RunState } from "./state.js";

/** Runs one step through its full lifecycle (injected to keep imports one-way). */
export type RunStep = (state: RunState, step: CompiledStep) => Promise<Outcome>;

/** Executes a conditional step whose inputs are already resolved. */
export async function runConditional(
  state: RunState,
  step: CompiledStep,
  facts: StepFacts,
  runStep: RunStep,
): Promise<Outcome> {
  if (step.executor.type !== "conditional")
    throw new Error(`Step "${step.id}" is not a conditional`);
  let selected: readonly string[];
  try {
    selected = step.executor.predicate(state.scope)
      ? step.executor.then
      : (step.executor.else ?? []);
  } catch (error) {
    return fail(state, step, facts, plainFailure(errorMessage(error)));
  }
  const at = state.records.length;
  let outcome: Outcome = "continue";
  for (const id of selected) {
    const target = state.plan.byId.get(id);
    // Unreachable after validation (V23); a silent skip would hide a bug, so fail loudly.
    if (!target) throw new Error(`Conditional "${step.id}" lists unknown step "${id}"`);
    outcome = await runStep(state, target);
    if (outcome !== "continue") break;
  }
  // [EXT §13.9.1] A waiting branch: the conditional gets its record when the branch finishes.
  if (outcome === "waiting") return outcome;
  const last = selected.at(-1);
  const output = last === undefined ? null : (getStepOutput(state, last) ?? null);
  succeed(state, step, { ...facts, at }, output);
  return outcome;
}
