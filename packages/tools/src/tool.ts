// What a tool is: a name, a description, JSON Schemas for input and output, and a `run` function.
import type { JsonSchema, ToolInvocationContext } from "@skillflow/workflow";

/** The context a tool runs in: the runtime's invocation context (signal, run and step ids). */
export type ToolRunContext = ToolInvocationContext;

/** One tool. `run` resolves with the output or throws (a `ToolError` says what kind of failure). */
export interface ToolDefinition<Input = Record<string, unknown>, Output = unknown> {
  name: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  run(args: Input, context: ToolRunContext): Promise<Output>;
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

/** A tool failure, classified where it happens: `retryable` says whether trying again can help. */
export class ToolError extends Error {
  readonly code: ToolErrorCode;
  readonly retryable: boolean;

  constructor(
    code: ToolErrorCode,
    message: string,
    options: { retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ToolError";
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** Declares a tool with its types inferred from the definition. */
export function defineTool<Input = Record<string, unknown>, Output = unknown>(
  definition: ToolDefinition<Input, Output>,
): ToolDefinition<Input, Output> {
  return definition;
}
