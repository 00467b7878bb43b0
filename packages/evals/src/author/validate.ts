// validateWorkflowText: every problem of a SKILL.md or bare workflow YAML, located, with a hint.
import {
  formatDiagnostic,
  validateWorkflowSkill,
  type ToolAdapter,
  type ValidationError,
  type WorkflowResolver,
} from "@skillflow/workflow";
import { closestNames, hintFor } from "./hints.js";

/** One problem of a workflow document, as data a model can act on. */
export interface AuthoringProblem {
  /** A stable diagnostic code (`UNKNOWN_TOOL`, `YAML_SYNTAX`, ...). */
  code: string;
  severity: "error" | "warning";
  message: string;
  /** Where in the workflow (`steps[1].tool`), when known. */
  path?: string;
  /** 1-based line and column in the submitted text (not in the extracted block). */
  line?: number;
  column?: number;
  /** How to fix it. */
  hint?: string;
  /** `file:line:column CODE message` with the offending line and a caret, as `skillflow validate` prints. */
  formatted: string;
}

/** Options of `validateWorkflowText`. */
export interface ValidateTextOptions {
  /** The tools a run would have: a tool step naming another one is `UNKNOWN_TOOL`. Unchecked without. */
  tools?: ToolAdapter;
  /** Where the text comes from (a path), for the formatted lines and sub-workflow references. */
  source?: string;
  /** Finds sub-workflows (`workflow` steps); without it they are `WORKFLOW_UNRESOLVED`. */
  resolveWorkflow?: WorkflowResolver;
}

/** The result of `validateWorkflowText`: `valid` when there is no error (warnings allowed). */
export interface ValidateTextResult {
  valid: boolean;
  problems: AuthoringProblem[];
  /** The workflow's name and step count when valid. */
  name?: string;
  stepCount?: number;
}

const UNKNOWN_TOOL_NAME = /^Tool "(.*)" is not registered/;

/** The names of the adapter's tools (empty when it has no catalog). */
function toolNames(tools: ToolAdapter | undefined): string[] {
  try {
    return tools?.list?.().map((t) => t.name) ?? [];
  } catch {
    return [];
  }
}

function hintOf(problem: ValidationError, known: readonly string[]): string | undefined {
  const base = hintFor(problem.code);
  if (problem.code !== "UNKNOWN_TOOL") return base;
  const name = UNKNOWN_TOOL_NAME.exec(problem.message)?.[1];
  const close = name === undefined ? [] : closestNames(name, known);
  if (close.length > 0) return `${base}; did you mean ${close.map((c) => `"${c}"`).join(" or ")}?`;
  if (known.length > 0 && known.length <= 30) return `${base}: ${known.join(", ")}`;
  return base;
}

function toProblem(
  problem: ValidationError,
  severity: AuthoringProblem["severity"],
  context: { text: string; file: string; known: readonly string[] },
): AuthoringProblem {
  const out: AuthoringProblem = {
    code: problem.code ?? "INVALID",
    severity,
    message: problem.message,
    formatted: "",
  };
  if (problem.path) out.path = problem.path;
  if (problem.line !== undefined) out.line = problem.line;
  if (problem.column !== undefined) out.column = problem.column;
  const hint = hintOf(problem, context.known);
  if (hint !== undefined) out.hint = hint;
  // A problem inside a sub-workflow is located in that file, not in this text: no excerpt from it.
  const content = problem.source === undefined ? context.text : "";
  out.formatted = formatDiagnostic(problem, content, problem.source ?? context.file);
  return out;
}

/**
 * Validates a SKILL.md (or bare workflow YAML) as `skillflow validate` does: every error and warning
 * with its code, 1-based line and column in `text`, path and a hint; tool names are checked against
 * `options.tools` when given (`UNKNOWN_TOOL`, with the closest names the adapter has).
 */
export function validateWorkflowText(
  text: string,
  options: ValidateTextOptions = {},
): ValidateTextResult {
  const result = validateWorkflowSkill({
    content: text,
    ...(options.tools ? { toolAdapter: options.tools } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.resolveWorkflow ? { resolveWorkflow: options.resolveWorkflow } : {}),
  });
  const context = { text, file: options.source ?? "SKILL.md", known: toolNames(options.tools) };
  const problems = [
    ...result.errors.map((e) => toProblem(e, "error", context)),
    ...(result.warnings ?? []).map((w) => toProblem(w, "warning", context)),
  ];
  const out: ValidateTextResult = { valid: result.valid, problems };
  if (result.valid && result.name !== undefined) out.name = result.name;
  if (result.valid && result.stepCount !== undefined) out.stepCount = result.stepCount;
  return out;
}
