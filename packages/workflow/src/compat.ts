// Compat entry (@skillflow/workflow/compat): the rest of the reference's exports (§8.3).
export { parseSkillMd, parseWorkflowYaml } from "./parse/document.js";
export { ParseError } from "./parse/errors.js";
export { resolveExpression, resolveTemplate } from "./expression/resolve.js";
export { containsTemplate } from "./expression/template.js";
export { stringify } from "./expression/values.js";
export { LexError, ParseExprError, EvalError } from "./expression/errors.js";
export {
  StepExecutionError,
  WorkflowExecutionError,
  type StepErrorContext,
} from "./compat/errors.js";
export {
  dispatch,
  executeConditional,
  executeExit,
  executeTool,
  executeTransform,
  type ConditionalOutput,
  type DispatchResult,
  type ExitOutput,
} from "./compat/executors.js";
export { buildFailedRunLog } from "./runtime/failed-log.js";
export { loadConfig, type WorkflowSkillConfig } from "./compat/config.js";
export type { ParsedSkill, SkillFrontmatter } from "./parse/document.js";
export type { ParseErrorDetail } from "./parse/errors.js";
export type { ToolHandler } from "./model/adapter.js";
export type {
  RunOptions,
  RunWorkflowSkillOptions,
  ValidateWorkflowSkillOptions,
  ValidateWorkflowSkillResult,
} from "./runtime/options.js";
