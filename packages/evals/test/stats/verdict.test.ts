// verdict on constructed comparisons: clear wins, clear losses, and the ways data can fail to convince.
import { describe, expect, it } from "vitest";
import { pairedComparison, verdict, type CasePair } from "../../src/stats/index.js";

function pairsFrom(diffs: readonly number[]): CasePair[] {
  // Baselines low enough that every `without + d` stays within [0, 1] for d in [-0.2, 0.8].
  return diffs.map((d, i) => {
    const without = d >= 0 ? 0.1 + (i % 2) * 0.1 : 0.9 - (i % 2) * 0.1;
    return { with: without + d, without };
  });
}

const swap = (pairs: readonly CasePair[]): CasePair[] =>
  pairs.map((p) => ({ with: p.without, without: p.with }));

describe("verdict", () => {
  const improving = pairsFrom(Array.from({ length: 20 }, (_, i) => 0.6 + ((i % 5) - 2) * 0.05));

  it("says helps for 20 cases improving by about 0.6", () => {
    expect(verdict(pairedComparison(improving))).toBe("helps");
  });

  it("says hurts for the mirror image", () => {
    expect(verdict(pairedComparison(swap(improving)))).toBe("hurts");
  });

  it("says no clear effect for mixed results", () => {
    const mixed = pairsFrom(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 0.3 : -0.2)));
    expect(verdict(pairedComparison(mixed))).toBe("no clear effect");
  });

  it("says no clear effect with too few cases however large the effect", () => {
    expect(verdict(pairedComparison(pairsFrom([0.8, 0.8])))).toBe("no clear effect");
    expect(verdict(pairedComparison(pairsFrom([0.8, 0.8, 0.8, 0.8, 0.8])))).toBe("no clear effect");
    // Six unanimous cases is the smallest design that can reach p < 0.05 (p = 0.03125).
    expect(verdict(pairedComparison(pairsFrom([0.8, 0.8, 0.8, 0.8, 0.8, 0.8])))).toBe("helps");
    expect(verdict(pairedComparison([]))).toBe("no clear effect");
  });

  it("needs the bootstrap interval to clear minEffect", () => {
    const small = pairsFrom(Array.from({ length: 20 }, (_, i) => 0.1 + (i % 3) * 0.05));
    const comparison = pairedComparison(small);
    expect(verdict(comparison)).toBe("helps");
    expect(verdict(comparison, { minEffect: 0.2 })).toBe("no clear effect");
    expect(verdict(pairedComparison(swap(small)), { minEffect: 0.2 })).toBe("no clear effect");
  });

  it("needs the sign test to clear alpha", () => {
    // 7 of 7 improve: p = 0.015625, significant at 0.05 but not at 0.01.
    const comparison = pairedComparison(pairsFrom(Array.from({ length: 7 }, () => 0.5)));
    expect(verdict(comparison)).toBe("helps");
    expect(verdict(comparison, { alpha: 0.01 })).toBe("no clear effect");
  });

  it("is not fooled by many negligible wins against one large loss", () => {
    const diffs = [...Array.from({ length: 19 }, () => 0.05), -0.8];
    const comparison = pairedComparison(pairsFrom(diffs));
    expect(comparison.signTest.pValue).toBeLessThan(0.05);
    expect(verdict(comparison)).toBe("no clear effect");
  });

  it("refuses a call when the tests disagree in direction", () => {
    const contradictory = {
      cases: 10,
      meanDifference: 0.3,
      bootstrap: { low: 0.1, high: 0.5 },
      signTest: { positive: 1, negative: 9, ties: 0, pValue: 0.021484375 },
    };
    expect(verdict(contradictory)).toBe("no clear effect");
  });

  it("rejects nonsensical options", () => {
    const comparison = pairedComparison(improving);
    expect(() => verdict(comparison, { alpha: 0 })).toThrow(RangeError);
    expect(() => verdict(comparison, { minEffect: -0.1 })).toThrow(RangeError);
  });
});
