// `--write`: the kept candidate replaces SKILL.md atomically, unless the file changed meanwhile.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { CliError } from "../errors.js";
import { writeAtomically } from "../files.js";

/**
 * Writes `text` as `skillDir`/SKILL.md (temporary file, then rename) when the file still holds
 * `original`, the text the run started from; otherwise SKILL_CHANGED and nothing is written.
 */
export async function writeSkill(
  skillDir: string,
  original: string,
  text: string,
): Promise<string> {
  const file = path.join(skillDir, "SKILL.md");
  const now = await readFile(file, "utf8").catch(() => undefined);
  if (now !== original)
    throw new CliError(
      "SKILL_CHANGED",
      `${file} changed while skillflow improve ran: nothing was written; run it again on the new text (or apply the diff above by hand)`,
    );
  await writeAtomically(file, text);
  return file;
}
