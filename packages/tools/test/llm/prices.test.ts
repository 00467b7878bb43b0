// The price table: lookups by exact and dated ids, long-prompt rates, and unknown models.
import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES, findPrice, requestCost } from "../../src/llm/prices.js";

describe("findPrice", () => {
  it("finds undated ids and falls back from dated snapshots", () => {
    expect(findPrice(DEFAULT_PRICES, "anthropic", "claude-sonnet-4-5-20250929")).toEqual(
      findPrice(DEFAULT_PRICES, "anthropic", "claude-sonnet-4-5"),
    );
    expect(findPrice(DEFAULT_PRICES, "openai", "gpt-4.1-mini-2025-04-14")).toEqual({
      inputPerMTok: 0.4,
      outputPerMTok: 1.6,
    });
  });

  it("prefers an exact row for a snapshot priced differently", () => {
    expect(findPrice(DEFAULT_PRICES, "openai", "gpt-4o-2024-05-13")?.inputPerMTok).toBe(5);
    expect(findPrice(DEFAULT_PRICES, "openai", "gpt-4o-2024-08-06")?.inputPerMTok).toBe(2.5);
  });

  it("knows nothing about other providers' models or OpenAI-compatible servers", () => {
    expect(findPrice(DEFAULT_PRICES, "openai", "claude-sonnet-4-5")).toBeUndefined();
    expect(findPrice(DEFAULT_PRICES, "openai-compatible", "gpt-5")).toBeUndefined();
    expect(findPrice(DEFAULT_PRICES, "anthropic", "toString")).toBeUndefined();
  });
});

describe("requestCost", () => {
  it("multiplies tokens by the per-million rates", () => {
    const haiku = findPrice(DEFAULT_PRICES, "anthropic", "claude-haiku-4-5");
    expect(requestCost(haiku, 1_000_000, 100_000)).toBe(1.5);
  });

  it("bills a long prompt at the long-prompt rates on every token", () => {
    const sonnet = findPrice(DEFAULT_PRICES, "anthropic", "claude-sonnet-4-5");
    expect(requestCost(sonnet, 200_000, 1_000)).toBe(0.615);
    expect(requestCost(sonnet, 200_001, 1_000)).toBe(1.222506);
  });

  it("is null when the price or the token counts are unknown", () => {
    expect(requestCost(undefined, 10, 10)).toBeNull();
    expect(requestCost({ inputPerMTok: 1, outputPerMTok: 1 }, undefined, 10)).toBeNull();
  });
});
