// Resolves a step's declared inputs (§3.3) in a scope; an expression error fails the step.
import type { CompiledStep } from "../compile/plan.js";
import { setOwn } from "../model/objects.js";
import type { RuntimeContext } from "../model/run-log.js";
import { errorMessage, plainFailure, type StepFailure } from "./failure.js";

/** Resolved inputs, or the failure that stopped resolution. */
export type ResolvedInputs =
  { ok: true; inputs: Record<string, unknown> } | { ok: false; failure: StepFailure };

function rawText(raw: unknown): string {
  if (typeof raw === "string") return raw;
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}

/** Resolves every input that has a `value`; inputs without one are omitted. */
export function resolveStepInputs(step: CompiledStep, scope: RuntimeContext): ResolvedInputs {
  const inputs: Record<string, unknown> = {};
  for (const input of step.inputs) {
    try {
      setOwn(inputs, input.name, input.value(scope));
    } catch (error) {
      const message = `Step "${step.id}" input "${input.name}": failed to resolve expression ${rawText(input.raw)}: ${errorMessage(error)}`;
      return { ok: false, failure: plainFailure(message) };
    }
  }
  return { ok: true, inputs };
}
