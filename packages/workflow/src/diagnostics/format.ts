// Formats located problems for people: `file:line:column code message` plus a caret excerpt.
import { lineStarts } from "./source-map.js";

/** Anything with a message and, optionally, a code and a 1-based location. */
export interface Locatable {
  message: string;
  code?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
}

/** Widest excerpt shown, in characters: a minified or generated line can be megabytes long. */
const EXCERPT_WIDTH = 160;

/** Line starts of the source formatted last: problems of one file are formatted one after another. */
let lastIndex: { source: string; starts: number[] } | undefined;

/**
 * Line `line` (1-based) of `source`, without its line terminator (LF or CR LF). The line starts are
 * computed once per source, not by splitting the whole source for every problem (which made the
 * problems of a large file quadratic).
 */
function lineOf(source: string, line: number): string | undefined {
  if (!Number.isInteger(line) || line < 1) return undefined;
  if (lastIndex?.source !== source) lastIndex = { source, starts: lineStarts(source) };
  const start = lastIndex.starts[line - 1];
  if (start === undefined) return undefined;
  const end = lastIndex.starts[line] ?? source.length + 1;
  const text = source.slice(start, end - 1);
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

/** At most EXCERPT_WIDTH characters of `text` around `index`, with `…` where it was cut. */
function excerpt(text: string, index: number): { text: string; index: number } {
  if (text.length <= EXCERPT_WIDTH) return { text, index };
  const from = Math.max(0, Math.min(index - EXCERPT_WIDTH / 2, text.length - EXCERPT_WIDTH));
  const to = from + EXCERPT_WIDTH;
  const head = from > 0 ? "…" : "";
  const tail = to < text.length ? "…" : "";
  return { text: head + text.slice(from, to) + tail, index: index - from + head.length };
}

/** One problem as `file:line:column code message`, followed by the source line and a caret when known. */
export function formatDiagnostic(problem: Locatable, source: string, file = "<input>"): string {
  const where =
    problem.line === undefined ? file : `${file}:${problem.line}:${problem.column ?? 1}`;
  const head = `${where} ${problem.code ? `${problem.code} ` : ""}${problem.message}`;
  if (problem.line === undefined) return head;
  const line = lineOf(source, problem.line);
  if (line === undefined) return head;
  const shown = excerpt(line.replace(/\t/g, " "), Math.max(0, (problem.column ?? 1) - 1));
  const gutter = `${problem.line} | `;
  const caret = " ".repeat(gutter.length + shown.index) + "^";
  return `${head}\n${gutter}${shown.text}\n${caret}`;
}
