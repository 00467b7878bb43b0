// Scan state and finding output: the running scan, adding findings, and excerpts made visible.
import { visible } from "@skillflow/workflow";
import type { ScanCode, ScanFinding, Severity } from "./_scan-types.js";

// The longest excerpt, in UTF-16 code units, before it is cut with an ellipsis.
const EXCERPT_MAX = 120;

/** The running state of one scan: its root, its file limit, and what it found so far. */
export interface Scan {
  root: string;
  maxFileBytes: number;
  findings: ScanFinding[];
  files: number;
  bytes: number;
}

/** Records one finding in the scan. */
export function add(
  scan: Scan,
  code: ScanCode,
  severity: Severity,
  file: string,
  message: string,
  extra: { line?: number; column?: number; excerpt?: string } = {},
): void {
  scan.findings.push({ code, severity, message, file, ...extra });
}

/** The text on one line, spaces squeezed and hidden characters made visible, cut to EXCERPT_MAX. */
export function excerpt(text: string): string {
  const flat = visible(
    text
      .replace(/[\t\r\n]+/g, " ")
      .replace(/ {2,}/g, " ")
      .trim(),
  );
  return flat.length <= EXCERPT_MAX ? flat : `${flat.slice(0, EXCERPT_MAX - 1)}…`;
}
