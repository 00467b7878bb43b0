// Text checks of one decoded file: rules, secrets, URLs, hidden text, HTML comments, shell commands.
import { findCommands } from "../activate/_find.js";
import { parseSkill } from "../document/parse.js";
import { add, excerpt, type Scan } from "./_scan-findings.js";
import {
  EMOJI_TAG_SEQUENCE,
  FENCE,
  HIDDEN_ORDERS,
  HIDDEN_PATTERN,
  HTML_COMMENT,
  INJECTION_RULES,
  JOINING_SCRIPT,
  KNOWN_HOST_PATTERN,
  MARKDOWN,
  NETWORK_PATTERN,
  OUTBOUND_RULES,
  QUIET_HOST,
  SECRET_PATTERN,
  URL_PATTERN,
  type TextRule,
} from "./_scan-rules.js";

/** A text being scanned, with its line starts to turn offsets into places. */
interface Text {
  file: string;
  text: string;
  starts: number[];
  /** Offsets [start, end) of lines joined across backslash continuations, as a shell reads them. */
  logical: [number, number][];
}

/** Runs every text check on the decoded contents of the file `rel`. */
export function scanText(scan: Scan, rel: string, text: string): void {
  const t = toText(rel, text);
  hiddenText(scan, t);
  const outbound = matchRules(scan, t, OUTBOUND_RULES);
  matchRules(scan, t, INJECTION_RULES);
  secrets(scan, t, outbound > 0 || NETWORK_PATTERN.test(text));
  urls(scan, t);
  if (MARKDOWN.test(rel)) htmlComments(scan, t);
  if (rel === "SKILL.md") shellInterpolation(scan, t);
}

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
export function isBenignHidden(text: string, index: number, run: string): boolean {
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
