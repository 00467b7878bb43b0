// Reading workflow documents named on the command line: a SKILL.md, bare YAML, a skill folder, or the
// name of a skill installed in the project's or the user's skill folders.
import { access, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { userConfigDir, userHomeDir, type ConfigContext } from "./config.js";
import { CliError } from "./errors.js";

/** A document read from disk: the path as given (for messages), the resolved path and its text. */
export interface SourceFile {
  display: string;
  absolute: string;
  content: string;
}

/** A skill name as the Agent Skills format spells it: lowercase words joined by single hyphens. */
const SKILL_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * The folders a skill named on the command line is looked up in, highest precedence first: the
 * project's `.agents/skills` and `.claude/skills` in the working folder and each parent up to the
 * repository root (the first folder with `.git`), then the user's `~/.agents/skills`,
 * `~/.claude/skills` and `skills` in the user config folder.
 */
export async function skillSearchPath(context: ConfigContext): Promise<string[]> {
  const folders: string[] = [];
  let current = path.resolve(context.cwd);
  for (;;) {
    folders.push(path.join(current, ".agents", "skills"), path.join(current, ".claude", "skills"));
    const parent = path.dirname(current);
    if (parent === current || (await exists(path.join(current, ".git")))) break;
    current = parent;
  }
  const home = userHomeDir(context);
  if (home !== undefined)
    folders.push(path.join(home, ".agents", "skills"), path.join(home, ".claude", "skills"));
  const config = userConfigDir(context);
  if (config !== undefined) folders.push(path.join(config, "skills"));
  return [...new Set(folders)];
}

async function readSource(display: string, absolute: string): Promise<SourceFile | undefined> {
  try {
    if ((await stat(absolute)).isDirectory()) {
      absolute = path.join(absolute, "SKILL.md");
      display = path.join(display, "SKILL.md");
    }
    return { display, absolute, content: await readFile(absolute, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
    throw error;
  }
}

/**
 * Reads `target`: a file or skill folder relative to the working folder (a folder means its
 * `SKILL.md`), else, when it is a bare skill name, that skill from `skillSearchPath`. Nothing
 * found is FILE_NOT_FOUND, naming the folders searched.
 */
export async function readWorkflowFile(
  context: ConfigContext,
  target: string,
): Promise<SourceFile> {
  const direct = await readSource(target, path.resolve(context.cwd, target));
  if (direct) return direct;
  if (!SKILL_NAME.test(target))
    throw new CliError("FILE_NOT_FOUND", `${target}: no such file or skill folder`);
  const searched = await skillSearchPath(context);
  for (const folder of searched) {
    const skill = path.join(folder, target, "SKILL.md");
    const found = await readSource(skill, skill);
    if (found) return found;
  }
  throw new CliError(
    "FILE_NOT_FOUND",
    `${target}: no such file, skill folder or skill; looked for ${target}/SKILL.md in\n` +
      searched.map((folder) => `  ${folder}`).join("\n"),
  );
}
