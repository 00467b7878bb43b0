// Finds the commands of a skill body: inline !`cmd` spans and ```! blocks, with their places.

/** One command placeholder found in a skill body. */
export interface FoundCommand {
  kind: "inline" | "block";
  /** The shell text: the inline span's content, or the block's lines without the fences. */
  command: string;
  /** Offsets of the whole placeholder in the body (end exclusive). */
  start: number;
  end: number;
  /** 1-based line (plus `lineOffset`) and column of the `!` or of the opening fence. */
  line: number;
  column: number;
}

/** Options of `findCommands`. */
export interface FindOptions {
  /** Added to every line number, so a caller can report lines of the whole SKILL.md. */
  lineOffset?: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
// `!` at line start or after whitespace; the span cannot hold a backtick (use a ```! block instead).
const INLINE = /(^|[ \t])!`([^`\n]+)`/g;

/** Finds the commands of `body`; commands inside ordinary fenced code blocks are documentation. */
export function findCommands(body: string, options: FindOptions = {}): FoundCommand[] {
  const offset = options.lineOffset ?? 0;
  const lines = splitLines(body);
  const found: FoundCommand[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const fence = FENCE.exec(line.text);
    if (fence === null) {
      found.push(...inlineCommands(line, index + 1 + offset));
      index++;
      continue;
    }
    // Like CommonMark, an unclosed fence runs to the end of the body.
    const close = closingFence(lines, index, fence[1]!);
    if (fence[1]!.startsWith("`") && fence[2]!.trim() === "!") {
      found.push(blockCommand(lines, index, close, index + 1 + offset));
    }
    index = (close ?? lines.length) + 1;
  }
  return found;
}

interface Line {
  /** The line without its terminator (`\n` or `\r\n`). */
  text: string;
  start: number;
}

function splitLines(body: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of body.split("\n")) {
    lines.push({ text: raw.endsWith("\r") ? raw.slice(0, -1) : raw, start });
    start += raw.length + 1;
  }
  return lines;
}

/** The index of the line closing the fence opened at `open`, or undefined when it never closes. */
function closingFence(lines: readonly Line[], open: number, marker: string): number | undefined {
  for (let index = open + 1; index < lines.length; index++) {
    const match = FENCE.exec(lines[index]!.text);
    if (match?.[2]!.trim() === "" && match[1]!.startsWith(marker)) return index;
  }
  return undefined;
}

function inlineCommands(line: Line, lineNumber: number): FoundCommand[] {
  return [...line.text.matchAll(INLINE)].map((match) => {
    const bang = match.index + match[1]!.length;
    return {
      kind: "inline" as const,
      command: match[2]!,
      start: line.start + bang,
      end: line.start + match.index + match[0].length,
      line: lineNumber,
      column: bang + 1,
    };
  });
}

function blockCommand(
  lines: readonly Line[],
  open: number,
  close: number | undefined,
  line: number,
): FoundCommand {
  const opening = lines[open]!;
  const last = lines[close ?? lines.length - 1]!;
  const content = lines.slice(open + 1, close ?? lines.length);
  return {
    kind: "block",
    command: content.map((entry) => entry.text).join("\n"),
    // The placeholder spans whole lines (indentation included) but not the final line break.
    start: opening.start,
    end: last.start + last.text.length,
    line,
    column: opening.text.length - opening.text.trimStart().length + 1,
  };
}

/**
 * The 1-based line and column in the body of `offset` in `found.command`: an inline command starts
 * two columns after its `!`; a block's text starts on the line after its fence, at column 1.
 */
export function commandPlace(
  found: FoundCommand,
  offset: number,
): { line: number; column: number } {
  const before = found.command.slice(0, offset);
  const lines = before.split("\n");
  const column = lines[lines.length - 1]!.length + 1;
  if (found.kind === "inline") return { line: found.line, column: found.column + 1 + column };
  return { line: found.line + lines.length, column };
}
