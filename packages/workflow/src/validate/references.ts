// The reference's textual `$steps` rules of §5.2: V19–V22 and V24 (per step), V25–V26 (workflow outputs).
import type { DocPath } from "../diagnostics/diagnostic.js";
import { templateLeaves } from "../expression/leaves.js";
import type { Step } from "../model/schema.js";
import { report, type ValidateContext } from "./context.js";

const TEMPLATE_STEPS = /\$\{steps\./;
const TEMPLATE_RESULT = /\$\{result[.[]/;

const NO_REFERENCES: readonly string[] = Object.freeze([]);

function isIdentifierStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || (code >= 48 && code <= 57);
}

/** Appends each `<marker><identifier>` of `text` to `refs` (first occurrence only; `seen` mirrors `refs`). */
function scanReferences(text: string, marker: string, refs: string[], seen: Set<string>): void {
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
    const start = at + marker.length;
    if (!isIdentifierStart(text.charCodeAt(start))) continue;
    let end = start + 1;
    while (end < text.length && isIdentifierPart(text.charCodeAt(end))) end++;
    const id = text.slice(start, end);
    if (!seen.has(id)) {
      seen.add(id);
      refs.push(id);
    }
  }
}

/**
 * Step ids named in a string by `$steps.<id>` or `${steps.<id>` (§5.2): all expression-form matches
 * first, then all template-form matches, duplicates collapsed to their first occurrence.
 */
export function extractStepReferences(text: string): readonly string[] {
  if (!text.includes("steps.")) return NO_REFERENCES;
  const refs: string[] = [];
  const seen = new Set<string>();
  scanReferences(text, "$steps.", refs, seen);
  scanReferences(text, "${steps.", refs, seen);
  return refs;
}

/** Whether V19 / V20 / V26 apply to a value: it starts with `$steps.` or contains `${steps.`. */
export function hasStepReferences(text: string): boolean {
  return text.startsWith("$steps.") || TEMPLATE_STEPS.test(text);
}

/** Whether V25 fires for a workflow output value: starts with `$result` or contains `${result.` / `${result[`. */
export function mentionsResultInWorkflowOutput(text: string): boolean {
  return text.startsWith("$result") || TEMPLATE_RESULT.test(text);
}

/**
 * The strings of an R-VALUE `value` that can reference steps: the value itself when it is a string,
 * else (§13.7) its template leaves, each with its own path.
 */
export function valueTexts(value: unknown, path: DocPath): { text: string; path: DocPath }[] {
  if (typeof value === "string") return [{ text: value, path }];
  return templateLeaves(value).map((leaf) => ({ text: leaf.text, path: [...path, ...leaf.path] }));
}

/** The V19 check of one string: undefined steps, then steps not declared before step `i`. */
function checkOrderedReferences(
  ctx: ValidateContext,
  text: string,
  step: Step,
  i: number,
  path: DocPath,
): void {
  for (const ref of extractStepReferences(text)) {
    const at = ctx.indexOf.get(ref);
    if (at === undefined) {
      report(ctx, "UNDEFINED_STEP_REFERENCE", `References undefined step "${ref}"`, path);
    } else if (at >= i && !ctx.branchIds.has(step.id)) {
      report(
        ctx,
        "FORWARD_REFERENCE",
        `Step "${step.id}" references step "${ref}" which is not declared before it`,
        path,
      );
    }
  }
}

/** V19–V22 for step `i`: input values, output values, the guard and `each`, in that order. */
export function checkStepReferences(ctx: ValidateContext, step: Step, i: number): void {
  for (const [name, input] of Object.entries(step.inputs ?? {})) {
    for (const { text, path } of valueTexts(input.value, ["steps", i, "inputs", name, "value"])) {
      if (hasStepReferences(text)) checkOrderedReferences(ctx, text, step, i, path);
    }
  }
  for (const [name, output] of Object.entries(step.outputs ?? {})) {
    for (const { text, path } of valueTexts(output.value, ["steps", i, "outputs", name, "value"])) {
      if (!hasStepReferences(text)) continue;
      report(
        ctx,
        "STEPS_IN_STEP_OUTPUT",
        'Step output "value" must use "$result" to map from the raw executor result, not "$steps" references. Use "$steps" in workflow outputs or step input values.',
        path,
      );
    }
  }
  if (step.condition) {
    checkOrderedReferences(ctx, step.condition, step, i, ["steps", i, "condition"]);
  }
  if (step.each) checkOrderedReferences(ctx, step.each, step, i, ["steps", i, "each"]);
  // [EXT §13.4] An approval's message names earlier steps like an input value does.
  if (step.type === "approval" && hasStepReferences(step.message)) {
    checkOrderedReferences(ctx, step.message, step, i, ["steps", i, "message"]);
  }
}

/** V24: an exit string output anywhere, or the top-level mapping values starting with `$`. */
export function checkExitOutputReferences(ctx: ValidateContext, step: Step, i: number): void {
  if (step.type !== "exit" || !step.output) return;
  if (typeof step.output === "string") {
    checkOrderedReferences(ctx, step.output, step, i, ["steps", i, "output"]);
    return;
  }
  for (const [key, value] of Object.entries(step.output)) {
    if (typeof value === "string" && value.startsWith("$")) {
      checkOrderedReferences(ctx, value, step, i, ["steps", i, "output", key]);
    }
  }
}

/** V25–V26 per workflow output in key order: `$result` misuse, then undefined steps (no ordering check). */
export function checkWorkflowOutputReferences(ctx: ValidateContext): void {
  for (const [name, output] of Object.entries(ctx.workflow.outputs ?? {})) {
    for (const { text, path } of valueTexts(output.value, ["outputs", name, "value"])) {
      checkWorkflowOutputText(ctx, text, path);
    }
  }
}

/** V25–V26 of one workflow output string (the value, or a §13.7 template leaf of it). */
function checkWorkflowOutputText(ctx: ValidateContext, text: string, path: DocPath): void {
  if (mentionsResultInWorkflowOutput(text)) {
    report(
      ctx,
      "RESULT_IN_WORKFLOW_OUTPUT",
      '"$result" is not valid in workflow output "value" — use "$steps.<id>.output" instead. "$result" is only valid in step output "value".',
      path,
    );
  }
  if (!hasStepReferences(text)) return;
  for (const ref of extractStepReferences(text)) {
    if (!ctx.indexOf.has(ref)) {
      report(ctx, "UNDEFINED_STEP_REFERENCE", `References undefined step "${ref}"`, path);
    }
  }
}
