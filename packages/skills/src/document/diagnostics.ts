// Skill diagnostics: one closed set of codes, each problem located in its file.

/** Every problem a skill document can have. */
export type SkillDiagnosticCode =
  | "NO_FRONTMATTER"
  | "UNCLOSED_FRONTMATTER"
  | "INVALID_YAML"
  | "FRONTMATTER_NOT_MAPPING"
  | "UNQUOTED_COLON"
  | "MISSING_NAME"
  | "INVALID_NAME"
  | "NAME_MISMATCH"
  | "MISSING_DESCRIPTION"
  | "INVALID_DESCRIPTION"
  | "ANGLE_BRACKETS"
  | "INVALID_FIELD"
  | "UNKNOWN_FIELD"
  | "NOT_A_SPEC_FIELD"
  | "BODY_TOO_LONG"
  | "BODY_TOO_MANY_TOKENS"
  | "INVALID_WORKFLOW"
  | "UNSAFE_ARGUMENT"
  | "DUPLICATE_SKILL"
  | "SKILL_SKIPPED"
  | "SCAN_LIMIT"
  | "UNREADABLE";

/** One problem: what, how bad, and where (1-based line and column in `file`). */
export interface SkillDiagnostic {
  code: SkillDiagnosticCode;
  severity: "error" | "warning";
  message: string;
  file: string;
  line: number;
  column: number;
  /** The frontmatter field concerned, when there is one. */
  field?: string;
}

/** `file:line:column severity CODE message`, the form every command prints. */
export function formatSkillDiagnostic(d: SkillDiagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;
}
