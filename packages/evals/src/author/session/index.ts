// Authoring sessions: a model writes a checked SKILL.md from a sentence, a transcript or a run.
export {
  authorWorkflow,
  DEFAULT_MAX_ROUNDS,
  DEFAULT_MAX_TOKENS,
  DEFAULT_STEPS_PER_ROUND,
  type AuthorOptions,
  type AuthorResult,
  type AuthorRound,
  type AuthorStopCode,
} from "./session.js";
export {
  BudgetError,
  BudgetExhaustedError,
  BudgetMeter,
  budgetedModel,
  type AuthorBudget,
  type AuthorUsage,
} from "./budget.js";
export {
  checkDraft,
  mergeFixtures,
  validateDraft,
  type CheckContext,
  type DraftCheck,
  type DryRunProposal,
  type SessionProblem,
} from "./check.js";
export { compareCost, type CostComparison, type LlmStepInfo } from "./cost.js";
export { extractDraft, type DraftSource } from "./draft.js";
export { transcriptSource } from "./from-transcript.js";
export { runSource } from "./from-run.js";
export {
  AuthorSourceError,
  type AuthorSource,
  type AuthorSourceCode,
  type RecordedUsage,
} from "./source.js";
