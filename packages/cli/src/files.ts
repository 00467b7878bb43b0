// Reading workflow documents named on the command line: a SKILL.md, bare YAML, or a skill folder.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { CliError } from "./errors.js";

/** A document read from disk: the path as given (for messages), the resolved path and its text. */
export interface SourceFile {
  display: string;
  absolute: string;
  content: string;
}

/** Reads `target` relative to `cwd`; a folder means its `SKILL.md`. Missing files are FILE_NOT_FOUND. */
export async function readWorkflowFile(cwd: string, target: string): Promise<SourceFile> {
  let absolute = path.resolve(cwd, target);
  let display = target;
  try {
    if ((await stat(absolute)).isDirectory()) {
      absolute = path.join(absolute, "SKILL.md");
      display = path.join(target, "SKILL.md");
    }
    return { display, absolute, content: await readFile(absolute, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") {
      throw new CliError("FILE_NOT_FOUND", `${display}: no such file or skill folder`);
    }
    throw error;
  }
}
