// One `tools/call` on a live connection: bounded by a timeout, cancelled by a signal, failing as data.
import type { McpConnection } from "./_connection.js";
import { classifyCallFailure, describeError } from "./_describe.js";
import { type McpToolResult, failed, toToolResult } from "./_result.js";

/** The abort reason of calls still running when the adapter closes. */
export const CLOSED = new Error("the MCP adapter was closed");

/** How long a failed call waits for the last stderr of a server that just exited. */
const CRASH_STDERR_MS = 200;

/** One call: the workflow-facing and the server's name of the tool, its arguments and bounds. */
export interface CallSpec {
  name: string;
  remoteName: string;
  args: Record<string, unknown>;
  /** The adapter's own signal for this call (linked to the caller's and to `close()`). */
  signal: AbortSignal;
  timeoutMs: number;
}

async function callFailure(
  connection: McpConnection,
  spec: CallSpec,
  error: unknown,
): Promise<McpToolResult> {
  const { name, signal } = spec;
  if (signal.aborted && signal.reason === CLOSED) {
    return failed(`MCP tool "${name}" stopped: ${CLOSED.message}`, "ABORTED", false);
  }
  if (signal.aborted) return failed(`MCP tool "${name}" was cancelled`, "ABORTED", false);
  const { code, retryable } = classifyCallFailure(error);
  if (code === "TIMEOUT") {
    return failed(`MCP tool "${name}" timed out after ${spec.timeoutMs}ms`, code, retryable);
  }
  const text = `MCP tool "${name}" failed: ${describeError(error)}`;
  if (connection.connected) return failed(connection.redactor.redact(text), code, retryable);
  await connection.stderrDrained(CRASH_STDERR_MS);
  return failed(connection.explain(text), code, false);
}

/** Calls the tool; every failure (including cancellation) resolves as an error result. */
export async function callTool(connection: McpConnection, spec: CallSpec): Promise<McpToolResult> {
  try {
    const result = await connection.client.callTool(
      { name: spec.remoteName, arguments: spec.args },
      undefined,
      { signal: spec.signal, timeout: spec.timeoutMs },
    );
    const fallback = `MCP tool "${spec.name}" reported an error without a message`;
    return connection.redactor.redactValue(toToolResult(result, fallback));
  } catch (error) {
    return callFailure(connection, spec, error);
  }
}
