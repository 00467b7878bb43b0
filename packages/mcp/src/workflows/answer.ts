// What the workflow tools answer: a finished run's outputs, its error, or where an unfinished run is
// and which tool continues from there; service errors as tool errors with their codes.
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { RunDetail } from "@skillflow/service";
import { toolError, toolResult } from "../results.js";
import { inputSchemaOf } from "./schema.js";
import { stepsDone } from "./wait.js";

/** A pending approval as the tools show it: with its response fields as a JSON Schema. */
export interface ApprovalView {
  key: string;
  message: string;
  /** ISO 8601 deadline, or null without a timeout. */
  expiresAt: string | null;
  /** The `response` object `workflow_approve` takes (required fields: needed to approve). */
  response: Record<string, unknown>;
}

/** The pending approvals of a run. */
export function approvalsOf(run: RunDetail): ApprovalView[] {
  return (run.pending ?? []).map((pending) => ({
    key: pending.key,
    message: pending.message,
    expiresAt: pending.expires_at,
    response: inputSchemaOf(pending.response),
  }));
}

/** The sentence telling a model what to call next for an unfinished run. */
function nextStep(run: RunDetail): string {
  if (run.status === "waiting")
    return `The run ${run.id} waits for an approval: show the message to the user, then call workflow_approve with runId "${run.id}", the key, approved true or false and the response fields; workflow_status shows it again.`;
  if (run.status === "interrupted")
    return `The run ${run.id} was interrupted (the service stopped); it resumes when the service runs again; call workflow_status with runId "${run.id}" later.`;
  return `The run ${run.id} is still ${run.status}; call workflow_status with runId "${run.id}" to see it again (or workflow_cancel to stop it).`;
}

/** A result carrying `data` whose text leads with `sentence` (for clients that show text only). */
function withSentence(data: Record<string, unknown>, sentence: string): CallToolResult {
  const result = toolResult(data);
  return { ...result, content: [{ type: "text", text: sentence }, ...result.content] };
}

/** A failed or cancelled run as a tool error with the run's id and error. */
function failedRun(run: RunDetail): CallToolResult {
  const cancelled = run.status === "cancelled";
  const message = run.error?.message ?? `run ${run.id} ${run.status}`;
  const result = toolError(cancelled ? "RUN_CANCELLED" : "RUN_FAILED", message);
  return {
    ...result,
    structuredContent: { ...result.structuredContent, runId: run.id, status: run.status },
  };
}

/**
 * A workflow tool's answer for `run`: its outputs when it succeeded, a tool error when it failed or
 * was cancelled, else `{ runId, status, pendingApprovals?, next }`.
 */
export function runAnswer(run: RunDetail): CallToolResult {
  if (run.status === "success") return toolResult({ ...(run.outputs ?? {}) });
  if (run.status === "failed" || run.status === "cancelled") return failedRun(run);
  const next = nextStep(run);
  const approvals = approvalsOf(run);
  return withSentence(
    {
      runId: run.id,
      status: run.queued === true ? "queued" : run.status,
      ...(approvals.length > 0 ? { pendingApprovals: approvals } : {}),
      next,
    },
    next,
  );
}

/** `workflow_status`'s answer: the run, its steps, outputs or error, and pending approvals. */
export function statusAnswer(run: RunDetail): CallToolResult {
  const approvals = approvalsOf(run);
  const data: Record<string, unknown> = {
    runId: run.id,
    workflow: run.workflow,
    status: run.queued === true ? "queued" : run.status,
    stepsDone: stepsDone(run),
    ...(run.totalSteps !== undefined ? { totalSteps: run.totalSteps } : {}),
    steps: run.steps.map((step) => ({ id: step.id, status: step.status })),
    ...(run.status === "success" ? { outputs: run.outputs ?? {} } : {}),
    ...(run.error !== undefined ? { error: run.error.message } : {}),
    ...(approvals.length > 0 ? { pendingApprovals: approvals } : {}),
  };
  const ended = run.status === "success" || run.status === "failed" || run.status === "cancelled";
  return ended ? toolResult(data) : withSentence(data, nextStep(run));
}

/** A thrown error as a tool error: a service error keeps its code; an unknown run names `runId`. */
export function errorAnswer(error: unknown): CallToolResult {
  const own = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : 0;
  const code = typeof own === "string" ? own : "TOOL_FAILED";
  const message = error instanceof Error ? error.message : String(error);
  return toolError(code, message, code === "UNKNOWN_RUN" ? "runId" : undefined);
}
