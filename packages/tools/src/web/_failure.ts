// Classifies a failed request as a ToolError code; retryability is decided where it is known.
import type { SecretRedactor } from "../secrets.js";
import { ToolError } from "../tool.js";
import { BodyTooLarge } from "./_body.js";

/** What is known about a failed request when its error is classified. */
export interface FailureContext {
  label: string;
  redactor: SecretRedactor;
  timeoutMs: number;
  maxResponseBytes: number;
  timedOut: boolean;
  aborted: AbortSignal;
}

function reasonText(reason: unknown): string {
  return reason instanceof Error && reason.message !== "" ? `: ${reason.message}` : "";
}

/**
 * The ToolError for a failed request: TIMEOUT (retryable) when the timer fired, ABORTED when the
 * invocation signal did, a ToolError as thrown, TOO_LARGE for a capped body, else NETWORK
 * (retryable). Every message passes through the request's redactor.
 */
export function classifyFailure(error: unknown, ctx: FailureContext): ToolError {
  const { label, redactor } = ctx;
  if (ctx.timedOut) {
    return new ToolError("TIMEOUT", `${label} timed out after ${ctx.timeoutMs} ms`, {
      retryable: true,
    });
  }
  if (ctx.aborted.aborted) {
    return new ToolError(
      "ABORTED",
      redactor.redact(`${label} aborted${reasonText(ctx.aborted.reason)}`),
    );
  }
  if (error instanceof ToolError) {
    return new ToolError(error.code, redactor.redact(error.message), {
      retryable: error.retryable,
    });
  }
  if (error instanceof BodyTooLarge) {
    return new ToolError(
      "TOO_LARGE",
      `${label}: response body exceeds ${ctx.maxResponseBytes} bytes (maxResponseBytes)`,
    );
  }
  // undici reports network failures as `TypeError: fetch failed` with the socket error as cause.
  const cause = (error as { cause?: unknown }).cause ?? error;
  const code = (cause as { code?: unknown }).code;
  const detail = cause instanceof Error ? cause.message : String(cause);
  const text = `${label} failed: ${typeof code === "string" ? `${code} ` : ""}${detail}`;
  return new ToolError("NETWORK", redactor.redact(text), { retryable: true });
}
