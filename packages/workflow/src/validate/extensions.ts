// The extension rules of §5.2: durations (V28), concurrency without each (V29), branch recursion (V30).
import { invalidDurationMessage, parseDuration, ZERO_TIMEOUT_MESSAGE } from "../model/duration.js";
import type { ConditionalStep } from "../model/schema.js";
import { branchList, report, type ValidateContext } from "./context.js";

function checkDuration(
  ctx: ValidateContext,
  value: unknown,
  path: (string | number)[],
  isTimeout: boolean,
): void {
  if (value === undefined) return;
  const ms = typeof value === "string" ? parseDuration(value) : undefined;
  if (ms === undefined) {
    report(ctx, "INVALID_DURATION", invalidDurationMessage(String(value)), path);
  } else if (isTimeout && ms === 0) {
    report(ctx, "ZERO_TIMEOUT", ZERO_TIMEOUT_MESSAGE, path);
  }
}

/**
 * V28: durations — step by step (`delay`, `retry.delay`, `timeout`), then the top-level `timeout`.
 * A zero `delay` is allowed; a zero `timeout` is not.
 */
export function checkDurations(ctx: ValidateContext): void {
  ctx.steps.forEach((step, i) => {
    checkDuration(ctx, step.delay, ["steps", i, "delay"], false);
    if (step.retry !== undefined) {
      checkDuration(ctx, step.retry.delay, ["steps", i, "retry", "delay"], false);
    }
    checkDuration(ctx, step.timeout, ["steps", i, "timeout"], true);
  });
  checkDuration(ctx, ctx.workflow.timeout, ["timeout"], true);
}

/** V29: `concurrency` requires `each` (an empty `each` counts as not set, as for V17). */
export function checkConcurrency(ctx: ValidateContext): void {
  ctx.steps.forEach((step, i) => {
    if (step.concurrency !== undefined && !step.each) {
      report(ctx, "CONCURRENCY_WITHOUT_EACH", '"concurrency" requires "each" to be present', [
        "steps",
        i,
        "concurrency",
      ]);
    }
  });
}

/** Whether conditional `start` can reach a branch list naming its own id (through nested conditionals). */
function reachesItself(ctx: ValidateContext, start: ConditionalStep): boolean {
  const visited = new Set<string>();
  const pending = [...branchList(start.then), ...branchList(start.else)];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (id === start.id) return true;
    if (visited.has(id)) continue;
    visited.add(id);
    // Branches run the step the id resolves to at run time: the last declaration.
    const target = ctx.steps[ctx.indexOf.get(id) ?? -1];
    if (target?.type === "conditional") {
      pending.push(...branchList(target.then), ...branchList(target.else));
    }
  }
  return false;
}

/** V30 [DEC K13]: a conditional that includes itself in its branches, directly or through nesting. */
export function checkBranchRecursion(ctx: ValidateContext): void {
  ctx.steps.forEach((step, i) => {
    if (step.type === "conditional" && reachesItself(ctx, step)) {
      report(ctx, "BRANCH_RECURSION", `Conditional "${step.id}" includes itself in its branches`, [
        "steps",
        i,
      ]);
    }
  });
}
