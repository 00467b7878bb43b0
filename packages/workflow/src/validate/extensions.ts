// The extension rules of §5.2: durations (V28), concurrency without each (V29), branch recursion (V30).
import { invalidDurationMessage, parseDuration, ZERO_TIMEOUT_MESSAGE } from "../model/duration.js";
import { conditionalsOnCycles, reachesOwnId } from "./branch-cycles.js";
import { report, type ValidateContext } from "./context.js";

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
 * V28: durations — step by step (`delay`, `retry.delay`, `retry.max_delay`, `timeout`), then the
 * top-level `timeout`. A zero `delay` or `max_delay` is allowed; a zero `timeout` is not.
 */
export function checkDurations(ctx: ValidateContext): void {
  ctx.steps.forEach((step, i) => {
    checkDuration(ctx, step.delay, ["steps", i, "delay"], false);
    if (step.retry !== undefined) {
      checkDuration(ctx, step.retry.delay, ["steps", i, "retry", "delay"], false);
      checkDuration(ctx, step.retry.max_delay, ["steps", i, "retry", "max_delay"], false);
    }
    checkDuration(ctx, step.timeout, ["steps", i, "timeout"], true);
  });
  checkDuration(ctx, ctx.workflow.timeout, ["timeout"], true);
}

/** V29: `concurrency` requires `each` (an empty `each` counts as not set, as for V17). */
export function checkConcurrency(ctx: ValidateContext): void {
  ctx.steps.forEach((step, i) => {
    // An approval reports its own `concurrency` (APPROVAL_FIELD) instead.
    if (step.concurrency !== undefined && !step.each && step.type !== "approval") {
      report(ctx, "CONCURRENCY_WITHOUT_EACH", '"concurrency" requires "each" to be present', [
        "steps",
        i,
        "concurrency",
      ]);
    }
  });
}

/** V30 [DEC K13]: a conditional that includes itself in its branches, directly or through nesting. */
export function checkBranchRecursion(ctx: ValidateContext): void {
  const onCycles = conditionalsOnCycles(ctx);
  ctx.steps.forEach((step, i) => {
    if (step.type !== "conditional") return;
    const last = ctx.indexOf.get(step.id) === i;
    // A duplicate declaration is searched alone; once the report is full nothing can be added.
    const recursive = last
      ? onCycles.has(step.id)
      : ctx.overflow === undefined && reachesOwnId(ctx, step);
    if (recursive) {
      report(ctx, "BRANCH_RECURSION", `Conditional "${step.id}" includes itself in its branches`, [
        "steps",
        i,
      ]);
    }
  });
}
