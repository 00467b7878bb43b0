// [EXT §13.5] One attempt of a `workflow` step: the child runs as its own run, bounded by the step timeout.
import type { CompiledStep } from "../compile/plan.js";
import type { ParentRun, RunLog } from "../model/run-log.js";
import { CANCELLED, errorMessage, type StepFailure } from "./failure.js";
import type { AttemptResult, AttemptSpec } from "./invoke.js";
import { childDurable, childRunId } from "./nested.js";
import type { RunState } from "./state.js";

export { childRunId };

function refOf(step: CompiledStep): string {
  return step.executor.type === "workflow" ? step.executor.ref : step.id;
}

function childFailure(ref: string, message: string): StepFailure {
  // A failed child is retriable: the next attempt runs the child afresh (§13.5).
  return { message, retriable: true, workflow: ref };
}

/**
 * What the attempt's child run log means for the step. (§13.4: a child that ends `waiting` will
 * suspend this step and the parent; that status is handled with approvals and checkpoints.)
 */
function judge(
  state: RunState,
  ref: string,
  log: RunLog,
  timeoutMs: number | undefined,
  timedOut: boolean,
): AttemptResult {
  if (state.signal.aborted) return { ok: false, failure: CANCELLED, run: log };
  if (log.status === "success") return { ok: true, output: log.outputs, run: log };
  if (log.status === "waiting" && log.error === undefined) {
    const failure: StepFailure = { message: "Waiting for approval", retriable: false };
    failure.waiting = log.pending ?? [];
    return { ok: false, failure, run: log };
  }
  // The parent's own checkpoint failed under the child: the run is ending, a retry would not help.
  if (state.ending?.kind === "halt") {
    const failure = childFailure(ref, log.error?.message ?? `Run ended ${log.status}`);
    failure.retriable = false;
    return { ok: false, failure, run: log };
  }
  if (timedOut)
    return { ok: false, failure: childFailure(ref, `Timed out after ${timeoutMs}ms`), run: log };
  return {
    ok: false,
    failure: childFailure(ref, log.error?.message ?? `Run ended ${log.status}`),
    run: log,
  };
}

/**
 * Runs the child of a `workflow` step once (§13.5): its own run id, the parent's adapter, services and
 * cancellation, and the step timeout bounding the whole child run. The child's outputs are `$result`.
 */
export async function runChildAttempt(state: RunState, spec: AttemptSpec): Promise<AttemptResult> {
  const ref = refOf(spec.step);
  const child = state.compose?.children.get(spec.step.id);
  if (child === undefined || state.compose === undefined) {
    return {
      ok: false,
      failure: {
        message: "Workflow was not resolved before the run",
        retriable: false,
        workflow: ref,
      },
    };
  }
  if (state.signal.aborted) return { ok: false, failure: CANCELLED };
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(state.signal.reason);
  if (state.cancellable) state.signal.addEventListener("abort", onAbort, { once: true });
  const timeoutMs = spec.step.timeoutMs;
  const timer = timeoutMs === undefined ? undefined : new AbortController();
  let timedOut = false;
  if (timer !== undefined && timeoutMs !== undefined) {
    void state.services.sleep(timeoutMs, timer.signal).then(() => {
      if (timer.signal.aborted) return;
      timedOut = true;
      controller.abort(new DOMException(`Timed out after ${timeoutMs}ms`, "TimeoutError"));
    });
  }
  const parent: ParentRun = { runId: state.runId, stepId: spec.step.id };
  if (spec.iteration !== undefined) parent.iteration = spec.iteration;
  const runId = childRunId(state.runId, spec.step.id, spec.iteration, spec.attempt);
  try {
    const log = await state.compose.run({
      child,
      runId,
      inputs: spec.args,
      signal: state.cancellable || timer !== undefined ? controller.signal : undefined,
      parent,
      durable:
        state.durable === undefined
          ? undefined
          : childDurable(state, spec.step.id, spec.iteration, runId),
    });
    return judge(state, ref, log, timeoutMs, timedOut);
  } catch (error) {
    return { ok: false, failure: childFailure(ref, errorMessage(error)) };
  } finally {
    if (state.cancellable) state.signal.removeEventListener("abort", onAbort);
    timer?.abort();
  }
}
