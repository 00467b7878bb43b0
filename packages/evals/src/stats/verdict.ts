// Turns a paired comparison into a one-line call a reader can act on, erring towards "no clear effect".
import type { PairedComparison } from "./paired.js";

/** The three possible calls: the skill helps, hurts, or the data cannot tell. */
export type Verdict = "helps" | "hurts" | "no clear effect";

/** Options for {@link verdict}. */
export interface VerdictOptions {
  /** Significance level the sign test must beat; default 0.05. */
  alpha?: number;
  /** Smallest difference in pass rate worth calling, ≥ 0; default 0. */
  minEffect?: number;
}

/**
 * Calls "helps" only when the bootstrap interval lies strictly above `minEffect`, the sign test has
 * p < `alpha`, and more cases improved than worsened; "hurts" mirrors this below `-minEffect`;
 * anything else is "no clear effect".
 *
 * Both tests must agree so that neither one outlier case (moves the mean, not the signs) nor many
 * negligible wins (move the signs, not the mean) can produce a call. The exact sign test needs at
 * least 6 non-tied cases to reach p < 0.05, so smaller evaluations are always "no clear effect".
 */
export function verdict(comparison: PairedComparison, options: VerdictOptions = {}): Verdict {
  const alpha = options.alpha ?? 0.05;
  const minEffect = options.minEffect ?? 0;
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${alpha}`);
  if (!(minEffect >= 0)) throw new RangeError(`minEffect must be >= 0, got ${minEffect}`);
  const { bootstrap, signTest } = comparison;
  if (comparison.cases === 0 || !(signTest.pValue < alpha)) return "no clear effect";
  if (bootstrap.low > minEffect && signTest.positive > signTest.negative) return "helps";
  if (bootstrap.high < -minEffect && signTest.negative > signTest.positive) return "hurts";
  return "no clear effect";
}
