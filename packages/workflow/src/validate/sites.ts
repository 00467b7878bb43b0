// Every place of a definition where an expression or template is evaluated (§4.1), with its scope.
import { isMapping } from "../model/objects.js";
import type { DocPath } from "../diagnostics/diagnostic.js";
import { containsTemplate } from "../expression/index.js";
import { templateLeaves } from "../expression/leaves.js";
import type { Step, WorkflowDefinition } from "../model/schema.js";

/**
 * Where `$item` / `$index` may appear: `iteration` (inputs/outputs of an `each` step, filter `where`,
 * map `expression`), `each-header` (the guard or `each` of an `each` step: evaluated before any
 * iteration, D7.9) or `none`.
 */
export type ItemScope = "iteration" | "each-header" | "none";

/**
 * Where `$result` may appear: `output` (step output `value`), `workflow-output` (already reported by
 * V25 when that rule's text test fires) or `none`.
 */
export type ResultScope = "output" | "workflow-output" | "none";

/** One expression or template text of the document and the references allowed in it. */
export interface ExpressionSite {
  path: DocPath;
  text: string;
  /** `expression`: the whole string is one expression; `template`: `${…}` blocks (§4.10). */
  form: "expression" | "template";
  item: ItemScope;
  result: ResultScope;
}

type Form = ExpressionSite["form"];

/** R-VALUE (§3.2): `$$` escape → literal, template block → template, leading `$` → expression. */
export function rvalueForm(raw: unknown): Form | undefined {
  if (typeof raw !== "string" || raw.startsWith("$$")) return undefined;
  if (containsTemplate(raw)) return "template";
  return raw.startsWith("$") ? "expression" : undefined;
}

/** [EXT] §13.7: the template leaves of a list or mapping R-VALUE `value`, each a template site. */
function structuredSites(
  path: DocPath,
  raw: unknown,
  item: ItemScope,
  result: ResultScope,
  out: ExpressionSite[],
): void {
  if (raw === null || typeof raw !== "object") return;
  for (const leaf of templateLeaves(raw)) {
    out.push({ path: [...path, ...leaf.path], text: leaf.text, form: "template", item, result });
  }
}

/** Exit string output (§3.8): `$$` → literal, template → template, anything else is an expression. */
function exitStringForm(raw: string): Form | undefined {
  if (raw.startsWith("$$")) return undefined;
  return containsTemplate(raw) ? "template" : "expression";
}

/** Collects the sites of one step in field order: guard, `each`, inputs, outputs, where/map, exit output. */
function stepSites(step: Step, i: number, out: ExpressionSite[]): void {
  const base: DocPath = ["steps", i];
  const iterates = Boolean(step.each);
  const add = (
    path: DocPath,
    raw: unknown,
    form: Form | undefined,
    item: ItemScope,
    result: ResultScope = "none",
  ): void => {
    if (form !== undefined && typeof raw === "string") {
      out.push({ path, text: raw, form, item, result });
    }
  };
  // An empty guard or `each` counts as not set (reference truthiness, as in V15–V22).
  if (step.condition) {
    add([...base, "condition"], step.condition, "expression", iterates ? "each-header" : "none");
  }
  if (step.each) add([...base, "each"], step.each, "expression", "each-header");
  const valueScope: ItemScope = iterates ? "iteration" : "none";
  for (const [name, input] of Object.entries(step.inputs ?? {})) {
    const path = [...base, "inputs", name, "value"];
    add(path, input.value, rvalueForm(input.value), valueScope);
    structuredSites(path, input.value, valueScope, "none", out);
  }
  for (const [name, output] of Object.entries(step.outputs ?? {})) {
    const path = [...base, "outputs", name, "value"];
    add(path, output.value, rvalueForm(output.value), valueScope, "output");
    structuredSites(path, output.value, valueScope, "output", out);
  }
  if (step.type === "transform" && step.operation === "filter") {
    add([...base, "where"], step.where, "expression", "iteration");
  }
  if (step.type === "transform" && step.operation === "map") {
    mapSites(step.expression, [...base, "expression"], out);
  }
  if (step.type === "approval") {
    add([...base, "message"], step.message, rvalueForm(step.message), "none");
  }
  if (step.type === "exit" && step.output) {
    if (typeof step.output === "string") {
      add([...base, "output"], step.output, exitStringForm(step.output), "none");
    } else {
      for (const [key, value] of Object.entries(step.output)) {
        add([...base, "output", key], value, rvalueForm(value), "none");
      }
    }
  }
}

/** Map `expression` values (§3.6): `$$` literal, `$` expression (no templates), mappings recursively. */
function mapSites(mapping: unknown, path: DocPath, out: ExpressionSite[]): void {
  if (!isMapping(mapping)) return;
  for (const [key, value] of Object.entries(mapping)) {
    if (typeof value === "string" && value.startsWith("$") && !value.startsWith("$$")) {
      out.push({
        path: [...path, key],
        text: value,
        form: "expression",
        item: "iteration",
        result: "none",
      });
    } else if (isMapping(value)) {
      mapSites(value, [...path, key], out);
    }
  }
}

/** Every expression site of a definition: steps in declaration order, then workflow outputs in key order. */
export function expressionSites(workflow: WorkflowDefinition): ExpressionSite[] {
  const out: ExpressionSite[] = [];
  const steps: readonly Step[] = Array.isArray(workflow.steps) ? workflow.steps : [];
  steps.forEach((step, i) => stepSites(step, i, out));
  for (const [name, output] of Object.entries(workflow.outputs ?? {})) {
    const path = ["outputs", name, "value"];
    const form = rvalueForm(output.value);
    if (form !== undefined && typeof output.value === "string") {
      out.push({ path, text: output.value, form, item: "none", result: "workflow-output" });
    }
    structuredSites(path, output.value, "none", "workflow-output", out);
  }
  return out;
}
