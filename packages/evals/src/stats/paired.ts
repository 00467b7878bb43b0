// Paired comparison of per-case pass rates with and without a skill: bootstrap interval and sign test.
import { exactBinomialTwoSided } from "./binomial.js";
import { mulberry32 } from "./prng.js";
import { assertClosedUnit, assertCount, assertOpenUnit } from "./validate.js";

/** One case's pass rates, each in [0, 1], under the two conditions being compared. */
export interface CasePair {
  /** Pass rate with the skill (or the candidate version). */
  with: number;
  /** Pass rate without the skill (or the baseline version). */
  without: number;
}

/** Options for {@link pairedComparison}. */
export interface PairedComparisonOptions {
  /** Two-sided confidence of the bootstrap interval; default 0.95. */
  confidence?: number;
  /** Number of bootstrap resamples; default 2000. */
  bootstrap?: number;
  /** Seed for the resampling PRNG; default 0x5eed, so results are reproducible even when omitted. */
  seed?: number;
}

/** The result of {@link pairedComparison}; differences are always `with − without`. */
export interface PairedComparison {
  /** Number of cases compared. */
  cases: number;
  /** Mean over cases of `with − without`. */
  meanDifference: number;
  /** Percentile bootstrap interval for the mean difference, resampling cases. */
  bootstrap: { low: number; high: number };
  /** Sign test over cases: exact two-sided binomial p-value with ties dropped. */
  signTest: { positive: number; negative: number; ties: number; pValue: number };
}

const DEFAULT_SEED = 0x5eed;

/** Quantile of sorted values with linear interpolation (Hyndman–Fan type 7, R's default). */
function sortedQuantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] ?? NaN;
  const b = sorted[upper] ?? NaN;
  return a + (b - a) * (position - lower);
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * Compares two conditions case by case: the mean difference, a seeded percentile bootstrap interval
 * (cases resampled with replacement), and a sign test.
 *
 * Cases, not trials, are the unit of resampling because trials within a case are correlated.
 * With zero cases it returns a mean of 0, the full interval [-1, 1] and p-value 1: nothing is known.
 */
export function pairedComparison(
  pairs: readonly CasePair[],
  options: PairedComparisonOptions = {},
): PairedComparison {
  const confidence = options.confidence ?? 0.95;
  const resamples = options.bootstrap ?? 2000;
  assertOpenUnit("confidence", confidence);
  assertCount("bootstrap", resamples, 1);
  const differences = pairs.map((pair, index) => {
    assertClosedUnit(`pairs[${index}].with`, pair.with);
    assertClosedUnit(`pairs[${index}].without`, pair.without);
    return pair.with - pair.without;
  });
  const positive = differences.filter((d) => d > 0).length;
  const negative = differences.filter((d) => d < 0).length;
  const ties = differences.length - positive - negative;
  const signTest = {
    positive,
    negative,
    ties,
    pValue: exactBinomialTwoSided(positive, positive + negative, 0.5),
  };
  const n = differences.length;
  if (n === 0) {
    return { cases: 0, meanDifference: 0, bootstrap: { low: -1, high: 1 }, signTest };
  }
  const random = mulberry32(options.seed ?? DEFAULT_SEED);
  const means: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += differences[Math.floor(random() * n)] ?? 0;
    means.push(sum / n);
  }
  means.sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return {
    cases: n,
    meanDifference: mean(differences),
    bootstrap: { low: sortedQuantile(means, tail), high: sortedQuantile(means, 1 - tail) },
    signTest,
  };
}
