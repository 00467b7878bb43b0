// What a skill ships: the one exclusion list `skills pack` and progressive disclosure both apply.

/** Names left out wherever they appear in a skill folder: version control, dependencies, clutter. */
export const EXCLUDED_ANYWHERE: ReadonlySet<string> = new Set([
  ".git",
  ".hg",
  ".svn",
  "node_modules",
  "__pycache__",
  ".DS_Store",
]);

/**
 * Names left out at the root of a skill folder: `evals/` holds the evaluation suite, whose
 * assertions are the answer key a model under evaluation must never see.
 */
export const EXCLUDED_AT_ROOT: ReadonlySet<string> = new Set(["evals"]);

const ANYWHERE_FOLDED = new Set([...EXCLUDED_ANYWHERE].map((n) => n.toLowerCase()));
const AT_ROOT_FOLDED = new Set([...EXCLUDED_AT_ROOT].map((n) => n.toLowerCase()));

/**
 * Whether the entry `name` (a file or folder name, no `/`) is left out of what a skill ships; `atRoot`
 * says it sits directly in the skill folder. `skills pack` and `SkillLibrary` listing and reading
 * both ask this one function, so a model is never served a file a package would not carry. Names
 * are compared ignoring case: on a case-insensitive disk (macOS, Windows) `Evals/` is `evals/`.
 */
export function isExcludedFromSkill(name: string, atRoot: boolean): boolean {
  const folded = name.toLowerCase();
  return (
    ANYWHERE_FOLDED.has(folded) || folded.endsWith(".pyc") || (atRoot && AT_ROOT_FOLDED.has(folded))
  );
}

/**
 * Whether a `/`-separated path relative to the skill folder lies in (or is) an excluded entry, by
 * any of its segments (`evals/evals.json`, `lib/node_modules/x.js`).
 */
export function isExcludedPath(relative: string): boolean {
  const segments = relative.split("/").filter((s) => s !== "" && s !== ".");
  return segments.some((segment, index) => isExcludedFromSkill(segment, index === 0));
}
