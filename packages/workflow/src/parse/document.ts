// The parse phase end to end: safe parseWorkflowDocument, throwing parseWorkflowFromMd, compat parsers.
import { dotPath, toValidationError, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../diagnostics/source-map.js";
import type { ValidationError } from "../model/run-log.js";
import type { WorkflowDefinition } from "../model/schema.js";
import { SourceText } from "./_text.js";
import { ParseError } from "./errors.js";
import { findFrontmatter, readFrontmatter } from "./frontmatter.js";
import { checkLength, locateWorkflow, type LocateOptions } from "./locate.js";
import { registerSourceMap } from "./registry.js";
import { VALIDATION_FAILED_MESSAGE, decodeWorkflow } from "./workflow.js";
import { parseYaml, type YamlResult } from "./yaml.js";

export { sourceMapOf } from "./registry.js";

/** Options of the parse entry points. */
export type ParseOptions = LocateOptions;

/** A successful parse: the checked definition, where it came from, and non-fatal findings. */
export interface ParseSuccess {
  ok: true;
  workflow: WorkflowDefinition;
  /** The frontmatter `name`, present only when the frontmatter is valid (§1.6). */
  name?: string;
  /** The frontmatter mapping, when it parsed as one. */
  frontmatter?: Record<string, unknown>;
  sourceMap: SourceMap;
  warnings: Diagnostic[];
}

/** A failed parse: the overall message (§5.1) and every located problem. */
export interface ParseFailure {
  ok: false;
  /** `Content is empty`, the no-block message, `Invalid YAML: …`, `Workflow validation failed` or the size limit. */
  message: string;
  diagnostics: Diagnostic[];
  warnings: Diagnostic[];
}

/** The result of `parseWorkflowDocument`. */
export type ParseOutcome = ParseSuccess | ParseFailure;

/** §1.3 plus the parse phase on SKILL.md content or bare workflow YAML; never throws. */
export function parseWorkflowDocument(content: string, options: ParseOptions = {}): ParseOutcome {
  const located = locateWorkflow(content, options);
  if (!located.ok) return located;
  const { warnings, frontmatter } = located;
  const parsed = located.parsed ?? parseYaml(located.source, located.start, located.yaml);
  const outcome = finish(parsed, warnings);
  if (outcome.ok && frontmatter?.data) outcome.frontmatter = frontmatter.data;
  if (outcome.ok && frontmatter?.name !== undefined) outcome.name = frontmatter.name;
  return outcome;
}

function finish(parsed: YamlResult, warnings: Diagnostic[]): ParseOutcome {
  if (!parsed.ok) {
    const message = parsed.diagnostics[0]?.message ?? "Invalid YAML";
    return { ok: false, message, diagnostics: parsed.diagnostics, warnings };
  }
  const decoded = decodeWorkflow(parsed.value, parsed.sourceMap);
  if (!decoded.ok) {
    const { diagnostics } = decoded;
    return { ok: false, message: VALIDATION_FAILED_MESSAGE, diagnostics, warnings };
  }
  registerSourceMap(decoded.workflow, parsed.sourceMap);
  return { ok: true, workflow: decoded.workflow, sourceMap: parsed.sourceMap, warnings };
}

/** `ParseError.details` of a failure: schema problems by dot path, YAML problems at `parse`, none otherwise. */
function detailsOf(failure: ParseFailure): ValidationError[] {
  if (failure.message === VALIDATION_FAILED_MESSAGE) {
    return failure.diagnostics.map((d) => toValidationError(d, dotPath(d.path)));
  }
  return failure.diagnostics
    .filter((d) => d.code.startsWith("YAML_"))
    .map((d) => toValidationError(d, "parse"));
}

function orThrow(outcome: ParseOutcome): WorkflowDefinition {
  if (outcome.ok) return outcome.workflow;
  throw new ParseError(outcome.message, detailsOf(outcome));
}

/** §1.3 plus the parse phase; throws ParseError with located details (§8.1). */
export function parseWorkflowFromMd(
  content: string,
  options: ParseOptions = {},
): WorkflowDefinition {
  return orThrow(parseWorkflowDocument(content, options));
}

/** Compat: parses workflow YAML given directly (no Markdown, no frontmatter); throws ParseError (§8.3). */
export function parseWorkflowYaml(yaml: string, options: ParseOptions = {}): WorkflowDefinition {
  const tooLarge = checkLength(yaml, options.maxLength);
  if (tooLarge) throw new ParseError(tooLarge.message);
  const source = new SourceText(yaml);
  return orThrow(finish(parseYaml(source, 0, source.text), []));
}

/** Frontmatter of a skill document accepted by `parseSkillMd`. */
export interface SkillFrontmatter {
  name: string;
  description: string;
  [key: string]: unknown;
}

/** The result of `parseSkillMd`. */
export interface ParsedSkill {
  frontmatter: SkillFrontmatter;
  workflow: WorkflowDefinition;
}

/** §8.3 message when a document has no frontmatter. */
export const FRONTMATTER_REQUIRED_MESSAGE =
  "SKILL.md must have YAML frontmatter with name and description";

/** Compat: like `parseWorkflowFromMd` but requires valid frontmatter, which is checked first (§8.3). */
export function parseSkillMd(content: string, options: ParseOptions = {}): ParsedSkill {
  const tooLarge = checkLength(content, options.maxLength);
  if (tooLarge) throw new ParseError(tooLarge.message);
  const source = new SourceText(content);
  const span = findFrontmatter(source.text);
  if (!span) throw new ParseError(FRONTMATTER_REQUIRED_MESSAGE);
  const frontmatter = readFrontmatter(source, span);
  const { data, name, description, problems } = frontmatter;
  if (frontmatter.yamlError) {
    const message = problems[0]?.message ?? "Invalid frontmatter YAML";
    throw new ParseError(
      message,
      problems.map((d) => toValidationError(d, "frontmatter")),
    );
  }
  if (name === undefined || description === undefined) {
    throw new ParseError(
      "Frontmatter validation failed",
      problems.map((d) => toValidationError(d, dotPath(d.path))),
    );
  }
  const workflow = parseWorkflowFromMd(content, options);
  return { frontmatter: { ...data, name, description }, workflow };
}
