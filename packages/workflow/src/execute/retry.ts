// The retry policy around tool attempts: backoff waits, step_retry events and the retries record
// (§6.5), with the cap, jitter and permanent failures of §13.2 and the tool's Retry-After hint.
import type { CompiledRetry, CompiledStep } from "../compile/plan.js";
import type { RunLog, StepUsage } from "../model/run-log.js";
import { runChildAttempt } from "./child.js";
import { addUsage } from "./usage.js";
import { CANCELLED } from "./failure.js";
import { invokeTool, type AttemptResult } from "./invoke.js";
import type { RunState } from "./state.js";

/**
 * Longest single wait handed to `sleep` (about 285 000 years): the schedule of §6.5 has no cap, but a
 * wait must stay an exact, finite number of milliseconds for a timer to count it down.
 */
const MAX_WAIT_MS = Number.MAX_SAFE_INTEGER;

/**
 * Longest wait a tool's hint can ask for when the step sets no `max_delay` (5 minutes): a hint comes
 * from a server, and a `Retry-After: 86400` must not hold a run for a day unless the author said so.
 */
export const RETRY_AFTER_CEILING_MS = 300_000;

/**
 * The wait after the k-th failed attempt (`attempt` = k): `delay × backoff^(k−1)` (§6.5), capped by
 * `max_delay`, then with `jitter` a uniform draw from [0, that] (§13.9.6); a tool's `retryAfterMs`
 * raises it to at least the hint, still within `max_delay` (or, without one, within 5 minutes) [EXT].
 */
export function retryWait(
  policy: CompiledRetry,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  const cap = policy.maxDelayMs ?? MAX_WAIT_MS;
  let wait = Math.min(policy.delayMs * policy.backoff ** (attempt - 1), cap, MAX_WAIT_MS);
  if (policy.jitter) {
    const r = random();
    // A host source outside [0, 1) is clamped into it rather than stretching or negating the wait.
    if (Number.isFinite(r)) wait *= Math.min(1, Math.max(0, r));
  }
  if (retryAfterMs !== undefined) {
    wait = Math.max(wait, Math.min(retryAfterMs, policy.maxDelayMs ?? RETRY_AFTER_CEILING_MS));
  }
  return wait;
}

/** The final attempt's result plus the raw messages of attempts that were followed by a retry. */
export interface RetriedResult {
  result: AttemptResult;
  retryErrors: string[];
  /** [EXT] Usage summed over every attempt. */
  usage: StepUsage | undefined;
  /** [EXT §13.5] `workflow` steps: every attempt's child run log. */
  runs?: RunLog[] | undefined;
}

/** Calls a tool until it succeeds, fails non-retriably, runs out of retries, or the run is cancelled. */
export async function invokeWithRetries(
  state: RunState,
  step: CompiledStep,
  args: Record<string, unknown>,
  iteration: number | undefined,
): Promise<RetriedResult> {
  const tool = step.executor.type === "tool" ? step.executor.tool : "";
  const max = step.retry?.max ?? 0;
  const retryErrors: string[] = [];
  let usage: StepUsage | undefined;
  // A `workflow` step's attempt is a child run (afresh each time); its logs are kept per attempt.
  const runs: RunLog[] | undefined = step.executor.type === "workflow" ? [] : undefined;
  for (let attempt = 1; ; attempt++) {
    const spec = { step, tool, args, attempt, iteration };
    const result = await (runs ? runChildAttempt(state, spec) : invokeTool(state, spec));
    usage = addUsage(usage, result.usage);
    if (runs && result.run) runs.push(result.run);
    if (result.ok || !result.failure.retriable || attempt > max)
      return { result, retryErrors, usage, runs };
    const error = result.failure.message;
    state.emit(
      iteration === undefined
        ? { type: "step_retry", stepId: step.id, attempt, error }
        : { type: "step_retry", stepId: step.id, attempt, error, iteration },
    );
    retryErrors.push(error);
    const wait = retryWait(step.retry!, attempt, result.failure.retryAfterMs, () =>
      state.services.random(),
    );
    // Even without a wait, the next attempt starts on a new turn of the event loop: a tool that
    // fails at once must not keep timers, I/O and an abort (Ctrl-C) from getting through.
    if (wait > 0) await state.services.sleep(wait, state.cancellable ? state.signal : undefined);
    else await state.services.yieldTurn();
    if (state.signal.aborted)
      return { result: { ok: false, failure: CANCELLED }, retryErrors, usage, runs };
  }
}
