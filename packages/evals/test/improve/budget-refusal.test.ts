// The improve budget: once a call is refused, every later call is refused too (the run stops).
import type { LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { Budget, BudgetExceededError, meteredModel } from "../../src/index.js";
import { scriptedModel } from "../../src/testing/index.js";

const PRICE = { inputPerMTok: 1_000_000, outputPerMTok: 1_000_000 };
const call = (text: string): LanguageModelV3CallOptions => ({
  prompt: [{ role: "user", content: [{ type: "text", text }] }],
});

describe("meteredModel", () => {
  it("refuses a small call after a large one was refused", async () => {
    const budget = new Budget(100);
    const model = meteredModel(
      scriptedModel(() => ({ text: "ok" })),
      PRICE,
      budget,
      "evaluation",
    );
    await model.doGenerate(call("hi"));
    const spent = budget.spentUsd;
    await expect(model.doGenerate(call("x".repeat(4000)))).rejects.toBeInstanceOf(
      BudgetExceededError,
    );
    // It would fit, but the budget said no once: the run is over, nothing more is sent.
    await expect(model.doGenerate(call("hi"))).rejects.toBeInstanceOf(BudgetExceededError);
    expect(budget.refused).toBe(2);
    expect(budget.spentUsd).toBe(spent);
  });
});
