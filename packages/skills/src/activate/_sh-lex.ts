// A small sh lexer that places each placeholder: quoted, literal, arithmetic or in a here-document, and
// in which word of which simple command. When it cannot tell, it says so (`uncertain`).
import { Command, type Frame } from "./_sh-command.js";
import {
  append,
  arithmetic,
  backtick,
  dollar,
  expansion,
  param,
  type Lexing,
} from "./_sh-expand.js";
import { heredocBody, readDelimiter, type Heredoc } from "./_sh-scan.js";
import type { Mark, Site } from "./_sh-types.js";

/** Places every marked placeholder of `text`; `uncertain` when sh might read it otherwise. */
export function lexPlaceholders(
  text: string,
  marks: ReadonlyMap<number, Mark>,
): { sites: Site[]; uncertain: boolean } {
  const lexer = new Lexer(text, marks).run();
  return { sites: lexer.sites, uncertain: lexer.uncertain };
}

type CommandFrame = Extract<Frame, { kind: "cmd" }>;

const MAX_DEPTH = 256;

class Lexer implements Lexing {
  readonly sites: Site[] = [];
  readonly stack: Frame[];
  uncertain = false;
  i = 0;
  private heredocs: Heredoc[] = [];

  constructor(
    readonly text: string,
    readonly marks: ReadonlyMap<number, Mark>,
  ) {
    const cmd = this.newCommand();
    this.stack = [{ kind: "cmd", close: "", cmd }];
    this.owners.push(cmd);
  }

  run(): this {
    while (this.i < this.text.length) {
      const mark = this.marks.get(this.i);
      const top = this.stack[this.stack.length - 1]!;
      if (mark !== undefined) this.placeholder(mark, top);
      else if (top.kind === "cmd") this.commandStep(top);
      else if (top.kind === "double") this.double();
      else if (top.kind === "param") param(this, top);
      else arithmetic(this, top);
    }
    if (this.stack.length > 1) this.uncertain = true;
    for (const frame of [...this.stack].reverse()) if (frame.kind === "cmd") frame.cmd.end();
    if (this.uncertain)
      for (const site of this.sites) if (site.context !== "literal") site.use = "uncertain";
    return this;
  }

  newCommand(data = false, outer?: ReturnType<Command["here"]>): Command {
    return new Command(this, data, outer);
  }

  /** The nearest command of each frame (undefined inside arithmetic), kept beside the stack. */
  private readonly owners: (Command | undefined)[] = [];

  command(): Command | undefined {
    return this.owners[this.owners.length - 1];
  }

  push(frame: Frame): void {
    // Deeper nesting than any real command: give up (every placeholder is refused) in bounded memory.
    if (this.stack.length >= MAX_DEPTH) {
      this.uncertain = true;
      this.i = this.text.length;
    }
    this.stack.push(frame);
    const inherited = frame.kind === "arith" ? undefined : this.command();
    this.owners.push(frame.kind === "cmd" ? frame.cmd : inherited);
  }

  pop(): void {
    this.stack.pop();
    this.owners.pop();
  }

  sublex(text: string, marks: ReadonlyMap<number, Mark>) {
    return lexPlaceholders(text, marks);
  }

  literal(from: number, to: number): void {
    for (let k = from; k < Math.min(to, this.text.length); k++) {
      const mark = this.marks.get(k);
      if (mark !== undefined)
        this.sites.push({ offset: k, length: mark.length, context: "literal", use: "data" });
    }
  }

  single(): void {
    const end = this.text.indexOf("'", this.i + 1);
    if (end === -1) this.uncertain = true;
    const stop = end === -1 ? this.text.length : end;
    this.literal(this.i + 1, stop);
    append(this, this.text.slice(this.i + 1, stop), true);
    this.i = stop + 1;
  }

  private placeholder(mark: Mark, top: Frame): void {
    const site: Site = { offset: this.i, length: mark.length, context: "plain", use: "data" };
    this.sites.push(site);
    this.i += mark.length;
    const cmd = this.command();
    if (cmd === undefined) {
      site.context = "arith";
      site.use = "arithmetic";
    } else if (top.kind === "param" && top.stage !== "word") this.uncertain = true;
    else {
      if (top.kind === "double") site.context = "double";
      if (top.kind === "param") site.context = top.inDouble ? "param-double" : "param";
      cmd.place(site, mark.dir);
    }
  }

  private commandStep(frame: CommandFrame): void {
    const cmd = frame.cmd;
    const c = this.text[this.i]!;
    const next = this.text[this.i + 1];
    if (cmd.cond && "&|()<>".includes(c)) return this.condition(cmd, c, next);
    if (c === " " || c === "\t") {
      cmd.endWord();
      this.i++;
    } else if (c === "\n") {
      if (cmd.cond) cmd.endWord();
      else cmd.end();
      this.i++;
      this.readHeredocs();
    } else if (c === "#" && cmd.word === undefined) {
      const end = this.text.indexOf("\n", this.i);
      const stop = end === -1 ? this.text.length : end;
      this.literal(this.i, stop);
      this.i = stop;
    } else if (c === "'") this.single();
    else if (c === '"') {
      cmd.current().leadDone = true;
      this.push({ kind: "double" });
      this.i++;
    } else if (c === "\\") this.escape(cmd, next);
    else if (c === "$") dollar(this);
    else if (c === "`") backtick(this, false);
    else if (c === ";") this.semicolon(cmd, next);
    else if (c === "&" && next === ">") {
      this.i++;
      this.redirect(cmd);
    } else if (c === "&" || c === "|") this.separator(cmd, c, next);
    else if (c === "(") this.openParen(cmd);
    else if (c === ")") this.closeParen(frame);
    else if (c === "<" || c === ">") this.redirect(cmd);
    else {
      cmd.append(c, false);
      this.i++;
    }
  }

  /** `&&`, `||`, `(`, `)`, `<` and `>` are words of `[[ … ]]`. */
  private condition(cmd: Command, c: string, next: string | undefined): void {
    cmd.endWord();
    const operator = (c === "&" || c === "|") && next === c ? c + c : c;
    if (operator === "&" || operator === "|") this.uncertain = true;
    cmd.append(operator, false);
    cmd.endWord();
    this.i += operator.length;
  }

  /** `&`, `&&`, `|`, `||`, `|&` end a simple command; in case patterns, `|` separates them. */
  private separator(cmd: Command, c: string, next: string | undefined): void {
    cmd.endWord();
    if (c === "|" && cmd.inPatterns()) return void this.i++;
    cmd.end();
    this.i += next === c || (c === "|" && next === "&") ? 2 : 1;
  }

  private semicolon(cmd: Command, next: string | undefined): void {
    if (next !== ";" && next !== "&") {
      cmd.end();
      return void this.i++;
    }
    cmd.endItem();
    this.i += next === ";" && this.text[this.i + 2] === "&" ? 3 : 2;
  }

  private escape(cmd: Command, next: string | undefined): void {
    if (next === "\n") return void (this.i += 2);
    if (next === undefined) {
      cmd.append("\\", false);
      return void this.i++;
    }
    this.literal(this.i + 1, this.i + 2);
    cmd.append(next, true);
    this.i += 2;
  }

  private openParen(cmd: Command): void {
    const word = cmd.word;
    if (word !== undefined && !word.leadDone && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(word.text)) {
      this.push({ kind: "cmd", close: ")", cmd: this.newCommand(true) });
      return void this.i++;
    }
    if (cmd.inPatterns() && word === undefined) return void this.i++;
    cmd.endWord();
    if (cmd.words.length > 0) {
      // `name ( )`: a function definition; its body is a compound command.
      const close = /^[ \t]*\)/.exec(this.text.slice(this.i + 1, this.i + 100));
      if (close === null) this.uncertain = true;
      cmd.words = [];
      cmd.end();
      return void (this.i += 1 + (close?.[0].length ?? 0));
    }
    const arith = this.text[this.i + 1] === "(";
    this.push(
      arith
        ? { kind: "arith", close: "))", depth: 0 }
        : { kind: "cmd", close: ")", cmd: this.newCommand() },
    );
    this.i += arith ? 2 : 1;
  }

  private closeParen(frame: CommandFrame): void {
    this.i++;
    frame.cmd.endWord(); // `esac` may end the case before this `)`
    if (frame.cmd.inPatterns()) return frame.cmd.endPatterns();
    frame.cmd.end();
    if (frame.close === ")") this.pop();
    else this.uncertain = true;
  }

  private redirect(cmd: Command): void {
    cmd.dropDescriptor();
    cmd.endWord();
    const [c, next, third] = [this.text[this.i], this.text[this.i + 1], this.text[this.i + 2]];
    if (c === "<" && next === "<" && third !== "<") {
      const heredoc = readDelimiter(this.text, this.i + 2, this.stack.length);
      this.literal(this.i, heredoc.end);
      if (heredoc.uncertain) this.uncertain = true;
      this.heredocs.push(heredoc);
      return void (this.i = heredoc.end);
    }
    if (next === "(") {
      // Process substitution, `<( … )`: one word naming a pipe.
      expansion(this);
      this.push({ kind: "cmd", close: ")", cmd: this.newCommand() });
      return void (this.i += 2);
    }
    const long = next === ">" || next === "&" || next === "|" || (c === "<" && next === "<");
    this.i += long ? (third === "<" ? 3 : 2) : 1;
    cmd.redirect = true;
  }

  /** After a newline: the bodies of the here-documents opened on the line just ended. */
  private readHeredocs(): void {
    const pending = this.heredocs;
    this.heredocs = [];
    for (const heredoc of pending) {
      if (heredoc.depth !== this.stack.length) this.uncertain = true;
      const body = heredocBody(this.text, this.i, heredoc, this.marks);
      this.sites.push(...body.sites);
      this.i = body.end;
    }
  }

  private double(): void {
    const c = this.text[this.i]!;
    const next = this.text[this.i + 1];
    if (c === '"') {
      this.pop();
      this.i++;
    } else if (c === "\\" && next !== undefined && '$`"\\\n'.includes(next)) {
      this.literal(this.i + 1, this.i + 2);
      if (next !== "\n") append(this, next, true);
      this.i += 2;
    } else if (c === "$") dollar(this);
    else if (c === "`") backtick(this, true);
    else {
      append(this, c, true);
      this.i++;
    }
  }
}
