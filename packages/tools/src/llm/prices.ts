// The price table kept in the package (USD per million tokens) and the cost of one call from it.
import type { LlmProvider } from "./providers.js";

/** What one model costs, in USD per million tokens. */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
  /**
   * Rates that apply to every token of a request whose input exceeds `aboveInputTokens` (Anthropic's
   * long-context and long-prompt pricing).
   */
  longPrompt?: { aboveInputTokens: number; inputPerMTok: number; outputPerMTok: number };
}

/** Prices keyed `provider:model-id` (undated ids; dated snapshots fall back to them). */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/** When each provider's rows were last compared with that provider's published price list. */
export const PRICES_AS_OF: Readonly<Partial<Record<LlmProvider, string>>> = {
  anthropic: "2026-10-24",
  openai: "2026-06-04",
};

const flat = (inputPerMTok: number, outputPerMTok: number): ModelPrice => ({
  inputPerMTok,
  outputPerMTok,
});

// Sonnet 4 and 4.5 bill a request with more than 200K input tokens at $6 / $22.50 on every token.
const SONNET_4: ModelPrice = {
  ...flat(3, 15),
  longPrompt: { aboveInputTokens: 200_000, inputPerMTok: 6, outputPerMTok: 22.5 },
};

/**
 * Standard (not batch, not priority) rates. Anthropic: platform.claude.com "Pricing" and model pages
 * (as of PRICES_AS_OF.anthropic). OpenAI: the API pricing page's standard short-context rates (as of
 * PRICES_AS_OF.openai); the GPT-5, GPT-4.1, GPT-4o and o-series rows keep the rates last listed for
 * those models. Cache reads and writes are counted at the input rate, so cached calls are over-, not
 * under-estimated. OpenAI-compatible servers (Ollama, vLLM) have no rows: their cost is `null`.
 */
export const DEFAULT_PRICES: PriceTable = {
  "anthropic:claude-fable-5-1": flat(10, 50),
  "anthropic:claude-fable-5": flat(10, 50),
  "anthropic:claude-opus-5-5": flat(4, 20),
  "anthropic:claude-opus-5": flat(5, 25),
  "anthropic:claude-opus-4-8": flat(5, 25),
  "anthropic:claude-opus-4-7": flat(5, 25),
  "anthropic:claude-opus-4-6": flat(5, 25),
  "anthropic:claude-opus-4-5": flat(5, 25),
  "anthropic:claude-opus-4-1": flat(15, 75),
  "anthropic:claude-opus-4-0": flat(15, 75),
  "anthropic:claude-opus-4": flat(15, 75),
  "anthropic:claude-sonnet-5-5": flat(2, 10),
  "anthropic:claude-sonnet-5": flat(2, 10),
  "anthropic:claude-sonnet-4-6": flat(3, 15),
  "anthropic:claude-sonnet-4-5": SONNET_4,
  "anthropic:claude-sonnet-4-0": SONNET_4,
  "anthropic:claude-sonnet-4": SONNET_4,
  "anthropic:claude-haiku-5-5": {
    ...flat(0.1, 0.5),
    longPrompt: { aboveInputTokens: 100_000, inputPerMTok: 0.5, outputPerMTok: 2.5 },
  },
  "anthropic:claude-haiku-4-5": flat(1, 5),

  "openai:gpt-5.5": flat(5, 30),
  "openai:gpt-5.5-pro": flat(30, 180),
  "openai:gpt-5.4": flat(2.5, 15),
  "openai:gpt-5.4-pro": flat(30, 180),
  "openai:gpt-5.4-mini": flat(0.75, 4.5),
  "openai:gpt-5.4-nano": flat(0.2, 1.25),
  "openai:gpt-5.1": flat(1.25, 10),
  "openai:gpt-5": flat(1.25, 10),
  "openai:gpt-5-mini": flat(0.25, 2),
  "openai:gpt-5-nano": flat(0.05, 0.4),
  "openai:gpt-4.1": flat(2, 8),
  "openai:gpt-4.1-mini": flat(0.4, 1.6),
  "openai:gpt-4.1-nano": flat(0.1, 0.4),
  "openai:gpt-4o": flat(2.5, 10),
  // The first GPT-4o snapshot kept its launch price.
  "openai:gpt-4o-2024-05-13": flat(5, 15),
  "openai:gpt-4o-mini": flat(0.15, 0.6),
  "openai:o3": flat(2, 8),
  "openai:o4-mini": flat(1.1, 4.4),
};

// Dated snapshots: Anthropic `-20250929`, OpenAI `-2025-04-14`.
const DATE_SUFFIX = /-(?:\d{8}|\d{4}-\d{2}-\d{2})$/;

/** The price of `provider:model-id`: an exact row, else the row of the id without its date suffix. */
export function findPrice(
  table: PriceTable,
  provider: LlmProvider,
  modelId: string,
): ModelPrice | undefined {
  const exact = Object.hasOwn(table, `${provider}:${modelId}`)
    ? table[`${provider}:${modelId}`]
    : undefined;
  if (exact !== undefined) return exact;
  const undated = `${provider}:${modelId.replace(DATE_SUFFIX, "")}`;
  return Object.hasOwn(table, undated) ? table[undated] : undefined;
}

/** USD for one request (rounded to 1e-10), or null when the price or the token counts are unknown. */
export function requestCost(
  price: ModelPrice | undefined,
  inputTokens: number | undefined,
  outputTokens: number | undefined,
): number | null {
  if (price === undefined || inputTokens === undefined || outputTokens === undefined) return null;
  const long = price.longPrompt;
  const rates = long !== undefined && inputTokens > long.aboveInputTokens ? long : price;
  const usd = (inputTokens * rates.inputPerMTok + outputTokens * rates.outputPerMTok) / 1_000_000;
  return Math.round(usd * 1e10) / 1e10;
}
