// One model request through the AI SDK: structured-output request format, cancellation, usage and cost.
import type { JsonSchema } from "@skillflow/workflow";
import {
  generateText,
  jsonSchema,
  Output,
  type JSONSchema7,
  type LanguageModelUsage,
  type ModelMessage,
  type OutputInterface,
} from "ai";
import type { ToolUsage } from "../tool.js";
import { findPrice, requestCost, type PriceTable } from "./prices.js";
import { formatModelRef, type LlmProvider, type ResolvedModel } from "./providers.js";

/** One answered request. */
export interface Turn {
  text: string;
  finishReason: string;
  usage: LanguageModelUsage;
}

/** Everything a request of one tool call needs. */
export interface CallSpec {
  resolved: ResolvedModel;
  system: string;
  schema: JsonSchema | undefined;
  signal: AbortSignal;
  maxOutputTokens: number | undefined;
  prices: PriceTable;
}

// Strict mode would make OpenAI reject every schema that is not in its strict subset (optional
// properties, open objects): the schema is still sent, and the answer is validated here instead.
const PROVIDER_OPTIONS = {
  openai: { strictJsonSchema: false },
  openaiCompatible: { strictJsonSchema: false },
};

/**
 * The SDK's structured-output request (native JSON-schema output, or Anthropic's JSON tool on older
 * models) with the SDK's parsing replaced by the raw text: parsing, validation and the repair round are
 * this tool's, and the SDK's `jsonSchema()` does not enforce the schema anyway. Without a schema,
 * OpenAI-style servers get JSON mode; Anthropic has none, so the system prompt asks for JSON.
 */
function answerFormat(
  provider: LlmProvider,
  schema: JsonSchema | undefined,
): OutputInterface<string, string, never> {
  const format =
    schema !== undefined
      ? Output.object({ schema: jsonSchema(schema as JSONSchema7) })
      : provider === "anthropic"
        ? Output.text()
        : Output.json();
  return {
    name: format.name,
    responseFormat: format.responseFormat,
    parseCompleteOutput: async ({ text }) => text,
    parsePartialOutput: async ({ text }) => ({ partial: text }),
    createElementStreamTransform: () => undefined,
  };
}

/** Sends `messages` once; the SDK's own retries are off because the workflow step's `retry` owns them. */
export async function ask(spec: CallSpec, messages: ModelMessage[]): Promise<Turn> {
  const result = await generateText({
    model: spec.resolved.model,
    system: spec.system,
    messages,
    output: answerFormat(spec.resolved.ref.provider, spec.schema),
    providerOptions: PROVIDER_OPTIONS,
    maxRetries: 0,
    abortSignal: spec.signal,
    ...(spec.maxOutputTokens === undefined ? {} : { maxOutputTokens: spec.maxOutputTokens }),
  });
  return { text: result.text, finishReason: result.finishReason, usage: result.totalUsage };
}

/** Tokens and USD summed over the requests of one tool call (cost null if any request's is unknown). */
export function usageOf(
  turns: readonly Turn[],
  resolved: ResolvedModel,
  prices: PriceTable,
): ToolUsage {
  const price = findPrice(prices, resolved.ref.provider, resolved.ref.modelId);
  let inputTokens = 0;
  let outputTokens = 0;
  let costUsd: number | null = 0;
  for (const { usage } of turns) {
    inputTokens += usage.inputTokens ?? 0;
    outputTokens += usage.outputTokens ?? 0;
    const cost = requestCost(price, usage.inputTokens, usage.outputTokens);
    costUsd = costUsd === null || cost === null ? null : costUsd + cost;
  }
  if (costUsd !== null) costUsd = Math.round(costUsd * 1e10) / 1e10;
  return { inputTokens, outputTokens, costUsd, model: formatModelRef(resolved.ref) };
}

/** The signal of one tool call: the step's signal, plus the tool's own timeout when one is set. */
export class CallSignal {
  readonly signal: AbortSignal;
  /** Whether the tool's own timeout (not the step's) fired. */
  timedOut = false;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onAbort: () => void;

  constructor(
    private readonly caller: AbortSignal,
    readonly timeoutMs: number | undefined,
  ) {
    this.signal = this.controller.signal;
    this.onAbort = () => this.controller.abort(caller.reason);
    if (caller.aborted) this.onAbort();
    else caller.addEventListener("abort", this.onAbort, { once: true });
    if (timeoutMs !== undefined) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        this.controller.abort(new DOMException(`Timed out after ${timeoutMs} ms`, "TimeoutError"));
      }, timeoutMs);
    }
  }

  /** Stops the timer and the listener on the step's signal. */
  dispose(): void {
    clearTimeout(this.timer);
    this.caller.removeEventListener("abort", this.onAbort);
  }
}
