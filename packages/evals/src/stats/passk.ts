// Unbiased estimators of pass^k (all k trials pass) and pass@k (at least one of k passes).
import { assertCount } from "./validate.js";

function checkCounts(successes: number, trials: number, k: number): void {
  assertCount("trials", trials);
  assertCount("successes", successes);
  assertCount("k", k);
  if (successes > trials) {
    throw new RangeError(`successes (${successes}) cannot exceed trials (${trials})`);
  }
}

/** C(a, k) / C(n, k) as a running product of ratios, so large n never overflows. */
function chooseRatio(a: number, n: number, k: number): number {
  let ratio = 1;
  for (let i = 0; i < k; i++) {
    if (a - i <= 0) return 0;
    ratio *= (a - i) / (n - i);
  }
  return ratio;
}

/**
 * Unbiased estimate of pass^k, the chance that k independent trials all pass: C(c, k) / C(n, k).
 *
 * Returns NaN when k > trials, because k distinct trials cannot be drawn from fewer; k = 0 gives 1.
 */
export function passHatK(successes: number, trials: number, k: number): number {
  checkCounts(successes, trials, k);
  if (k > trials) return NaN;
  return chooseRatio(successes, trials, k);
}

/**
 * Unbiased estimate of pass@k, the chance that at least one of k trials passes: 1 − C(n−c, k) / C(n, k).
 *
 * Returns NaN when k > trials, for the same reason as {@link passHatK}; k = 0 gives 0.
 */
export function passAtK(successes: number, trials: number, k: number): number {
  checkCounts(successes, trials, k);
  if (k > trials) return NaN;
  return 1 - chooseRatio(trials - successes, trials, k);
}
