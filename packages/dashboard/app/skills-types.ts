// The skill catalog as the API answers it (`GET /skills`, `GET /skills/{name}`), and how a skill's
// state is named in the catalog.

/** A problem found in a skill (a diagnostic as data). */
export interface SkillProblem {
  code: string;
  severity?: "error" | "warning";
  message: string;
  line?: number;
  column?: number;
}

/** A skill as the catalog lists it. */
export interface SkillInfo {
  name: string;
  /** `scope:name`. */
  id: string;
  scope: string;
  description: string;
  enabled: boolean;
  shadowed: boolean;
  runnable: boolean;
  trusted: boolean;
  problems: SkillProblem[];
}

/** One skill in full. */
export interface SkillDetail extends SkillInfo {
  /** SKILL.md without its frontmatter: raw Markdown. */
  body: string;
  /** The declared workflow inputs; `{}` when the skill is not runnable. */
  inputs: Record<string, unknown>;
  files: string[];
}

/** The words of a skill's state: `enabled`/`disabled`, then `shadowed`, `runnable`, `trusted`. */
export function skillState(skill: SkillInfo): string[] {
  return [
    skill.enabled ? "enabled" : "disabled",
    ...(skill.shadowed ? ["shadowed"] : []),
    ...(skill.runnable ? ["runnable"] : []),
    ...(skill.trusted ? ["trusted"] : []),
  ];
}

/** Where a problem is: `line 3, column 5`, `line 3`, or "" when it has no position. */
export function problemPlace(problem: SkillProblem): string {
  if (problem.line === undefined) return "";
  return problem.column === undefined
    ? `line ${problem.line}`
    : `line ${problem.line}, column ${problem.column}`;
}
