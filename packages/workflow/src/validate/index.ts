// The validate stage: every §5.2 rule plus the §12 D1/D2 checks, in the spec's order, as diagnostics.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../diagnostics/source-map.js";
import { ExpressionCache } from "../expression/index.js";
import type { ToolAdapter } from "../model/adapter.js";
import type { WorkflowDefinition } from "../model/schema.js";
import { collected, createContext } from "./context.js";
import { checkCycles } from "./cycles.js";
import { checkExpressions } from "./expressions.js";
import {
  checkExitOutputReferences,
  checkStepReferences,
  checkWorkflowOutputReferences,
} from "./references.js";
import { checkBranchRecursion, checkConcurrency, checkDurations } from "./extensions.js";
import {
  checkApproval,
  checkBranchTargets,
  checkDuplicateIds,
  checkEachAndDelay,
  checkToolAvailability,
} from "./structure.js";
import { checkWiring } from "./wiring.js";

export { bindInputs, type BindInputsOptions, type BoundInputs } from "./inputs.js";
export { extractStepReferences } from "./references.js";

/** Options of `validateDefinition`. */
export interface ValidateDefinitionOptions {
  /** When given, V18 asks it whether each tool is registered. */
  toolAdapter?: ToolAdapter;
  /** `"on"` (default) adds the §12 D1 wiring check; `"off"` leaves it out. D2 runs either way. */
  typeCheck?: "on" | "off";
  /** Adds `line` / `column` / `offset` to every diagnostic (§12 D5). */
  sourceMap?: SourceMap;
  /** Parsed expressions are stored here for the compile stage; a private cache is used otherwise. */
  expressions?: ExpressionCache;
}

/**
 * Validates a parsed definition and returns every problem at once (no fail-fast), in this order:
 * V14 for all steps; V15–V24 step by step; V25–V26 per workflow output; V27; V28 (steps, then the
 * top-level `timeout`), V29, V30; then D2 expression problems; then D1 wiring (type checking on).
 * An empty array means valid.
 */
export function validateDefinition(
  workflow: WorkflowDefinition,
  options: ValidateDefinitionOptions = {},
): Diagnostic[] {
  const ctx = createContext(workflow, options.sourceMap, options.typeCheck !== "off");
  checkDuplicateIds(ctx);
  ctx.steps.forEach((step, i) => {
    checkEachAndDelay(ctx, step, i);
    checkApproval(ctx, step, i);
    checkToolAvailability(ctx, step, i, options.toolAdapter);
    checkStepReferences(ctx, step, i);
    checkBranchTargets(ctx, step, i);
    checkExitOutputReferences(ctx, step, i);
  });
  checkWorkflowOutputReferences(ctx);
  checkCycles(ctx);
  checkDurations(ctx);
  checkConcurrency(ctx);
  checkBranchRecursion(ctx);
  checkExpressions(ctx, options.expressions ?? new ExpressionCache());
  if (ctx.typed) checkWiring(ctx);
  return collected(ctx);
}
