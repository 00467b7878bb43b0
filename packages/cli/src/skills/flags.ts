// Which `skills`-style flags each subcommand takes; a flag where it means nothing is refused with what to type.
import type { ParsedArgs } from "../command.js";
import { CliError } from "../errors.js";

/** A flag, the subcommands that take it, and what to type instead elsewhere. */
interface FlagRule {
  flag: string;
  shown: string;
  subcommands: readonly string[];
  instead: (sub: string) => string;
}

const RULES: readonly FlagRule[] = [
  {
    flag: "skill",
    shown: "-s/--skill",
    subcommands: ["add", "remove"],
    instead: () => "-s picks skills of a source in skills add (or names skills to remove)",
  },
  {
    flag: "list",
    shown: "-l/--list",
    subcommands: ["add"],
    instead: (sub) =>
      sub === "list"
        ? "skillflow skills list takes no -l"
        : "skillflow skills add <source> --list lists a source's skills; skillflow skills list lists the installed ones",
  },
  {
    flag: "copy",
    shown: "--copy",
    subcommands: ["add", "install", "update"],
    instead: () => "--copy applies where agents' folders are filled: add, install, update",
  },
  {
    flag: "agent",
    shown: "-a/--agent",
    subcommands: ["add", "install", "update", "check"],
    instead: (sub) =>
      sub === "remove"
        ? "skillflow skills remove <skill> removes the canonical copy and every agent's link; to unlink one agent only, delete <agent folder>/<skill>"
        : sub === "list"
          ? "skillflow skills list shows the skills every agent sees, with their scope; drop -a"
          : "-a/--agent applies to add, install and update",
  },
  {
    flag: "global",
    shown: "-g/--global",
    subcommands: ["add", "install", "check", "update", "remove"],
    instead: (sub) =>
      sub === "list"
        ? "skillflow skills list shows project and user (global) skills together, in the scope column; drop -g"
        : "-g/--global applies to add, install, check, update and remove",
  },
  {
    flag: "project",
    shown: "-p/--project",
    subcommands: ["add", "install", "check", "update", "remove"],
    instead: () => "-p/--project applies to add, install, check, update and remove",
  },
  {
    flag: "evals",
    shown: "--evals",
    subcommands: ["init"],
    instead: () => "--evals applies to skills init",
  },
];

/**
 * Refuses a flag on a subcommand where it has no meaning (a `skills` habit that would otherwise be
 * ignored silently), saying what to type instead; and `remove --all`, which skillflow does not do.
 */
export function checkFlagsFor(sub: string, args: ParsedArgs): void {
  for (const rule of RULES) {
    if (args.values[rule.flag] === undefined || rule.subcommands.includes(sub)) continue;
    throw new CliError(
      "BAD_ARGUMENTS",
      `${rule.shown} does not apply to skills ${sub}: ${rule.instead(sub)}`,
    );
  }
  if (args.values.project === true && args.values.global === true)
    throw new CliError(
      "BAD_ARGUMENTS",
      "-p/--project and -g/--global pick opposite scopes: pass one (the project is the default)",
    );
  if (sub === "remove" && args.values.all === true)
    throw new CliError(
      "BAD_ARGUMENTS",
      "skills remove --all is not supported: name the skills (skillflow skills remove <skill...>; skillflow skills check lists them)",
    );
}
