// normalQuantile and zForConfidence against reference values from Python's NormalDist (AS241) and R's qnorm.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalQuantile, zForConfidence } from "../../src/stats/index.js";

describe("normalQuantile", () => {
  it.each([
    [0.975, 1.9599639845400536],
    [0.5, 0],
    [0.995, 2.5758293035489],
    [0.9, 1.2815515655446008],
    [0.025, -1.9599639845400538],
    [0.3, -0.5244005127080407],
    [0.8413447460685429, 1],
    [0.99999, 4.26489079392384],
    [1e-10, -6.361340902404056],
    [1e-300, -37.0470962993612],
  ])("Φ⁻¹(%d) = %d to 1e-9", (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-9);
  });

  it("maps the ends to ±Infinity and rejects values outside [0, 1]", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(-0.1)).toThrow(RangeError);
    expect(() => normalQuantile(1.1)).toThrow(RangeError);
    expect(() => normalQuantile(NaN)).toThrow(RangeError);
  });

  it("is antisymmetric about 0.5 and increasing", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 0.5, noNaN: true }),
        fc.double({ min: 1e-12, max: 0.5, noNaN: true }),
        (p, q) => {
          // 1 − p is rounded, so mirror the exactly representable 1 − (1 − p) instead of p itself.
          const upper = 1 - p;
          expect(Math.abs(normalQuantile(upper) + normalQuantile(1 - upper))).toBeLessThan(1e-9);
          if (p < q) expect(normalQuantile(p)).toBeLessThanOrEqual(normalQuantile(q));
        },
      ),
    );
  });
});

describe("zForConfidence", () => {
  it("gives the familiar two-sided critical values", () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959964, 6);
    expect(zForConfidence(0.99)).toBeCloseTo(2.575829, 6);
    expect(zForConfidence(0.8)).toBeCloseTo(1.281552, 6);
  });

  it("rejects confidence outside (0, 1)", () => {
    expect(() => zForConfidence(0)).toThrow(RangeError);
    expect(() => zForConfidence(1)).toThrow(RangeError);
    expect(() => zForConfidence(95)).toThrow(RangeError);
  });
});
