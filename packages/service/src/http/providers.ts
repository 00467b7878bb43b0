// What the dashboard's data routes read, injected by the host (the CLI's serve): the skill catalog and
// the evaluation reports. The service itself reads no project configuration.

/** A problem found in a skill (a diagnostic as data). */
export interface SkillProblem {
  code: string;
  /** `error` makes the skill invalid; a `warning` is advice. */
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
  /** Hidden by a skill of the same name with precedence. */
  shadowed: boolean;
  /** Holds a workflow block. */
  runnable: boolean;
  /** Its commands may run (the trust model's answer). */
  trusted: boolean;
  problems: SkillProblem[];
}

/** One skill in full, for its page. */
export interface SkillDetail extends SkillInfo {
  /** SKILL.md without its frontmatter: raw Markdown text (the client renders it safely). */
  body: string;
  /** The declared workflow inputs (a run form); `{}` when the skill is not runnable. */
  inputs: Record<string, unknown>;
  /** The skill folder's files, relative paths with `/`. */
  files: string[];
}

/** The skill catalog: every skill, and one by name (undefined when there is none). */
export interface CatalogProvider {
  skills(): Promise<SkillInfo[]>;
  skill(name: string): Promise<SkillDetail | undefined>;
}

/** An evaluation report as listed (the report's own summary fields follow these). */
export interface EvalReportSummary {
  id: string;
  skill: string;
}

/**
 * The evaluation reports and history of the project. `report` is undefined for an unknown id; a
 * report that exists but cannot be read may throw an `ApiError` (EVAL_REPORT_DAMAGED) saying why.
 */
export interface EvalsProvider {
  reports(): Promise<EvalReportSummary[]>;
  report(id: string): Promise<unknown>;
  /** The history records of `skill`, oldest first (empty when it has none). */
  history(skill: string): Promise<unknown[]>;
}
