// Two versions of a skill compared on one half of the cases: per model, paired by case.
import type { EvalVerdict, TrialRecord } from "../eval/evaluate.js";
import {
  pairedComparison,
  summarizeTrials,
  verdict,
  type PairedComparison,
  type TrialSummary,
} from "../stats/index.js";

/** One version's pass rate on a half, for one model (Wilson interval, errors left out). */
export interface HalfScore {
  model: string;
  summary: TrialSummary;
}

/** Candidate against current on a half, for one model: both rates, the paired difference, the call. */
export interface HalfComparison {
  model: string;
  current: TrialSummary;
  candidate: TrialSummary;
  /** candidate − current, over the half's cases judged in both. */
  comparison: PairedComparison;
  verdict: EvalVerdict;
}

const onHalf = (trials: readonly TrialRecord[], model: string, ids: ReadonlySet<string>) =>
  trials.filter((t) => t.model === model && ids.has(t.caseId));

/** Each model's pass rate of one version on the cases `caseIds`. */
export function scoreHalf(
  trials: readonly TrialRecord[],
  models: readonly string[],
  caseIds: readonly string[],
): HalfScore[] {
  const ids = new Set(caseIds);
  return models.map((model) => ({
    model,
    summary: summarizeTrials(onHalf(trials, model, ids).map((t) => t.outcome)),
  }));
}

/**
 * Each model's comparison of `candidate` with `current` on `caseIds`: per-case pass rates over
 * every assertion (both versions have the skill, so `skill-used` counts), paired by case; the
 * verdict at significance `alpha`.
 */
export function compareHalf(
  current: readonly TrialRecord[],
  candidate: readonly TrialRecord[],
  models: readonly string[],
  caseIds: readonly string[],
  alpha: number,
): HalfComparison[] {
  const ids = new Set(caseIds);
  return models.map((model) => {
    const before = onHalf(current, model, ids);
    const after = onHalf(candidate, model, ids);
    const rate = (trials: readonly TrialRecord[], id: string) =>
      summarizeTrials(trials.filter((t) => t.caseId === id).map((t) => t.outcome));
    const judged = (s: TrialSummary) => s.passes + s.failures > 0;
    const pairs = caseIds.flatMap((id) => {
      const a = rate(after, id);
      const b = rate(before, id);
      return judged(a) && judged(b) ? [{ with: a.rate, without: b.rate }] : [];
    });
    const comparison = pairedComparison(pairs);
    return {
      model,
      current: summarizeTrials(before.map((t) => t.outcome)),
      candidate: summarizeTrials(after.map((t) => t.outcome)),
      comparison,
      verdict: comparison.cases === 0 ? "no data" : verdict(comparison, { alpha }),
    };
  });
}
