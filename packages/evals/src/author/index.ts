// Authoring tools: validate a workflow document, dry-run it offline, list the tools a run would have.
export {
  validateWorkflowText,
  type AuthoringProblem,
  type ValidateTextOptions,
  type ValidateTextResult,
} from "./validate.js";
export {
  dryRunWorkflow,
  DryRunError,
  type DryRunOptions,
  type DryRunResult,
  type UnansweredCall,
} from "./dry-run.js";
export {
  FixtureAnswerSchema,
  FixturesSchema,
  type FixtureAnswer,
  type Fixtures,
} from "./fixtures.js";
export { listRunTools, type RunToolInfo } from "./tools.js";
export { parseToolArgs, toolInputSchema } from "./args.js";
export { runtimeDecisions, type GivenDecision } from "./decisions.js";
export { unmapOutput, type RecordedSteps } from "./replay.js";
export {
  boundForReply,
  boundValue,
  DEFAULT_BOUNDS,
  MAX_BOUNDED_CHARS,
  TIGHT_BOUNDS,
  type BoundLimits,
} from "./bound.js";
export { firstIssue, firstIssueField, type ArgumentIssue } from "./issues.js";
