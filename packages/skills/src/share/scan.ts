// Scans a skill folder before it is trusted: walks it without following links and reports risks.
import { constants, type Dirent } from "node:fs";
import { open, readdir, readlink, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { findCommands } from "../activate/_find.js";
import { parseSkill } from "../document/parse.js";

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
  /** Files larger than this are not read (finding LARGE_FILE); default 1 MiB. */
  maxFileBytes?: number;
}

type Severity = ScanFinding["severity"];

/**
 * A rule kept as data: a pattern searched in the text of every file. With `tail`, the pattern is a
 * command's name, reported when the rest of its logical line (continuations joined) matches `tail`.
 */
interface TextRule {
  code: ScanCode;
  severity: Severity;
  pattern: RegExp;
  message: string;
  tail?: RegExp;
}

const rule = (
  code: ScanCode,
  severity: Severity,
  pattern: RegExp,
  message: string,
  tail?: RegExp,
): TextRule => ({ code, severity, pattern, message, ...(tail === undefined ? {} : { tail }) });

const RANK: Record<RiskLevel, number> = { none: 0, low: 1, medium: 2, high: 3 };
const HEAD_BYTES = 8192;
const EXCERPT_MAX = 120;

// Injections name what they want undone; bare words like "system prompt" are common in honest
// prompt-engineering skills, so each pattern needs a verb or a framing around it.
const INJECTION_RULES: TextRule[] = [
  rule(
    "PROMPT_INJECTION",
    "high",
    /\b(?:ignore|forget)\s+(?:(?:all|any|the|of|your|my)\s+)*(?:previous|prior|above|earlier|preceding)\s+(?:instructions|prompts?|rules|directions|guidelines)\b/gi,
    "tells the agent to ignore its earlier instructions",
  ),
  rule(
    "PROMPT_INJECTION",
    "high",
    /\bdisregard\s+(?:your|all|the|any|previous|prior)\s+(?:\w+\s+)?(?:instructions|rules|guidelines)\b/gi,
    "tells the agent to disregard its instructions",
  ),
  rule(
    "PROMPT_INJECTION",
    "high",
    /\byou\s+are\s+now\s+(?:a|an|DAN|no\s+longer|free|unrestricted|jailbroken|in\s+developer\s+mode)\b/gi,
    "tries to give the agent a new identity",
  ),
  rule("PROMPT_INJECTION", "high", /\bnew\s+instructions\s*:/gi, "announces new instructions"),
  rule(
    "PROMPT_INJECTION",
    "high",
    /\b(?:reveal|print|show|output|repeat|leak|dump|ignore|override|forget|disregard|replace)\s+(?:(?:your|the|my|this|its|entire|full|original|hidden)\s+){0,3}system\s+prompt\b|\bnew\s+system\s+prompt\b/gi,
    "targets the system prompt",
  ),
  rule(
    "PROMPT_INJECTION",
    "high",
    /\b(?:do\s+not|don'?t|never)\s+(?:tell|inform|notify|alert|mention\s+(?:\w+\s+)?to)\s+the\s+user\b/gi,
    "tells the agent to keep something from the user",
  ),
  rule(
    "PROMPT_INJECTION",
    "high",
    /\bwithout\s+(?:telling|asking|informing|notifying|alerting)\s+the\s+user\b/gi,
    "tells the agent to act behind the user's back",
  ),
  rule(
    "PROMPT_INJECTION",
    "high",
    /\bact\s+as\s+(?:root|admin(?:istrator)?|(?:in\s+)?developer\s+mode|DAN)\b/gi,
    "asks the agent to act with elevated powers",
  ),
  rule("PROMPT_INJECTION", "high", /\bjailbr[eo]ak\w*/gi, "mentions jailbreaking"),
  rule(
    "PROMPT_INJECTION",
    "high",
    /\boverride\s+(?:your|the|all|any)\s+(?:\w+\s+)?(?:safety|instructions|guidelines|rules|restrictions)\b/gi,
    "tells the agent to override its safety rules",
  ),
  // The noun "exfiltration" is common in security documentation; the verb is an order.
  rule("PROMPT_INJECTION", "high", /\bexfiltrat(?:e|es|ed|ing)\b/gi, "asks to exfiltrate data"),
];

// Subdomains are bounded: an open-ended `(?:[\w-]+\.)*` backtracks quadratically on "a.a.a…".
const KNOWN_HOST = String.raw`(?:[\w-]{1,63}\.){0,4}(?:webhook\.site|requestbin(?:\.[\w-]{1,63}){1,3}|pipedream\.net|ngrok\.io|ngrok-free\.app|ngrok\.app|pastebin\.com|transfer\.sh|hooks\.slack\.com)\b|\bdiscord(?:app)?\.com/api/webhooks\b`;
const KNOWN_HOST_PATTERN = new RegExp(String.raw`\b(?:${KNOWN_HOST})`, "i");

// Commands are matched per logical line (head, then tail on the rest): one regex spanning
// "curl … -d" would rescan the line from every "curl" and go quadratic on hostile files.
const CURL = /\bcurl\b/;
const WGET_CURL = /\b(?:curl|wget)\b/;
const POWERSHELL_WEB = /\b(?:Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b/i;

const OUTBOUND_RULES: TextRule[] = [
  rule(
    "DATA_EXFILTRATION",
    "high",
    CURL,
    "curl sends data out",
    /\s(?:-d|--data(?:-[\w-]+)?|-F|--form(?:-string)?|--upload-file|-T|-X\s*POST|--request\s+POST)(?=[\s=@'"]|$)/,
  ),
  rule(
    "DATA_EXFILTRATION",
    "high",
    /\bwget\b/,
    "wget sends data out",
    /\s--post-(?:data|file)(?=[\s=]|$)/,
  ),
  rule(
    "DATA_EXFILTRATION",
    "high",
    POWERSHELL_WEB,
    "PowerShell sends data out",
    /\s-(?:Method\s+["']?Post\b|Body\b|InFile\b)/i,
  ),
  rule(
    "DATA_EXFILTRATION",
    "high",
    /\|\s*(?:nc|ncat|netcat|telnet)\b[^\n]*|\/dev\/(?:tcp|udp)\/[^\n]*/g,
    "pipes data to a raw network connection",
  ),
  rule(
    "DATA_EXFILTRATION",
    "high",
    new RegExp(String.raw`\b(?:${KNOWN_HOST})[^\s"'\`<>)\]]*`, "gi"),
    "names a paste or webhook service that collects data",
  ),
  rule(
    "REMOTE_CODE",
    "high",
    WGET_CURL,
    "runs code downloaded from the network",
    /\|\s*(?:sudo\s+)?(?:(?:ba|z|da|k)?sh|python[23]?|node|perl|ruby)\b/,
  ),
  rule(
    "REMOTE_CODE",
    "high",
    /\b(?:(?:ba|z|da)?sh\s+(?:-c\s+)?["']?\$\(|(?:ba|z|da)?sh\s+<\()\s*(?:curl|wget)\b[^\n]*/g,
    "runs code downloaded from the network",
  ),
  rule(
    "REMOTE_CODE",
    "high",
    POWERSHELL_WEB,
    "runs code downloaded from the network",
    /\|\s*(?:iex|Invoke-Expression)\b/i,
  ),
];

// A hidden comment that gives orders or ships data out is an attack, not a note.
const HIDDEN_ORDERS = [...INJECTION_RULES, ...OUTBOUND_RULES];

const SECRET_PATTERN =
  /(?<![\w.])\.ssh\b|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws\/credentials\b|(?<![\w.])\.env\b(?!\.(?:example|sample|template|dist)\b)|(?<![\w.])\.(?:netrc|git-credentials)\b|\.kube\/config\b|(?:\$\{?|\$env:|\benv\.|\benviron(?:\[|\.get\()\s*["']?|\bgetenv\(\s*["'])[A-Z0-9_]*(?:_TOKEN|_API_KEY|_SECRET(?:_ACCESS_KEY)?|_PASSWORD)\b/g;

// A mere link is not a call: only code that opens a connection counts.
const NETWORK_PATTERN =
  /\b(?:curl|wget|Invoke-WebRequest|Invoke-RestMethod|ncat|netcat|telnet|scp|sftp|rsync|axios|urllib|httpx)\b|\bnc\s|\bfetch\s*\(|\brequests\.\w+\s*\(|\bhttps?\.request\b|\/dev\/(?:tcp|udp)\//i;

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`)\]}]+/gi;
// Placeholder hosts talk to no one (RFC 2606 names and the local machine).
const QUIET_HOST =
  /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost)$|^127\.0\.0\.1$|^\[::1\]$/i;

const HIDDEN_CLASS = String.raw`[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]`;
const HIDDEN_PATTERN = new RegExp(`${HIDDEN_CLASS}+`, "gu");
const HIDDEN_CHAR = new RegExp(`^${HIDDEN_CLASS}$`, "u");
// Zero-width (non-)joiners are spelling in these scripts and in emoji sequences, not hiding.
const JOINING_SCRIPT =
  /[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}\p{Extended_Pictographic}]$|(?:\uFE0F|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})$/u;
const EMOJI_TAG_SEQUENCE = /^[\u{E0020}-\u{E007E}]+\u{E007F}$/u;

const HTML_COMMENT = /<!--([\s\S]*?)(?:-->|$)/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const MARKDOWN = /\.(?:md|markdown|mdx)$/i;

const SCRIPT_EXTENSIONS = new Set([
  ".sh",
  ".bash",
  ".zsh",
  ".py",
  ".js",
  ".mjs",
  ".cjs",
  ".ts",
  ".rb",
  ".pl",
  ".ps1",
  ".bat",
  ".cmd",
]);
const MAGIC: { bytes: number[]; kind: string; binaryOnly?: boolean }[] = [
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: "ELF" },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], kind: "Mach-O" },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], kind: "Mach-O" },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], kind: "Mach-O" },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], kind: "Mach-O" },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], kind: "Mach-O universal (or Java class)" },
  // Plain text may start with "MZ"; only a file that is binary as well is a PE executable.
  { bytes: [0x4d, 0x5a], kind: "Windows (MZ)", binaryOnly: true },
];

const USUAL_FILE = /^(?:SKILL\.md|(?:README|LICENSE|LICENCE|CHANGELOG)(?:[.-].*)?)$/i;
const USUAL_FOLDERS = new Set([
  "scripts",
  "references",
  "assets",
  "templates",
  "examples",
  "resources",
  "docs",
]);
const SKIPPED_FOLDERS = new Set([".git", "node_modules"]);

interface Scan {
  root: string;
  maxFileBytes: number;
  findings: ScanFinding[];
  files: number;
  bytes: number;
}

/** A text being scanned, with its line starts to turn offsets into places. */
interface Text {
  file: string;
  text: string;
  starts: number[];
  /** Offsets [start, end) of lines joined across backslash continuations, as a shell reads them. */
  logical: [number, number][];
}

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

function add(
  scan: Scan,
  code: ScanCode,
  severity: Severity,
  file: string,
  message: string,
  extra: { line?: number; column?: number; excerpt?: string } = {},
): void {
  scan.findings.push({ code, severity, message, file, ...extra });
}

// --- Walking -------------------------------------------------------------------------------------

async function walk(scan: Scan, rel: string, inHidden: boolean): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(path.join(scan.root, rel), { withFileTypes: true });
  } catch (error) {
    // The folder itself must be readable; a locked subfolder is a finding, not a failure.
    if (rel === "") throw error;
    add(scan, "UNUSUAL_FILE", "medium", rel, `folder could not be read (${errorCode(error)})`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    await visit(scan, entry, rel === "" ? entry.name : `${rel}/${entry.name}`, inHidden);
  }
}

async function visit(scan: Scan, entry: Dirent, rel: string, inHidden: boolean): Promise<void> {
  checkName(scan, rel, entry.name);
  if (entry.isSymbolicLink()) return reportLink(scan, rel);
  const folder = entry.isDirectory();
  const layout = layoutProblem(rel, entry.name, folder, inHidden);
  if (layout) add(scan, "UNUSUAL_FILE", layout.severity, rel, layout.message);
  if (folder) {
    if (!SKIPPED_FOLDERS.has(entry.name)) await walk(scan, rel, inHidden || isHidden(entry.name));
  } else if (entry.isFile()) await scanFile(scan, rel);
  // Sockets, FIFOs and devices are never opened: reading a FIFO would block the scan.
  else add(scan, "UNUSUAL_FILE", "medium", rel, "special file (FIFO, socket or device), not read");
}

const isHidden = (name: string) => name.startsWith(".");

/** Tooling dotfiles that say how to handle the folder, not what the agent does: low, not medium. */
const BENIGN_DOTFILES = new Set([
  ".gitignore",
  ".gitattributes",
  ".editorconfig",
  ".prettierrc",
  ".npmignore",
]);

/** Why an entry lies outside the usual skill layout, if it does. */
function layoutProblem(
  rel: string,
  name: string,
  folder: boolean,
  inHidden: boolean,
): { severity: Severity; message: string } | undefined {
  if (folder && SKIPPED_FOLDERS.has(name))
    return { severity: "medium", message: `${name} folder shipped with the skill, not scanned` };
  if (isHidden(name) && !inHidden)
    return !folder && BENIGN_DOTFILES.has(name)
      ? { severity: "low", message: "tooling dotfile" }
      : { severity: "medium", message: `hidden ${folder ? "folder" : "file"}` };
  if (rel.includes("/") || isHidden(name)) return undefined;
  if (folder ? USUAL_FOLDERS.has(name) : USUAL_FILE.test(name)) return undefined;
  return { severity: "low", message: `${folder ? "folder" : "file"} outside the usual layout` };
}

function checkName(scan: Scan, rel: string, name: string): void {
  for (const match of name.matchAll(HIDDEN_PATTERN)) {
    if (isBenignHidden(name, match.index, match[0])) continue;
    add(scan, "HIDDEN_TEXT", "high", rel, "invisible characters in the file name", {
      excerpt: visible(name),
    });
    return;
  }
}

async function reportLink(scan: Scan, rel: string): Promise<void> {
  const target = await readlink(path.join(scan.root, rel)).catch(() => undefined);
  add(scan, "SYMLINK", "high", rel, "symbolic link (not followed)", {
    ...(target === undefined ? {} : { excerpt: excerpt(`-> ${target}`) }),
  });
}

// --- Files ---------------------------------------------------------------------------------------

async function scanFile(scan: Scan, rel: string): Promise<void> {
  let handle: FileHandle;
  try {
    // O_NOFOLLOW: a file swapped for a link after the listing is refused, not followed.
    handle = await open(
      path.join(scan.root, rel),
      constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0),
    );
  } catch (error) {
    add(scan, "UNUSUAL_FILE", "medium", rel, `could not be read (${errorCode(error)})`);
    return;
  }
  try {
    const stat = await handle.stat();
    scan.files++;
    scan.bytes += stat.size;
    const large = stat.size > scan.maxFileBytes;
    const data = large ? await readHead(handle) : await handle.readFile();
    classify(scan, rel, data, stat.mode);
    if (large)
      add(
        scan,
        "LARGE_FILE",
        "low",
        rel,
        `${stat.size} bytes, more than ${scan.maxFileBytes}: not read`,
      );
    else scanContent(scan, rel, data);
  } finally {
    await handle.close();
  }
}

async function readHead(handle: FileHandle): Promise<Buffer> {
  const buffer = Buffer.alloc(HEAD_BYTES);
  const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
  return buffer.subarray(0, bytesRead);
}

const errorCode = (error: unknown): string =>
  (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);

/** Reports what the agent could run: binary executables, scripts, other files marked executable. */
function classify(scan: Scan, rel: string, data: Buffer, mode: number): void {
  const head = data.subarray(0, HEAD_BYTES);
  const kind = binaryKind(head);
  if (kind !== undefined) add(scan, "EXECUTABLE", "high", rel, `${kind} binary executable`);
  else if (isScript(rel, head)) add(scan, "SCRIPT", "low", rel, "script the agent may run");
  else if ((mode & 0o111) !== 0)
    add(scan, "EXECUTABLE", "medium", rel, "marked executable but not a script");
}

function binaryKind(head: Buffer): string | undefined {
  const binary = head.includes(0);
  const magic = MAGIC.find(
    (m) => (binary || !m.binaryOnly) && m.bytes.every((byte, index) => head[index] === byte),
  );
  return magic?.kind;
}

const isScript = (rel: string, head: Buffer): boolean =>
  (head[0] === 0x23 && head[1] === 0x21) || SCRIPT_EXTENSIONS.has(path.extname(rel).toLowerCase());

/** Text of a file, or undefined for binary files (a NUL in the first 8 KiB, unless UTF-16). */
function decode(data: Buffer): string | undefined {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data);
  if (data.subarray(0, HEAD_BYTES).includes(0)) return undefined;
  // TextDecoder drops a leading byte order mark, so every U+FEFF left is inside the text.
  return new TextDecoder("utf-8").decode(data);
}

function scanContent(scan: Scan, rel: string, data: Buffer): void {
  const text = decode(data);
  if (text === undefined) return;
  const t = toText(rel, text);
  hiddenText(scan, t);
  const outbound = matchRules(scan, t, OUTBOUND_RULES);
  matchRules(scan, t, INJECTION_RULES);
  secrets(scan, t, outbound > 0 || NETWORK_PATTERN.test(text));
  urls(scan, t);
  if (MARKDOWN.test(rel)) htmlComments(scan, t);
  if (rel === "SKILL.md") shellInterpolation(scan, t);
}

// --- Text rules ----------------------------------------------------------------------------------

function toText(file: string, text: string): Text {
  const starts = lineStarts(text);
  return { file, text, starts, logical: logicalLines(text, starts) };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1))
    starts.push(index + 1);
  return starts;
}

function logicalLines(text: string, starts: readonly number[]): [number, number][] {
  const lines: [number, number][] = [];
  let start = 0;
  starts.forEach((_, index) => {
    const next = starts[index + 1];
    const end = next === undefined ? text.length : next - 1;
    const last = text[end - 1] === "\r" ? end - 2 : end - 1;
    if (next !== undefined && text[last] === "\\") return;
    lines.push([start, end]);
    start = end + 1;
  });
  return lines;
}

function place(t: Text, offset: number): { line: number; column: number } {
  let low = 0;
  let high = t.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (t.starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - t.starts[low]! + 1 };
}

/** Reports each rule's matches, at most one per code and line; returns how many were reported. */
function matchRules(scan: Scan, t: Text, rules: readonly TextRule[]): number {
  const hits = ruleHits(t, rules);
  const seen = new Set<string>();
  for (const hit of hits) {
    const at = place(t, hit.index);
    const key = `${hit.rule.code}:${at.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    add(scan, hit.rule.code, hit.rule.severity, t.file, hit.rule.message, {
      ...at,
      excerpt: excerpt(hit.text),
    });
  }
  return seen.size;
}

interface Hit {
  rule: TextRule;
  index: number;
  text: string;
}

/** Every rule's hits, in text order. */
function ruleHits(t: Text, rules: readonly TextRule[]): Hit[] {
  const hits = rules.flatMap((r) => (r.tail === undefined ? patternHits(t, r) : commandHits(t, r)));
  return hits.sort((a, b) => a.index - b.index);
}

function patternHits(t: Text, r: TextRule): Hit[] {
  return [...t.text.matchAll(r.pattern)].map((m) => ({ rule: r, index: m.index, text: m[0] }));
}

/** The first command of each logical line whose arguments match the rule's tail. */
function commandHits(t: Text, r: TextRule): Hit[] {
  const hits: Hit[] = [];
  for (const [start, end] of t.logical) {
    const line = t.text.slice(start, end);
    const head = line.search(r.pattern);
    if (head === -1) continue;
    const rest = line.slice(head);
    if (r.tail!.test(rest)) hits.push({ rule: r, index: start + head, text: rest });
  }
  return hits;
}

function secrets(scan: Scan, t: Text, network: boolean): void {
  const seen = new Set<number>();
  for (const match of t.text.matchAll(SECRET_PATTERN)) {
    const at = place(t, match.index);
    if (seen.has(at.line)) continue;
    seen.add(at.line);
    const message = network
      ? "reads secrets in a file that also makes network calls"
      : "reads secrets (credentials, keys or tokens)";
    add(scan, "SECRET_ACCESS", network ? "high" : "medium", t.file, message, {
      ...at,
      excerpt: excerpt(match[0]),
    });
  }
}

function urls(scan: Scan, t: Text): void {
  const hosts = new Set<string>();
  for (const match of t.text.matchAll(URL_PATTERN)) {
    const host = hostOf(match[0]);
    if (host === undefined || hosts.has(host) || QUIET_HOST.test(host)) continue;
    hosts.add(host);
    // Paste and webhook services are reported as DATA_EXFILTRATION instead.
    if (KNOWN_HOST_PATTERN.test(match[0])) continue;
    add(scan, "URL", "low", t.file, `talks to ${host}`, {
      ...place(t, match.index),
      excerpt: excerpt(match[0]),
    });
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

function hiddenText(scan: Scan, t: Text): void {
  for (const match of t.text.matchAll(HIDDEN_PATTERN)) {
    if (isBenignHidden(t.text, match.index, match[0])) continue;
    const at = place(t, match.index);
    const lineStart = t.starts[at.line - 1]!;
    const lineEnd = t.text.indexOf("\n", match.index);
    const from = Math.max(lineStart, match.index - 30);
    const to = Math.min(
      lineEnd === -1 ? t.text.length : lineEnd,
      match.index + match[0].length + 30,
    );
    const count = [...match[0]].length;
    add(
      scan,
      "HIDDEN_TEXT",
      "high",
      t.file,
      `${count} invisible character${count === 1 ? "" : "s"}`,
      {
        ...at,
        excerpt: excerpt(t.text.slice(from, to)),
      },
    );
  }
}

/** Invisible characters that belong to the writing: emoji sequences and joining scripts. */
function isBenignHidden(text: string, index: number, run: string): boolean {
  const before = text.slice(Math.max(0, index - 2), index);
  if (EMOJI_TAG_SEQUENCE.test(run)) return before.endsWith("\u{1F3F4}");
  if (run !== "\u200C" && run !== "\u200D") return false;
  const after = String.fromCodePoint(text.codePointAt(index + 1) ?? 0);
  return JOINING_SCRIPT.test(before) && JOINING_SCRIPT.test(after);
}

function htmlComments(scan: Scan, t: Text): void {
  const fenced = fencedRanges(t);
  for (const match of t.text.matchAll(HTML_COMMENT)) {
    // Inside a code block the comment is shown to readers, so it hides nothing.
    if (fenced.some(([start, end]) => match.index >= start && match.index < end)) continue;
    const content = match[1] ?? "";
    const injected = ruleHits(toText(t.file, content), HIDDEN_ORDERS).length > 0;
    add(
      scan,
      "HTML_COMMENT",
      injected ? "high" : "medium",
      t.file,
      injected
        ? "HTML comment, hidden from readers, holds instructions for the agent"
        : "HTML comment, hidden from readers but read by agents",
      { ...place(t, match.index), excerpt: excerpt(match[0]) },
    );
  }
}

/** Offsets [start, end) of fenced code blocks; an unclosed fence runs to the end, as in CommonMark. */
function fencedRanges(t: Text): [number, number][] {
  const ranges: [number, number][] = [];
  let open: { marker: string; start: number } | undefined;
  t.starts.forEach((start, index) => {
    const end = t.starts[index + 1] ?? t.text.length + 1;
    const fence = FENCE.exec(t.text.slice(start, end - 1).replace(/\r$/, ""));
    if (fence === null) return;
    if (open === undefined) open = { marker: fence[1]!, start };
    else if (fence[1]!.startsWith(open.marker) && fence[2]!.trim() === "") {
      ranges.push([open.start, end]);
      open = undefined;
    }
  });
  if (open !== undefined) ranges.push([open.start, t.text.length]);
  return ranges;
}

function shellInterpolation(scan: Scan, t: Text): void {
  const { body, bodyLine } = parseSkill(t.text);
  for (const found of findCommands(body, { lineOffset: bodyLine - 1 })) {
    const message =
      found.kind === "inline"
        ? "inline command runs when the skill is activated"
        : "command block runs when the skill is activated";
    add(scan, "SHELL_INTERPOLATION", "medium", t.file, message, {
      line: found.line,
      column: found.column,
      excerpt: excerpt(found.command),
    });
  }
}

// --- Excerpts ------------------------------------------------------------------------------------

/** Makes hidden characters, controls and escapes visible as <U+XXXX>, so a terminal shows them. */
function visible(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    const hidden = control || HIDDEN_CHAR.test(char);
    out += hidden ? `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>` : char;
  }
  return out;
}

function excerpt(text: string): string {
  const flat = visible(
    text
      .replace(/[\t\r\n]+/g, " ")
      .replace(/ {2,}/g, " ")
      .trim(),
  );
  return flat.length <= EXCERPT_MAX ? flat : `${flat.slice(0, EXCERPT_MAX - 1)}…`;
}
