// The sh lexer's vocabulary: words as far as it knows them, placeholders' contexts, sites and uses.
import type { Role } from "./_sh-programs.js";

/** Stands in a word's text for an expansion whose value is unknown. */
export const EXPANSION = "\u0001";
/** Stands in a word's text for the skill folder: an absolute path, so never an option. */
export const SKILL_PATH = "\u0002";

/** One word of a simple command, as far as the lexer knows it. */
export interface Word {
  /** Its characters after quote removal; expansions appear as `EXPANSION` or `SKILL_PATH`. */
  text: string;
  /** The leading characters that were neither quoted nor expanded (keywords, assignments). */
  lead: string;
  /** Whether sh may split or glob it into several words (or none). */
  split: boolean;
}

/** How a placeholder is used: a role, the name of the program to run, or unknown. */
export type Use = Role | "command" | "uncertain";

/**
 * How sh reads a placeholder: as literal text, or expanded unquoted (`plain`), in double quotes,
 * in the word of a `${…}` (`param`, or `param-double` when the `${…}` is in double quotes), in
 * arithmetic or in an unquoted here-document.
 */
export type Context =
  "literal" | "plain" | "double" | "param" | "param-double" | "arith" | "heredoc";

/** Where one placeholder stands and what its value would be to the program that gets it. */
export interface Site {
  offset: number;
  length: number;
  context: Context;
  use: Use | "heredoc";
}

/** A placeholder to place: its length, and whether it is the skill folder (a known path). */
export interface Mark {
  length: number;
  dir: boolean;
}

/** Uses from most to least dangerous; a set of possible uses counts as its worst. */
const SEVERITY: readonly Use[] = [
  "text",
  "file",
  "command",
  "uncertain",
  "arithmetic",
  "name",
  "data",
];

/** The most dangerous of `uses`. */
export function worst(uses: Iterable<Use>): Use {
  const set = new Set(uses);
  return SEVERITY.find((use) => set.has(use)) ?? "data";
}

/** Whether sh may turn `word` into something else than one word of known start (an option?). */
export function dynamic(word: Word): boolean {
  return word.split || word.text.startsWith(EXPANSION);
}
