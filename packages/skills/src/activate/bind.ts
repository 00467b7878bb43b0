// Binding arguments into skill commands as shell variables: the values travel in the environment and
// the command text only names them; where a value would become program text, the command is refused.
import {
  compilePlaceholders,
  splitArguments,
  type Slot,
  type SubstituteOptions,
} from "./arguments.js";
import { lexPlaceholders } from "./_sh-lex.js";
import type { Context, Mark, Site } from "./_sh-types.js";

/** Why a placeholder's value cannot be bound where it stands. */
export type ArgumentRefusalReason =
  "text" | "file" | "command" | "heredoc" | "arithmetic" | "name" | "uncertain";

/** One placeholder whose value would become program text (or could not be placed). */
export interface ArgumentRefusal {
  /** The placeholder as written (`$0`, `$ARGUMENTS`, `$name`). */
  placeholder: string;
  /** The variable that would hold its value. */
  variable: string;
  reason: ArgumentRefusalReason;
  /** Offset of the placeholder in the command text. */
  offset: number;
}

/** A command ready to run: its text with variable references, and the variables to set. */
export interface BoundCommand {
  /** The text that runs: each placeholder sh expands became a reference to its variable. */
  command: string;
  /**
   * The variables to set: every argument, the whole argument string and the skill folder (so a
   * command can read them from its environment), and any out-of-range argument it refers to.
   */
  env: Record<string, string>;
  /** The variables of `env` that the command text names (`${SKILLFLOW_ARG_0}`, `os.environ[…]`). */
  named: Record<string, string>;
  /** Placeholders that make the command unsafe; a command with any must not run. */
  refusals: ArgumentRefusal[];
}

/** The variable holding the whole argument string (`$ARGUMENTS`). */
export const ARGUMENTS_VARIABLE = "SKILLFLOW_ARGUMENTS";
/** Argument `i` (`$i`, `$ARGUMENTS[i]`, the i-th declared name) is in this prefix plus `i`. */
export const ARGUMENT_VARIABLE_PREFIX = "SKILLFLOW_ARG_";
/** The variable holding the skill folder (`${SKILL_DIR}`, `${CLAUDE_SKILL_DIR}`). */
export const SKILL_DIR_VARIABLE = "SKILLFLOW_SKILL_DIR";

const INTEGER = /^-?[0-9]+$/;

function variableOf(slot: Slot): string {
  if (slot.kind === "dir") return SKILL_DIR_VARIABLE;
  if (slot.kind === "all") return ARGUMENTS_VARIABLE;
  const index = Number.isSafeInteger(slot.index) && slot.index >= 0 ? slot.index : "NONE";
  return `${ARGUMENT_VARIABLE_PREFIX}${index}`;
}

/**
 * Why `value` cannot stand at `site`, if it cannot. Arithmetic and variable names take plain
 * integers only; the skill folder is not an argument (skillflow chooses it), so only arithmetic
 * refuses it.
 */
function refusalOf(site: Site, slot: Slot, value: string): ArgumentRefusalReason | undefined {
  if (site.use === "data") return undefined;
  if (site.use === "arithmetic" || site.use === "name")
    return INTEGER.test(value) ? undefined : site.use;
  return slot.kind === "dir" ? undefined : site.use;
}

/** A placeholder the lexer did not place (it never should): unsafe wherever it is. */
function unplaced(offset: number): Site {
  return { offset, length: 0, context: "plain", use: "uncertain" };
}

/**
 * A reference that expands to exactly the value, as one word, in `context`: in double quotes,
 * arithmetic and here-documents sh neither splits nor globs; elsewhere the reference is quoted
 * (inside `${x#…}` too, where an unquoted value would be a pattern).
 */
function reference(variable: string, context: Context): string {
  const bare = context === "double" || context === "arith" || context === "heredoc";
  return bare ? `\${${variable}}` : `"\${${variable}}"`;
}

/**
 * Binds the arguments of `options` into `command`. Where sh expands a placeholder (`$ARGUMENTS`,
 * `$N`, `$ARGUMENTS[N]`, declared names, `${SKILL_DIR}`), it becomes a reference to a variable
 * holding its value: `"${SKILLFLOW_ARG_0}"` unquoted, `${SKILLFLOW_ARG_0}` in double quotes. Where
 * sh keeps text literal (single quotes, `\$0`, comments, quoted here-documents) it stays as written.
 * Where the value would be program text (an interpreter's code, `eval`, an unquoted here-document,
 * arithmetic) or the quoting is unclear, it is listed in `refusals`.
 */
export function bindArguments(command: string, options: SubstituteOptions): BoundCommand {
  const placeholders = compilePlaceholders(options);
  const matches = [...command.matchAll(placeholders.pattern)].map((match) => ({
    match,
    ...placeholders.resolve(match),
  }));
  const marks = new Map<number, Mark>(
    matches.map(({ match, slot }) => [
      match.index,
      { length: match[0].length, dir: slot.kind === "dir" },
    ]),
  );
  const sites = new Map(lexPlaceholders(command, marks).sites.map((site) => [site.offset, site]));
  const env = environment(options);
  const refusals: ArgumentRefusal[] = [];
  let text = "";
  let cursor = 0;
  for (const { match, slot, value } of matches) {
    const site = sites.get(match.index) ?? unplaced(match.index);
    text += command.slice(cursor, match.index);
    cursor = match.index + match[0].length;
    if (site.context === "literal") {
      text += match[0];
      continue;
    }
    const variable = variableOf(slot);
    const reason = refusalOf(site, slot, value);
    if (reason !== undefined)
      refusals.push({ placeholder: match[0], variable, reason, offset: match.index });
    env[variable] = value;
    text += reference(variable, site.context);
  }
  text += command.slice(cursor);
  const named = Object.fromEntries(
    [...new Set(text.match(VARIABLE_NAMES))]
      .filter((name) => Object.hasOwn(env, name))
      .map((name) => [name, env[name]!]),
  );
  return { command: text, env, named, refusals };
}

const VARIABLE_NAMES = new RegExp(
  `${ARGUMENTS_VARIABLE}|${SKILL_DIR_VARIABLE}|${ARGUMENT_VARIABLE_PREFIX}[0-9]+`,
  "g",
);

/** The variables every command gets: each argument, the whole string and the skill folder. */
function environment(options: SubstituteOptions): Record<string, string> {
  const env: Record<string, string> = {
    [ARGUMENTS_VARIABLE]: options.raw.trim(),
    [SKILL_DIR_VARIABLE]: options.skillDir,
  };
  splitArguments(options.raw).forEach((value, index) => {
    env[`${ARGUMENT_VARIABLE_PREFIX}${index}`] = value;
  });
  return env;
}
