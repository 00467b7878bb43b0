// Per-model results: summaries per condition and case, paired comparisons, and the verdict.
import {
  pairedComparison,
  summarizeTrials,
  verdict,
  type TrialOutcome,
  type TrialSummary,
} from "../stats/index.js";
import type { EvalCase } from "../suite/types.js";
import type { Condition, EvalVerdict, ModelResult, TrialRecord } from "./evaluate.js";

function summarize(
  trials: readonly TrialRecord[],
  condition: Condition,
  cases: readonly EvalCase[],
  k: number,
): ModelResult["conditions"][number] {
  const mine = trials.filter((t) => t.condition === condition);
  return {
    condition,
    summary: summarizeTrials(
      mine.map((t) => t.outcome),
      k,
    ),
    cases: cases.map((c) => ({
      caseId: c.id,
      summary: summarizeTrials(
        mine.filter((t) => t.caseId === c.id).map((t) => t.outcome),
        k,
      ),
    })),
  };
}

/** A case's rate over the assertions both conditions score (`pairedOutcome`). */
function pairedSummary(trials: readonly TrialRecord[], condition: Condition, caseId: string) {
  const outcomes = trials
    .filter((t) => t.condition === condition && t.caseId === caseId)
    .flatMap((t): TrialOutcome[] => (t.pairedOutcome === undefined ? [] : [t.pairedOutcome]));
  return summarizeTrials(outcomes);
}

/**
 * Pairs per-case pass rates of two conditions over cases where both have judged trials, scoring
 * only the assertions both conditions score (never `skill-used`). No such case: "no data".
 */
function compare(
  trials: readonly TrialRecord[],
  cases: readonly EvalCase[],
  a: Condition,
  b: Condition,
) {
  const judged = (s: TrialSummary) => s.passes + s.failures > 0;
  const pairs = cases.flatMap((c) => {
    const left = pairedSummary(trials, a, c.id);
    const right = pairedSummary(trials, b, c.id);
    return judged(left) && judged(right) ? [{ with: left.rate, without: right.rate }] : [];
  });
  const comparison = pairedComparison(pairs);
  const call: EvalVerdict = comparison.cases === 0 ? "no data" : verdict(comparison);
  return { comparison, verdict: call };
}

/** The distinct error texts of a model's trials, most frequent first, at most `max`. */
function errorsOf(trials: readonly TrialRecord[], max = 3): { message: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const t of trials)
    if (t.error !== undefined) counts.set(t.error, (counts.get(t.error) ?? 0) + 1);
  return [...counts]
    .sort((x, y) => y[1] - x[1])
    .slice(0, max)
    .map(([message, count]) => ({ message, count }));
}

/** The result of one model from its trials. */
export function modelResult(
  model: string,
  trials: readonly TrialRecord[],
  conditions: readonly Condition[],
  cases: readonly EvalCase[],
  k: number,
): ModelResult {
  const mine = trials.filter((t) => t.model === model);
  const result: ModelResult = {
    model,
    conditions: conditions.map((c) => summarize(mine, c, cases, k)),
    ...compare(mine, cases, "with", "without"),
    errors: errorsOf(mine),
  };
  if (conditions.includes("previous")) result.previous = compare(mine, cases, "with", "previous");
  return result;
}
