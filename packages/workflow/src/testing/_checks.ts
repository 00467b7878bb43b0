// Shape checks and settle tracking used by the ToolAdapter contract suite; returns problems as text.
import type { ToolAdapter, ToolInvocationContext } from "../model/adapter.js";

/** How an invocation ended. */
export type Outcome = { kind: "resolved"; value: unknown } | { kind: "rejected"; reason: unknown };

/** An invocation in flight whose outcome is observed without ever leaving a rejection unhandled. */
export interface TrackedCall {
  readonly settled: boolean;
  readonly outcome: Promise<Outcome>;
}

const describeValue = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value;

/** Why `value` is not a well-formed `ToolResult`, or undefined when it is. */
export function toolResultProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `expected a ToolResult object, got ${describeValue(value)}`;
  }
  if (!("output" in value)) return 'ToolResult has no "output" key';
  const { error } = value as { error?: unknown };
  if (error !== undefined && (typeof error !== "string" || error === "")) {
    return `ToolResult "error" must be absent or a non-empty string, got ${JSON.stringify(error) ?? describeValue(error)}`;
  }
  const { retryable, retryAfterMs } = value as { retryable?: unknown; retryAfterMs?: unknown };
  if (retryable !== undefined && typeof retryable !== "boolean") {
    return `ToolResult "retryable" must be absent or a boolean, got ${describeValue(retryable)}`;
  }
  if (
    retryAfterMs !== undefined &&
    !(typeof retryAfterMs === "number" && Number.isFinite(retryAfterMs) && retryAfterMs >= 0)
  ) {
    return `ToolResult "retryAfterMs" must be absent or a finite number of milliseconds >= 0, got ${JSON.stringify(retryAfterMs) ?? describeValue(retryAfterMs)}`;
  }
  return undefined;
}

/** Why a rejection reason would make a poor step error, or undefined when it has a usable message. */
export function rejectionProblem(reason: unknown): string | undefined {
  if (typeof reason !== "object" || reason === null) {
    return `rejected with ${describeValue(reason)} instead of an Error`;
  }
  const { message } = reason as { message?: unknown };
  if (typeof message !== "string" || message === "") {
    return "rejected with an error that has no message";
  }
  return undefined;
}

/**
 * Calls `adapter.invoke` and tracks the outcome. A synchronous throw or a non-promise return is
 * reported as a problem, because the runtime and hosts may chain on the returned promise.
 */
export function trackInvoke(
  adapter: ToolAdapter,
  call: { name: string; args: Record<string, unknown> },
  context?: ToolInvocationContext,
): TrackedCall {
  let settled = false;
  let returned: unknown;
  try {
    returned =
      context === undefined
        ? adapter.invoke(call.name, call.args)
        : adapter.invoke(call.name, call.args, context);
  } catch (error) {
    throw new Error(`invoke("${call.name}") threw synchronously instead of returning a promise`, {
      cause: error,
    });
  }
  if (typeof (returned as { then?: unknown } | null)?.then !== "function") {
    throw new Error(`invoke("${call.name}") did not return a promise`);
  }
  const outcome = Promise.resolve(returned).then(
    (value): Outcome => {
      settled = true;
      return { kind: "resolved", value };
    },
    (reason: unknown): Outcome => {
      settled = true;
      return { kind: "rejected", reason };
    },
  );
  return {
    get settled() {
      return settled;
    },
    outcome,
  };
}

/** The outcome of `call`, or `"pending"` if it has not settled within `ms` real milliseconds. */
export async function outcomeWithin(call: TrackedCall, ms: number): Promise<Outcome | "pending"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"pending">((resolve) => {
    timer = setTimeout(() => resolve("pending"), ms);
  });
  try {
    return await Promise.race([call.outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A real-time pause, for letting an invocation get under way before it is aborted. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
