// One wait for a run inside a tool call: progress notifications to the client, the client's
// cancellation cancelling the run, and the answer once the run settled or the wait ran out.
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { RunDetail } from "@skillflow/service";
import type { McpRequestExtra } from "../area.js";
import { errorAnswer, runAnswer } from "./answer.js";
import { stepsDone, waitForRun, type McpRunner, type McpTimers } from "./wait.js";

/** What every workflow tool shares: the runner, the wait settings and the area's own stop signal. */
export interface WorkflowsContext {
  runner: McpRunner;
  timers: McpTimers;
  waitMs: number;
  pollMs: number;
  /** Aborted when the area closes: waits end and answer where their run is. */
  closing: AbortSignal;
}

/**
 * Sends progress notifications for the request; `sent` settles once the last one is written, so
 * that the answer never overtakes it (a client drops progress that arrives after the answer).
 */
function progressSender(extra: McpRequestExtra) {
  const token = extra._meta?.progressToken;
  if (token === undefined) return undefined;
  let sent: Promise<unknown> = Promise.resolve();
  let reported = 0;
  const send = (done: number, run: RunDetail): void => {
    if (done <= reported) return;
    reported = done;
    const step = run.steps.at(-1)?.id;
    const total = run.totalSteps;
    const message = `${done} step${done === 1 ? "" : "s"} done${step !== undefined ? ` (last: ${step})` : ""}`;
    sent = extra
      .sendNotification({
        method: "notifications/progress",
        params: {
          progressToken: token,
          progress: done,
          // Steps skipped by branches or repeated by `each` can outnumber the declared ones.
          ...(total !== undefined && total >= done ? { total } : {}),
          message,
        },
      })
      // A client gone away cannot be told; the run goes on.
      .catch(() => undefined);
  };
  return { send, sent: () => sent };
}

/**
 * Waits up to `waitMs` for run `runId` to settle and answers for it. When the client cancels the
 * request, the run is cancelled (the SDK drops the answer). `settled` says when the wait is over.
 */
export async function waitAndAnswer(
  ctx: WorkflowsContext,
  runId: string,
  extra: McpRequestExtra,
  settled: (run: RunDetail) => boolean,
): Promise<CallToolResult> {
  const progress = progressSender(extra);
  const onClientCancel = (): void => {
    ctx.runner.cancelRun(runId).catch(() => undefined);
  };
  extra.signal.addEventListener("abort", onClientCancel, { once: true });
  if (extra.signal.aborted) onClientCancel();
  try {
    const run = await waitForRun(runId, {
      runner: ctx.runner,
      timers: ctx.timers,
      waitMs: ctx.waitMs,
      pollMs: ctx.pollMs,
      signal: AbortSignal.any([extra.signal, ctx.closing]),
      settled,
      ...(progress !== undefined ? { onProgress: progress.send } : {}),
    });
    const seen = run ?? (await ctx.runner.getRun(runId));
    // A wait that ran out may find the run further on (even ended): the client hears of it first.
    progress?.send(stepsDone(seen), seen);
    const answer = runAnswer(seen);
    await progress?.sent();
    return answer;
  } catch (error) {
    return errorAnswer(error);
  } finally {
    extra.signal.removeEventListener("abort", onClientCancel);
  }
}
