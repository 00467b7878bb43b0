// Step failures as data: where a failure happens decides whether it is retriable and how it reads.
import type { PendingApproval } from "../model/run-log.js";

/** Why a step (or iteration) failed. */
export interface StepFailure {
  /** Raw message (no `Tool` prefix). */
  message: string;
  /**
   * Retriable tool failure: `ToolResult.error`, a thrown `invoke`, or a timeout (§6.5) — unless the
   * tool marked it `retryable: false` (§13.2).
   */
  retriable: boolean;
  /** Set for tool failures, retriable or not: the message becomes `Tool "<tool>": <message>` (§13.9.7). */
  tool?: string;
  /** [EXT §13.5] Set for child-run failures: the message becomes `Workflow "<ref>": <message>`. */
  workflow?: string;
  /** [EXT] The tool's `retryAfterMs`: the next attempt waits at least this long (within `max_delay`). */
  retryAfterMs?: number;
  /**
   * [EXT §13.4] Not a failure: the child run waits at these approvals, so the step (or iteration)
   * waits too. Never retried; the step ends `waiting` without a record.
   */
  waiting?: PendingApproval[];
  /** Cancellation: never retried, halts the run whatever `on_error` says (§10.5). */
  cancelled?: boolean;
}

/** The message written to `StepRecord.error` and `step_error.error` (§6.6). */
export function failureText(failure: StepFailure): string {
  if (failure.tool !== undefined) return `Tool "${failure.tool}": ${failure.message}`;
  return failure.workflow !== undefined
    ? `Workflow "${failure.workflow}": ${failure.message}`
    : failure.message;
}

/** A non-retriable failure with a bare message. */
export function plainFailure(message: string): StepFailure {
  return { message, retriable: false };
}

/** The failure of a step interrupted by cancellation. */
export const CANCELLED: StepFailure = {
  message: "Step cancelled",
  retriable: false,
  cancelled: true,
};

/** The message of anything thrown: its `message` for errors, else its string form; never throws itself. */
export function errorMessage(error: unknown): string {
  try {
    if (error instanceof Error) return String(error.message);
    if (error !== null && typeof error === "object") {
      const message = (error as { message?: unknown }).message;
      if (typeof message === "string") return message;
    }
    return String(error);
  } catch {
    return "Unknown error";
  }
}
