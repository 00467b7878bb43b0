// wilsonInterval against published Wilson score values, edge cases and invariants.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../src/stats/index.js";

describe("wilsonInterval", () => {
  it.each([
    [8, 10, 0.8, 0.4902, 0.9433],
    [0, 10, 0, 0, 0.2775],
    [10, 10, 1, 0.7225, 1],
    [1, 2, 0.5, 0.0945, 0.9055],
    [50, 100, 0.5, 0.4038, 0.5962],
    [7, 20, 0.35, 0.1812, 0.5671],
  ])("%d/%d at 95%% → rate %d, [%d, %d]", (s, n, rate, low, high) => {
    const interval = wilsonInterval(s, n);
    expect(interval.rate).toBeCloseTo(rate, 10);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it("pins the exact bounds at 0/n and n/n", () => {
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(wilsonInterval(10, 10).high).toBe(1);
  });

  it("honours other confidence levels (8/10 at 99% → [0.4008, 0.9599])", () => {
    const interval = wilsonInterval(8, 10, 0.99);
    expect(interval.low).toBeCloseTo(0.4008, 4);
    expect(interval.high).toBeCloseTo(0.9599, 4);
  });

  it("returns the whole range with rate 0 when there are no trials", () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: 0, low: 0, high: 1 });
  });

  it("rejects impossible counts and confidence levels", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(RangeError);
  });

  it("contains the rate, stays within [0, 1], and widens with confidence", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5000 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        ([s, n], confidence) => {
          const { rate, low, high } = wilsonInterval(s, n, confidence);
          expect(low).toBeGreaterThanOrEqual(0);
          expect(high).toBeLessThanOrEqual(1);
          expect(low).toBeLessThanOrEqual(rate);
          expect(rate).toBeLessThanOrEqual(high);
          const wider = wilsonInterval(s, n, Math.min(0.9999, confidence + 0.0001));
          expect(wider.low).toBeLessThanOrEqual(low + 1e-12);
          expect(wider.high).toBeGreaterThanOrEqual(high - 1e-12);
        },
      ),
    );
  });
});
