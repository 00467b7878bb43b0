// The token and cost budget of an authoring session: a model wrapper that counts every call's
// usage and refuses any call once the budget is spent, so no round can overrun it.
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
} from "@ai-sdk/provider";
import { requestCost, type ModelPrice } from "@skillflow/tools";

/** Limits of a session; a call starts only while both are unspent. */
export interface AuthorBudget {
  /** Input plus output tokens over every model call. */
  maxTokens: number;
  /** USD over every model call; needs a known price. */
  maxCostUsd?: number;
}

/** What the model calls of a session used. */
export interface AuthorUsage {
  /** Model calls made (each one a request to the provider). */
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** USD from the price table; null when the model's price is unknown. */
  costUsd: number | null;
}

/** A call refused because the budget is spent (thrown inside the model, so the round ends). */
export class BudgetExhaustedError extends Error {
  readonly code = "BUDGET_EXHAUSTED";
  constructor(message: string) {
    super(message);
    this.name = "BudgetExhaustedError";
  }
}

/** A budget that cannot be enforced: a cost limit for a model whose price is unknown. */
export class BudgetError extends Error {
  readonly code = "UNKNOWN_PRICE";
  constructor(message: string) {
    super(message);
    this.name = "BudgetError";
  }
}

/** Counts usage across calls and says when the budget is spent. */
export class BudgetMeter {
  readonly usage: AuthorUsage = {
    modelCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    costUsd: 0,
  };
  /** Calls refused because the budget was spent. */
  refused = 0;

  constructor(
    readonly budget: AuthorBudget,
    private readonly price: ModelPrice | undefined,
  ) {}

  /** Why no further call may start, or undefined while the budget holds. */
  spent(): string | undefined {
    const { totalTokens, costUsd } = this.usage;
    if (totalTokens >= this.budget.maxTokens)
      return `the token budget is spent (${totalTokens} of ${this.budget.maxTokens} tokens used); raise it with --max-tokens`;
    const maxCost = this.budget.maxCostUsd;
    if (maxCost !== undefined && costUsd !== null && costUsd >= maxCost)
      return `the cost budget is spent ($${costUsd.toFixed(4)} of $${maxCost.toFixed(4)} used); raise it with --max-cost`;
    return undefined;
  }

  /** Adds one call's usage. */
  add(inputTokens: number, outputTokens: number): void {
    const u = this.usage;
    u.modelCalls++;
    u.inputTokens += inputTokens;
    u.outputTokens += outputTokens;
    u.totalTokens += inputTokens + outputTokens;
    const cost = requestCost(this.price, inputTokens, outputTokens);
    u.costUsd = u.costUsd === null || cost === null ? null : round(u.costUsd + cost);
  }
}

const round = (usd: number) => Math.round(usd * 1e10) / 1e10;

/**
 * `model` behind the meter: each call first checks the budget (spent: `BudgetExhaustedError`, the
 * provider is not asked), then adds what the provider reports. Streaming is refused: a session
 * only generates.
 */
export function budgetedModel(model: LanguageModelV3, meter: BudgetMeter): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
      const spent = meter.spent();
      if (spent !== undefined) {
        meter.refused++;
        throw new BudgetExhaustedError(spent);
      }
      const result = await model.doGenerate(options);
      meter.add(result.usage.inputTokens.total ?? 0, result.usage.outputTokens.total ?? 0);
      return result;
    },
    doStream(): never {
      throw new Error("an authoring session does not stream");
    },
  };
}
