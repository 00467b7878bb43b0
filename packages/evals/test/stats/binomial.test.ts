// exactBinomialTwoSided against exact rational sums and R's binom.test values.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactBinomialTwoSided } from "../../src/stats/index.js";

describe("exactBinomialTwoSided", () => {
  it.each([
    [9, 10, 0.021484375],
    [5, 10, 1],
    [60, 100, 0.05688793364098079], // R: binom.test(60, 100)$p.value
    [0, 6, 0.03125],
    [6, 6, 0.03125],
    [0, 5, 0.0625],
    [530, 1000, 0.06202319509836318],
    [0, 0, 1],
  ])("k=%d, n=%d, p=0.5 → %d", (k, n, expected) => {
    expect(exactBinomialTwoSided(k, n)).toBeCloseTo(expected, 10);
  });

  it("handles p other than one half", () => {
    expect(exactBinomialTwoSided(7, 10, 0.3)).toBeCloseTo(0.0105920784, 10);
    expect(exactBinomialTwoSided(1, 20, 0.1)).toBeCloseTo(0.7148201929357016, 10);
  });

  it("handles degenerate p", () => {
    expect(exactBinomialTwoSided(0, 10, 0)).toBe(1);
    expect(exactBinomialTwoSided(1, 10, 0)).toBe(0);
    expect(exactBinomialTwoSided(10, 10, 1)).toBe(1);
    expect(exactBinomialTwoSided(9, 10, 1)).toBe(0);
  });

  it("stays finite and tiny for extreme outcomes at large n", () => {
    const value = exactBinomialTwoSided(0, 5000);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1e-300);
    expect(exactBinomialTwoSided(2500, 5000)).toBe(1);
  });

  it("rejects impossible arguments", () => {
    expect(() => exactBinomialTwoSided(11, 10)).toThrow(RangeError);
    expect(() => exactBinomialTwoSided(1, 10, 1.5)).toThrow(RangeError);
    expect(() => exactBinomialTwoSided(0.5, 10)).toThrow(RangeError);
  });

  it("is a probability, symmetric at p = 0.5, and smallest at the extremes", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 400 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ([k, n], p) => {
          const value = exactBinomialTwoSided(k, n, p);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
          expect(exactBinomialTwoSided(n - k, n)).toBeCloseTo(exactBinomialTwoSided(k, n), 12);
          expect(exactBinomialTwoSided(n, n)).toBeLessThanOrEqual(
            exactBinomialTwoSided(k, n) + 1e-15,
          );
        },
      ),
    );
  });
});
