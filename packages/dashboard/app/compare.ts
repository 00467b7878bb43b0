// Two runs side by side as data: which inputs and outputs differ, and for each step (in the order
// the runs met them) its status, duration and whether its output changed.
import type { RunDetail, StepStatus, StoredStep } from "./run-detail";
import { canonicalJson } from "./values";

/** One named value in both runs. */
export interface ValueDiff {
  key: string;
  a: unknown;
  b: unknown;
  inA: boolean;
  inB: boolean;
  changed: boolean;
  /** Either side holds `[REDACTED]` (anywhere in a string): the stored values cannot tell whether the real ones differ. */
  redacted: boolean;
}

/** The runtime replaces each secret inside text, so the marker can be part of a string. */
const REDACTED = "[REDACTED]";

/** One step in both runs (absent where a run has no record of it). */
export interface StepDiff {
  id: string;
  a?: { status: StepStatus; durationMs?: number; output: unknown; error?: string };
  b?: { status: StepStatus; durationMs?: number; output: unknown; error?: string };
  statusChanged: boolean;
  outputChanged: boolean;
  /** Either output holds `[REDACTED]`: equal stored outputs may hide different secrets. */
  redacted: boolean;
  /** b's duration minus a's, when both have one. */
  durationDeltaMs?: number;
}

/** The comparison of two runs. */
export interface RunComparison {
  sameWorkflow: boolean;
  inputs: ValueDiff[];
  outputs: ValueDiff[];
  steps: StepDiff[];
  /** How many inputs, outputs and steps differ. */
  changes: { inputs: number; outputs: number; steps: number };
}

const has = (record: Record<string, unknown> | undefined, key: string) =>
  record !== undefined && Object.prototype.hasOwnProperty.call(record, key);

/** The union of both records' keys: a's order first, then b's own. */
export function diffValues(
  a: Record<string, unknown> | undefined,
  b: Record<string, unknown> | undefined,
): ValueDiff[] {
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
  return keys.map((key) => {
    const inA = has(a, key);
    const inB = has(b, key);
    const va = inA ? a![key] : undefined;
    const vb = inB ? b![key] : undefined;
    const ja = canonicalJson(va);
    const jb = canonicalJson(vb);
    return {
      key,
      a: va,
      b: vb,
      inA,
      inB,
      changed: inA !== inB || ja !== jb,
      redacted: ja.includes(REDACTED) || jb.includes(REDACTED),
    };
  });
}

function side(step: StoredStep | undefined): StepDiff["a"] {
  if (step === undefined) return undefined;
  return {
    status: step.status,
    ...(step.duration_ms !== undefined ? { durationMs: step.duration_ms } : {}),
    output: step.output,
    ...(step.error !== undefined ? { error: step.error } : {}),
  };
}

/** Steps by id in the order a met them, then those only b has. */
export function diffSteps(a: readonly StoredStep[], b: readonly StoredStep[]): StepDiff[] {
  const byId = (steps: readonly StoredStep[]) => new Map(steps.map((s) => [s.id, s]));
  const inA = byId(a);
  const inB = byId(b);
  const ids = [...new Set([...inA.keys(), ...inB.keys()])];
  return ids.map((id) => {
    const sa = side(inA.get(id));
    const sb = side(inB.get(id));
    const both = sa !== undefined && sb !== undefined;
    const oa = canonicalJson(sa?.output);
    const ob = canonicalJson(sb?.output);
    return {
      id,
      ...(sa ? { a: sa } : {}),
      ...(sb ? { b: sb } : {}),
      statusChanged: sa?.status !== sb?.status,
      outputChanged: !both || oa !== ob,
      redacted: oa.includes(REDACTED) || ob.includes(REDACTED),
      ...(both && sa.durationMs !== undefined && sb.durationMs !== undefined
        ? { durationDeltaMs: sb.durationMs - sa.durationMs }
        : {}),
    };
  });
}

/** Compares run `a` with run `b`. */
export function compareRuns(a: RunDetail, b: RunDetail): RunComparison {
  const inputs = diffValues(a.inputs, b.inputs);
  const outputs = diffValues(a.outputs, b.outputs);
  const steps = diffSteps(a.steps, b.steps);
  return {
    sameWorkflow: a.workflow === b.workflow,
    inputs,
    outputs,
    steps,
    changes: {
      inputs: inputs.filter((d) => d.changed).length,
      outputs: outputs.filter((d) => d.changed).length,
      steps: steps.filter((d) => d.statusChanged || d.outputChanged).length,
    },
  };
}
