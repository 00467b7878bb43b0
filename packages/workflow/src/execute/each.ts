// `each` iteration (§6.4, §10.2, §12 D4): per-element dispatch, concurrency, delay spacing, fail-fast.
import type { CompiledStep } from "../compile/plan.js";
import type { RunLog, RuntimeContext, StepUsage } from "../model/run-log.js";
import { addUsage } from "./usage.js";
import { NO_RETRIES, concludeAttempt, dispatchOnce, type Dispatched } from "./dispatch.js";
import type { IterationError } from "../model/run-log.js";
import { CANCELLED, errorMessage, failureText, plainFailure, type StepFailure } from "./failure.js";
import { fail, retryRecord, succeed, type Outcome } from "./finish.js";
import { resolveStepInputs } from "./inputs.js";
import { pace } from "./pace.js";
import {
  fromThrown,
  fromToolResult,
  isPlainTool,
  lazyContext,
  type AttemptResult,
} from "./invoke.js";
import { writeCheckpoint } from "./durable.js";
import type { IterationResult, PendingApproval } from "../model/durable.js";
import { restoredRun, suspendStep } from "./nested.js";
import type { RunState } from "./state.js";

/** Bookkeeping shared by the iterations of one `each` step. */
interface Loop {
  state: RunState;
  step: CompiledStep;
  items: readonly unknown[];
  results: unknown[];
  failures: (StepFailure | undefined)[];
  retryErrors: (readonly string[] | undefined)[];
  finished: number;
  failed: boolean;
  /** [EXT] Usage summed over iterations. */
  usage: StepUsage | undefined;
  /** [EXT §13.5] `workflow` steps: each iteration's last child run log, by index. */
  runs: (RunLog | undefined)[] | undefined;
  /** Aborted when fail-fast stops the loop, so a pending start-spacing wait ends at once. */
  halt: AbortController | undefined;
  /** [EXT §13.6] Durable runs: finished iterations of this step (restored ones included). */
  done: Map<number, IterationResult> | undefined;
  /** [EXT §13.9.9] A failed iteration checkpoint: no new iteration starts; the step then throws it. */
  broken: unknown;
  /** [EXT §13.4] Iterations whose child run waits at approvals: their pending approvals, by index. */
  waiting: (PendingApproval[] | undefined)[] | undefined;
}

function stopped(loop: Loop): boolean {
  return (
    loop.state.signal.aborted ||
    (loop.failed && loop.step.onError === "fail") ||
    loop.broken !== undefined
  );
}

function settle(loop: Loop, index: number, done: Dispatched | StepFailure): void {
  if ("retryErrors" in done) {
    const waiting = done.ok ? undefined : done.failure?.waiting;
    if (waiting !== undefined) {
      // §13.9.12: a waiting child keeps no slot; the iteration has no result until it is decided.
      (loop.waiting ??= [])[index] = waiting;
      return;
    }
    if (done.retryErrors.length > 0) loop.retryErrors[index] = done.retryErrors;
    loop.usage = addUsage(loop.usage, done.usage);
    const last = done.runs?.[done.runs.length - 1];
    if (last !== undefined) (loop.runs ??= [])[index] = last;
    if (done.ok) loop.results[index] = done.output;
    else {
      loop.failures[index] = done.failure;
      loop.failed = true;
    }
  } else {
    loop.failures[index] = done;
    loop.failed = true;
  }
  if (loop.failed && loop.step.onError === "fail") loop.halt?.abort();
  loop.finished++;
  loop.state.emit({
    type: "each_progress",
    stepId: loop.step.id,
    current: loop.finished,
    total: loop.items.length,
  });
}

function scopeFor(loop: Loop, index: number): RuntimeContext {
  const { inputs, steps } = loop.state.scope;
  return { inputs, steps, item: loop.items[index], index };
}

async function iterate(loop: Loop, index: number): Promise<void> {
  const scope = scopeFor(loop, index);
  const resolved = resolveStepInputs(loop.step, scope);
  settle(
    loop,
    index,
    resolved.ok
      ? await dispatchOnce(loop.state, loop.step, resolved.inputs, scope)
      : resolved.failure,
  );
  if (loop.done !== undefined && loop.waiting?.[index] === undefined) {
    await iterationCheckpoint(loop, index);
  }
}

/** [EXT §13.9.9] Stores a finished iteration's result and awaits its checkpoint before the slot goes on. */
function iterationCheckpoint(loop: Loop, index: number): Promise<void> {
  const failure = loop.failures[index];
  loop.done!.set(
    index,
    failure === undefined
      ? { ok: true, output: loop.results[index] }
      : { ok: false, error: failureText(failure) },
  );
  if (failure?.cancelled) return Promise.resolve();
  // In-flight iterations finish; none starts after a failed checkpoint (the step rethrows it).
  return writeCheckpoint(loop.state).catch((error: unknown) => {
    loop.broken ??= error;
    loop.halt?.abort();
  });
}

/** [EXT §13.6] Takes the iterations an earlier segment finished: they are not run again. */
function restoreIterations(loop: Loop): void {
  const durable = loop.state.durable!;
  let done = durable.iterations.get(loop.step.id);
  if (done === undefined) {
    done = new Map();
    durable.iterations.set(loop.step.id, done);
  }
  loop.done = done;
  for (const [index, result] of done) {
    if (index < 0 || index >= loop.items.length) continue;
    if (loop.step.executor.type === "workflow") {
      const run = restoredRun(durable, loop.state.runId, loop.step.id, index);
      if (run !== undefined) (loop.runs ??= [])[index] = run;
    }
    if (result.ok) loop.results[index] = result.output;
    else {
      loop.failures[index] = plainFailure(result.error);
      loop.failed = true;
    }
    loop.finished++;
  }
}

/** Hot path for a tool step with no retry, timeout, cancellation or delay: one loop, no nested async frames. */
async function runPlainTools(loop: Loop, tool: string): Promise<void> {
  const { state, step, items } = loop;
  for (let i = 0; i < items.length; i++) {
    const turn = pace(state);
    if (turn) await turn;
    if (stopped(loop)) return;
    const scope = scopeFor(loop, i);
    const resolved = resolveStepInputs(step, scope);
    if (!resolved.ok) {
      settle(loop, i, resolved.failure);
      continue;
    }
    let result: AttemptResult;
    try {
      result = fromToolResult(
        tool,
        await state.adapter.invoke(tool, resolved.inputs, lazyContext(state.runId, step.id, 1, i)),
      );
    } catch (error) {
      result = fromThrown(tool, error);
    }
    settle(loop, i, concludeAttempt(state, step, result, scope, NO_RETRIES));
  }
}

async function runSequential(loop: Loop): Promise<void> {
  const { state, step, items } = loop;
  for (let i = 0; i < items.length; i++) {
    if (loop.done?.has(i)) continue;
    const turn = pace(state);
    if (turn) await turn;
    if (stopped(loop)) return;
    await iterate(loop, i);
    if (step.delayMs > 0 && i < items.length - 1 && !stopped(loop)) {
      await state.services.sleep(step.delayMs, state.cancellable ? state.signal : undefined);
    }
  }
}

async function runConcurrent(loop: Loop): Promise<void> {
  const { state, step, items } = loop;
  const inFlight = new Set<Promise<void>>();
  let lastStart = 0;
  loop.halt = new AbortController();
  const waitSignal = state.cancellable
    ? AbortSignal.any([state.signal, loop.halt.signal])
    : loop.halt.signal;
  for (let i = 0; i < items.length; i++) {
    if (loop.done?.has(i)) continue;
    while (inFlight.size >= step.concurrency) await Promise.race(inFlight);
    const turn = pace(state);
    if (turn) await turn;
    if (stopped(loop)) break;
    if (step.delayMs > 0 && i > 0) {
      const wait = lastStart + step.delayMs - state.services.now();
      if (wait > 0) await state.services.sleep(wait, waitSignal);
    }
    if (stopped(loop)) break;
    lastStart = state.services.now();
    const running: Promise<void> = iterate(loop, i).finally(() => inFlight.delete(running));
    inFlight.add(running);
  }
  await Promise.all(inFlight);
}

/** The failure reported for the step: cancellation, else the failed iteration with the highest index. */
function stepFailure(loop: Loop): StepFailure | undefined {
  // Cancellation wins over ordinary failures: an iteration it interrupted, or one it kept from starting.
  if (loop.state.signal.aborted) {
    if (loop.finished < loop.items.length || loop.failures.some((f) => f?.cancelled))
      return CANCELLED;
  }
  for (let i = loop.failures.length - 1; i >= 0; i--) {
    const failure = loop.failures[i];
    if (failure) return failure.cancelled ? CANCELLED : failure;
  }
  return undefined;
}

/** [EXT] Every failed iteration in index order, with the text its step error would have. */
function iterationErrors(loop: Loop): IterationError[] {
  const list: IterationError[] = [];
  loop.failures.forEach((failure, index) => {
    if (failure) list.push({ index, error: failureText(failure) });
  });
  return list;
}

/** [EXT §13.5] The iterations' child run logs in index order (iterations that never ran have none). */
function childRuns(loop: Loop): RunLog[] {
  return (loop.runs ?? []).filter((run): run is RunLog => run !== undefined);
}

/** Executes an `each` step after its `step_start` was emitted. */
export async function runEach(
  state: RunState,
  step: CompiledStep,
  start: number,
): Promise<Outcome> {
  let items: unknown;
  try {
    items = step.each!(state.scope);
  } catch (error) {
    return fail(state, step, { start }, plainFailure(errorMessage(error)));
  }
  if (!Array.isArray(items)) {
    return fail(
      state,
      step,
      { start },
      plainFailure(`each expression must resolve to an array, got ${typeof items}`),
    );
  }
  const base = resolveStepInputs(step, state.scope);
  if (!base.ok) return fail(state, step, { start }, base.failure);
  const loop: Loop = {
    state,
    step,
    items,
    results: new Array<unknown>(items.length).fill(null),
    failures: [],
    retryErrors: [],
    finished: 0,
    failed: false,
    usage: undefined,
    runs: undefined,
    halt: undefined,
    done: undefined,
    broken: undefined,
    waiting: undefined,
  };
  if (state.durable !== undefined) restoreIterations(loop);
  if (step.concurrency > 1) await runConcurrent(loop);
  else if (
    step.executor.type === "tool" &&
    step.delayMs === 0 &&
    loop.done === undefined &&
    isPlainTool(state, step)
  ) {
    await runPlainTools(loop, step.executor.tool);
  } else await runSequential(loop);
  const facts = {
    start,
    inputs: base.inputs,
    results: loop.results,
    retries: retryRecord(loop.retryErrors.flatMap((errors) => errors ?? [])),
    usage: loop.usage,
    runs: step.executor.type === "workflow" ? childRuns(loop) : undefined,
  };
  if (loop.broken !== undefined) {
    // The step ran but its durability is lost: recorded failed, and the run fails whatever on_error says.
    fail(state, step, facts, plainFailure(errorMessage(loop.broken)));
    throw loop.broken;
  }
  const failure = stepFailure(loop);
  if (loop.waiting !== undefined && !(failure && (failure.cancelled || step.onError === "fail"))) {
    // [EXT §13.4] Some iterations wait: the step waits (no record), its finished iterations are kept.
    return suspendStep(
      state,
      loop.waiting.flatMap((pending) => pending ?? []),
    );
  }
  // The step's record replaces its iteration results in the next checkpoint.
  if (loop.done !== undefined) state.durable!.iterations.delete(step.id);
  if (!failure) return succeed(state, step, facts, loop.results);
  const listed = state.iterationErrors ? iterationErrors(loop) : undefined;
  return fail(state, step, listed?.length ? { ...facts, iterationErrors: listed } : facts, failure);
}
