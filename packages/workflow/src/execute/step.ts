// The step lifecycle (§6.3): cancellation check, guard, start event, then the executor by step type.
import type { CompiledStep } from "../compile/plan.js";
import { runApproval } from "./approval.js";
import { runConditional } from "./branch.js";
import { dropChildren, positionAfter, replayStep, writeCheckpoint } from "./durable.js";
import { NO_RETRIES, concludeAttempt, dispatchOnce } from "./dispatch.js";
import {
  fromThrown,
  fromToolResult,
  isPlainTool,
  lazyContext,
  type AttemptResult,
} from "./invoke.js";
import { runEach } from "./each.js";
import { suspendStep } from "./nested.js";
import type { DurableState } from "./durable-state.js";
import { CANCELLED, errorMessage, plainFailure } from "./failure.js";
import { fail, retryRecord, succeed, type Outcome, type StepFacts } from "./finish.js";
import { resolveStepInputs } from "./inputs.js";
import { pace } from "./pace.js";
import { elapsed, emitStart, recordSkip } from "./record.js";
import { setStepOutput, type RunState } from "./state.js";

/** Reason of a step whose guard was false. */
export const GUARD_FALSE = "Guard condition evaluated to false";

function runExit(state: RunState, step: CompiledStep, facts: StepFacts): Outcome {
  if (step.executor.type !== "exit") throw new Error(`Step "${step.id}" is not an exit`);
  let output: unknown;
  try {
    output = step.executor.output(state.scope);
  } catch (error) {
    return fail(state, step, facts, plainFailure(errorMessage(error)));
  }
  succeed(state, step, facts, output);
  state.ending ??= { kind: "exit", stepId: step.id, status: step.executor.status, output };
  return "exit";
}

/** Runs one step through its whole lifecycle and says what the caller does next. */
export function executeStep(state: RunState, step: CompiledStep): Promise<Outcome> {
  return state.durable === undefined ? runStep(state, step) : runDurableStep(state, step);
}

/**
 * [EXT §13.6] A step of a durable run: a step with a record from an earlier segment is replayed, not
 * run; a completed step is followed by an awaited checkpoint before the next one starts.
 */
async function runDurableStep(state: RunState, step: CompiledStep): Promise<Outcome> {
  const durable = state.durable!;
  const replayed = replayStep(state, step);
  if (replayed !== undefined) return replayed;
  let outcome: Outcome;
  durable.stack.push(step.id);
  try {
    // §13.9.13: cancelling a waiting run fails its waiting approvals instead of skipping them.
    if (state.signal.aborted && wasWaiting(durable, durable.keyPrefix + step.id)) {
      emitStart(state, step);
      outcome = fail(state, step, { start: state.services.now() }, CANCELLED);
    } else outcome = await runStep(state, step);
  } finally {
    durable.stack.pop();
  }
  if (outcome === "waiting") return outcome;
  if (durable.children.size > 0) dropChildren(durable, `${state.runId}/${step.id}`);
  durable.position = positionAfter(state, step);
  await writeCheckpoint(state);
  return outcome;
}

/** Whether the approval `key`, or one inside a child run of the step keyed `key`, was pending. */
function wasWaiting(durable: DurableState, key: string): boolean {
  if (durable.waitingBefore.has(key)) return true;
  const inside = `${key}/`;
  for (const waiting of durable.waitingBefore.keys()) if (waiting.startsWith(inside)) return true;
  return false;
}

async function runStep(state: RunState, step: CompiledStep): Promise<Outcome> {
  const turn = pace(state);
  if (turn) await turn;
  if (state.signal.aborted) {
    state.ending ??= { kind: "cancelled" };
    return "cancelled";
  }
  const start = state.services.now();
  if (step.guard) {
    let pass: unknown;
    try {
      pass = step.guard(state.scope);
    } catch (error) {
      emitStart(state, step);
      return fail(state, step, { start }, plainFailure(errorMessage(error)));
    }
    if (!pass) {
      setStepOutput(state, step.id, null, "skipped");
      recordSkip(state, step, GUARD_FALSE, elapsed(state, start));
      return "continue";
    }
  }
  emitStart(state, step);
  if (step.each) return runEach(state, step, start);
  const resolved = resolveStepInputs(step, state.scope);
  if (!resolved.ok) return fail(state, step, { start }, resolved.failure);
  const facts: StepFacts = { start, inputs: resolved.inputs };
  if (step.executor.type === "exit") return runExit(state, step, facts);
  if (step.executor.type === "conditional") return runConditional(state, step, facts, executeStep);
  if (step.executor.type === "approval") return runApproval(state, step, facts);
  if (step.executor.type === "tool" && isPlainTool(state, step)) {
    // Hot path: a single attempt that can neither time out nor be cancelled, awaited right here.
    const tool = step.executor.tool;
    let result: AttemptResult;
    try {
      result = fromToolResult(
        tool,
        await state.adapter.invoke(
          tool,
          resolved.inputs,
          lazyContext(state.runId, step.id, 1, undefined),
        ),
      );
    } catch (error) {
      result = fromThrown(tool, error);
    }
    const done = concludeAttempt(state, step, result, state.scope, NO_RETRIES);
    facts.usage = done.usage;
    return done.ok
      ? succeed(state, step, facts, done.output)
      : fail(state, step, facts, done.failure!);
  }
  const done = await dispatchOnce(state, step, resolved.inputs, state.scope);
  // [EXT §13.4] A child waiting at an approval: this step (and the run) waits, without a record.
  if (done.failure?.waiting !== undefined) return suspendStep(state, done.failure.waiting);
  facts.retries = retryRecord(done.retryErrors);
  facts.usage = done.usage;
  if (done.runs !== undefined) facts.runs = done.runs;
  return done.ok
    ? succeed(state, step, facts, done.output)
    : fail(state, step, facts, done.failure!);
}
