// Binding arguments into skill commands as shell variables: the values travel in the environment,
// the command text only names them, so no quoting the author writes can turn an argument into code.
import {
  compilePlaceholders,
  replacePlaceholders,
  type Slot,
  type SubstituteOptions,
} from "./arguments.js";

/** A command ready to run: its text with variable references, and the variables to set. */
export interface BoundCommand {
  command: string;
  env: Record<string, string>;
}

/** The variable holding the whole argument string (`$ARGUMENTS`). */
export const ARGUMENTS_VARIABLE = "SKILLFLOW_ARGUMENTS";
/** Argument `i` (`$i`, `$ARGUMENTS[i]`, the i-th declared name) is in this prefix plus `i`. */
export const ARGUMENT_VARIABLE_PREFIX = "SKILLFLOW_ARG_";
/** The variable holding the skill folder (`${SKILL_DIR}`, `${CLAUDE_SKILL_DIR}`). */
export const SKILL_DIR_VARIABLE = "SKILLFLOW_SKILL_DIR";

/** Where in sh's grammar a placeholder stands. */
type Context = "plain" | "single" | "double";

/**
 * The quoting context of every offset in `command` that `wanted` asks for, by a small POSIX sh
 * lexer: single and double quotes, backslash escapes, `$(…)` and backticks (which start a new plain
 * context, also inside double quotes). It only has to be right to read well: whatever it decides,
 * the replacement is a variable reference, never the value.
 */
function contextsAt(command: string, wanted: ReadonlySet<number>): Map<number, Context> {
  const found = new Map<number, Context>();
  // Each level: its context and the character that closes it ("" for the command itself).
  const stack: { context: Context; close: string }[] = [{ context: "plain", close: "" }];
  let i = 0;
  while (i < command.length) {
    const top = stack[stack.length - 1]!;
    if (wanted.has(i)) found.set(i, top.context);
    const char = command[i]!;
    if (top.context === "single") {
      if (char === "'") stack.pop();
      i++;
    } else if (char === "\\") i += 2;
    else if (char === top.close) {
      stack.pop();
      i++;
    } else if (char === "$" && command[i + 1] === "(") {
      stack.push({ context: "plain", close: ")" });
      i += 2;
    } else {
      const opened = opens(char, top);
      if (opened) stack.push(opened);
      i++;
    }
  }
  return found;
}

/** The level `char` opens in `top`, if any. */
function opens(char: string, top: { context: Context; close: string }) {
  if (char === "`") return { context: "plain" as const, close: "`" };
  if (top.context !== "plain") return undefined;
  if (char === "'") return { context: "single" as const, close: "'" };
  if (char === '"') return { context: "double" as const, close: '"' };
  // Parentheses nest inside $( … ) so its closing one is found.
  if (char === "(" && top.close === ")") return { context: "plain" as const, close: ")" };
  return undefined;
}

/** A reference to `name` that expands to exactly its value, as one word, in `context`. */
function reference(name: string, context: Context | undefined): string {
  if (context === "double") return `\${${name}}`;
  if (context === "single") return `'"\${${name}}"'`;
  return `"\${${name}}"`;
}

function variableOf(slot: Slot): string {
  if (slot.kind === "dir") return SKILL_DIR_VARIABLE;
  if (slot.kind === "all") return ARGUMENTS_VARIABLE;
  const index = Number.isSafeInteger(slot.index) && slot.index >= 0 ? slot.index : "NONE";
  return `${ARGUMENT_VARIABLE_PREFIX}${index}`;
}

/**
 * Binds the arguments of `options` into `command`: each placeholder (`$ARGUMENTS`, `$N`,
 * `$ARGUMENTS[N]`, declared names, `${SKILL_DIR}`) becomes a reference to an environment variable
 * that holds its value, quoted for where it stands, so `echo "Hello $ARGUMENTS"`, `echo '$0'` and
 * `echo $0` each print the argument as typed, and no argument can end a quote or start a command.
 */
export function bindArguments(command: string, options: SubstituteOptions): BoundCommand {
  const placeholders = compilePlaceholders(options);
  const offsets = new Set([...command.matchAll(placeholders.pattern)].map((m) => m.index));
  const contexts = contextsAt(command, offsets);
  const env: Record<string, string> = {};
  const text = replacePlaceholders(command, placeholders, ({ slot, value }, offset) => {
    const name = variableOf(slot);
    env[name] = value;
    return reference(name, contexts.get(offset));
  });
  return { command: text, env };
}
