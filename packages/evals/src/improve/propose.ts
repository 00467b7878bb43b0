// The proposer: one model call that turns the current SKILL.md and its failures into a revision.
import { generateText, type LanguageModel } from "ai";
import { MAX_DESCRIPTION_CHARS, lengthLimit } from "./candidate.js";
import { formatFailures, type Failure } from "./failures.js";

/** What the proposer is told to do, whatever the skill. */
export const PROPOSER_SYSTEM = `You revise Agent Skills (SKILL.md files: YAML frontmatter with name and description, then Markdown instructions) so that an agent using them does better.
Rules:
- Keep the name and every frontmatter field other than the description unchanged, and add no !\`command\` or \`\`\`! block. The description says what the skill does and when to use it, at most ${MAX_DESCRIPTION_CHARS} characters.
- Fix the causes of the failures you are shown with general instructions. Never mention, quote or hard-code the specific tasks or answers: the revision is tested on other tasks you are not shown.
- Keep it short: shorter, clearer instructions beat longer ones. Remove what does not help.
- Answer with the complete revised file between <skill_md> and </skill_md>, and nothing else.`;

/** What one proposal needs. */
export interface ProposalRequest {
  model: LanguageModel;
  current: string;
  failures: readonly Failure[];
  /** Why the previous proposal was refused, so this one avoids it. */
  feedback?: string;
  signal?: AbortSignal;
}

/** The proposer's prompt: the limits, the current file, the failures and any feedback. */
export function proposerPrompt(request: Omit<ProposalRequest, "model" | "signal">): string {
  const limit = lengthLimit(request.current.length);
  return [
    `The revised file must be at most ${limit} characters (the current one has ${request.current.length}).`,
    `Current SKILL.md:\n<skill_md>\n${request.current}</skill_md>`,
    `Failures on tasks the current version was tested on:\n\n${formatFailures(request.failures)}`,
    ...(request.feedback ? [`Your previous proposal was refused: ${request.feedback}`] : []),
  ].join("\n\n");
}

/** The most output tokens a proposal may use: the length limit in tokens, with room. */
export const proposalMaxTokens = (currentChars: number): number =>
  Math.ceil(lengthLimit(currentChars) / 3) + 256;

/** Asks for a revision; the answer's text (the caller extracts and checks the SKILL.md). */
export async function propose(request: ProposalRequest): Promise<string> {
  const { text } = await generateText({
    model: request.model,
    system: PROPOSER_SYSTEM,
    prompt: proposerPrompt(request),
    maxOutputTokens: proposalMaxTokens(request.current.length),
    ...(request.signal ? { abortSignal: request.signal } : {}),
  });
  return text;
}
