// Improving a skill from its evaluations: the revision loop and description tuning.
export { Budget, BudgetExceededError, meteredModel, priceOf, type SpendRole } from "./budget.js";
export {
  MAX_DESCRIPTION_CHARS,
  candidateProblem,
  extractSkillText,
  lengthLimit,
  type CandidateProblem,
  type CandidateProblemCode,
} from "./candidate.js";
export { compareHalf, scoreHalf, type HalfComparison, type HalfScore } from "./compare.js";
export { unifiedDiff } from "./diff.js";
export { ImproveError, type ImproveErrorCode } from "./errors.js";
export { checkSkill } from "./guard.js";
export { describeComparison, improveSkill } from "./improve.js";
export { PROPOSER_SYSTEM } from "./propose.js";
export { seededSplit, type Split } from "./split.js";
export type {
  CostReport,
  ImproveCommon,
  ImproveOptions,
  ImproveResult,
  ImproveRound,
  StopReason,
} from "./types.js";
export { tuneDescription } from "./tune.js";
export { withDescription } from "./frontmatter.js";
export { triggerScores, type TriggerScores } from "./trigger-score.js";
export type {
  StealCheck,
  TriggerHalf,
  TuneCandidate,
  TuneOptions,
  TuneResult,
  TuneRound,
  TuneStop,
} from "./tune-types.js";
