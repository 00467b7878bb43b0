// Provider failures as ToolErrors, classified where they happen: 429 and 5xx and network retryable, other 4xx not.
import { APICallError, RetryError } from "ai";
import { parseRetryAfter } from "../_retry-after.js";
import { ToolError } from "../tool.js";

/** What a failed call is reported against. */
export interface FailureContext {
  /** `provider:model-id`. */
  label: string;
  /** The variable holding the key, named when the provider rejects it. */
  keyVariable: string;
  /** The call's signal: the step's, combined with the tool's own timeout. */
  call: { signal: AbortSignal; timedOut: boolean; timeoutMs: number | undefined };
}

function abortFailure(ctx: FailureContext): ToolError {
  const { signal, timedOut, timeoutMs } = ctx.call;
  if (timedOut) {
    return new ToolError("TIMEOUT", `LLM call to ${ctx.label} timed out after ${timeoutMs} ms`, {
      retryable: true,
    });
  }
  const reason: unknown = signal.reason;
  if (reason instanceof DOMException && reason.name === "TimeoutError") {
    return new ToolError("TIMEOUT", `LLM call to ${ctx.label} timed out`, { retryable: true });
  }
  return new ToolError("ABORTED", `LLM call to ${ctx.label} was cancelled`);
}

function retryAfter(headers: Record<string, string> | undefined): string {
  const value = headers?.["retry-after"];
  return value === undefined ? "" : ` (retry after ${value}s)`;
}

function httpFailure(error: APICallError, status: number, ctx: FailureContext): ToolError {
  const what = `${ctx.label} failed with HTTP ${status}: ${error.message}`;
  if (status === 429) {
    const message = `${ctx.label} is rate limited (HTTP 429): ${error.message}${retryAfter(error.responseHeaders)}`;
    const retryAfterMs = parseRetryAfter(
      error.responseHeaders?.["retry-after"] ?? null,
      Date.now(),
    );
    return new ToolError("RATE_LIMITED", message, {
      retryable: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status === 401 || status === 403) {
    return new ToolError("CONFIGURATION", `${what}. Check ${ctx.keyVariable}.`);
  }
  if (status === 408) return new ToolError("TIMEOUT", what, { retryable: true });
  return new ToolError("PROVIDER", what, { retryable: status >= 500 });
}

/**
 * The ToolError for anything a provider call threw. No `cause` is attached: provider errors carry
 * response bodies and request values, which may echo credentials; the message says what happened.
 */
export function toToolError(thrown: unknown, ctx: FailureContext): ToolError {
  if (thrown instanceof ToolError) return thrown;
  if (ctx.call.signal.aborted) return abortFailure(ctx);
  const error = RetryError.isInstance(thrown) ? thrown.lastError : thrown;
  if (APICallError.isInstance(error)) {
    if (error.statusCode !== undefined) return httpFailure(error, error.statusCode, ctx);
    return new ToolError("NETWORK", `Could not reach ${ctx.label}: ${error.message}`, {
      retryable: true,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TypeError && /fetch failed/i.test(message)) {
    return new ToolError("NETWORK", `Could not reach ${ctx.label}: ${message}`, {
      retryable: true,
    });
  }
  return new ToolError("PROVIDER", `LLM call to ${ctx.label} failed: ${message}`);
}
