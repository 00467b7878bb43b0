// §5.2 structural rules: duplicate ids (V14), each/delay placement (V15–V17), tools (V18), branches (V23).
import type { ToolAdapter } from "../model/adapter.js";
import type { Step } from "../model/schema.js";
import { branchList, report, type ValidateContext } from "./context.js";

/** V14: every repeated occurrence of an id, in declaration order. */
export function checkDuplicateIds(ctx: ValidateContext): void {
  const seen = new Set<string>();
  ctx.steps.forEach((step, i) => {
    if (seen.has(step.id)) {
      report(ctx, "DUPLICATE_STEP_ID", `Duplicate step ID "${step.id}"`, ["steps", i, "id"]);
    }
    seen.add(step.id);
  });
}

/**
 * V15–V17: `each` on exit / conditional steps, `delay` without `each`. Like the reference, an empty
 * `each` or `delay` string counts as not set (V28 still rejects an empty `delay`).
 */
export function checkEachAndDelay(ctx: ValidateContext, step: Step, i: number): void {
  if (step.each && step.type === "exit") {
    report(ctx, "EACH_ON_EXIT", '"each" is not valid on exit steps', ["steps", i, "each"]);
  }
  if (step.each && step.type === "conditional") {
    report(ctx, "EACH_ON_CONDITIONAL", '"each" is not valid on conditional steps', [
      "steps",
      i,
      "each",
    ]);
  }
  if (step.delay && !step.each && step.type !== "approval") {
    report(ctx, "DELAY_WITHOUT_EACH", '"delay" requires "each" to be present', [
      "steps",
      i,
      "delay",
    ]);
  }
}

/**
 * V18: a tool step's tool must be registered with the adapter. An adapter whose `has` throws is
 * treated as answering "not registered"; the thrown message is appended so validation never throws.
 */
export function checkToolAvailability(
  ctx: ValidateContext,
  step: Step,
  i: number,
  adapter: ToolAdapter | undefined,
): void {
  if (adapter === undefined || step.type !== "tool") return;
  let registered: boolean;
  let failure = "";
  try {
    registered = adapter.has(step.tool);
  } catch (error) {
    registered = false;
    failure = ` (has() threw: ${error instanceof Error ? error.message : String(error)})`;
  }
  if (!registered) {
    report(ctx, "UNKNOWN_TOOL", `Tool "${step.tool}" is not registered${failure}`, [
      "steps",
      i,
      "tool",
    ]);
  }
}

/** [EXT §13.4, §13.9.3] Fields an approval may not carry, and `on_timeout` without `timeout`. */
export function checkApproval(ctx: ValidateContext, step: Step, i: number): void {
  if (step.type !== "approval") return;
  for (const key of ["each", "delay", "concurrency", "retry"] as const) {
    if (step[key] !== undefined) {
      report(
        ctx,
        "APPROVAL_FIELD",
        `"${key}" is not valid on approval steps; remove it (wrap the approval in a sub-workflow to repeat it)`,
        ["steps", i, key],
      );
    }
  }
  if (step.on_timeout !== undefined && step.timeout === undefined) {
    report(
      ctx,
      "ON_TIMEOUT_WITHOUT_TIMEOUT",
      '"on_timeout" requires "timeout" on the same approval step; add a timeout such as "24h" or remove on_timeout',
      ["steps", i, "on_timeout"],
    );
  }
}

/** V23: every id in a conditional's `then` / `else` must be a declared step. */
export function checkBranchTargets(ctx: ValidateContext, step: Step, i: number): void {
  if (step.type !== "conditional") return;
  for (const key of ["then", "else"] as const) {
    for (const id of branchList(step[key])) {
      if (!ctx.indexOf.has(id)) {
        report(ctx, "UNDEFINED_BRANCH_TARGET", `Branch references undefined step "${id}"`, [
          "steps",
          i,
          key,
        ]);
      }
    }
  }
}
