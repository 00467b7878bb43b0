// Errors from the packages below the CLI that are the user's to fix, as coded CliErrors (exit 2).
import { CliError, type CliErrorCode } from "./errors.js";

/**
 * The user error that `error` is: a `CliError` itself, or a failure of something the user configured
 * or owns: an `mcp` server that cannot start or be reached (`MCP_SERVER_FAILED`), a data folder or
 * history file that is damaged, locked, full or unwritable (`HISTORY_*`, from any command), or a
 * refusal of the service (an unknown schedule or workflow, inputs that do not match).
 * Undefined for anything else, which is a bug.
 */
export async function asUserError(error: unknown): Promise<CliError | undefined> {
  if (error instanceof CliError) return error;
  // Loaded only on this error path: `skillflow --help` must not pay for these packages.
  const { historyProblem } = await import("./runs/problems.js");
  const history = historyProblem(error, "the run history");
  if (history) return history;
  const { McpServerError } = await import("@skillflow/tools");
  if (error instanceof McpServerError)
    return new CliError(
      "MCP_SERVER_FAILED",
      `${error.message}\nThe server is the "mcp.${error.server}" entry of the configuration.`,
    );
  const { ServiceError } = await import("@skillflow/service");
  if (error instanceof ServiceError && SERVICE_REFUSALS.has(error.code)) {
    const hint = typeof error.details?.hint === "string" ? error.details.hint : undefined;
    const message =
      hint !== undefined && !error.message.includes(hint)
        ? `${error.message}; ${hint}`
        : error.message;
    return new CliError(SERVICE_REFUSALS.get(error.code)!, message);
  }
  return undefined;
}

/** The service's refusals (its `ServiceErrorCode`s a caller can fix), as CLI codes. */
const SERVICE_REFUSALS: ReadonlyMap<string, CliErrorCode> = new Map<string, CliErrorCode>([
  ["UNKNOWN_RUN", "UNKNOWN_RUN"],
  ["UNKNOWN_WORKFLOW", "UNKNOWN_WORKFLOW"],
  ["UNKNOWN_SCHEDULE", "UNKNOWN_SCHEDULE"],
  ["INVALID_INPUTS", "INVALID_INPUTS"],
  ["INVALID_WORKFLOW", "INVALID_WORKFLOW"],
  ["NOT_RESUMABLE", "NOT_RESUMABLE"],
  ["SCHEDULE_DISABLED", "SCHEDULE_DISABLED"],
  // The API token file: the message names the file and what to do.
  ["TOKEN_FILE_TOO_OPEN", "INVALID_CONFIG"],
  ["TOKEN_FILE_INVALID", "INVALID_CONFIG"],
]);
