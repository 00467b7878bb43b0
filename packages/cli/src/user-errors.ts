// Errors from the packages below the CLI that are the user's to fix, as coded CliErrors (exit 2).
import { CliError } from "./errors.js";

/**
 * The user error that `error` is: a `CliError` itself, or a failure of something the user configured
 * or owns: an `mcp` server that cannot start or be reached (`MCP_SERVER_FAILED`), a data folder or
 * history file that is damaged, locked, full or unwritable (`HISTORY_*`, from any command).
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
  return undefined;
}
