// pairedComparison: sign-test counts, seeded bootstrap reproducibility, coverage and sanity versus theory.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mulberry32, pairedComparison, type CasePair } from "../../src/stats/index.js";

/** Builds cases whose differences are exactly `diffs`, around a varied baseline. */
function casesWith(diffs: readonly number[]): CasePair[] {
  return diffs.map((d, i) => {
    const without = d >= 0 ? (((i * 7) % 10) / 10) * (1 - d) : -d + (((i * 7) % 10) / 10) * (1 + d);
    return { with: without + d, without };
  });
}

describe("pairedComparison", () => {
  const diffs = Array.from({ length: 20 }, (_, i) => 0.6 + ((i % 5) - 2) * 0.1);

  it("reports the mean difference and sign counts", () => {
    const result = pairedComparison([
      { with: 1, without: 0.5 },
      { with: 0.2, without: 0.4 },
      { with: 0.6, without: 0.6 },
      { with: 0.9, without: 0.1 },
    ]);
    expect(result.cases).toBe(4);
    expect(result.meanDifference).toBeCloseTo((0.5 - 0.2 + 0 + 0.8) / 4, 12);
    expect(result.signTest).toEqual({ positive: 2, negative: 1, ties: 1, pValue: 1 });
  });

  it("computes the sign test as an exact binomial with ties dropped", () => {
    const result = pairedComparison(
      casesWith([0.1, 0.2, 0.3, 0.1, 0.2, 0.3, 0.1, 0.2, 0.3, -0.1, 0, 0]),
    );
    expect(result.signTest.positive).toBe(9);
    expect(result.signTest.negative).toBe(1);
    expect(result.signTest.ties).toBe(2);
    expect(result.signTest.pValue).toBeCloseTo(0.021484375, 10); // binom.test(9, 10)
  });

  it("is reproducible for a given seed and varies across seeds", () => {
    const mixed = casesWith([0.3, -0.2, 0.5, 0.1, -0.4, 0.2, 0, 0.6, -0.1, 0.25]);
    const a = pairedComparison(mixed, { seed: 42 });
    const b = pairedComparison(mixed, { seed: 42 });
    const c = pairedComparison(mixed, { seed: 7 });
    expect(a).toEqual(b);
    expect(pairedComparison(mixed)).toEqual(pairedComparison(mixed)); // default seed is fixed too
    expect([c.bootstrap.low, c.bootstrap.high]).not.toEqual([a.bootstrap.low, a.bootstrap.high]);
  });

  it("brackets the mean and agrees with the normal approximation for many cases", () => {
    const random = mulberry32(123);
    const pairs = Array.from({ length: 200 }, () => ({ with: random(), without: random() }));
    const result = pairedComparison(pairs, { bootstrap: 4000, seed: 1 });
    const d = pairs.map((p) => p.with - p.without);
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1));
    const se = sd / Math.sqrt(d.length);
    expect(result.meanDifference).toBeCloseTo(mean, 12);
    expect(result.bootstrap.low).toBeLessThan(mean);
    expect(result.bootstrap.high).toBeGreaterThan(mean);
    // The percentile interval should be close to mean ± 1.96·SE (the bootstrap SE is ~0.5% smaller).
    expect(Math.abs(result.bootstrap.low - (mean - 1.96 * se))).toBeLessThan(0.25 * se);
    expect(Math.abs(result.bootstrap.high - (mean + 1.96 * se))).toBeLessThan(0.25 * se);
  });

  it("narrows as confidence drops", () => {
    const pairs = casesWith(diffs.map((d, i) => (i % 3 === 0 ? -d / 2 : d)));
    const wide = pairedComparison(pairs, { confidence: 0.99, seed: 3 });
    const narrow = pairedComparison(pairs, { confidence: 0.5, seed: 3 });
    expect(narrow.bootstrap.low).toBeGreaterThan(wide.bootstrap.low);
    expect(narrow.bootstrap.high).toBeLessThan(wide.bootstrap.high);
  });

  it("collapses to the single value when every case differs by the same amount", () => {
    const result = pairedComparison(casesWith(Array.from({ length: 8 }, () => 0.5)));
    expect(result.bootstrap.low).toBeCloseTo(0.5, 12);
    expect(result.bootstrap.high).toBeCloseTo(0.5, 12);
    expect(result.signTest.pValue).toBeCloseTo(2 / 256, 12);
  });

  it("returns an uninformative result for zero cases", () => {
    expect(pairedComparison([])).toEqual({
      cases: 0,
      meanDifference: 0,
      bootstrap: { low: -1, high: 1 },
      signTest: { positive: 0, negative: 0, ties: 0, pValue: 1 },
    });
  });

  it("rejects rates outside [0, 1] and bad options", () => {
    expect(() => pairedComparison([{ with: 1.2, without: 0 }])).toThrow(RangeError);
    expect(() => pairedComparison([{ with: 0.5, without: NaN }])).toThrow(RangeError);
    expect(() => pairedComparison([], { bootstrap: 0 })).toThrow(RangeError);
    expect(() => pairedComparison([], { confidence: 1 })).toThrow(RangeError);
  });

  it("keeps the interval inside [-1, 1] around the mean and the p-value in [0, 1]", () => {
    const rate = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.record({ with: rate, without: rate }), { minLength: 1, maxLength: 30 }),
        fc.integer(),
        (pairs, seed) => {
          const result = pairedComparison(pairs, { bootstrap: 200, seed });
          const { low, high } = result.bootstrap;
          expect(low).toBeGreaterThanOrEqual(-1);
          expect(high).toBeLessThanOrEqual(1);
          expect(low).toBeLessThanOrEqual(high);
          const min = Math.min(...pairs.map((p) => p.with - p.without));
          const max = Math.max(...pairs.map((p) => p.with - p.without));
          expect(low).toBeGreaterThanOrEqual(min - 1e-12);
          expect(high).toBeLessThanOrEqual(max + 1e-12);
          expect(result.signTest.pValue).toBeGreaterThanOrEqual(0);
          expect(result.signTest.pValue).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("mulberry32", () => {
  it("is deterministic per seed and uniform on [0, 1)", () => {
    const a = mulberry32(99);
    const b = mulberry32(99);
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(draws);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((s, x) => s + x, 0) / draws.length).toBeCloseTo(0.5, 1);
  });
});
