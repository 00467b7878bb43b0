// Scanning helpers of the sh lexer: here-document delimiters and bodies, and backquoted commands.
import type { Mark, Site } from "./_sh-types.js";

/** A here-document whose body starts after the next newline. */
export interface Heredoc {
  delimiter: string;
  /** `<<-`: leading tabs are stripped from the body's lines and the delimiter line. */
  strip: boolean;
  /** Any quoting in the delimiter makes the body literal. */
  quoted: boolean;
  /** The lexer's stack depth where it was opened. */
  depth: number;
  /** Offset after the delimiter word. */
  end: number;
  uncertain: boolean;
}

const WORD_END = /[\s;&|<>()]/;

/** Reads the delimiter of a here-document; `start` is just after `<<`. */
export function readDelimiter(text: string, start: number, depth: number): Heredoc {
  let i = start;
  const strip = text[i] === "-";
  if (strip) i++;
  while (text[i] === " " || text[i] === "\t") i++;
  let delimiter = "";
  let quoted = false;
  let uncertain = false;
  while (i < text.length && !WORD_END.test(text[i]!)) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== c) end += c === '"' && text[end] === "\\" ? 2 : 1;
      if (end >= text.length) uncertain = true;
      const inner = text.slice(i + 1, end);
      delimiter += c === '"' ? inner.replace(/\\([$`"\\])/g, "$1") : inner;
      quoted = true;
      i = end + 1;
    } else if (c === "\\") {
      quoted = true;
      delimiter += text[i + 1] ?? "";
      i += 2;
    } else {
      delimiter += c;
      i++;
    }
  }
  if (delimiter === "" && !quoted) uncertain = true;
  return { delimiter, strip, quoted, depth, end: Math.min(i, text.length), uncertain };
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end === -1 ? text.length : end;
}

/** Whether the line ending at `end` ends in an odd number of backslashes (it continues). */
function continues(text: string, from: number, end: number): boolean {
  let count = 0;
  while (end - count - 1 >= from && text[end - count - 1] === "\\") count++;
  return count % 2 === 1;
}

/**
 * The body of `doc` from `start` up to its delimiter line (or the end of the text, as sh does):
 * placeholders in a quoted body are literal; in an unquoted one sh expands them into text that a
 * program reads, unless escaped (`\$0`). Line continuations join lines as sh joins them.
 */
export function heredocBody(
  text: string,
  start: number,
  doc: Heredoc,
  marks: ReadonlyMap<number, Mark>,
): { end: number; sites: Site[] } {
  const sites: Site[] = [];
  let pos = start;
  while (pos < text.length) {
    let end = lineEnd(text, pos);
    while (!doc.quoted && end < text.length && continues(text, pos, end))
      end = lineEnd(text, end + 1);
    let line = text.slice(pos, end);
    if (!doc.quoted) line = line.replace(/\\\n/g, "");
    if ((doc.strip ? line.replace(/^\t+/, "") : line) === doc.delimiter) {
      for (let k = pos; k < end; k++) {
        const mark = marks.get(k); // the delimiter line is not expanded
        if (mark !== undefined)
          sites.push({ offset: k, length: mark.length, context: "literal", use: "data" });
      }
      return { end: Math.min(end + 1, text.length), sites };
    }
    for (let k = pos; k < end;) {
      const escaped = !doc.quoted && text[k] === "\\" && "$`\\".includes(text[k + 1] ?? "");
      const at = escaped ? k + 1 : k;
      const mark = marks.get(at);
      if (mark !== undefined) {
        const literal = doc.quoted || escaped;
        sites.push({
          offset: at,
          length: mark.length,
          context: literal ? "literal" : "heredoc",
          use: literal ? "data" : "heredoc",
        });
      }
      k = escaped ? k + 2 : mark !== undefined ? k + mark.length : k + 1;
    }
    pos = end + 1;
  }
  return { end: text.length, sites };
}

/** The command inside backquotes starting at `start`, un-escaped as sh reads it. */
export interface Backquoted {
  content: string;
  /** The offset in the outer text of each character of `content` (and of the closing quote). */
  origin: number[];
  /** Indexes in `content` of characters that a backslash escaped in the outer text. */
  escaped: Set<number>;
  /** Offset after the closing backquote. */
  end: number;
  uncertain: boolean;
}

/** Reads `` `…` `` at `start`: `\$`, `` \` ``, `\\` (and `\"` inside double quotes) lose the backslash. */
export function unescapeBackticks(text: string, start: number, inDouble: boolean): Backquoted {
  let j = start + 1;
  let content = "";
  const origin: number[] = [];
  const escaped = new Set<number>();
  while (j < text.length && text[j] !== "`") {
    const next = text[j + 1];
    if (
      text[j] === "\\" &&
      next !== undefined &&
      ("$`\\".includes(next) || (inDouble && next === '"'))
    ) {
      escaped.add(content.length);
      content += next;
      origin.push(j + 1);
      j += 2;
    } else {
      content += text[j]!;
      origin.push(j);
      j++;
    }
  }
  origin.push(j);
  return {
    content,
    origin,
    escaped,
    end: Math.min(j + 1, text.length),
    uncertain: j >= text.length,
  };
}
