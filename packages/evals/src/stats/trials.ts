// Summarises one case's trial outcomes: counts, pass rate with a Wilson interval, and pass^k.
import { passHatK } from "./passk.js";
import { wilsonInterval } from "./wilson.js";

/** Outcome of one trial; "error" means the run never got judged (provider down, timeout). */
export type TrialOutcome = "pass" | "fail" | "error";

/** The result of {@link summarizeTrials}. */
export interface TrialSummary {
  /** All trials, errors included. */
  trials: number;
  /** Trials that passed. */
  passes: number;
  /** Trials that ran and failed. */
  failures: number;
  /** Trials that errored; excluded from the rate, interval and pass^k. */
  errors: number;
  /** passes / (passes + failures), or 0 when nothing was judged. */
  rate: number;
  /** 95% Wilson interval for the rate ([0, 1] when nothing was judged). */
  interval: { low: number; high: number };
  /** Unbiased pass^k over judged trials; present only when `k` is given (NaN if k exceeds them). */
  passHatK?: number;
}

/**
 * Counts outcomes and estimates the pass rate over judged trials only.
 *
 * Errors are left out of the denominator because they say nothing about the skill, only the
 * infrastructure; they are still reported so a reader can see how much data was lost.
 */
export function summarizeTrials(outcomes: readonly TrialOutcome[], k?: number): TrialSummary {
  let passes = 0;
  let failures = 0;
  let errors = 0;
  for (const outcome of outcomes) {
    if (outcome === "pass") passes++;
    else if (outcome === "fail") failures++;
    else errors++;
  }
  const judged = passes + failures;
  const { rate, low, high } = wilsonInterval(passes, judged);
  const summary: TrialSummary = {
    trials: outcomes.length,
    passes,
    failures,
    errors,
    rate,
    interval: { low, high },
  };
  if (k !== undefined) summary.passHatK = passHatK(passes, judged, k);
  return summary;
}
