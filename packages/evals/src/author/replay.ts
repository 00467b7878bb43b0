// Answers tool calls from a recorded run: each tool step's recorded result, turned back into what
// the tool returned (its output mapping undone where it can be).
import type { FieldSchema, WorkflowDefinition } from "@skillflow/workflow";
import type { CallSite } from "./fixtures.js";

/**
 * What a replay reads of a recorded run: its steps' ids, executors, statuses, outputs and errors. A
 * `RunLog` is one, and so is a run from the history (`RunStore.get`).
 */
export interface RecordedSteps {
  steps: readonly {
    id: string;
    executor?: string;
    status: string;
    output?: unknown;
    error?: string;
  }[];
}

/** An answer from the recording, or why there is none. */
export type ReplayAnswer =
  { output: unknown; note?: string } | { error: string } | { missing: string };

const RESULT_PATH = /^\$result((?:\.[A-Za-z_][\w]*)*)$/;

/**
 * The raw result that the step's output mapping turns into `recorded`: every output whose value is
 * `$result` or a plain `$result.a.b` path is put back at that path; other expressions cannot be
 * undone (noted, and that field is left out).
 */
export function unmapOutput(
  outputs: Record<string, FieldSchema> | undefined,
  recorded: unknown,
): { raw: unknown; note?: string } {
  const fields = Object.entries(outputs ?? {});
  if (!fields.some(([, f]) => f.value !== undefined) || recorded === null) return { raw: recorded };
  if (typeof recorded !== "object" || Array.isArray(recorded)) return { raw: recorded };
  const source = recorded as Record<string, unknown>;
  let raw: Record<string, unknown> = {};
  const lost: string[] = [];
  for (const [name, field] of fields) {
    if (!Object.hasOwn(source, name)) continue;
    let path = typeof field.value === "string" ? RESULT_PATH.exec(field.value.trim()) : null;
    // `.length` of a list or string is computed, not a field that could be put back.
    if (path?.[1]?.endsWith(".length")) path = null;
    if (field.value === undefined) raw[name] = source[name];
    else if (path === null) lost.push(name);
    else if (path[1] === "") {
      const whole = source[name];
      if (whole !== null && typeof whole === "object" && !Array.isArray(whole))
        raw = { ...(whole as Record<string, unknown>), ...raw };
      else return { raw: whole };
    } else setPath(raw, path[1]!.slice(1).split("."), source[name]);
  }
  if (lost.length === 0) return { raw };
  return {
    raw,
    note: `outputs ${lost.join(", ")} are computed from $result by expressions that cannot be undone; add a fixture for this tool to answer them exactly`,
  };
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let at = target;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
}

/** Answers calls from the top-level tool steps of `log`, by step id (and iteration). */
export class RecordedRun {
  readonly #steps = new Map<string, RecordedSteps["steps"][number]>();
  readonly #definition: WorkflowDefinition | undefined;

  constructor(log: RecordedSteps, definition: WorkflowDefinition | undefined) {
    for (const step of log.steps) if (step.executor === "tool") this.#steps.set(step.id, step);
    this.#definition = definition;
  }

  /** What the recorded run's step `site.stepId` returned, or why it cannot answer. */
  answer(site: CallSite): ReplayAnswer {
    const record = this.#steps.get(site.stepId);
    if (record === undefined)
      return { missing: `the recorded run has no tool step "${site.stepId}"` };
    if (record.status === "failed")
      return { error: record.error ?? `step "${site.stepId}" failed in the recorded run` };
    if (record.status !== "success")
      return { missing: `step "${site.stepId}" was ${record.status} in the recorded run` };
    let recorded = record.output;
    if (site.iteration !== undefined) {
      if (!Array.isArray(recorded) || site.iteration >= recorded.length)
        return {
          missing: `the recorded run has no iteration ${site.iteration} of "${site.stepId}"`,
        };
      recorded = recorded[site.iteration];
    }
    const step = this.#definition?.steps.find((s) => s.id === site.stepId);
    const { raw, note } = unmapOutput(step?.outputs, recorded);
    return note === undefined ? { output: raw } : { output: raw, note };
  }
}
