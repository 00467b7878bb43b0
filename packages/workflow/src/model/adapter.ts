// The host boundary: ToolAdapter, ToolResult, descriptors and the per-invocation context (§8.2, §10.4).

/** Loose JSON-Schema object describing tool arguments or results. */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  [key: string]: unknown;
}

/** [EXT] Token usage and cost of a tool call (LLM tools report it); summed into `StepRecord.usage`. */
export interface ToolUsage {
  inputTokens: number;
  outputTokens: number;
  /** USD; null when the price is unknown. */
  costUsd: number | null;
  model?: string;
}

/**
 * What a tool invocation resolves with: `error` (non-empty) marks a failure, retriable unless
 * `retryable` is false (§13.2).
 */
export interface ToolResult {
  output: unknown;
  error?: string;
  /** [EXT §13.2] `false`: a permanent failure, never retried whatever the step's `retry` policy. */
  retryable?: boolean;
  /**
   * [EXT] The tool's own hint of how long to wait before the next attempt (an HTTP `Retry-After`):
   * the runtime waits at least this long before retrying, within the policy's `max_delay`.
   */
  retryAfterMs?: number;
  /** [EXT] Usage of this call, also when it failed (tokens were still spent). */
  usage?: ToolUsage;
}

/** A tool as a host presents it in catalogs. */
export interface ToolDescriptor {
  name: string;
  description: string;
  inputSchema?: JsonSchema;
  outputSchema?: JsonSchema;
}

/** [EXT §10.4] Passed as the third argument of every `invoke`. */
export interface ToolInvocationContext {
  /** Aborted when this attempt times out or the run is cancelled. */
  signal: AbortSignal;
  runId: string;
  stepId: string;
  /** 1 for the first try, 2 for the first retry, ... (per iteration). */
  attempt: number;
  /** 0-based element index for `each` steps; absent otherwise. */
  iteration?: number;
  /**
   * [EXT §13.6] `<runId>:<stepId>`, plus `:<iteration>` for `each` steps: stable across attempts and
   * resumes, for tools that can deduplicate (tools run at least once). Always set by the runtime;
   * optional only so hosts that build contexts themselves keep compiling.
   */
  idempotencyKey?: string;
}

/** The only integration boundary between the runtime and the host. */
export interface ToolAdapter {
  invoke(
    toolName: string,
    args: Record<string, unknown>,
    context?: ToolInvocationContext,
  ): Promise<ToolResult>;
  has(toolName: string): boolean;
  /** Optional catalog for hosts; never called by the runtime. */
  list?(): ToolDescriptor[];
}

/** A `MockToolAdapter` handler: one-argument handlers keep working (§10.4). */
export type ToolHandler = (
  args: Record<string, unknown>,
  context?: ToolInvocationContext,
) => ToolResult | Promise<ToolResult>;
