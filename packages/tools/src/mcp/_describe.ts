// Turns SDK, fetch and spawn failures into one readable line and a ToolError code.
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import type { ToolErrorCode } from "../tool.js";

const MAX_CAUSES = 4;

function ownMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof StreamableHTTPError && error.code !== undefined && error.code >= 100) {
    return `${error.message} (HTTP ${error.code})`;
  }
  if (error.message !== "") return error.message;
  // fetch reports "connection refused on every address" as an AggregateError without a message.
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(ownMessage).join("; ");
  }
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : error.name;
}

/** The message of an error followed by its causes (`fetch failed: connect ECONNREFUSED ...`). */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < MAX_CAUSES; depth++) {
    const message = ownMessage(current);
    if (!parts.some((p) => p.includes(message))) parts.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(": ");
}

/** Whether an error is the SDK's request timeout. */
export function isRequestTimeout(error: unknown): boolean {
  return error instanceof McpError && error.code === Number(ErrorCode.RequestTimeout);
}

function hasSpawnSyscall(error: unknown): boolean {
  const syscall = (error as { syscall?: unknown } | null)?.syscall;
  return typeof syscall === "string" && syscall.startsWith("spawn");
}

/** What kind of failure an error is, and whether trying again can help. */
export interface FailureKind {
  code: ToolErrorCode;
  retryable: boolean;
}

/** Timeouts, HTTP statuses and network failures, shared by connecting and calling. */
function transportFailure(error: unknown): FailureKind | undefined {
  if (isRequestTimeout(error)) return { code: "TIMEOUT", retryable: true };
  if (error instanceof StreamableHTTPError && error.code !== undefined && error.code >= 400) {
    if (error.code === 401 || error.code === 403) return { code: "FORBIDDEN", retryable: false };
    if (error.code === 429) return { code: "RATE_LIMITED", retryable: true };
    return { code: "HTTP_STATUS", retryable: error.code >= 500 };
  }
  if (error instanceof TypeError && error.message === "fetch failed") {
    return { code: "NETWORK", retryable: true };
  }
  return undefined;
}

/** The kind of a failure to start, reach or list a server. */
export function classifyConnectFailure(error: unknown): FailureKind {
  if (hasSpawnSyscall(error)) return { code: "CONFIGURATION", retryable: false };
  return transportFailure(error) ?? { code: "EXECUTION", retryable: false };
}

/** The kind of a failed `tools/call` (the request itself, not a tool's own `isError`). */
export function classifyCallFailure(error: unknown): FailureKind {
  const transport = transportFailure(error);
  if (transport) return transport;
  if (!(error instanceof McpError)) return { code: "EXECUTION", retryable: true };
  // The SDK checks structured content against the tool's outputSchema on our side.
  if (/structured content/i.test(error.message))
    return { code: "INVALID_OUTPUT", retryable: false };
  switch (error.code) {
    case Number(ErrorCode.InvalidParams):
      return { code: "INVALID_ARGUMENTS", retryable: false };
    case Number(ErrorCode.MethodNotFound):
      return { code: "NOT_FOUND", retryable: false };
    case Number(ErrorCode.ConnectionClosed):
      return { code: "EXECUTION", retryable: false };
    default:
      return { code: "EXECUTION", retryable: true };
  }
}
