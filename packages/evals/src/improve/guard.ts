// Checks before anything is spent: the skill is the one its suite names, and no namesake hides it.
import { realpathSync } from "node:fs";
import path from "node:path";
import {
  SkillLibrary,
  parseSkill,
  readSkillFile,
  type SkillLibraryOptions,
} from "@skillflow/skills";
import { ImproveError } from "./errors.js";

const real = (dir: string) => {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
};

/**
 * The skill's SKILL.md text after checking that its name is the suite's `skillName` and that, among
 * the host's skills, no skill of the same name shadows it (discovery would hide it: 0% triggering,
 * and every improvement would be measured on a skill no agent sees). Throws ImproveError
 * (SKILL_NOT_FOUND, SKILL_SHADOWED); returns warnings about namesakes that do not shadow it.
 */
export async function checkSkill(
  skillDir: string,
  skillName: string,
  host?: SkillLibraryOptions,
): Promise<{ text: string; warnings: string[] }> {
  const file = path.join(skillDir, "SKILL.md");
  // A regular file of bounded size only: a FIFO or /dev/zero in someone else's skill never blocks.
  const text = await readSkillFile(file).catch((error: Error) => error);
  if (text instanceof Error)
    throw new ImproveError(
      "SKILL_NOT_FOUND",
      `${file} cannot be read (${text.message}): pass the skill's folder`,
    );
  const name = parseSkill(text, { file }).frontmatter?.name;
  if (name !== skillName)
    throw new ImproveError(
      "SKILL_NOT_FOUND",
      `${file} is named "${name ?? "(no name)"}" but the eval suite is for "${skillName}": fix skill_name in evals/evals.json or the skill's name`,
    );
  if (!host) return { text, warnings: [] };
  const { indexFile: _index, ...options } = host;
  const library = SkillLibrary.load(options);
  const namesakes = library.all.filter((s) => s.name === skillName);
  const self = namesakes.find((s) => real(s.dir) === real(skillDir));
  if (self?.shadowedBy !== undefined)
    throw new ImproveError(
      "SKILL_SHADOWED",
      `${file} is shadowed by ${self.shadowedBy}, a skill of the same name found first: agents never see this one (0% triggering), so improving it changes nothing they do; rename one of them, or remove or disable the other`,
    );
  const others = namesakes.filter((s) => s !== self);
  return {
    text,
    warnings: others.map(
      (s) =>
        `another skill named "${skillName}" is at ${s.file}${self ? " (shadowed by this one)" : ""}: where both are installed, only one is seen`,
    ),
  };
}
