// The `llm` tool: a prompt to Anthropic, OpenAI or an OpenAI-compatible server, answered as JSON.
import { timeoutOption } from "../_options.js";
import type { JsonSchema } from "@skillflow/workflow";
import type { ModelMessage } from "ai";
import type { ValidateFunction } from "ajv";
import { SecretRedactor } from "../secrets.js";
import {
  ToolError,
  defineTool,
  withUsage,
  type ToolDefinition,
  type ToolRunContext,
  type ToolUsage,
  type WithUsage,
} from "../tool.js";
import { compileAnswerSchema, judgeAnswer, repairPrompt } from "./_answer.js";
import { answerSchemaOf } from "./_shorthand.js";
import { CallSignal, ask, usageOf, type CallSpec, type Turn } from "./_call.js";
import { toToolError } from "./_errors.js";
import { DEFAULT_PRICES, type PriceTable } from "./prices.js";
import {
  formatModelRef,
  parseModelRef,
  providerSecrets,
  resolveModel,
  type LlmEnv,
  type LlmFetch,
  type LlmProvider,
  type ResolvedModel,
} from "./providers.js";

/** The tool's arguments, as workflows pass them (the earlier CLI's shape). */
export interface LlmInput {
  prompt: string;
  system?: string;
  /** A JSON Schema the answer must match (a shorthand such as `{ haiku: string }` is converted by `readLlmInput`). */
  schema?: JsonSchema;
  /** `provider:model-id`, or a bare id for the default provider. */
  model?: string;
}

/** Host settings of the `llm` tool. */
export interface LlmToolOptions {
  /** Where keys and base URLs are read; default `process.env`. */
  env?: LlmEnv;
  /** The `fetch` providers use; default the global one. */
  fetch?: LlmFetch;
  /** The provider of bare model ids; default `"anthropic"` (the earlier CLI only spoke to Anthropic). */
  defaultProvider?: LlmProvider;
  /** The model when a call names none; default `DEFAULT_LLM_MODEL`. */
  defaultModel?: string;
  /** Upper bound of one tool call (both rounds), on top of the step's `timeout`; default 300 000 ms. */
  timeoutMs?: number;
  /** Cap on answer tokens; default the provider's. */
  maxOutputTokens?: number;
  /** Prices used for `costUsd`; default `DEFAULT_PRICES`. */
  prices?: PriceTable;
  /** Values the host marks secret, hidden from outputs and messages along with the provider keys. */
  redactor?: SecretRedactor;
}

/** The model of calls that name none. */
export const DEFAULT_LLM_MODEL = "anthropic:claude-sonnet-5-5";

/** The default upper bound of one `llm` call. */
export const DEFAULT_LLM_TIMEOUT_MS = 300_000;

const JSON_ONLY = "Respond with valid JSON only: no Markdown fences, no prose.";

/** The tool's input schema; `null` counts as absent, as workflows pass optional inputs through. */
export const LLM_INPUT_SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    prompt: { type: "string", minLength: 1, description: "The user prompt" },
    system: { type: ["string", "null"], description: "Optional system prompt" },
    schema: {
      type: ["object", "null"],
      description:
        "JSON Schema the answer must match, or a shorthand mapping fields to types ({ haiku: string })",
    },
    model: {
      type: ["string", "null"],
      minLength: 1,
      description: "provider:model-id (anthropic, openai, openai-compatible) or a bare model id",
    },
  },
  required: ["prompt"],
};

function optionalString(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw new ToolError("INVALID_ARGUMENTS", `"${name}" must be a string`);
  return value;
}

/** Checks the arguments (the tool may be called without a ToolSet in front of it). */
export function readLlmInput(args: Record<string, unknown>): LlmInput {
  const prompt = args.prompt;
  if (typeof prompt !== "string" || prompt.trim() === "") {
    throw new ToolError("INVALID_ARGUMENTS", `"prompt" is required and must be a non-empty string`);
  }
  const input: LlmInput = { prompt };
  const system = optionalString(args, "system");
  const model = optionalString(args, "model");
  const schema = args.schema;
  if (system !== undefined) input.system = system;
  if (model !== undefined) input.model = model;
  if (schema !== undefined && schema !== null) {
    if (typeof schema !== "object" || Array.isArray(schema)) {
      throw new ToolError("INVALID_ARGUMENTS", `"schema" must be a JSON Schema object`);
    }
    input.schema = answerSchemaOf(schema as Record<string, unknown>);
  }
  return input;
}

interface Settings {
  env: LlmEnv;
  fetch: LlmFetch | undefined;
  defaultProvider: LlmProvider;
  defaultModel: string;
  timeoutMs: number | undefined;
  maxOutputTokens: number | undefined;
  prices: PriceTable;
  redactor: SecretRedactor;
}

function settingsOf(options: LlmToolOptions): Settings {
  const timeoutMs = timeoutOption(
    "createLlmTool",
    "timeoutMs",
    options.timeoutMs,
    DEFAULT_LLM_TIMEOUT_MS,
  );
  return {
    env: options.env ?? process.env,
    fetch: options.fetch,
    defaultProvider: options.defaultProvider ?? "anthropic",
    defaultModel: options.defaultModel ?? DEFAULT_LLM_MODEL,
    timeoutMs: timeoutMs > 0 && Number.isFinite(timeoutMs) ? timeoutMs : undefined,
    maxOutputTokens: options.maxOutputTokens,
    prices: options.prices ?? DEFAULT_PRICES,
    redactor: options.redactor ?? new SecretRedactor(),
  };
}

function invalidOutput(
  problems: readonly string[],
  turn: Turn,
  resolved: ResolvedModel,
  usage: ToolUsage,
): ToolError {
  const label = formatModelRef(resolved.ref);
  const excerpt = turn.text.length > 200 ? `${turn.text.slice(0, 200)}…` : turn.text;
  const tail = problems.some((p) => p.includes("not valid JSON")) ? ` Answer: ${excerpt}` : "";
  const message = `${label} gave no valid answer after one repair round: ${problems.join("; ")}.${tail}`;
  // Both requests were paid for: the usage travels with the error into the run log.
  return new ToolError("INVALID_OUTPUT", message, { retryable: true, usage });
}

/** Asks once, and once more with the problems if the answer is not usable. */
async function converse(
  spec: CallSpec,
  prompt: string,
  validate: ValidateFunction | undefined,
): Promise<{ value: unknown; usage: ToolUsage }> {
  const messages: ModelMessage[] = [{ role: "user", content: prompt }];
  const turns = [await ask(spec, messages)];
  let verdict = judgeAnswer(turns[0]!.text, turns[0]!.finishReason, validate);
  if (!verdict.ok) {
    const first = turns[0]!.text;
    messages.push(
      { role: "assistant", content: first.trim() === "" ? "(empty answer)" : first },
      { role: "user", content: repairPrompt(verdict.problems, spec.schema) },
    );
    const second = await ask(spec, messages);
    turns.push(second);
    verdict = judgeAnswer(second.text, second.finishReason, validate);
    if (!verdict.ok) {
      throw invalidOutput(
        verdict.problems,
        second,
        spec.resolved,
        usageOf(turns, spec.resolved, spec.prices),
      );
    }
  }
  return { value: verdict.value, usage: usageOf(turns, spec.resolved, spec.prices) };
}

async function runLlm(
  input: LlmInput,
  context: ToolRunContext,
  settings: Settings,
  redactor: SecretRedactor,
): Promise<WithUsage<unknown>> {
  const validate = input.schema === undefined ? undefined : compileAnswerSchema(input.schema);
  const ref = parseModelRef(input.model ?? settings.defaultModel, settings.defaultProvider);
  const resolved = resolveModel(ref, settings);
  const call = new CallSignal(context.signal, settings.timeoutMs);
  const spec: CallSpec = {
    resolved,
    system: input.system === undefined ? JSON_ONLY : `${input.system}\n\n${JSON_ONLY}`,
    schema: input.schema,
    signal: call.signal,
    maxOutputTokens: settings.maxOutputTokens,
    prices: settings.prices,
  };
  try {
    const { value, usage } = await converse(spec, input.prompt, validate);
    return withUsage(redactor.redactValue(value), usage);
  } catch (error) {
    const label = formatModelRef(ref);
    throw toToolError(error, { label, keyVariable: resolved.keyVariable, call });
  } finally {
    call.dispose();
  }
}

function redacted(error: unknown, redactor: SecretRedactor): unknown {
  if (!(error instanceof ToolError)) return error;
  const message = redactor.redact(error.message);
  if (message === error.message) return error;
  return new ToolError(error.code, message, {
    retryable: error.retryable,
    ...(error.usage ? { usage: error.usage } : {}),
  });
}

/**
 * The `llm` tool. Without `schema` the output is the model's JSON answer, parsed (Markdown fences
 * tolerated) and passed through as-is, like the earlier CLI; with `schema` it is an answer validated
 * against it. An unusable answer gets one repair round. Usage and cost ride along via `withUsage`.
 */
export function createLlmTool(options: LlmToolOptions = {}): ToolDefinition {
  const settings = settingsOf(options);
  return defineTool({
    name: "llm",
    description:
      "Ask a language model (Anthropic, OpenAI or an OpenAI-compatible server) and get its JSON answer; with `schema`, an answer that matches it.",
    inputSchema: LLM_INPUT_SCHEMA,
    async run(args, context) {
      // Keys are read per call, so a host can set them after registering the tool.
      const redactor = settings.redactor.with(providerSecrets(settings.env));
      try {
        return await runLlm(readLlmInput(args), context, settings, redactor);
      } catch (error) {
        throw redacted(error, redactor);
      }
    },
  });
}
