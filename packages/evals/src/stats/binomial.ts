// The exact two-sided binomial test, computed in log space so large n neither overflows nor underflows.
import { assertClosedUnit, assertCount } from "./validate.js";

// Same tolerance R's binom.test uses, so outcomes whose probability equals the observed one up to
// rounding are counted as "as extreme" (otherwise symmetric cases like k=5, n=10 could drop a tail).
const RELATIVE_TOLERANCE = 1 + 1e-7;

/**
 * Exact two-sided binomial p-value: the total probability of outcomes no more likely than `k`
 * successes in `n` trials under success probability `p` (the standard "minimum likelihood" definition).
 */
export function exactBinomialTwoSided(k: number, n: number, p = 0.5): number {
  assertCount("n", n);
  assertCount("k", k);
  if (k > n) throw new RangeError(`k (${k}) cannot exceed n (${n})`);
  assertClosedUnit("p", p);
  // Degenerate p puts all mass on one outcome: anything else is impossible (p-value 0).
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  // log C(n, i) built up incrementally; rounding error grows only linearly in n.
  const logPmf: number[] = [];
  let logChoose = 0;
  for (let i = 0; i <= n; i++) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
    logPmf.push(logChoose + i * logP + (n - i) * logQ);
  }
  const observed = logPmf[k] ?? -Infinity;
  const threshold = observed + Math.log(RELATIVE_TOLERANCE);
  let total = 0;
  for (const value of logPmf) {
    if (value <= threshold) total += Math.exp(value);
  }
  return Math.min(1, total);
}
