// The error a failed MCP connection rejects with: a ToolError that names its server, why, and what to check.
import { ToolError, type ToolErrorCode } from "../tool.js";

/**
 * Why a server could not be connected: its program is missing (`COMMAND_NOT_FOUND`), not executable
 * (`COMMAND_NOT_EXECUTABLE`), its `cwd` is missing (`CWD_NOT_FOUND`), it could not start otherwise
 * (`START_FAILED`), it exited before it was ready (`EXITED`), did not answer in time (`TIMEOUT`), its
 * URL refused or could not be reached (`UNREACHABLE`), answered with an HTTP error (`REJECTED`), or
 * did not speak MCP as expected (`PROTOCOL`).
 */
export type McpConnectFailure =
  | "COMMAND_NOT_FOUND"
  | "COMMAND_NOT_EXECUTABLE"
  | "CWD_NOT_FOUND"
  | "START_FAILED"
  | "EXITED"
  | "TIMEOUT"
  | "UNREACHABLE"
  | "REJECTED"
  | "PROTOCOL";

/** Why a connection failed, and what to check (already part of the message). */
export interface McpServerErrorDetails {
  reason?: McpConnectFailure;
  hint?: string;
}

/**
 * An MCP server could not be reached, started or listed. The message names the server and the cause,
 * with secrets redacted, and ends with `hint`; the original error is not attached, because its text
 * may carry them. It is the user's to fix (a host shows it without a stack).
 */
export class McpServerError extends ToolError {
  /** The configured name of the server that failed. */
  readonly server: string;
  /** Why, as a stable code; `PROTOCOL` when nothing more specific is known. */
  readonly reason: McpConnectFailure;
  /** What to check, one or two sentences (the end of the message); empty when unknown. */
  readonly hint: string;

  constructor(
    server: string,
    code: ToolErrorCode,
    message: string,
    retryable = false,
    details: McpServerErrorDetails = {},
  ) {
    super(code, message, { retryable });
    this.name = "McpServerError";
    this.server = server;
    this.reason = details.reason ?? "PROTOCOL";
    this.hint = details.hint ?? "";
  }
}
