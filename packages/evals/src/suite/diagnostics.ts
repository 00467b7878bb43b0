// Eval suite diagnostics: one closed set of codes, each problem located in its file and data path.

/** Every problem an eval suite file can have. */
export type SuiteDiagnosticCode =
  | "NO_SUITE"
  | "AMBIGUOUS_SUITE"
  | "UNREADABLE"
  | "INVALID_SYNTAX"
  | "MISSING_FIELD"
  | "INVALID_FIELD"
  | "UNKNOWN_FIELD"
  | "UNKNOWN_ASSERTION"
  | "DUPLICATE_ID"
  | "PATH_OUTSIDE_SKILL"
  | "MISSING_FILE";

/** One problem: what, how bad, and where (1-based line and column, plus a data path in `file`). */
export interface SuiteDiagnostic {
  code: SuiteDiagnosticCode;
  severity: "error" | "warning";
  message: string;
  file: string;
  line: number;
  column: number;
  /** The data path of the value concerned, like `evals[2].assertions[0].type`; "" for the root. */
  path: string;
}

/** `file:line:column severity CODE path: message`, the same shape the other packages print. */
export function formatSuiteDiagnostic(d: SuiteDiagnostic): string {
  const where = d.path === "" ? "" : `${d.path}: `;
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${where}${d.message}`;
}
