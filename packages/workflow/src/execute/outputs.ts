// Step output mapping (§3.4) with the declared-type test (§12 D1), and workflow outputs (§6.9).
import type { CompiledField, CompiledStep } from "../compile/plan.js";
import { isMapping, ownValue, setOwn } from "../model/objects.js";
import type { RuntimeContext } from "../model/run-log.js";
import { describeType, matchesType } from "../model/value-types.js";
import { errorMessage, plainFailure, type StepFailure } from "./failure.js";
import type { RunState } from "./state.js";

type Mapped = { ok: true; output: unknown } | { ok: false; failure: StepFailure };

function typeFailure(step: CompiledStep, field: CompiledField, value: unknown): StepFailure {
  return plainFailure(
    `Output "${field.name}" of step "${step.id}" must be ${field.decl.type}, got ${describeType(value)}`,
  );
}

/** Tests declared outputs of tool/transform/workflow steps (§12 D1, D7.3); returns the first mismatch. */
function checkStepOutputs(
  state: RunState,
  step: CompiledStep,
  raw: unknown,
  output: unknown,
): StepFailure | undefined {
  if (!state.typeCheck || step.outputs.length === 0) return undefined;
  const type = step.step.type;
  if (type !== "tool" && type !== "transform" && type !== "workflow") return undefined;
  const source = step.mapsOutputs ? output : raw;
  for (const field of step.outputs) {
    const value = ownValue(source, field.name);
    if (!matchesType(field.decl, value)) return typeFailure(step, field, value);
  }
  return undefined;
}

/** Maps a raw executor result to the step output (§3.4) and type-tests it. */
export function mapStepOutput(
  state: RunState,
  step: CompiledStep,
  raw: unknown,
  scope: RuntimeContext,
): Mapped {
  let output: unknown = raw;
  if (step.mapsOutputs) {
    const mapped: Record<string, unknown> = {};
    const withResult: RuntimeContext = {
      inputs: scope.inputs,
      steps: scope.steps,
      item: scope.item,
      index: scope.index,
      result: raw,
    };
    for (const field of step.outputs) {
      if (field.value === null) {
        setOwn(mapped, field.name, isMapping(raw) ? (ownValue(raw, field.name) ?? null) : null);
        continue;
      }
      try {
        setOwn(mapped, field.name, field.value(withResult));
      } catch (error) {
        return { ok: false, failure: plainFailure(errorMessage(error)) };
      }
    }
    output = mapped;
  }
  const mismatch = checkStepOutputs(state, step, raw, output);
  return mismatch ? { ok: false, failure: mismatch } : { ok: true, output };
}

/** Result of resolving workflow outputs. */
export interface WorkflowOutputs {
  outputs: Record<string, unknown>;
  /** Set when resolving failed (§6.9, K22). */
  error?: string;
  /** Names whose values must pass the declared-type test (D7.5). */
  tested: readonly CompiledField[];
}

function fromSource(
  fields: readonly CompiledField[],
  source: unknown,
  keepMissing: boolean,
): WorkflowOutputs {
  const outputs: Record<string, unknown> = {};
  if (isMapping(source)) {
    const tested: CompiledField[] = [];
    for (const field of fields) {
      if (!keepMissing && !Object.hasOwn(source, field.name)) continue;
      setOwn(outputs, field.name, ownValue(source, field.name) ?? null);
      tested.push(field);
    }
    return { outputs, tested };
  }
  const first = fields[0]!;
  setOwn(outputs, first.name, source);
  return { outputs, tested: [first] };
}

/** Resolves declared workflow outputs per §6.9 (exit precedence, value resolution, pass-through, first-key rule). */
export function resolveWorkflowOutputs(
  state: RunState,
  exit: { output: unknown } | undefined,
  lastOutput: unknown,
): WorkflowOutputs {
  const fields = state.plan.outputs;
  if (fields.length === 0) return { outputs: {}, tested: [] };
  // D7.5: under type checking, declared outputs an exit does not provide stay absent.
  if (exit) {
    const resolved = fromSource(fields, exit.output, !state.typeCheck);
    // D7.5: only what the exit provides is tested; an exit without output provides nothing.
    return exit.output === null || exit.output === undefined
      ? { ...resolved, tested: [] }
      : resolved;
  }
  if (!fields.some((f) => f.value !== null)) return fromSource(fields, lastOutput, true);
  const outputs: Record<string, unknown> = {};
  const scope: RuntimeContext = { inputs: state.scope.inputs, steps: state.scope.steps };
  for (const field of fields) {
    if (field.value === null) {
      setOwn(
        outputs,
        field.name,
        isMapping(lastOutput) ? (ownValue(lastOutput, field.name) ?? null) : null,
      );
      continue;
    }
    try {
      setOwn(outputs, field.name, field.value(scope));
    } catch (error) {
      return {
        outputs: {},
        tested: [],
        error: `Failed to resolve workflow output "${field.name}": ${errorMessage(error)}`,
      };
    }
  }
  return { outputs, tested: fields };
}

/** The declared-type test of workflow outputs (§12 D1, D7.5); returns a message or undefined. */
export function checkWorkflowOutputs(resolved: WorkflowOutputs): string | undefined {
  const problems: string[] = [];
  for (const field of resolved.tested) {
    const value = resolved.outputs[field.name];
    if (!matchesType(field.decl, value)) {
      problems.push(
        `Workflow output "${field.name}" must be ${field.decl.type}, got ${describeType(value)}`,
      );
    }
  }
  return problems.length === 0 ? undefined : problems.join("; ");
}
