// `skillflow skills init [name]`: a new skill folder with a SKILL.md that passes strict validation.
import path from "node:path";
import { LIMITS, NAME_PATTERN } from "@skillflow/skills";
import { printJson, type CommandContext, type ParsedArgs } from "../command.js";
import type { CliConfig } from "../config.js";
import { CliError, EXIT } from "../errors.js";
import { initSuite } from "../evals/init.js";
import { writeAtomically } from "../files.js";

/** The starter SKILL.md (as `skills init` writes it, with a description that says when to use it). */
export function starterSkill(name: string): string {
  return `---
name: ${name}
description: "What ${name} does, and when an agent should use it. Replace this line: agents choose skills by it."
---

# ${name}

Instructions for the agent to follow when this skill is activated.

## When to use

Describe when this skill should be used.

## Instructions

1. First step
2. Second step
3. Additional steps as needed
`;
}

/** Refuses a name other tools would reject, saying the rule. */
function checkName(name: string, from: string): void {
  if (name.length <= LIMITS.name && NAME_PATTERN.test(name)) return;
  throw new CliError(
    "BAD_ARGUMENTS",
    `${from} "${name}" is not a valid skill name: lowercase letters, digits and single hyphens (not at either end), at most ${LIMITS.name} characters, e.g. pdf-forms`,
  );
}

/**
 * `skills init [name] [--evals]`: writes `<name>/SKILL.md` (or `./SKILL.md` named after this
 * folder), never replacing a file; `--evals` adds the starter `evals/evals.json`.
 */
export async function initSkill(
  args: ParsedArgs,
  context: CommandContext,
  _config: CliConfig,
): Promise<number> {
  const [given, ...rest] = args.positionals;
  if (rest.length > 0) throw new CliError("BAD_ARGUMENTS", "skills init takes at most one name");
  const { cwd } = context.io;
  const name = given ?? path.basename(cwd);
  checkName(name, given === undefined ? "this folder's name" : "the name");
  const dir = given === undefined ? cwd : path.join(cwd, name);
  const file = path.join(dir, "SKILL.md");
  if (!(await writeAtomically(file, starterSkill(name), { exclusive: true })))
    throw new CliError(
      "BAD_ARGUMENTS",
      `${file} exists already: skills init never replaces a skill (to add evals to it: skillflow eval init ${given ?? "."})`,
    );
  const written = [file];
  if (args.values.evals === true) written.push(await initSuite(dir, false));
  if (args.values.json === true) printJson(context.io, { name, files: written });
  else for (const f of written) context.io.stdout.write(`wrote ${path.relative(cwd, f) || f}\n`);
  return EXIT.ok;
}
