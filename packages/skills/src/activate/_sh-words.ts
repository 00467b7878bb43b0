// What a word of a simple command is to the program that gets it: data, program text, a name…
import { isOption, optionEffect, programUse } from "./_sh-options.js";
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

/** Whether `word` is a `NAME=value` (or `NAME[i]=value`) assignment. */
export function isAssignment(word: Word): boolean {
  return ASSIGNMENT.test(word.lead) || (SUBSCRIPTED.test(word.lead) && /\]\+?=/.test(word.text));
}

/**
 * The use of a placeholder in `words[index]`, `prefix` being that word's text before it. Leading
 * assignments are skipped (a subscript in one is arithmetic); then wrappers, `find -exec`, bash's
 * tests and declarations, and the programs of `PROGRAMS` decide.
 */
export function useOf(words: readonly Word[], index: number, prefix: string): Use {
  let start = 0;
  while (start < words.length && isAssignment(words[start]!)) start++;
  if (index < start) return /^[A-Za-z_][A-Za-z0-9_]*\[[^\]]*$/.test(prefix) ? "arithmetic" : "data";
  return commandUse(words.slice(start), index - start, prefix);
}

/** The program's name: the static part after the last slash, or undefined when it is computed. */
function programName(word: Word): string | undefined {
  const name = word.text.slice(word.text.lastIndexOf("/") + 1);
  return name.includes(EXPANSION) ? undefined : name;
}

function commandUse(words: readonly Word[], index: number, prefix = ""): Use {
  if (index === 0) return "command";
  const name = programName(words[0]!);
  if (name === undefined) return "uncertain";
  const wrapper = WRAPPERS.get(name);
  if (wrapper !== undefined) return wrapperUse(wrapper, words, index);
  if (name === "find") return findUse(words, index);
  const before = words[index - 1]!;
  const after = words[index + 1];
  if (NAME_AFTER_V.has(name) && before.lead === "-v" && before.text === "-v") return "name";
  if (name === "[[" && [before, after].some((w) => w && ARITHMETIC_TESTS.has(w.text)))
    return "arithmetic";
  if (DECLARATIONS.has(name)) return declarationUse(words, index, prefix);
  const spec = programSpec(name);
  return spec === undefined ? "data" : programUse(spec, words, index);
}

/** `declare NAME=value`: the name part is a name; the value is arithmetic under `-i`. */
function declarationUse(words: readonly Word[], index: number, prefix: string): Use {
  if (!prefix.includes("=")) return "name";
  const integer = words.slice(1, index).some((w) => /^-[A-Za-z]*i/.test(w.text));
  return integer ? "arithmetic" : "data";
}

/** `find … -exec CMD ARGS ;`: words between `-exec` and `;` or `+` are a command. */
function findUse(words: readonly Word[], index: number): Use {
  for (let k = 1; k < index; k++) {
    if (!FIND_EXEC.has(words[k]!.text)) continue;
    let end = k + 1;
    while (end < words.length && words[end]!.text !== ";" && words[end]!.text !== "+") end++;
    if (index < end) return commandUse(words.slice(k + 1, end), index - k - 1);
    k = end;
  }
  return "data";
}

/** A wrapper's options and fixed operands are data; the command after them is classified again. */
function wrapperUse(spec: WrapperSpec, words: readonly Word[], index: number): Use {
  let i = 1;
  while (i < words.length) {
    const word = words[i]!;
    if (dynamic(word)) return i === index ? "command" : i < index ? "uncertain" : "data";
    if (word.text === "--") {
      if (i === index) return "data";
      i++;
      break;
    }
    if (!(spec.assignments === true && isAssignment(word)) && !isOption(word.text)) break;
    const effect = optionEffect(spec, word.text);
    const taken = effect.count ?? 0;
    if (index >= i && index <= i + taken)
      return index === i ? (effect.attached ? effect.role! : "data") : effect.role!;
    i += 1 + taken;
  }
  i += spec.operands ?? 0;
  if (index < i || i >= words.length) return "data";
  return commandUse(words.slice(i), index - i);
}
