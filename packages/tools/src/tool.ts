// What a tool is: a name, a description, JSON Schemas for input and output, and a `run` function.
import type {
  JsonSchema,
  ToolInvocationContext,
  ToolUsage as WorkflowToolUsage,
} from "@skillflow/workflow";

/** The context a tool runs in: the runtime's invocation context (signal, run and step ids). */
export type ToolRunContext = ToolInvocationContext;

/** One tool. `run` resolves with the output or throws (a `ToolError` says what kind of failure). */
export interface ToolDefinition<Input = Record<string, unknown>, Output = unknown> {
  name: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  /** Resolves with the output (or `withUsage(output, usage)`), or throws — ideally a `ToolError`. */
  run(args: Input, context: ToolRunContext): Promise<Output | WithUsage<Output>>;
}

/** Stable codes of tool failures. */
export type ToolErrorCode =
  | "INVALID_ARGUMENTS"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "TIMEOUT"
  | "ABORTED"
  | "TOO_LARGE"
  | "NETWORK"
  | "HTTP_STATUS"
  | "RATE_LIMITED"
  | "PROVIDER"
  | "INVALID_OUTPUT"
  | "CONFIGURATION"
  | "EXECUTION";

/** Options of `new ToolError`. */
export interface ToolErrorOptions {
  /** Whether trying again can help (default false: a permanent failure, never retried). */
  retryable?: boolean;
  /** How long the service asked to wait before the next attempt (an HTTP `Retry-After`), in ms. */
  retryAfterMs?: number;
  cause?: unknown;
  usage?: ToolUsage;
}

/**
 * A tool failure, classified where it happens: `retryable` says whether trying again can help,
 * `retryAfterMs` how long to wait first. Both are own properties, so the runtime reads them even
 * when the error is thrown straight from an adapter (§13.2).
 */
export class ToolError extends Error {
  readonly code: ToolErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** Usage spent before the failure (e.g. an LLM answer that failed validation). */
  readonly usage: ToolUsage | undefined;

  constructor(code: ToolErrorCode, message: string, options: ToolErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ToolError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.usage = options.usage;
  }
}

/** Declares a tool with its types inferred from the definition. */
export function defineTool<Input = Record<string, unknown>, Output = unknown>(
  definition: ToolDefinition<Input, Output>,
): ToolDefinition<Input, Output> {
  return definition;
}

/** Token usage and cost of one tool call (LLM tools report it; the runtime sums it per step). */
export type ToolUsage = WorkflowToolUsage;

const USAGE = Symbol("skillflow.usage");

/** An output that carries usage; the tool set unwraps it into `ToolResult.usage`. */
export interface WithUsage<Output> {
  readonly [USAGE]: true;
  readonly output: Output;
  readonly usage: ToolUsage;
}

/** Wraps a tool's output together with the usage of the call that produced it. */
export function withUsage<Output>(output: Output, usage: ToolUsage): WithUsage<Output> {
  return { [USAGE]: true, output, usage };
}

/** Whether a value returned by `run` is a `withUsage` wrapper. */
export function isWithUsage(value: unknown): value is WithUsage<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[USAGE] === true
  );
}
