// The `$` forms of the sh lexer: `${…}`, `$(…)`, `$((…))`, `$'…'`, parameters, and backquotes.
import type { Command, Frame } from "./_sh-command.js";
import { unescapeBackticks } from "./_sh-scan.js";
import type { Mark, Site } from "./_sh-types.js";

/** What the expansion readers need of the lexer. */
export interface Lexing {
  readonly text: string;
  readonly marks: ReadonlyMap<number, Mark>;
  readonly sites: Site[];
  readonly stack: readonly Frame[];
  i: number;
  uncertain: boolean;
  /** The nearest command, or undefined inside arithmetic (whose text is no word). */
  command(): Command | undefined;
  newCommand(data?: boolean, outer?: ReturnType<Command["here"]>): Command;
  push(frame: Frame): void;
  pop(): void;
  /** Records the placeholders in `[from, to)` as literal text. */
  literal(from: number, to: number): void;
  /** Reads a single-quoted string at `i`. */
  single(): void;
  /** Lexes a backquoted command's text as a command list of its own. */
  sublex(text: string, marks: ReadonlyMap<number, Mark>): { sites: Site[]; uncertain: boolean };
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const PARAMETER = /(?:[#!](?=[A-Za-z0-9_@*#?$!-]))?(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/y;

function top(lx: Lexing): Frame {
  return lx.stack[lx.stack.length - 1]!;
}

/** Whether an expansion here is unquoted, so sh splits and globs it. */
function unquoted(frame: Frame): boolean {
  return frame.kind === "cmd" || (frame.kind === "param" && !frame.inDouble);
}

/** Adds characters to the current word (none inside arithmetic). */
export function append(lx: Lexing, chars: string, quoted: boolean): void {
  lx.command()?.append(chars, quoted);
}

/** Adds an expansion to the current word. */
export function expansion(lx: Lexing): void {
  lx.command()?.expand(unquoted(top(lx)));
}

/** `$…` at `i`: an expansion (its frame pushed), or a literal `$`. */
export function dollar(lx: Lexing): void {
  const [t, i] = [lx.text, lx.i];
  const next = t[i + 1] ?? "";
  const frame = top(lx);
  const inDouble = frame.kind === "double";
  if (next === "'" && !inDouble) return ansi(lx);
  if (next === '"' && !inDouble) return void lx.i++; // bash's $"…" is a double-quoted string
  const quoted = inDouble || (frame.kind === "param" && frame.inDouble);
  const opens: [string, () => Frame, number][] = [
    ["((", () => ({ kind: "arith", close: "))", depth: 0 }), 3],
    ["(", () => ({ kind: "cmd", close: ")", cmd: lx.newCommand(false, lx.command()?.here()) }), 2],
    ["[", () => ({ kind: "arith", close: "]", depth: 0 }), 2],
    ["{", () => ({ kind: "param", stage: "name", pattern: false, inDouble: quoted }), 2],
  ];
  const open = opens.find(([prefix]) => t.startsWith(prefix, i + 1));
  NAME.lastIndex = i + 1;
  const name = NAME.exec(t);
  if (open === undefined && name === null && !/^[@*#?$!0-9-]$/.test(next)) {
    append(lx, "$", inDouble);
    return void lx.i++;
  }
  expansion(lx);
  if (open !== undefined) lx.push(open[1]());
  // `$$0` is sh's `$$` then a literal 0, not the placeholder `$0`.
  if (open === undefined && name === null) lx.literal(i + 1, i + 2);
  lx.i += open?.[2] ?? (name === null ? 2 : 1 + name[0].length);
}

/** bash's `$'…'` (dash reads `$` and a single-quoted string): literal either way. */
function ansi(lx: Lexing): void {
  const t = lx.text;
  let j = lx.i + 2;
  while (j < t.length && t[j] !== "'") {
    // `\'` ends dash's string but not bash's: the two shells disagree on what follows.
    if (t[j] === "\\" && t[j + 1] === "'") lx.uncertain = true;
    j += t[j] === "\\" ? 2 : 1;
  }
  if (j >= t.length) lx.uncertain = true;
  lx.literal(lx.i, j);
  append(lx, t.slice(lx.i + 2, j), true);
  lx.i = j + 1;
}

/** One step inside `${…}`: its name, its operator, then its word up to `}`. */
export function param(lx: Lexing, frame: Extract<Frame, { kind: "param" }>): void {
  const c = lx.text[lx.i]!;
  if (frame.stage === "name") {
    PARAMETER.lastIndex = lx.i;
    const name = PARAMETER.exec(lx.text);
    if (name === null) lx.uncertain = true;
    frame.stage = "op";
    return void (lx.i += name?.[0].length ?? 1);
  }
  if (c === "}") {
    lx.pop();
    return void lx.i++;
  }
  if (frame.stage === "op") return operator(lx, frame, c);
  if (c === '"') {
    lx.push({ kind: "double" });
    lx.i++;
  } else if (c === "'" && frame.inDouble && !frame.pattern) {
    append(lx, "'", true); // inside "${x:-…}", a single quote is an ordinary character
    lx.i++;
  } else if (c === "'") lx.single();
  else if (c === "\\") {
    lx.literal(lx.i + 1, lx.i + 2);
    append(lx, lx.text[lx.i + 1] ?? "", true);
    lx.i += 2;
  } else if (c === "$") dollar(lx);
  else if (c === "`") backtick(lx, frame.inDouble);
  else {
    append(lx, c, frame.inDouble);
    lx.i++;
  }
}

/** The operator after `${name`: a word follows, or a subscript or offsets (arithmetic). */
function operator(lx: Lexing, frame: Extract<Frame, { kind: "param" }>, c: string): void {
  const next = lx.text[lx.i + 1] ?? "";
  frame.stage = "word";
  if (c === "[") {
    frame.stage = "op";
    lx.push({ kind: "arith", close: "]", depth: 0 });
    return void lx.i++;
  }
  if (c === ":" && !"-=?+".includes(next)) {
    lx.push({ kind: "arith", close: "}", depth: 0 });
    return void lx.i++;
  }
  const value = c === ":" ? 2 : "-=?+@".includes(c) ? 1 : 0;
  if (value > 0) return void (lx.i += value);
  if (!"#%/^,".includes(c)) lx.uncertain = true;
  frame.pattern = true;
  lx.i += next === c || (c === "/" && "#%".includes(next)) ? 2 : 1;
}

/** One step of arithmetic (`$(( ))`, `(( ))`, `$[ ]`, a subscript, `${x:offset}`). */
export function arithmetic(lx: Lexing, frame: Extract<Frame, { kind: "arith" }>): void {
  const c = lx.text[lx.i]!;
  const [open, close] = frame.close === "]" ? ["[", "]"] : ["(", ")"];
  if (c === open) frame.depth++;
  else if (c === close && frame.depth > 0) frame.depth--;
  else if (c === close || (c === "}" && frame.close === "}")) {
    const ends = frame.close === "}" ? c === "}" : frame.close === "]" || lx.text[lx.i + 1] === ")";
    if (!ends) lx.uncertain = true;
    lx.pop();
    // `}` also ends the `${…}` around the offsets; that frame consumes it.
    if (c !== "}") lx.i += frame.close === "))" && ends ? 2 : 1;
    return;
  }
  if (c === "$") return dollar(lx);
  if (c === '"') lx.push({ kind: "double" });
  else if (c === "'") return lx.single();
  else if (c === "`") return backtick(lx, false);
  else if (c === "\\") lx.i++;
  lx.i++;
}

/** `` `…` ``: its text, un-escaped as sh does, is lexed as a command list of its own. */
export function backtick(lx: Lexing, inDouble: boolean): void {
  const inner = unescapeBackticks(lx.text, lx.i, inDouble);
  if (inner.uncertain) lx.uncertain = true;
  const marks = new Map<number, Mark>();
  for (let k = 0; k < inner.content.length; k++) {
    const mark = lx.marks.get(inner.origin[k]!);
    if (mark === undefined) continue;
    const whole = Array.from({ length: mark.length }, (_, d) => inner.origin[k + d]);
    if (whole.every((at, d) => at === inner.origin[k]! + d)) marks.set(k, mark);
    else lx.uncertain = true;
  }
  const lexed = lx.sublex(inner.content, marks);
  if (lexed.uncertain) lx.uncertain = true;
  const sites = lexed.sites.map((site) => {
    // `\$0` inside backticks is `$0` to the inner shell, but the reference would be escaped.
    if (inner.escaped.has(site.offset) && site.context !== "literal") lx.uncertain = true;
    return { ...site, offset: inner.origin[site.offset]! };
  });
  lx.sites.push(...sites);
  expansion(lx);
  // The output becomes part of this word: its placeholders are as dangerous as the word.
  lx.command()?.nest(sites);
  lx.i = inner.end;
}
