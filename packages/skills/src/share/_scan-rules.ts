// Scan rule tables: text patterns for injection, exfiltration, secrets, hidden text, and file-layout sets.
import { HIDDEN_CLASS } from "@skillflow/workflow";
import type { ScanCode, Severity } from "./_scan-types.js";

/**
 * A rule kept as data: a pattern searched in the text of every file. With `tail`, the pattern is a
 * command's name, reported when the rest of its logical line (continuations joined) matches `tail`.
 */
export interface TextRule {
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

// Injections name what they want undone; bare words like "system prompt" are common in honest
// prompt-engineering skills, so each pattern needs a verb or a framing around it.
/** Phrases that try to take over the agent: ignore, disregard or override its instructions. */
export const INJECTION_RULES: TextRule[] = [
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
/** Paste and webhook services that collect data, matched anywhere in a text. */
export const KNOWN_HOST_PATTERN = new RegExp(String.raw`\b(?:${KNOWN_HOST})`, "i");

// Commands are matched per logical line (head, then tail on the rest): one regex spanning
// "curl … -d" would rescan the line from every "curl" and go quadratic on hostile files.
const CURL = /\bcurl\b/;
const WGET_CURL = /\b(?:curl|wget)\b/;
const POWERSHELL_WEB = /\b(?:Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b/i;

/** Commands that send data out or run code downloaded from the network. */
export const OUTBOUND_RULES: TextRule[] = [
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

/** The rules that make a hidden HTML comment an attack: injections and outbound commands. */
export const HIDDEN_ORDERS = [...INJECTION_RULES, ...OUTBOUND_RULES];

/** Paths and variables that hold credentials, keys or tokens. */
export const SECRET_PATTERN =
  /(?<![\w.])\.ssh\b|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws\/credentials\b|(?<![\w.])\.env\b(?!\.(?:example|sample|template|dist)\b)|(?<![\w.])\.(?:netrc|git-credentials)\b|\.kube\/config\b|(?:\$\{?|\$env:|\benv\.|\benviron(?:\[|\.get\()\s*["']?|\bgetenv\(\s*["'])[A-Z0-9_]*(?:_TOKEN|_API_KEY|_SECRET(?:_ACCESS_KEY)?|_PASSWORD)\b/g;

/** Code that opens a network connection (a mere link does not count). */
export const NETWORK_PATTERN =
  /\b(?:curl|wget|Invoke-WebRequest|Invoke-RestMethod|ncat|netcat|telnet|scp|sftp|rsync|axios|urllib|httpx)\b|\bnc\s|\bfetch\s*\(|\brequests\.\w+\s*\(|\bhttps?\.request\b|\/dev\/(?:tcp|udp)\//i;

/** An http or https URL in running text. */
export const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`)\]}]+/gi;
/** Placeholder hosts that talk to no one: RFC 2606 names and the local machine. */
export const QUIET_HOST =
  /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost)$|^127\.0\.0\.1$|^\[::1\]$/i;

/** A run of invisible or direction-changing characters. */
export const HIDDEN_PATTERN = new RegExp(`${HIDDEN_CLASS}+`, "gu");
/** Text ending in a script or emoji where zero-width (non-)joiners are spelling, not hiding. */
export const JOINING_SCRIPT =
  /[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}\p{Extended_Pictographic}]$|(?:\uFE0F|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})$/u;
/** The tag characters of an emoji tag sequence (subdivision flags), ending in CANCEL TAG. */
export const EMOJI_TAG_SEQUENCE = /^[\u{E0020}-\u{E007E}]+\u{E007F}$/u;

/** An HTML comment, its content captured; an unclosed one runs to the end. */
export const HTML_COMMENT = /<!--([\s\S]*?)(?:-->|$)/g;
/** A Markdown code fence line: its marker and its info string. */
export const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** File names of Markdown documents. */
export const MARKDOWN = /\.(?:md|markdown|mdx)$/i;

/** File names of text an agent reads: documents, data and configuration. */
export const TEXT_FILE =
  /\.(?:md|markdown|mdx|txt|rst|json|jsonl|ya?ml|toml|ini|cfg|conf|csv|tsv|xml|html?|css|svg)$/i;

/** File extensions of scripts an agent may run. */
export const SCRIPT_EXTENSIONS = new Set([
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
/** Magic bytes of binary executables, with the kind each one names. */
export const MAGIC: { bytes: number[]; kind: string; binaryOnly?: boolean }[] = [
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: "ELF" },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], kind: "Mach-O" },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], kind: "Mach-O" },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], kind: "Mach-O" },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], kind: "Mach-O" },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], kind: "Mach-O universal (or Java class)" },
  // Plain text may start with "MZ"; only a file that is binary as well is a PE executable.
  { bytes: [0x4d, 0x5a], kind: "Windows (MZ)", binaryOnly: true },
];

/** Top-level files a skill usually has. */
export const USUAL_FILE = /^(?:SKILL\.md|(?:README|LICENSE|LICENCE|CHANGELOG)(?:[.-].*)?)$/i;
/** Top-level folders a skill usually has. */
export const USUAL_FOLDERS = new Set([
  "scripts",
  "references",
  "assets",
  "templates",
  "examples",
  "resources",
  "docs",
]);
/** Folders reported but never walked into. */
export const SKIPPED_FOLDERS = new Set([".git", "node_modules"]);

/** Tooling dotfiles that say how to handle the folder, not what the agent does: low, not medium. */
export const BENIGN_DOTFILES = new Set([
  ".gitignore",
  ".gitattributes",
  ".editorconfig",
  ".prettierrc",
  ".npmignore",
]);
