// Approvals of waiting runs: listing them, deciding them, and waking runs whose deadline passed.
import { redactText, type Decision } from "@skillflow/workflow";
import type { ServiceContext } from "./_context.js";
import { serviceError } from "./_context.js";
import { MAX_VALUE_DEPTH, nestedDeeperThan } from "./_depth.js";
import { checkInputsKept, runSecrets } from "./_secrets.js";
import type { ApprovalInfo, DecisionInput, RunRef } from "./types.js";

/** The longest note a decision may carry, in characters. */
export const MAX_DECISION_NOTE = 2000;

/** The pending approvals of every waiting run, oldest run first. */
export function listApprovals(ctx: ServiceContext): ApprovalInfo[] {
  const now = ctx.services.now();
  const approvals: ApprovalInfo[] = [];
  for (const run of ctx.store.list({ status: "waiting" }).reverse())
    for (const pending of run.pending ?? [])
      approvals.push({
        ...pending,
        runId: run.id,
        workflow: run.workflow,
        expired: pending.expires_at !== null && Date.parse(pending.expires_at) <= now,
      });
  return approvals;
}

function checkDecision(decision: DecisionInput): void {
  const ok =
    typeof decision === "object" &&
    decision !== null &&
    typeof decision.approved === "boolean" &&
    (decision.by === undefined || typeof decision.by === "string") &&
    (decision.response === undefined ||
      (typeof decision.response === "object" &&
        decision.response !== null &&
        !Array.isArray(decision.response))) &&
    (decision.note === undefined || typeof decision.note === "string");
  if (!ok)
    throw serviceError(
      "INVALID_DECISION",
      "a decision is { approved: true|false, by?: string, note?: string, response?: { field: value } }; send it in that shape",
    );
  if (decision.note !== undefined && decision.note.length > MAX_DECISION_NOTE)
    throw serviceError(
      "INVALID_DECISION",
      `the note has ${decision.note.length} characters; keep it to ${MAX_DECISION_NOTE}`,
    );
  if (nestedDeeperThan(decision.response, MAX_VALUE_DEPTH))
    throw serviceError(
      "INVALID_DECISION",
      `the response nests more than ${MAX_VALUE_DEPTH} levels of arrays and objects; send a flatter response`,
    );
}

/**
 * Stores a decision for pending approval `key` of waiting run `runId` and puts the run back in the
 * queue (the runtime checks the response against the declaration when it resumes).
 */
export async function decide(
  ctx: ServiceContext,
  runId: string,
  key: string,
  decision: DecisionInput,
): Promise<RunRef> {
  const run = ctx.store.get(runId);
  const job = await ctx.queue.get(runId);
  if (!run && !job) throw serviceError("UNKNOWN_RUN", `no run ${runId}; list runs to find its id`);
  if (run?.status !== "waiting")
    throw serviceError(
      "NOT_WAITING",
      `run ${runId} is ${run?.status ?? "queued"}, not waiting for an approval; only a waiting run can be decided`,
    );
  if (!(run.pending ?? []).some((pending) => pending.key === key))
    throw serviceError(
      "UNKNOWN_APPROVAL",
      `run ${runId} has no pending approval "${key}"; its pending approvals are: ${(run.pending ?? []).map((p) => p.key).join(", ") || "none"}`,
    );
  checkDecision(decision);
  const checkpoint = ctx.store.checkpoint(runId);
  if (checkpoint)
    await checkInputsKept(ctx, runId, checkpoint.inputs, run.inputs, `skillflow approve ${runId}`);
  const { note, ...forRun } = decision;
  // The run's own secrets too: a note may quote the token the run was given.
  const secrets = runSecrets(ctx, job?.inputs, checkpoint?.inputs);
  await ctx.state.addDecision(runId, key, forRun satisfies Decision);
  await ctx.state.addDecisionRecord(runId, {
    key,
    approved: decision.approved,
    by: decision.by === undefined ? null : redactText(decision.by, secrets),
    note: note === undefined || note.trim() === "" ? null : redactText(note, secrets),
    at: ctx.iso(),
  });
  await requeueWaiting(ctx, runId, run.workflow, run.inputs ?? {});
  return { runId, status: "queued" };
}

/** Puts a waiting run's job back in the queue (a run the CLI suspended gets a job now). */
export async function requeueWaiting(
  ctx: ServiceContext,
  runId: string,
  workflow: string,
  inputs: Record<string, unknown>,
): Promise<void> {
  if (await ctx.queue.requeue(runId)) return;
  const job = await ctx.queue.get(runId);
  if (!job)
    await ctx.queue.enqueue({
      id: runId,
      workflow,
      inputs,
      trigger: { kind: "cli" },
      enqueuedAt: ctx.iso(),
    });
  else if (job.status === "done" || job.status === "failed" || job.status === "cancelled")
    await ctx.queue.reopen(runId);
}

/**
 * Wakes at the earliest pending deadline of the waiting runs and requeues the runs whose deadline
 * passed, so the runtime applies each approval's `on_timeout` when it resumes them.
 */
export class DeadlineWatcher {
  readonly #ctx: ServiceContext;
  readonly #onRequeued: () => void;
  #timer: AbortController | undefined;
  #stopped = false;

  constructor(ctx: ServiceContext, onRequeued: () => void) {
    this.#ctx = ctx;
    this.#onRequeued = onRequeued;
  }

  /** Looks at the waiting runs again (after a run suspended, at start) and sets the next wake-up. */
  refresh(): void {
    if (this.#stopped) return;
    this.#timer?.abort();
    const timer = new AbortController();
    this.#timer = timer;
    void this.#arm(timer).catch((error: unknown) =>
      this.#ctx.problem({
        code: "DEADLINE_FAILED",
        message: error instanceof Error ? error.message : String(error),
      }),
    );
  }

  /** Stops waking runs. */
  stop(): void {
    this.#stopped = true;
    this.#timer?.abort();
  }

  async #arm(timer: AbortController): Promise<void> {
    const ctx = this.#ctx;
    const waiting = new Set((await ctx.queue.list({ status: "waiting" })).map((job) => job.id));
    let earliest = Infinity;
    for (const approval of listApprovals(ctx)) {
      if (!waiting.has(approval.runId) || approval.expires_at === null) continue;
      earliest = Math.min(earliest, Date.parse(approval.expires_at));
    }
    if (earliest === Infinity || timer.signal.aborted) return;
    await ctx.services.sleep(Math.max(0, earliest - ctx.services.now()), timer.signal);
    if (timer.signal.aborted) return;
    const now = ctx.services.now();
    const due = new Set<string>();
    for (const approval of listApprovals(ctx))
      if (approval.expires_at !== null && Date.parse(approval.expires_at) <= now)
        due.add(approval.runId);
    let requeued = false;
    for (const runId of due) if (await ctx.queue.requeue(runId)) requeued = true;
    if (requeued) this.#onRequeued();
    if (this.#timer === timer) this.refresh();
  }
}
