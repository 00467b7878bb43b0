// The skill folder an eval command names: a folder with a SKILL.md, or a skill found by discovery.
import { stat } from "node:fs/promises";
import path from "node:path";
import { SkillLibrary } from "@skillflow/skills";
import type { CliConfig } from "../config.js";
import { CliError } from "../errors.js";
import type { Io } from "../io.js";
import { libraryOptions } from "../skills/load.js";

/** The skill folder `target` names: a folder with a SKILL.md, else a skill found here or in `sources`. */
export async function skillDir(
  io: Io,
  config: CliConfig,
  target: string,
  sources: readonly string[],
): Promise<string> {
  const direct = path.resolve(io.cwd, target);
  if (
    await stat(path.join(direct, "SKILL.md")).then(
      () => true,
      () => false,
    )
  )
    return direct;
  const options = await libraryOptions(io, config, sources);
  try {
    return SkillLibrary.load(options).get(target, { includeDisabled: true }).dir;
  } catch (error) {
    throw new CliError(
      "FILE_NOT_FOUND",
      `${target}: no skill folder here, and ${(error as Error).message} among the skills found in\n` +
        options.sources.map((s) => `  ${s.root}`).join("\n") +
        `\npass the skill's folder (skillflow eval examples/commit-message) or the folder that holds it with --source <folder>`,
    );
  }
}
