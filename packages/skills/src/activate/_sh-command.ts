// The simple command the sh lexer is reading: its words, reserved words, case clauses and `[[ … ]]`,
// and, once it ends, what each placeholder in it is to the program that gets it.
import { EXPANSION, SKILL_PATH, worst, type Site, type Word } from "./_sh-types.js";
import { wordUses } from "./_sh-words.js";

interface LexWord extends Word {
  /** Set once a quoted or expanded character ends the word's unquoted lead. */
  leadDone: boolean;
}

type CaseStage = "subject" | "in" | "pattern" | "body";

/** One frame of the lexer's stack: a command list, double quotes, a `${…}`, or arithmetic. */
export type Frame =
  | { kind: "cmd"; close: string; cmd: Command }
  | { kind: "double" }
  | { kind: "param"; stage: "name" | "op" | "word"; pattern: boolean; inDouble: boolean }
  | { kind: "arith"; close: "))" | "]" | "}"; depth: number };

/** Shared by the commands of one lexer: set when the text read so far does not make sense to sh. */
export interface Doubt {
  uncertain: boolean;
}

/** Reserved words that begin or end a compound command: the simple command starts after them. */
const RESET = new Set(["if", "then", "else", "elif", "fi", "do", "done", "while", "until"]);
["!", "{", "}"].forEach((word) => RESET.add(word));

/** The simple command being read in one command list (the text, a `$( … )`, a subshell). */
export class Command {
  words: LexWord[] = [];
  word: LexWord | undefined;
  /** Inside `[[ … ]]`, where `&&`, `(` and `<` are words. */
  cond = false;
  /** The next word is a redirection's target, not an argument. */
  redirect = false;
  private sites: { site: Site; word: LexWord; prefix: string }[] = [];
  /** Placeholders of command substitutions (`$( … )`, backticks) whose output is part of a word. */
  private nested: { sites: Site[]; word: LexWord }[] = [];
  /** Words to drop (the name after `function`). */
  private skip = 0;
  private readonly cases: CaseStage[] = [];

  /**
   * `data`: the elements of an array literal `a=( … )`, never a command. `outer`: for the commands
   * of a `$( … )`, the command and word their output becomes part of.
   */
  constructor(
    private readonly doubt: Doubt,
    private readonly data = false,
    private readonly outer?: { cmd: Command; word: LexWord },
  ) {}

  /** Where the output of a command substitution starting now lands: this command's current word. */
  here(): { cmd: Command; word: LexWord } {
    return { cmd: this, word: this.current() };
  }

  /**
   * Placeholders of a substitution whose output is part of `word`: when this command ends, they are
   * at least as dangerous as that word (a value printed into `sh -c "$(…)"` is program text).
   */
  nest(sites: Site[], word: LexWord = this.current()): void {
    if (sites.length > 0) this.nested.push({ sites, word });
  }

  current(): LexWord {
    return (this.word ??= { text: "", lead: "", split: false, leadDone: false });
  }

  /** Adds characters to the current word; unquoted glob characters may make several words. */
  append(chars: string, quoted: boolean): void {
    const word = this.current();
    word.text += chars;
    if (quoted) word.leadDone = true;
    else if (!word.leadDone) word.lead += chars;
    if (!quoted && /[*?[]/.test(chars)) word.split = true;
  }

  /** Adds an expansion to the current word; `split` when sh splits and globs its result. */
  expand(split: boolean): void {
    const word = this.current();
    word.text += EXPANSION;
    word.leadDone = true;
    if (split) word.split = true;
  }

  /** Adds a bound placeholder (one word, quoted) to the current word; its use is decided at the end. */
  place(site: Site, dir: boolean): void {
    const word = this.current();
    this.sites.push({ site, word, prefix: word.text });
    word.text += dir ? SKILL_PATH : EXPANSION;
    word.leadDone = true;
  }

  /** Whether the words are a case item's patterns, where `|` separates and `)` ends them. */
  inPatterns(): boolean {
    return this.cases.at(-1) === "pattern";
  }

  /** `)` after patterns: the item's commands follow. */
  endPatterns(): void {
    this.endWord();
    this.cases[this.cases.length - 1] = "body";
  }

  /** `;;`, `;&` or `;;&`: the case item ends and patterns come next. */
  endItem(): void {
    this.end();
    if (this.cases.at(-1) === "body") this.cases[this.cases.length - 1] = "pattern";
    else this.doubt.uncertain = true;
  }

  /** Drops the current word if it is the file descriptor of a redirection (`2>`, bash's `{fd}>`). */
  dropDescriptor(): void {
    const word = this.word;
    if (word?.lead === word?.text && /^(?:[0-9]+|\{[A-Za-z_]\w*\})$/.test(word?.text ?? ""))
      this.word = undefined;
  }

  endWord(): void {
    const word = this.word;
    if (word === undefined) return;
    this.word = undefined;
    if (this.redirect) return void (this.redirect = false);
    const keyword = word.lead === word.text ? word.text : undefined;
    const last = this.cases.length - 1;
    const stage = this.cases[last];
    if (stage === "subject") return void (this.cases[last] = "in");
    if (stage === "in") {
      if (keyword !== "in") this.doubt.uncertain = true;
      return void (this.cases[last] = "pattern");
    }
    if (stage === "pattern") return void (keyword === "esac" && this.cases.pop());
    if (this.words.length === 0 && keyword !== undefined && !this.data && this.skip === 0) {
      if (keyword === "case") return void this.cases.push("subject");
      if (keyword === "esac")
        return void (stage === "body" ? this.cases.pop() : (this.doubt.uncertain = true));
      if (RESET.has(keyword)) return;
      if (keyword === "function") return void (this.skip = 1);
      if (keyword === "[[") this.cond = true;
    }
    if (this.skip > 0) return void this.skip--;
    if (this.cond && keyword === "]]") this.cond = false;
    this.words.push(word);
  }

  /** Ends the simple command: decides the use of every placeholder in it. */
  end(): void {
    this.endWord();
    if (this.sites.length > 0 || this.nested.length > 0) {
      const indexes = new Map(this.words.map((word, index) => [word, index]));
      const useAt = wordUses(this.words);
      for (const { site, word, prefix } of this.sites) {
        const index = indexes.get(word);
        site.use = this.data || index === undefined ? "data" : useAt(index, prefix);
      }
      for (const { sites, word } of this.nested) {
        const index = indexes.get(word);
        const outer = this.data || index === undefined ? "data" : useAt(index, "");
        for (const site of sites) if (site.use !== "heredoc") site.use = worst([site.use, outer]);
      }
      this.outer?.cmd.nest(
        this.sites.map((s) => s.site).concat(this.nested.flatMap((n) => n.sites)),
        this.outer.word,
      );
    }
    this.words = [];
    this.sites = [];
    this.nested = [];
    this.cond = false;
    this.redirect = false;
    this.skip = 0;
  }
}
