// The cost budget of an improvement: every model call is metered, and none starts past the limit.
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
} from "@ai-sdk/provider";
import { requestCost, type ModelPrice, type PriceTable } from "@skillflow/tools";
import { listedPrice } from "../agent/_price.js";
import { ImproveError } from "./errors.js";

/** What the money went to. */
export type SpendRole = "evaluation" | "proposer" | "judge";

/** Thrown inside a metered model instead of calling the provider once the budget cannot pay. */
export class BudgetExceededError extends Error {
  override readonly name = "BudgetExceededError";
  readonly code = "BUDGET_EXCEEDED";
}

/** Rough token count of a prompt (4 characters a token), for the estimate before a call. */
const estimateTokens = (options: LanguageModelV3CallOptions) =>
  Math.ceil(JSON.stringify(options.prompt).length / 4);

/**
 * A limit in USD and what was spent. A call is refused (never sent) when its estimate, its prompt
 * at the input price plus the longest answer seen so far at the output price, would pass the limit.
 */
export class Budget {
  spentUsd = 0;
  calls = 0;
  /** Calls refused because the budget could not pay for them. */
  refused = 0;
  readonly byRole: Record<SpendRole, number> = { evaluation: 0, proposer: 0, judge: 0 };
  #longestAnswer = 0;

  constructor(readonly limitUsd: number) {
    if (!(limitUsd >= 0)) throw new RangeError(`limitUsd must be >= 0, got ${limitUsd}`);
  }

  /** What is left (never negative). */
  get remainingUsd(): number {
    return Math.max(0, this.limitUsd - this.spentUsd);
  }

  /** Whether a call or a phase estimated at `usd` fits in what is left. */
  affords(usd: number): boolean {
    return this.spentUsd + usd <= this.limitUsd;
  }

  /** The estimate of one call with `inputTokens` of prompt at `price`. */
  estimate(price: ModelPrice, inputTokens: number, maxOutput?: number): number {
    return requestCost(price, inputTokens, maxOutput ?? this.#longestAnswer) ?? 0;
  }

  /** Records a finished call. */
  charge(role: SpendRole, price: ModelPrice, inputTokens: number, outputTokens: number): void {
    const usd = requestCost(price, inputTokens, outputTokens) ?? 0;
    this.spentUsd += usd;
    this.byRole[role] += usd;
    this.calls++;
    this.#longestAnswer = Math.max(this.#longestAnswer, outputTokens);
  }
}

/**
 * The price of the model `name`: from `prices` by that exact name, else from the package's table
 * (`provider:model`). An unknown price is PRICE_UNKNOWN: a budget in USD could not be kept.
 */
export function priceOf(name: string, prices: PriceTable = {}): ModelPrice {
  if (Object.hasOwn(prices, name)) return prices[name]!;
  const found = listedPrice(name);
  if (found) return found;
  throw new ImproveError(
    "PRICE_UNKNOWN",
    `the price of ${name} is unknown, so the cost budget could not be enforced: use a model with a listed price, or give its price (prices option)`,
  );
}

/** `model`, charging every call to `budget` and refusing any call the budget cannot pay for. */
export function meteredModel(
  model: LanguageModelV3,
  price: ModelPrice,
  budget: Budget,
  role: SpendRole,
): LanguageModelV3 {
  const guard = (options: LanguageModelV3CallOptions) => {
    // Once a call was refused the run is over: a smaller one later must not slip through.
    if (budget.refused === 0 && budget.affords(budget.estimate(price, estimateTokens(options))))
      return;
    budget.refused++;
    throw new BudgetExceededError(
      `the cost budget ($${budget.limitUsd}) is spent ($${budget.spentUsd.toFixed(4)}): no more model calls`,
    );
  };
  return {
    specificationVersion: "v3",
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    async doGenerate(options): Promise<LanguageModelV3GenerateResult> {
      guard(options);
      const result = await model.doGenerate(options);
      const input = result.usage.inputTokens.total ?? estimateTokens(options);
      budget.charge(role, price, input, result.usage.outputTokens.total ?? 0);
      return result;
    },
    async doStream(options) {
      guard(options);
      // Streams are not metered token by token: charge the prompt now, as a floor.
      budget.charge(role, price, estimateTokens(options), 0);
      return model.doStream(options);
    },
  };
}
