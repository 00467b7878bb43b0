// ToolSet: turns tool definitions into a ToolAdapter that validates arguments, unwraps usage and redacts secrets.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type {
  ToolAdapter,
  ToolDescriptor,
  ToolInvocationContext,
  ToolResult,
} from "@skillflow/workflow";
import { safeRegExp } from "./pattern.js";
import { SecretRedactor } from "./secrets.js";
import {
  ToolError,
  isWithUsage,
  type ToolDefinition,
  type ToolErrorCode,
  type ToolUsage,
} from "./tool.js";

/** What `ToolSet.invoke` resolves with: a `ToolResult` plus usage and, on failure, the error code. */
export interface ToolSetResult extends ToolResult {
  /** Token usage and cost, when the tool reported it with `withUsage`. */
  usage?: ToolUsage;
  /** On failure, its code: the tool's `ToolError` code, or the tool set's own. */
  code?: ToolErrorCode;
  /**
   * On failure, whether trying again can help: a `ToolError`'s own flag; true for other thrown
   * errors (unknown cause); false for the tool set's own failures (unknown tool, invalid arguments,
   * abort).
   */
  retryable?: boolean;
}

/** Options of `new ToolSet`. */
export interface ToolSetOptions {
  /** Applied to every output and error message before it leaves the tool set. */
  redactor?: SecretRedactor;
}

/**
 * A tool definition whatever its argument and output types, as `ToolSet` accepts it: arguments are
 * checked against `inputSchema` before `run`, so the static `Input` type is the tool's own business.
 */
export type AnyToolDefinition = ToolDefinition<never, unknown>;

interface Entry {
  definition: ToolDefinition;
  validate: ValidateFunction;
}

/** A readable path for an Ajv instance path: `/items/0/url` → `items[0].url`. */
function readablePath(instancePath: string, extra?: string): string {
  const parts = instancePath === "" ? [] : instancePath.slice(1).split("/");
  if (extra !== undefined) parts.push(extra);
  let out = "";
  for (const raw of parts) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(part) ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out === "" ? "(arguments)" : out;
}

/** One Ajv error as `path: problem`, naming the missing or unexpected property where there is one. */
function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") {
    return `${readablePath(error.instancePath, String(params.missingProperty))}: is required`;
  }
  if (error.keyword === "additionalProperties") {
    return `${readablePath(error.instancePath, String(params.additionalProperty))}: is not allowed`;
  }
  if (error.keyword === "enum" && Array.isArray(params.allowedValues)) {
    const allowed = params.allowedValues.map((v) => JSON.stringify(v)).join(", ");
    return `${readablePath(error.instancePath)}: must be one of ${allowed}`;
  }
  return `${readablePath(error.instancePath)}: ${error.message ?? "is invalid"}`;
}

/** Every Ajv error of one validation, joined with `; `. */
export function formatSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return [...new Set((errors ?? []).map(describeAjvError))].join("; ");
}

/**
 * One Ajv per tool set, so `$id`s of different sets never collide. Formats are not validated: the
 * package ships no format vocabulary, and schemas from other hosts (MCP servers) use formats
 * freely; `strict: false` accepts their extra keywords.
 */
const newAjv = (): Ajv =>
  new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: false,
    code: { regExp: safeRegExp }, // author patterns in linear time (no ReDoS)
  });

function compile(ajv: Ajv, definition: ToolDefinition): ValidateFunction {
  // A `$schema` naming another draft (MCP uses 2020-12) would make Ajv refuse the whole schema;
  // the keywords tool schemas use mean the same in draft-07, so the declaration is dropped.
  const { $schema: _ignored, ...schema } = definition.inputSchema;
  try {
    return ajv.compile(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Tool "${definition.name}" has an invalid inputSchema: ${reason}`, {
      cause: error,
    });
  }
}

function directContext(toolName: string): ToolInvocationContext {
  return { signal: new AbortController().signal, runId: "direct", stepId: toolName, attempt: 1 };
}

function abortMessage(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.message !== "" ? reason.message : "aborted";
}

const ABORTED = Symbol("aborted");

/**
 * Runs the tool with a signal of its own, linked to the caller's: the caller's signal gets one
 * listener per call however many the tool adds, and the call settles with `ABORTED` as soon as it
 * aborts, even when the tool ignores its signal.
 */
function runLinked(
  definition: ToolDefinition,
  args: Record<string, unknown>,
  context: ToolInvocationContext,
): Promise<unknown> {
  const own = new AbortController();
  const forward = (): void => own.abort(context.signal.reason);
  context.signal.addEventListener("abort", forward, { once: true });
  const aborted = new Promise<typeof ABORTED>((resolve) =>
    own.signal.addEventListener("abort", () => resolve(ABORTED), { once: true }),
  );
  // The executor turns a synchronous throw of a non-async `run` into a rejection.
  const run = new Promise((resolve) =>
    resolve(definition.run(args, { ...context, signal: own.signal })),
  );
  return Promise.race([run, aborted]).finally(() =>
    context.signal.removeEventListener("abort", forward),
  );
}

/**
 * A `ToolAdapter` over tool definitions. Arguments are checked against each tool's `inputSchema`
 * (compiled once, at construction) before `run`; failures resolve as `{ output: null, error }`
 * (errors stay data) and never reject; outputs and error messages pass through the redactor.
 */
export class ToolSet implements ToolAdapter {
  private readonly tools = new Map<string, Entry>();
  private readonly redactor: SecretRedactor;

  constructor(definitions: readonly AnyToolDefinition[], options: ToolSetOptions = {}) {
    this.redactor = options.redactor ?? new SecretRedactor();
    const ajv = newAjv();
    for (const definition of definitions) {
      if (this.tools.has(definition.name)) {
        throw new Error(`Tool "${definition.name}" is defined twice in this tool set`);
      }
      // Sound because `invoke` only passes arguments that passed `inputSchema`.
      const tool = definition as ToolDefinition;
      this.tools.set(definition.name, { definition: tool, validate: compile(ajv, tool) });
    }
  }

  /** Whether a tool of that name is registered (own names only, never inherited ones). */
  has(toolName: string): boolean {
    return this.tools.has(toolName);
  }

  /** Descriptors of every tool, with their input and output schemas. */
  list(): ToolDescriptor[] {
    return [...this.tools.values()].map(({ definition: d }) => ({
      name: d.name,
      description: d.description,
      inputSchema: d.inputSchema,
      ...(d.outputSchema === undefined ? {} : { outputSchema: d.outputSchema }),
    }));
  }

  /** Validates `args`, runs the tool and resolves with its (redacted) output or error. */
  async invoke(
    toolName: string,
    args: Record<string, unknown>,
    context?: ToolInvocationContext,
  ): Promise<ToolSetResult> {
    const entry = this.tools.get(toolName);
    if (entry === undefined) return this.failure(`Tool "${toolName}" not registered`, "NOT_FOUND");
    if (!entry.validate(args)) {
      const problems = formatSchemaErrors(entry.validate.errors);
      return this.failure(
        `Invalid arguments for tool "${toolName}": ${problems}`,
        "INVALID_ARGUMENTS",
      );
    }
    const ctx = context ?? directContext(toolName);
    if (ctx.signal.aborted) {
      return this.failure(`Tool "${toolName}" aborted: ${abortMessage(ctx.signal)}`, "ABORTED");
    }
    try {
      const returned = await runLinked(entry.definition, args, ctx);
      if (returned === ABORTED) {
        return this.failure(`Tool "${toolName}" aborted: ${abortMessage(ctx.signal)}`, "ABORTED");
      }
      if (!isWithUsage(returned)) return { output: this.redactor.redactValue(returned ?? null) };
      return { output: this.redactor.redactValue(returned.output ?? null), usage: returned.usage };
    } catch (error) {
      const result = this.failure(
        thrownMessage(toolName, error),
        thrownCode(error),
        thrownRetryable(error),
      );
      if (error instanceof ToolError) {
        if (error.usage) result.usage = error.usage;
        if (error.retryAfterMs !== undefined) result.retryAfterMs = error.retryAfterMs;
      }
      return result;
    }
  }

  private failure(message: string, code: ToolErrorCode, retryable = false): ToolSetResult {
    return { output: null, error: this.redactor.redact(message), code, retryable };
  }
}

function thrownMessage(toolName: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message === "" ? `Tool "${toolName}" failed` : message;
}

function thrownRetryable(error: unknown): boolean {
  if (error instanceof ToolError) return error.retryable;
  return !(error instanceof Error && error.name === "AbortError");
}

function thrownCode(error: unknown): ToolErrorCode {
  if (error instanceof ToolError) return error.code;
  return error instanceof Error && error.name === "AbortError" ? "ABORTED" : "EXECUTION";
}
