// What each word of a simple command is to the program that gets it: data, program text, a name…
import { isOption, mark, optionEffect, programUses } from "./_sh-options.js";
import {
  ARITHMETIC_TESTS,
  DECLARATIONS,
  FIND_EXEC,
  NAME_AFTER_V,
  WRAPPERS,
  programSpec,
  type WrapperSpec,
} from "./_sh-programs.js";
import { EXPANSION, dynamic, type Use, type Word } from "./_sh-types.js";

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
const SUBSCRIPTED = /^[A-Za-z_][A-Za-z0-9_]*\[/;
const OPEN_SUBSCRIPT = /^[A-Za-z_][A-Za-z0-9_]*\[[^\]]*$/;

/** Whether `word` is a `NAME=value` (or `NAME[i]=value`) assignment. */
export function isAssignment(word: Word): boolean {
  return ASSIGNMENT.test(word.lead) || (SUBSCRIPTED.test(word.lead) && /\]\+?=/.test(word.text));
}

/** Words of a bash declaration (`declare NAME=value`), and whether `-i` makes values arithmetic. */
type Declarations = Map<number, boolean>;

/**
 * What each word of `words` is, computed once for the whole simple command: leading assignments
 * are skipped (a subscript in one is arithmetic), then wrappers, `find -exec`, bash's tests and
 * declarations, and the programs of `PROGRAMS` decide. The result gives the use of a placeholder
 * in `words[index]` whose word reads `prefix` before it.
 */
export function wordUses(words: readonly Word[]): (index: number, prefix: string) => Use {
  let start = 0;
  while (start < words.length && isAssignment(words[start]!)) start++;
  const uses: Use[] = new Array<Use>(words.length).fill("data");
  const declarations: Declarations = new Map();
  const ranges = [{ from: start, to: words.length }];
  for (let range = ranges.pop(); range !== undefined; range = ranges.pop())
    ranges.push(...commandUses(words, range, uses, declarations));
  return (index, prefix) => {
    if (index < start) return OPEN_SUBSCRIPT.test(prefix) ? "arithmetic" : "data";
    const integer = declarations.get(index);
    if (integer === undefined) return uses[index]!;
    return !prefix.includes("=") ? "name" : integer ? "arithmetic" : "data";
  };
}

/** The program's name: the static part after the last slash, or undefined when it is computed. */
function programName(word: Word): string | undefined {
  const name = word.text.slice(word.text.lastIndexOf("/") + 1);
  return name.includes(EXPANSION) ? undefined : name;
}

type Range = { from: number; to: number };

/** Records the uses of the command in `range`; returns the ranges of the commands it runs. */
function commandUses(words: readonly Word[], range: Range, uses: Use[], decl: Declarations) {
  const { from, to } = range;
  if (from >= to) return [];
  uses[from] = "command";
  const name = programName(words[from]!);
  const wrapper = name === undefined ? undefined : WRAPPERS.get(name);
  if (name === undefined) for (let i = from + 1; i < to; i++) uses[i] = "uncertain";
  else if (wrapper !== undefined) return wrapperUses(wrapper, words, range, uses);
  else if (name === "find") return findRanges(words, range);
  else if (DECLARATIONS.has(name)) {
    let integer = false;
    for (let i = from + 1; i < to; i++) {
      integer ||= /^-[A-Za-z]*i/.test(words[i]!.text);
      decl.set(i, integer);
    }
  } else {
    for (let i = from + 1; i < to; i++) {
      const before = words[i - 1]!;
      const after = words[i + 1];
      if (NAME_AFTER_V.has(name) && before.lead === "-v" && before.text === "-v") uses[i] = "name";
      if (name === "[[" && [before, after].some((w) => w && ARITHMETIC_TESTS.has(w.text)))
        uses[i] = "arithmetic";
    }
    const spec = programSpec(name);
    if (spec !== undefined) programUses(spec, words, range, uses);
  }
  return [];
}

/** For each word, the index of the first `;` or `+` word at or after it (the end of a `-exec`). */
const execEnds = new WeakMap<readonly Word[], Int32Array>();

function execEnd(words: readonly Word[], k: number): number {
  let ends = execEnds.get(words);
  if (ends === undefined) {
    ends = new Int32Array(words.length + 1).fill(words.length);
    for (let i = words.length - 1; i >= 0; i--)
      ends[i] = words[i]!.text === ";" || words[i]!.text === "+" ? i : ends[i + 1]!;
    execEnds.set(words, ends);
  }
  return ends[k]!;
}

/** `find … -exec CMD ARGS ;`: the words between `-exec` and `;` or `+` are a command. */
function findRanges(words: readonly Word[], { from, to }: Range): Range[] {
  const ranges: Range[] = [];
  for (let k = from + 1; k < to; k++) {
    if (!FIND_EXEC.has(words[k]!.text)) continue;
    const end = Math.min(execEnd(words, k + 1), to);
    ranges.push({ from: k + 1, to: end });
    k = end;
  }
  return ranges;
}

/** A wrapper's options and fixed operands are data (or text: `env -S`); the command after it is next. */
function wrapperUses(spec: WrapperSpec, words: readonly Word[], { from, to }: Range, uses: Use[]) {
  let i = from + 1;
  let operands = spec.operands ?? 0;
  while (i < to) {
    const word = words[i]!;
    if (dynamic(word)) {
      // A computed word may be an option or the command: unknown from here on.
      uses[i] = "command";
      for (let j = i + 1; j < to; j++) uses[j] = "uncertain";
      return [];
    }
    if (word.text === "--") {
      if (spec.commandAfterDashDash === true) operands = 0;
      i++;
      break;
    }
    if (spec.inspect?.includes(word.text) === true) return [];
    if (!(spec.assignments === true && isAssignment(word)) && !isOption(word.text)) {
      // An operand of the wrapper itself (`flock FILE`), after which options may go on.
      if (spec.permute !== true || operands === 0) break;
      operands--;
      i++;
      continue;
    }
    const effect = optionEffect(spec, word.text);
    if (effect.attached === true) mark(uses, i, effect.role!);
    const taken = Math.min(effect.count ?? 0, to - i - 1);
    for (let j = 1; j <= taken; j++) mark(uses, i + j, effect.role!);
    i += 1 + taken;
  }
  return [{ from: Math.min(i + operands, to), to }];
}
