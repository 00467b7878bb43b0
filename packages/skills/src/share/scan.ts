// Scans a skill folder before it is trusted: walks it without following links and reports risks.
import { visible } from "@skillflow/workflow";
import type { Scan } from "./_scan-findings.js";
import { walk } from "./_scan-walk.js";
import type { RiskLevel, ScanFinding } from "./_scan-types.js";

export type { RiskLevel, ScanCode, ScanFinding } from "./_scan-types.js";

/** What `scanSkill` found in one folder. */
export interface ScanReport {
  folder: string;
  /** The highest severity found, "none" without findings. */
  risk: RiskLevel;
  findings: ScanFinding[];
  /** Regular files seen (symlinks and special files are not counted). */
  files: number;
  bytes: number;
}

/** Options of `scanSkill`. */
export interface ScanSkillOptions {
  /**
   * Bytes of each file read and scanned; a larger file is scanned up to here and reported
   * (LARGE_FILE, medium: what was not read was not checked). Default 1 MiB.
   */
  maxFileBytes?: number;
}

const RANK: Record<RiskLevel, number> = { none: 0, low: 1, medium: 2, high: 3 };

/** Walks `folder` (never following symlinks, skipping .git and node_modules) and reports risks. */
export async function scanSkill(
  folder: string,
  options: ScanSkillOptions = {},
): Promise<ScanReport> {
  const scan: Scan = {
    root: folder,
    maxFileBytes: options.maxFileBytes ?? 1024 * 1024,
    findings: [],
    files: 0,
    bytes: 0,
  };
  await walk(scan, "", false);
  const findings = scan.findings.sort(byPlace);
  const risk = findings.reduce<RiskLevel>(
    (max, f) => (RANK[f.severity] > RANK[max] ? f.severity : max),
    "none",
  );
  return { folder, risk, findings, files: scan.files, bytes: scan.bytes };
}

/** Human text: a header with the risk, then `file:line:column severity CODE message` per finding. */
export function formatScanReport(report: ScanReport): string {
  const count = report.findings.length;
  const header =
    `risk ${report.risk}: ${count} finding${count === 1 ? "" : "s"} in ${report.folder}` +
    ` (${report.files} file${report.files === 1 ? "" : "s"}, ${report.bytes} bytes)`;
  return [header, ...report.findings.map(formatFinding)].join("\n");
}

function formatFinding(f: ScanFinding): string {
  // File names come from the skill's author: make hidden characters and escapes visible.
  let place = visible(f.file);
  if (f.line !== undefined) place += `:${f.line}`;
  if (f.line !== undefined && f.column !== undefined) place += `:${f.column}`;
  const excerpt = f.excerpt === undefined ? "" : `  ${f.excerpt}`;
  return `${place} ${f.severity} ${f.code} ${f.message}${excerpt}`;
}

function byPlace(a: ScanFinding, b: ScanFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    RANK[b.severity] - RANK[a.severity] ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
