// A proposed SKILL.md: taken out of the proposer's answer, checked, bounded in length, and written
// into a copy of the skill folder so that it is evaluated exactly as the real one would be.
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { findCommands, LIMITS, parseSkill, type ParsedSkill } from "@skillflow/skills";

/** Why a proposed text was refused before any evaluation. */
export type CandidateProblemCode =
  | "NO_SKILL_TEXT"
  | "INVALID_SKILL"
  | "RENAMED"
  | "FIELDS_CHANGED"
  | "NEW_COMMANDS"
  | "DESCRIPTION_TOO_LONG"
  | "TOO_LONG"
  | "UNCHANGED";

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

/** The frontmatter fields other than the description, as one comparable text. */
function otherFields(parsed: ParsedSkill): string {
  const { description: _description, ...rest } = parsed.frontmatter ?? { description: "" };
  return JSON.stringify(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The commands (`!\`cmd\`` and ```! blocks) of `candidate` that `current` does not hold. */
function newCommands(candidate: ParsedSkill, current: string): string[] {
  const before = new Set(findCommands(parseSkill(current).body).map((c) => c.command));
  return findCommands(candidate.body)
    .map((c) => c.command)
    .filter((c) => !before.has(c));
}

/**
 * A proposal that would widen what the skill may do: a frontmatter field other than the description
 * changed (`allowed-tools`, `model`...), or a command the current text does not run. A proposer
 * reads failed trials, and so tool outputs someone else wrote: what it adds must never run, even
 * for a skill evaluated with `trustSkill`.
 */
function privilegeProblem(parsed: ParsedSkill, current: string): CandidateProblem | undefined {
  const was = parseSkill(current);
  if (was.frontmatter !== undefined && otherFields(parsed) !== otherFields(was))
    return {
      code: "FIELDS_CHANGED",
      message:
        "a frontmatter field other than the description changed: a proposal may change the body and the description only (edit other fields by hand)",
    };
  const added = newCommands(parsed, current);
  if (added.length > 0)
    return {
      code: "NEW_COMMANDS",
      message: `the proposal adds ${added.length} command(s) the current text does not run (${JSON.stringify(added[0]!.slice(0, 80))}): a proposal may not add commands (add them by hand)`,
    };
  return undefined;
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
  const privileged = privilegeProblem(parsed, current);
  if (privileged) return privileged;
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
  // A symlinked SKILL.md is copied as a link to the original: replace the link, never write through it.
  await rm(path.join(dir, "SKILL.md"), { force: true });
  await writeFile(path.join(dir, "SKILL.md"), text, { encoding: "utf8", flag: "wx" });
  return dir;
}
