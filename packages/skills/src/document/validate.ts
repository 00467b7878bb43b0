// Full validation of one skill: its fields, its body's size and commands, and the workflow of a runnable skill.
import { validateWorkflowSkill } from "@skillflow/workflow";
import { findCommands } from "../activate/_find.js";
import { staticRefusals } from "../activate/_refusal.js";
import type { SkillDiagnostic } from "./diagnostics.js";
import { LIMITS } from "./fields.js";
import { parseSkill, type ParseSkillOptions, type ParsedSkill } from "./parse.js";
import { countTokensAbove, type TokenCounter } from "./tokens.js";

/** Options of `validateSkill`. */
export interface ValidateSkillOptions extends ParseSkillOptions {
  /** Counts body tokens; default the offline o200k tokenizer. */
  countTokens?: TokenCounter;
}

/** The outcome: valid when no diagnostic is an error. */
export interface SkillValidation extends ParsedSkill {
  valid: boolean;
}

function bodyDiagnostics(parsed: ParsedSkill, file: string, tokens: number | undefined) {
  const out: SkillDiagnostic[] = [];
  const lineCount = parsed.body.split(/\r\n|\n|\r/).length;
  const at = { file, line: parsed.bodyLine, column: 1 };
  if (lineCount > LIMITS.bodyLines)
    out.push({
      code: "BODY_TOO_LONG",
      severity: "warning",
      message: `the body has ${lineCount} lines, more than ${LIMITS.bodyLines}: move detail into reference files`,
      ...at,
    });
  if (tokens !== undefined)
    out.push({
      code: "BODY_TOO_MANY_TOKENS",
      severity: "warning",
      message: `the body is about ${tokens} tokens (an estimate with the o200k tokenizer), more than ${LIMITS.bodyTokens}: move detail into reference files`,
      ...at,
    });
  return out;
}

function workflowDiagnostics(text: string, file: string): SkillDiagnostic[] {
  const result = validateWorkflowSkill({ content: text });
  return [
    ...result.errors.map((e) => ({ e, severity: "error" as const })),
    ...(result.warnings ?? []).map((e) => ({ e, severity: "warning" as const })),
  ]
    .filter(({ e }) => e.code !== "INVALID_FRONTMATTER")
    .map(({ e, severity }) => ({
      code: "INVALID_WORKFLOW" as const,
      severity,
      message: `${e.code ?? "INVALID"} ${e.path ? `${e.path}: ` : ""}${e.message}`,
      file,
      line: e.line ?? 1,
      column: e.column ?? 1,
    }));
}

/** Warns about command placeholders that activation would refuse, whatever the arguments. */
function argumentDiagnostics(parsed: ParsedSkill, file: string): SkillDiagnostic[] {
  const named = parsed.frontmatter?.arguments ?? [];
  return findCommands(parsed.body, { lineOffset: parsed.bodyLine - 1 }).flatMap((found) =>
    staticRefusals(found, named).map((refusal) => ({
      code: "UNSAFE_ARGUMENT" as const,
      severity: "warning" as const,
      message: `activation will refuse this command: ${refusal.message}`,
      file,
      line: refusal.line,
      column: refusal.column,
    })),
  );
}

/**
 * Validates a SKILL.md's text: fields (at the given level), body size, command placeholders that
 * activation would refuse (`UNSAFE_ARGUMENT` warnings), and its workflow if any.
 */
export async function validateSkill(
  text: string,
  options: ValidateSkillOptions = {},
): Promise<SkillValidation> {
  const file = options.file ?? "SKILL.md";
  const parsed = parseSkill(text, options);
  const tokens = await countTokensAbove(parsed.body, LIMITS.bodyTokens, options.countTokens);
  const diagnostics = [
    ...parsed.diagnostics,
    ...bodyDiagnostics(parsed, file, tokens),
    ...argumentDiagnostics(parsed, file),
    ...(parsed.runnable ? workflowDiagnostics(text, file) : []),
  ];
  const valid =
    parsed.frontmatter !== undefined && !diagnostics.some((d) => d.severity === "error");
  return { ...parsed, diagnostics, valid };
}
