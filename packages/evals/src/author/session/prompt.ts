// What the model reads: the authoring guide with the session's rules, and each round's prompt
// (the need, what was done before, and the problems the harness found in the last draft).
import { AUTHORING_SKILL } from "@skillflow/workflow";
import type { SessionProblem } from "./check.js";

/** The session's rules, after the authoring guide. */
const RULES = `## This session

You are writing one SKILL.md for the user's need, in a loop with three tools:
1. Call list_tools and use only the tool names it returns (LLM calls are the tool "llm" when listed).
2. Call validate_workflow with the whole SKILL.md until valid is true (fix every problem; read the hint).
3. Call dry_run_workflow with fixtures that answer every tool call with a realistic result, until ok
   is true and the run log shows the intended data flow. Fixtures given by the user or recorded from
   an earlier run win over yours: keep step ids and tool names that match them.
4. Finish with the complete SKILL.md between <skill_md> and </skill_md>, and nothing after it.

The SKILL.md has frontmatter with a lowercase-hyphenated \`name\` and a \`description\` that says what it
does and when to use it, a short body (what it does, its inputs and outputs), and one \`\`\`workflow
block. Keep it short: no step that the need does not call for.`;

/** The system instructions of every round: the authoring guide, then the session's rules. */
export function sessionSystem(name: string | undefined): string {
  const naming = name === undefined ? "" : `\n\nThe skill's name must be \`${name}\`.`;
  return `${AUTHORING_SKILL}\n\n${RULES}${naming}`;
}

/** One problem as a line the model can act on. */
function problemLine(p: SessionProblem): string {
  const at =
    p.line !== undefined ? ` line ${p.line}${p.column !== undefined ? `:${p.column}` : ""}` : "";
  const where = p.path !== undefined ? ` (${p.path})` : "";
  return `- ${p.code}${at}${where}: ${p.message}${p.hint !== undefined ? ` — hint: ${p.hint}` : ""}`;
}

/** What a round after the first is told about the round before. */
export interface Feedback {
  draft?: string;
  problems: readonly SessionProblem[];
}

/** The prompt of a round: the need, what was done before (if any), the last round's problems. */
export function roundPrompt(
  request: string,
  context: string | undefined,
  feedback?: Feedback,
): string {
  const parts = [`What the user needs:\n${request}`];
  if (context !== undefined) parts.push(context);
  if (feedback !== undefined) {
    parts.push(
      feedback.draft === undefined
        ? "Your last answer held no SKILL.md between <skill_md> tags, and no tool saw one."
        : `Your last draft:\n<skill_md>\n${feedback.draft.trimEnd()}\n</skill_md>`,
    );
    if (feedback.problems.length > 0)
      parts.push(
        `The harness checked it (validation, then a dry run with the fixtures in force) and found:\n${feedback.problems.map(problemLine).join("\n")}\n\nFix every problem, check again with the tools, and reply with the whole corrected SKILL.md between <skill_md> tags. The inputs and fixtures of your last dry_run_workflow call are kept for the harness's check; call it again to change them.`,
      );
  }
  return parts.join("\n\n");
}
