// `skillflow eval init <skill>`: a starter evals/evals.json, never written over an existing suite.
import { lstat, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { SUITE_FILES } from "@skillflow/evals";
import { SkillLibrary } from "@skillflow/skills";
import { CliError } from "../errors.js";
import { writeAtomically } from "../files.js";

/** The starter suite: one case showing every common field, and a trigger set. */
export function starterSuite(skill: string): string {
  const suite = {
    skill_name: skill,
    evals: [
      {
        id: 1,
        prompt: `A task ${skill} should help with, written as a user would ask it.`,
        expected_output:
          "What a good answer looks like (the judge grades cases without assertions).",
        files: [],
        assertions: [
          { type: "contains", value: "a word every good answer has" },
          { type: "regex", pattern: "^.+$" },
          { type: "not-contains", value: "I cannot" },
          { type: "skill-used" },
        ],
      },
    ],
    trigger: {
      should_trigger: [`a task that should make an agent activate ${skill}`],
      should_not_trigger: ["a nearby task this skill is not for"],
    },
  };
  return `${JSON.stringify(suite, null, 2)}\n`;
}

/** Whether anything is at `file`, a dangling link included (the user meant a suite there). */
const exists = (file: string) =>
  lstat(file).then(
    () => true,
    () => false,
  );

/**
 * Refuses an `evals` entry that is not a folder of the skill: a file, or a link that leads out of
 * the skill folder (the starter would be written wherever it points).
 */
async function checkEvalsFolder(skillDir: string): Promise<void> {
  const folder = path.join(skillDir, "evals");
  const entry = await lstat(folder).catch(() => undefined);
  if (entry === undefined) return;
  const fix = "remove or rename it, then run eval init again";
  if (entry.isSymbolicLink()) {
    const [root, target] = await Promise.all([
      realpath(skillDir),
      realpath(folder).catch(() => undefined),
    ]);
    if (target === undefined || (target !== root && !target.startsWith(root + path.sep)))
      throw new CliError(
        "BAD_ARGUMENTS",
        `${folder} is a link that leads out of the skill folder (or nowhere): ${fix}`,
      );
  }
  if (!(await stat(folder)).isDirectory())
    throw new CliError("BAD_ARGUMENTS", `${folder} is not a folder: ${fix}`);
}

/**
 * Writes `<skillDir>/evals/evals.json` (atomically). An existing suite (json or yaml) is kept
 * unless `force`, which replaces evals.json only; an `evals` that is a file or a link out of the
 * skill folder is refused. Returns the file written.
 */
export async function initSuite(skillDir: string, force: boolean): Promise<string> {
  const found = SkillLibrary.load({ sources: [{ scope: "team", root: skillDir }] }).all[0];
  const name = found?.name ?? path.basename(skillDir);
  const file = path.join(skillDir, "evals", "evals.json");
  const text = starterSuite(name);
  const refuse = (existing: string) =>
    new CliError(
      "BAD_ARGUMENTS",
      `${existing} exists already: edit it, or pass --force to replace evals/evals.json with the starter`,
    );
  await checkEvalsFolder(skillDir);
  if (force) {
    await writeAtomically(file, text);
    return file;
  }
  for (const other of SUITE_FILES.slice(1))
    if (await exists(path.join(skillDir, other))) throw refuse(path.join(skillDir, other));
  if (!(await writeAtomically(file, text, { exclusive: true }))) throw refuse(file);
  return file;
}
