// Skill arguments: shell-style splitting, POSIX quoting and `$…` substitution into a skill body.

/** How `substituteArguments` fills placeholders. */
export interface SubstituteOptions {
  /** The argument string exactly as the user typed it. */
  raw: string;
  /** Names from the frontmatter `arguments`, in positional order (`named[i]` is argument `i`). */
  named?: readonly string[];
  /** The skill folder, substituted for `${SKILL_DIR}` and `${CLAUDE_SKILL_DIR}`. */
  skillDir: string;
  /** Applied to every substituted value; pass `shellQuote` for command text. */
  quote?: (value: string) => string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Characters that never need quoting; `=` and `~` are left out because sh gives them meaning. */
const SAFE_WORD = /^[A-Za-z0-9_@%+:,./-]+$/;

/** Splits `raw` like a POSIX shell would split words, without expansions; never throws. */
export function splitArguments(raw: string): string[] {
  const words: string[] = [];
  let word = "";
  // A quoted empty string ('' or "") is still a word, so emptiness alone cannot mark a word.
  let inWord = false;
  let i = 0;
  while (i < raw.length) {
    const char = raw[i]!;
    if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (char === "'") {
      const close = raw.indexOf("'", i + 1);
      const end = close === -1 ? raw.length : close;
      word += raw.slice(i + 1, end);
      i = end + 1;
    } else if (char === '"') {
      const [text, next] = readDoubleQuoted(raw, i + 1);
      word += text;
      i = next;
    } else if (char === "\\" && i + 1 < raw.length) {
      word += raw[i + 1]!;
      i += 2;
    } else {
      word += char;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Reads a double-quoted run starting after the opening quote; returns its text and the next index. */
function readDoubleQuoted(raw: string, start: number): [string, number] {
  let text = "";
  let i = start;
  while (i < raw.length) {
    const char = raw[i]!;
    if (char === '"') return [text, i + 1];
    const next = raw[i + 1];
    if (char === "\\" && (next === '"' || next === "\\")) {
      text += next;
      i += 2;
    } else {
      text += char;
      i++;
    }
  }
  return [text, i];
}

/**
 * Quotes `value` as one word for `sh -c`: safe words stay bare (so `"$0"` in a command still reads
 * well), anything else is single-quoted with `'\''` for embedded quotes, and `''` stands for empty.
 */
export function shellQuote(value: string): string {
  if (value === "") return "''";
  if (SAFE_WORD.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** What a placeholder stands for: the skill folder, the whole argument string, or argument `index`. */
export type Slot = { kind: "dir" } | { kind: "all" } | { kind: "index"; index: number };

/** The placeholders of one argument string: the regex that finds them and what each one holds. */
export interface Placeholders {
  /** Global regex over every placeholder form; the most specific alternative wins. */
  pattern: RegExp;
  /** The slot and value of one match of `pattern`. */
  resolve(match: RegExpMatchArray): { slot: Slot; value: string };
}

/** Compiles the placeholders of `options` once: split arguments, declared names, the regex. */
export function compilePlaceholders(options: SubstituteOptions): Placeholders {
  const args = splitArguments(options.raw);
  const names = declaredNames(options.named ?? []);
  return {
    pattern: placeholderPattern([...names.keys()]),
    resolve(match) {
      const [, dir, indexed, all, positional, name] = match;
      if (dir !== undefined) return { slot: { kind: "dir" }, value: options.skillDir };
      if (all !== undefined) return { slot: { kind: "all" }, value: options.raw.trim() };
      const index = Number(indexed ?? positional ?? names.get(name ?? "") ?? -1);
      return { slot: { kind: "index", index }, value: args[index] ?? "" };
    },
  };
}

/**
 * Replaces `$ARGUMENTS[N]`, `$N`, `$ARGUMENTS`, declared `$name`s and `${SKILL_DIR}` /
 * `${CLAUDE_SKILL_DIR}` in one pass, so substituted values are never scanned again. For prose;
 * commands get `bindArguments`, which never puts a value into shell text.
 */
export function substituteArguments(text: string, options: SubstituteOptions): string {
  const quote = options.quote ?? ((value: string) => value);
  return replacePlaceholders(text, compilePlaceholders(options), ({ value }) => quote(value));
}

/** `text` with each placeholder replaced by `replace(resolved, offset)`, in one pass. */
export function replacePlaceholders(
  text: string,
  placeholders: Placeholders,
  replace: (resolved: { slot: Slot; value: string }, offset: number) => string,
): string {
  let out = "";
  let cursor = 0;
  for (const match of text.matchAll(placeholders.pattern)) {
    out += text.slice(cursor, match.index) + replace(placeholders.resolve(match), match.index);
    cursor = match.index + match[0].length;
  }
  return out + text.slice(cursor);
}

/** Maps each usable declared name to its position; the first declaration of a name wins. */
function declaredNames(named: readonly string[]): Map<string, number> {
  const names = new Map<string, number>();
  named.forEach((name, index) => {
    if (IDENTIFIER.test(name) && !names.has(name)) names.set(name, index);
  });
  return names;
}

/** Builds the single placeholder regex; alternatives are ordered so the most specific form wins. */
function placeholderPattern(names: readonly string[]): RegExp {
  const boundary = "(?![A-Za-z0-9_])";
  const byLength = [...names].sort((a, b) => b.length - a.length);
  const alternatives = [
    String.raw`\$\{((?:CLAUDE_)?SKILL_DIR)\}`,
    String.raw`\$ARGUMENTS\[(\d+)\]`,
    String.raw`\$(ARGUMENTS)${boundary}`,
    String.raw`\$(\d+)`,
    byLength.length > 0 ? String.raw`\$(${byLength.join("|")})${boundary}` : "(?!)()",
  ];
  return new RegExp(alternatives.join("|"), "g");
}

/**
 * Claude Code's rule for bodies that ignore their input: when `body` never mentions `$ARGUMENTS`
 * and the trimmed `raw` is non-empty, the arguments are appended as `\n\nARGUMENTS: <raw>`, so the
 * model still sees them. Pass the body before substitution; the suffix must not be scanned for
 * commands, so append it after interpolation (`interpolate` does when given `arguments`).
 */
export function appendArgumentsIfUnused(body: string, raw: string): string {
  return body + unusedArgumentsSuffix(body, raw);
}

/** The text `appendArgumentsIfUnused` would append to `body`: `\n\nARGUMENTS: <raw>` or "". */
export function unusedArgumentsSuffix(body: string, raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === "" || body.includes("$ARGUMENTS")) return "";
  return `\n\nARGUMENTS: ${trimmed}`;
}
