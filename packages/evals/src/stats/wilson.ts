// The Wilson score interval for a pass rate, which stays honest at 0/n, n/n and small n.
import { zForConfidence } from "./normal.js";
import { assertCount } from "./validate.js";

/** A point estimate of a proportion with its confidence interval. */
export interface RateInterval {
  /** Observed proportion successes / trials (0 when there are no trials). */
  rate: number;
  /** Lower bound of the interval, in [0, 1]. */
  low: number;
  /** Upper bound of the interval, in [0, 1]. */
  high: number;
}

/**
 * Wilson score interval for `successes` out of `trials` at the given two-sided confidence.
 *
 * With zero trials nothing is known, so it returns `{ rate: 0, low: 0, high: 1 }` — the whole
 * range — rather than NaN, which keeps tables and charts renderable; check `trials` to tell apart.
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): RateInterval {
  assertCount("trials", trials);
  assertCount("successes", successes);
  if (successes > trials) {
    throw new RangeError(`successes (${successes}) cannot exceed trials (${trials})`);
  }
  const z = zForConfidence(confidence);
  if (trials === 0) return { rate: 0, low: 0, high: 1 };
  const rate = successes / trials;
  const z2n = (z * z) / trials;
  const center = (rate + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((rate * (1 - rate)) / trials + z2n / (4 * trials));
  // At 0/n and n/n the exact bound is 0 or 1; pin it so rounding cannot leave 1e-17 behind.
  const low = successes === 0 ? 0 : Math.max(0, center - half);
  const high = successes === trials ? 1 : Math.min(1, center + half);
  return { rate, low, high };
}
