// The error a failed MCP connection rejects with: a ToolError that names its server.
import { ToolError, type ToolErrorCode } from "../tool.js";

/**
 * An MCP server could not be reached, started or listed. The message names the server and the cause,
 * with secrets redacted; the original error is not attached, because its text may carry them.
 */
export class McpServerError extends ToolError {
  /** The configured name of the server that failed. */
  readonly server: string;

  constructor(server: string, code: ToolErrorCode, message: string, retryable = false) {
    super(code, message, { retryable });
    this.name = "McpServerError";
    this.server = server;
  }
}
