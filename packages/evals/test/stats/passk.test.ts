// passHatK and passAtK: hand-computed values, exact large-n references, and the Codex paper's stable form.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { passAtK, passHatK } from "../../src/stats/index.js";

const counts = fc
  .integer({ min: 1, max: 300 })
  .chain((n) =>
    fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n), fc.integer({ min: 1, max: n })),
  );

describe("passHatK", () => {
  it("matches hand-computed values", () => {
    expect(passHatK(3, 5, 2)).toBeCloseTo(0.3, 12); // C(3,2)/C(5,2) = 3/10
    expect(passHatK(5, 5, 5)).toBe(1);
    expect(passHatK(10, 10, 3)).toBe(1);
    expect(passHatK(1, 5, 2)).toBe(0);
    expect(passHatK(0, 5, 1)).toBe(0);
    expect(passHatK(4, 5, 0)).toBe(1);
  });

  it("matches exact rational references at large n without overflow", () => {
    expect(passHatK(5000, 10000, 100) / 4.784763808028076e-31).toBeCloseTo(1, 10);
    expect(passHatK(200, 1000, 10) / 8.523230618371821e-8).toBeCloseTo(1, 10);
  });

  it("is NaN when k exceeds the trials", () => {
    expect(passHatK(3, 5, 6)).toBeNaN();
    expect(passHatK(0, 0, 1)).toBeNaN();
  });

  it("rejects impossible counts", () => {
    expect(() => passHatK(6, 5, 2)).toThrow(RangeError);
    expect(() => passHatK(2, 5, -1)).toThrow(RangeError);
  });

  it("equals the rate at k = 1, lies in [0, 1], and never exceeds pass@k", () => {
    fc.assert(
      fc.property(counts, ([c, n, k]) => {
        expect(passHatK(c, n, 1)).toBeCloseTo(c / n, 12);
        const hat = passHatK(c, n, k);
        expect(hat).toBeGreaterThanOrEqual(0);
        expect(hat).toBeLessThanOrEqual(1);
        expect(hat).toBeLessThanOrEqual(passAtK(c, n, k) + 1e-12);
        if (k > 1) expect(hat).toBeLessThanOrEqual(passHatK(c, n, k - 1) + 1e-12);
      }),
    );
  });
});

describe("passAtK", () => {
  it("matches hand-computed values", () => {
    expect(passAtK(3, 5, 2)).toBeCloseTo(0.9, 12); // 1 − C(2,2)/C(5,2)
    expect(passAtK(0, 5, 3)).toBe(0);
    expect(passAtK(4, 5, 2)).toBe(1); // fewer than k failures: some pass is certain
    expect(passAtK(1000, 10000, 50)).toBeCloseTo(0.9949161401492811, 10);
    expect(passAtK(3, 5, 7)).toBeNaN();
  });

  it("agrees with the numerically stable form from Chen et al. (2021)", () => {
    fc.assert(
      fc.property(counts, ([c, n, k]) => {
        // 1 − Π_{i=n−c+1}^{n} (1 − k/i), valid when n − c ≥ k; otherwise pass@k is 1.
        let product = 1;
        for (let i = n - c + 1; i <= n; i++) product *= 1 - k / i;
        const expected = n - c < k ? 1 : 1 - product;
        expect(passAtK(c, n, k)).toBeCloseTo(expected, 9);
      }),
    );
  });
});
