// Public API of eval suites: loading a skill's suite and checking assertions against runs.
export { parseSuite, loadSuite, SUITE_FILES } from "./load.js";
export type { ParsedSuite, LoadedSuite } from "./load.js";
export type { EvalSuite, EvalCase, TriggerSet } from "./types.js";
export { formatSuiteDiagnostic } from "./diagnostics.js";
export type { SuiteDiagnostic, SuiteDiagnosticCode } from "./diagnostics.js";
export { checkAssertion, ASSERTION_TYPES, DEFAULT_JUDGE_THRESHOLD } from "./assertions.js";
export type {
  Assertion,
  AssertionResult,
  RunFacts,
  EqualsAssertion,
  ContainsAssertion,
  RegexAssertion,
  JsonSchemaAssertion,
  SkillUsedAssertion,
  MaxCostAssertion,
  MaxLatencyAssertion,
  MaxTokensAssertion,
  LlmJudgeAssertion,
} from "./assertions.js";
export { judgePrompt, parseJudgeAnswer, JudgeUnavailableError, JudgeAnswerError } from "./judge.js";
export type { Judge, JudgeRequest, JudgeVerdict, JudgeCriterion } from "./judge.js";
