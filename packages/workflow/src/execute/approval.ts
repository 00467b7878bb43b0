// [EXT §13.4, §13.9.3] Approval steps: a decision from resume, from the host's `approve`, or suspension.
import type { CompiledApproval, CompiledStep } from "../compile/plan.js";
import type { ApprovalOutput, Decision, PendingApproval } from "../model/durable.js";
import { setOwn } from "../model/objects.js";
import { checkDecision } from "./decision.js";
import { NO_RETRIES, concludeAttempt } from "./dispatch.js";
import { CANCELLED, errorMessage, plainFailure } from "./failure.js";
import { fail, succeed, type Outcome, type StepFacts } from "./finish.js";
import { recordWaiting } from "./record.js";
import type { RunState } from "./state.js";

type Asked =
  | { kind: "decided"; decision: Decision; at: number }
  | { kind: "deferred" }
  | { kind: "timeout" }
  | { kind: "cancelled" }
  | { kind: "error"; message: string };

const iso = (ms: number): string => new Date(ms).toISOString();

function messageText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}

/** Executes an approval step whose inputs are resolved and whose `step_start` was emitted. */
export async function runApproval(
  state: RunState,
  step: CompiledStep,
  facts: StepFacts,
): Promise<Outcome> {
  const executor = step.executor as CompiledApproval;
  let message: string;
  try {
    message = messageText(executor.message(state.scope));
  } catch (error) {
    return fail(state, step, facts, plainFailure(errorMessage(error)));
  }
  const durable = state.durable!;
  // §13.9.4: a child's approval is keyed by its path from the top run (`digests/2/confirm`).
  const key = durable.keyPrefix + step.id;
  const before = durable.waitingBefore.get(key);
  // The deadline is fixed when the approval is first reached; a resumed segment keeps it.
  const expiresAt =
    before !== undefined
      ? before.expires_at
      : executor.timeoutMs === undefined
        ? null
        : iso(facts.start + executor.timeoutMs);
  const deadline = expiresAt === null ? undefined : Date.parse(expiresAt);
  const request: PendingApproval = {
    key,
    stepId: step.id,
    path: durable.prefix.length === 0 ? [step.id] : [...durable.prefix, step.id],
    message,
    expires_at: expiresAt,
    // A copy: hosts receive it (and may keep it) while the plan is shared by every run.
    response: { ...executor.response },
  };
  const decision = durable.decisions.get(key);
  if (decision !== undefined) {
    durable.decisions.delete(key);
    const now = state.services.now();
    // A decision after the deadline is not used: on_timeout applies (§13.9.3).
    if (deadline !== undefined && now > deadline) return timedOut(state, step, facts, deadline);
    return decided(state, step, facts, decision, now);
  }
  if (deadline !== undefined && state.services.now() >= deadline) {
    return timedOut(state, step, facts, deadline);
  }
  if (durable.approve !== undefined) {
    const asked = await ask(state, request, deadline);
    switch (asked.kind) {
      case "decided": {
        const refused = checkDecision(key, executor.response, asked.decision);
        if (refused !== undefined) return fail(state, step, facts, plainFailure(refused.message));
        return decided(state, step, facts, asked.decision, asked.at);
      }
      case "timeout":
        return timedOut(state, step, facts, deadline!);
      case "cancelled":
        return fail(state, step, facts, CANCELLED);
      case "error":
        return fail(state, step, facts, plainFailure(`Approval callback failed: ${asked.message}`));
      case "deferred":
        // The host has no decision now (a person left the prompt): suspend as without `approve`.
        break;
    }
  }
  durable.pending.push(request);
  durable.position = durable.stack.slice();
  recordWaiting(state, step, facts, request);
  state.ending ??= { kind: "suspend" };
  return "waiting";
}

function decided(
  state: RunState,
  step: CompiledStep,
  facts: StepFacts,
  decision: Decision,
  at: number,
): Outcome {
  const output: ApprovalOutput = {
    approved: decision.approved,
    by: decision.by ?? null,
    at: iso(at),
    timed_out: false,
    response: responseOf(step, decision),
  };
  return conclude(state, step, facts, output);
}

/** The declared response fields, each the decision's value or null when not given (a rejection may omit them). */
function responseOf(step: CompiledStep, decision: Decision): Record<string, unknown> {
  const declared = (step.executor as CompiledApproval).response;
  const given = decision.response ?? {};
  const response: Record<string, unknown> = {};
  for (const name of Object.keys(declared)) {
    setOwn(response, name, Object.hasOwn(given, name) ? given[name] : null);
  }
  return response;
}

function timedOut(
  state: RunState,
  step: CompiledStep,
  facts: StepFacts,
  deadline: number,
): Outcome {
  const executor = step.executor as CompiledApproval;
  if (executor.onTimeout === "fail") {
    return fail(
      state,
      step,
      facts,
      plainFailure(`Approval timed out after ${executor.timeoutMs}ms`),
    );
  }
  const output: ApprovalOutput = {
    approved: executor.onTimeout === "approve",
    by: null,
    at: iso(deadline),
    timed_out: true,
    response: {},
  };
  return conclude(state, step, facts, output);
}

/** Maps the approval output through declared `outputs` like any step result (§3.4). */
function conclude(
  state: RunState,
  step: CompiledStep,
  facts: StepFacts,
  output: ApprovalOutput,
): Outcome {
  const done = concludeAttempt(state, step, { ok: true, output }, state.scope, NO_RETRIES);
  return done.ok
    ? succeed(state, step, facts, done.output)
    : fail(state, step, facts, done.failure!);
}

/** Awaits the host's `approve`, raced against the deadline and the run's cancellation (§13.9.4). */
function ask(
  state: RunState,
  request: PendingApproval,
  deadline: number | undefined,
): Promise<Asked> {
  return new Promise<Asked>((resolve) => {
    const controller = new AbortController();
    const timer = new AbortController();
    let settled = false;
    const onRunAbort = (): void => finish({ kind: "cancelled" });
    const finish = (asked: Asked): void => {
      if (settled) return;
      settled = true;
      if (state.cancellable) state.signal.removeEventListener("abort", onRunAbort);
      timer.abort();
      if (asked.kind === "timeout" || asked.kind === "cancelled") controller.abort();
      resolve(asked);
    };
    if (state.signal.aborted) return finish({ kind: "cancelled" });
    if (state.cancellable) state.signal.addEventListener("abort", onRunAbort, { once: true });
    if (deadline !== undefined) {
      const untilDeadline = (): void => {
        const wait = Math.max(0, deadline - state.services.now());
        void state.services.sleep(wait, timer.signal).then(() => {
          if (settled) return;
          // A timer may fire before the clock reads the deadline (Node's timers and Date.now()
          // round differently): then wait for the rest instead of never timing out.
          if (state.services.now() >= deadline) finish({ kind: "timeout" });
          else untilDeadline();
        });
      };
      untilDeadline();
    }
    let answer: Promise<Decision | undefined>;
    try {
      answer = Promise.resolve(state.durable!.approve!(request, { signal: controller.signal }));
    } catch (error) {
      return finish({ kind: "error", message: errorMessage(error) });
    }
    answer.then(
      (decision) => {
        const at = state.services.now();
        if (deadline !== undefined && at > deadline) finish({ kind: "timeout" });
        else if (decision === undefined) finish({ kind: "deferred" });
        else finish({ kind: "decided", decision, at });
      },
      (error: unknown) => finish({ kind: "error", message: errorMessage(error) }),
    );
  });
}
