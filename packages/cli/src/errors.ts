// User errors of the CLI: coded, shown with usage, never with a stack.

/** Codes of mistakes the user can fix; anything else thrown is a bug. */
export type CliErrorCode =
  | "UNKNOWN_COMMAND"
  | "BAD_ARGUMENTS"
  | "FILE_NOT_FOUND"
  | "INVALID_INPUT"
  | "UNKNOWN_INPUT"
  | "INVALID_CONFIG"
  | "UNKNOWN_RUN"
  | "AMBIGUOUS_RUN"
  | "NOT_RESUMABLE"
  | "NO_CHECKPOINT"
  | "SECRET_INPUTS_NEEDED"
  | "CHECKPOINT_DAMAGED"
  | "APPROVAL_EXPIRED"
  | "WORKFLOW_CHANGED"
  | "HISTORY_UNAVAILABLE"
  | "HISTORY_DAMAGED"
  | "HISTORY_LOCKED"
  | "HISTORY_FULL"
  | "MCP_SERVER_FAILED"
  | "UNKNOWN_SKILL"
  | "SKILL_FAILED"
  | "SCHEDULE_EXISTS"
  | "UNKNOWN_SCHEDULE"
  | "INVALID_CRON"
  | "UNKNOWN_WORKFLOW"
  | "INVALID_WORKFLOW"
  | "INVALID_INPUTS"
  | "SCHEDULE_DISABLED"
  | "SERVICE_FAILED"
  | "SERVE_NOT_RUNNING"
  | "NO_DASHBOARD"
  | "SKILL_SHADOWED"
  | "SKILL_CHANGED"
  | "PRICE_UNKNOWN";

/** A mistake in the call (exit 2); `usage` is printed after the message when set. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/**
 * Exit codes of every command. `waiting` (4): a run stopped at an approval and waits for a decision
 * (`skillflow approve`); `skills check` uses 3 for "updates exist".
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, waiting: 4, cancelled: 130 } as const;
