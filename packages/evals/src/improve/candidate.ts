// A proposed SKILL.md: taken out of the proposer's answer, checked, bounded in length, and written
// into a copy of the skill folder so that it is evaluated exactly as the real one would be.
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { LIMITS, parseSkill } from "@skillflow/skills";

/** Why a proposed text was refused before any evaluation. */
export type CandidateProblemCode =
  "NO_SKILL_TEXT" | "INVALID_SKILL" | "RENAMED" | "DESCRIPTION_TOO_LONG" | "TOO_LONG" | "UNCHANGED";

/** A refused proposal: the code and a sentence saying what was wrong. */
export interface CandidateProblem {
  code: CandidateProblemCode;
  message: string;
}

/** The longest description the Agent Skills specification allows. */
export const MAX_DESCRIPTION_CHARS: number = LIMITS.description;

/**
 * The longest candidate accepted for a current text of `currentChars`: 25% longer, or 400
 * characters longer for short skills. Self-generated, longer skills tend to hurt; growth is capped.
 */
export const lengthLimit = (currentChars: number): number =>
  Math.max(Math.ceil(currentChars * 1.25), currentChars + 400);

/** The SKILL.md inside `<skill_md>` tags, else a whole answer that starts with frontmatter. */
export function extractSkillText(answer: string): string | undefined {
  const tagged = /<skill_md>\r?\n?([\s\S]*?)\r?\n?<\/skill_md>/.exec(answer);
  const text = tagged?.[1] ?? (answer.trimStart().startsWith("---") ? answer.trim() : undefined);
  if (text === undefined || !text.trimStart().startsWith("---")) return undefined;
  return text.endsWith("\n") ? text : `${text}\n`;
}

/** The problem of `text` as a replacement of `current` for skill `name`, or undefined when none. */
export function candidateProblem(
  text: string,
  current: string,
  name: string,
): CandidateProblem | undefined {
  const parsed = parseSkill(text, { file: "SKILL.md" });
  const error = parsed.diagnostics.find((d) => d.severity === "error");
  if (!parsed.frontmatter || error)
    return {
      code: "INVALID_SKILL",
      message: `not a valid SKILL.md: ${error?.message ?? "no frontmatter"}`,
    };
  if (parsed.frontmatter.name !== name)
    return {
      code: "RENAMED",
      message: `the name changed to "${parsed.frontmatter.name}": it must stay "${name}"`,
    };
  const description = parsed.frontmatter.description.length;
  if (description > MAX_DESCRIPTION_CHARS)
    return {
      code: "DESCRIPTION_TOO_LONG",
      message: `the description has ${description} characters; at most ${MAX_DESCRIPTION_CHARS}`,
    };
  const limit = lengthLimit(current.length);
  if (text.length > limit)
    return {
      code: "TOO_LONG",
      message: `${text.length} characters, over the limit of ${limit} (the current text has ${current.length}): refused, not trimmed`,
    };
  if (text.trim() === current.trim())
    return { code: "UNCHANGED", message: "the proposal is the current text" };
  return undefined;
}

/**
 * A copy of `skillDir` under `root/<label>/<folder name>` with `text` as its SKILL.md: the
 * candidate is evaluated with the skill's own files and cases, the original is never touched.
 */
export async function candidateFolder(
  skillDir: string,
  root: string,
  label: string,
  text: string,
): Promise<string> {
  const dir = path.join(root, label, path.basename(skillDir));
  await mkdir(path.dirname(dir), { recursive: true });
  await cp(skillDir, dir, { recursive: true, dereference: false });
  await writeFile(path.join(dir, "SKILL.md"), text, "utf8");
  return dir;
}
