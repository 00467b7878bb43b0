// Finding the SKILL.md in a model's final answer: between <skill_md> tags, as the whole answer,
// or in a four-backtick fence; else the last draft it gave a tool.

/** Where a round's draft came from. */
export type DraftSource = "answer" | "tool" | "none";

const TAGGED = /<skill_md>\s*\n?([\s\S]*?)\n?\s*<\/skill_md>/g;
const FENCED = /^(`{4,})(?:markdown|md)?[ \t]*\n([\s\S]*?)\n\1[ \t]*$/gm;

/** The last match's first group of `pattern` in `text`. */
function last(pattern: RegExp, text: string, group: number): string | undefined {
  let found: string | undefined;
  for (const m of text.matchAll(pattern)) found = m[group];
  return found;
}

/**
 * The SKILL.md of `answer` (its last `<skill_md>` block, the whole answer when it starts with
 * frontmatter, or its last ````markdown fence), else `fallback` (the last text a tool saw).
 */
export function extractDraft(
  answer: string,
  fallback: string | undefined,
): { text?: string; from: DraftSource } {
  const found =
    last(TAGGED, answer, 1) ??
    (answer.trimStart().startsWith("---") ? answer.trim() : undefined) ??
    last(FENCED, answer, 2);
  if (found !== undefined && found.trim() !== "")
    return { text: `${found.trim()}\n`, from: "answer" };
  if (fallback !== undefined) return { text: fallback, from: "tool" };
  return { from: "none" };
}
