// Reading workflow documents named on the command line: a SKILL.md, bare YAML, a skill folder, or the
// name of a runnable skill found by skill discovery.
import { randomUUID } from "node:crypto";
import { link, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { SkillFileError, SkillLibrary, readSkillFile } from "@skillflow/skills";
import type { CliConfig } from "./config.js";
import { CliError } from "./errors.js";
import type { Io } from "./io.js";
import { libraryOptions } from "./skills/load.js";

/** A document read from disk: the path as given (for messages), the resolved path and its text. */
export interface SourceFile {
  display: string;
  absolute: string;
  content: string;
}

/** A skill name, optionally with its scope: `weekly-report`, `user:weekly-report`. */
const SKILL_REF = /^(?:(?:project|user|team|package):)?[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The largest workflow document read: far beyond any real one (its YAML is capped at 1 MiB). */
const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/** Reads a document: a regular file of bounded size only (never a FIFO or `/dev/zero`). */
async function readDocument(display: string, absolute: string): Promise<string | undefined> {
  try {
    return await readSkillFile(absolute, {
      maxBytes: MAX_DOCUMENT_BYTES,
      hint: "a workflow document this large is not one",
    });
  } catch (error) {
    if (!(error instanceof SkillFileError)) throw error;
    if (error.code === "NOT_FOUND") return undefined;
    throw new CliError("INVALID_INPUT", `${display}: ${error.message}`);
  }
}

async function readSource(display: string, absolute: string): Promise<SourceFile | undefined> {
  const folder = await stat(absolute).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (folder) {
    absolute = path.join(absolute, "SKILL.md");
    display = path.join(display, "SKILL.md");
  }
  const content = await readDocument(display, absolute);
  return content === undefined ? undefined : { display, absolute, content };
}

/** The runnable skill `ref` names, found as `skillflow skills list` finds skills. */
async function readSkill(io: Io, ref: string, config: CliConfig): Promise<SourceFile> {
  const options = await libraryOptions(io, config);
  const library = SkillLibrary.load(options);
  let skill;
  try {
    skill = library.get(ref);
  } catch (error) {
    throw new CliError(
      "FILE_NOT_FOUND",
      `${ref}: no such file or skill folder, and ${(error as Error).message}; skills are looked for in\n` +
        options.sources.map((s) => `  ${s.root}`).join("\n"),
    );
  }
  if (!skill.runnable)
    throw new CliError(
      "BAD_ARGUMENTS",
      `skill ${ref} (${skill.file}) has no \`\`\`workflow block: it holds instructions for an agent ` +
        `(see skillflow skills activate ${ref})`,
    );
  const content = await readDocument(skill.file, skill.file);
  if (content === undefined) throw new CliError("FILE_NOT_FOUND", `${skill.file}: no such file`);
  return { display: skill.file, absolute: skill.file, content };
}

/**
 * Reads `target`: a file or skill folder relative to the working folder (a folder means its
 * `SKILL.md`), else, when it looks like a skill name (`name` or `scope:name`), that runnable skill
 * from skill discovery under `config` (a function is called only then). Nothing found is FILE_NOT_FOUND, naming the folders searched.
 */
export async function readWorkflowFile(
  io: Io,
  target: string,
  config: CliConfig | (() => Promise<CliConfig>),
): Promise<SourceFile> {
  const direct = await readSource(target, path.resolve(io.cwd, target));
  if (direct) return direct;
  if (!SKILL_REF.test(target))
    throw new CliError("FILE_NOT_FOUND", `${target}: no such file or skill folder`);
  return readSkill(io, target, typeof config === "function" ? await config() : config);
}

/** What the file system's refusals to write mean, in words. */
const WRITE_REFUSALS: ReadonlyMap<string, string> = new Map([
  ["EISDIR", "it is a folder"],
  ["ENOTDIR", "a part of its path is a file, not a folder"],
  ["EEXIST", "a part of its path is a file, not a folder"],
  ["EACCES", "permission denied"],
  ["EPERM", "permission denied"],
  ["EROFS", "the file system is read-only"],
  ["ENOSPC", "no space left on the device"],
]);

/**
 * A system error (`EISDIR`, `ENOTDIR`, `EACCES`, `ENOSPC`...) writing `file` as the user's to fix:
 * BAD_ARGUMENTS naming the file and the reason; anything else is returned as is (a bug).
 */
export function writeProblem(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !/^E[A-Z]+$/.test(code)) return error;
  return new CliError(
    "BAD_ARGUMENTS",
    `cannot write ${file}: ${WRITE_REFUSALS.get(code) ?? code}; pick a file in a folder you can write`,
  );
}

/**
 * Writes `text` to `file` through a temporary file in the same folder and a rename (folders
 * created); a file system refusal is BAD_ARGUMENTS naming the file (`writeProblem`). With
 * `exclusive`, the temporary file is hard-linked instead, which never replaces: the result is false
 * when `file` exists, even one created since the caller looked.
 */
export async function writeAtomically(
  file: string,
  text: string,
  options: { exclusive?: boolean } = {},
): Promise<boolean> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
  } catch (error) {
    throw writeProblem(error, file);
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, text, { encoding: "utf8", flag: "wx" });
    if (options.exclusive === true) await link(temp, file);
    else await rename(temp, file);
    return true;
  } catch (error) {
    if (options.exclusive === true && (error as NodeJS.ErrnoException).code === "EEXIST")
      return false;
    throw writeProblem(error, file);
  } finally {
    await rm(temp, { force: true });
  }
}
