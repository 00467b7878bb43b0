// The shell allowlist: which commands, with which arguments, a host lets workflows run.
import { PatternError, compilePattern } from "../pattern.js";
import { ToolError } from "../tool.js";

/**
 * How a rule matches a command's arguments. A string lists whole arguments and matches EXACTLY:
 * `"status"` allows `git status` and nothing more; `"remote -v"` allows exactly those two words.
 * A trailing `*` opts into any further arguments: `"log *"` allows `git log -n 5` — and also
 * `git log --output=/elsewhere`, so use it only for commands whose options are all harmless. `""`
 * allows no arguments, `"*"` any. A RegExp is tested against the arguments joined by single spaces
 * (anchor it: `/^log( -n \d+)?$/`); it runs on RE2 (`compilePattern`, linear time), so lookahead and
 * backreferences are refused when the allowlist is compiled.
 */
export type ArgsPattern = string | RegExp;

/**
 * One allowlist entry: a command name (any arguments), or a command with the argument patterns it
 * accepts (any one matching is enough). The command is matched exactly: `"git"` does not allow
 * `/usr/bin/git` or `./git`; allow an absolute path explicitly to run one.
 */
export type AllowRule = string | { command: string; args?: ArgsPattern | readonly ArgsPattern[] };

type Matcher = (args: readonly string[]) => boolean;

/** A compiled allowlist: the matchers of each allowed command. */
export interface Allowlist {
  readonly commands: ReadonlyMap<string, { matchers: Matcher[]; patterns: string[] }>;
}

function wordsMatcher(pattern: string): Matcher {
  const words = pattern.trim() === "" ? [] : pattern.trim().split(/\s+/);
  const open = words.at(-1) === "*";
  if (open) words.pop();
  return (args) =>
    (open ? args.length >= words.length : args.length === words.length) &&
    words.every((word, i) => args[i] === word);
}

function regexMatcher(command: string, pattern: RegExp): Matcher {
  try {
    // RE2 matching is stateless: `g` and `y` (lastIndex) have no effect.
    const re = compilePattern(pattern.source, pattern.flags);
    return (args) => re.test(args.join(" "));
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    throw new ToolError(
      "CONFIGURATION",
      `Shell allowlist rule for "${command}": ${error.message}`,
      {
        cause: error,
      },
    );
  }
}

/** Compiles the host's rules once; a malformed rule is a CONFIGURATION error naming it. */
export function compileAllowlist(rules: readonly AllowRule[]): Allowlist {
  const commands = new Map<string, { matchers: Matcher[]; patterns: string[] }>();
  for (const rule of rules) {
    const command = typeof rule === "string" ? rule : rule.command;
    if (typeof command !== "string" || command === "" || /\s|\0/.test(command)) {
      throw new ToolError(
        "CONFIGURATION",
        `Shell allowlist: ${JSON.stringify(command)} is not a command name`,
      );
    }
    const entry = commands.get(command) ?? { matchers: [], patterns: [] };
    commands.set(command, entry);
    // A rule without `args` allows the command with any arguments.
    const raw = typeof rule === "string" || rule.args === undefined ? ["*"] : rule.args;
    for (const pattern of typeof raw === "string" || raw instanceof RegExp ? [raw] : raw) {
      entry.matchers.push(
        typeof pattern === "string" ? wordsMatcher(pattern) : regexMatcher(command, pattern),
      );
      entry.patterns.push(
        typeof pattern === "string"
          ? `${command} ${pattern}`.trim()
          : `${command} ${String(pattern)}`,
      );
    }
  }
  return { commands };
}

/** Throws FORBIDDEN unless the allowlist permits `command` with `args`. */
export function assertAllowed(
  allowlist: Allowlist,
  command: string,
  args: readonly string[],
): void {
  const entry = allowlist.commands.get(command);
  if (entry === undefined) {
    const allowed = [...allowlist.commands.keys()].join(", ") || "none";
    throw new ToolError(
      "FORBIDDEN",
      `Command "${command}" is not in the shell allowlist (allowed commands: ${allowed})`,
    );
  }
  if (entry.matchers.some((matches) => matches(args))) return;
  throw new ToolError(
    "FORBIDDEN",
    `Arguments ${JSON.stringify(args)} of "${command}" are not allowed (allowed: ${entry.patterns.join("; ")})`,
  );
}
