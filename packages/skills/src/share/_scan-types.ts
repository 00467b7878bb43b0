// Scan findings' vocabulary: risk levels, finding codes and the finding record every check emits.

/** How risky a skill looks: the highest severity among its findings. */
export type RiskLevel = "none" | "low" | "medium" | "high";

/** Every kind of risk the scan reports. */
export type ScanCode =
  | "SHELL_INTERPOLATION"
  | "SCRIPT"
  | "EXECUTABLE"
  | "HIDDEN_TEXT"
  | "HTML_COMMENT"
  | "PROMPT_INJECTION"
  | "DATA_EXFILTRATION"
  | "REMOTE_CODE"
  | "SECRET_ACCESS"
  | "URL"
  | "UNUSUAL_FILE"
  | "LARGE_FILE"
  | "SYMLINK";

/** One risk, located in its file (1-based line and column, in UTF-16 code units). */
export interface ScanFinding {
  code: ScanCode;
  severity: Exclude<RiskLevel, "none">;
  message: string;
  /** Relative to the skill folder, "/"-separated. */
  file: string;
  line?: number;
  column?: number;
  /** The offending text, hidden characters made visible as <U+200B>, at most ~120 characters. */
  excerpt?: string;
}

/** How serious one finding is: any risk level but "none". */
export type Severity = ScanFinding["severity"];
