// Public surface of the evaluation statistics: intervals, pass^k, paired comparisons, verdicts.
export { exactBinomialTwoSided } from "./binomial.js";
export { normalQuantile, zForConfidence } from "./normal.js";
export {
  pairedComparison,
  type CasePair,
  type PairedComparison,
  type PairedComparisonOptions,
} from "./paired.js";
export { passAtK, passHatK } from "./passk.js";
export { mulberry32 } from "./prng.js";
export { summarizeTrials, type TrialOutcome, type TrialSummary } from "./trials.js";
export { verdict, type Verdict, type VerdictOptions } from "./verdict.js";
export { wilsonInterval, type RateInterval } from "./wilson.js";
