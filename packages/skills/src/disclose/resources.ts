// A skill's bundled files: listed on activation, read one at a time, confined to the skill folder.
import { readdir, realpath } from "node:fs/promises";
import path from "node:path";
import { SkillFileError, readRegularFile } from "../read-file.js";
import { isExcludedFromSkill, isExcludedPath } from "./shipped.js";

/** Thrown when a resource cannot be read; `code` says why. */
export class SkillResourceError extends Error {
  override readonly name = "SkillResourceError";
  constructor(
    readonly code:
      "OUTSIDE_SKILL" | "NOT_SHIPPED" | "NOT_FOUND" | "NOT_A_FILE" | "TOO_LARGE" | "UNREADABLE",
    message: string,
  ) {
    super(message);
  }
}

/**
 * The files of a skill folder other than SKILL.md, as `/`-separated relative paths in name order,
 * at most `max` of them (and `truncated` when there were more): exactly the entries `skills pack`
 * ships (`isExcludedFromSkill`: never `evals/`). Symlinks are listed, not followed.
 */
export async function listResources(
  dir: string,
  max = 500,
): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  let truncated = false;
  const walk = async (folder: string, prefix: string, depth: number): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (truncated) return;
      const relative = prefix + entry.name;
      if (isExcludedFromSkill(entry.name, prefix === "")) continue;
      if (entry.isDirectory()) {
        if (depth < 8) await walk(path.join(folder, entry.name), `${relative}/`, depth + 1);
      } else if (relative !== "SKILL.md") {
        if (files.length === max) truncated = true;
        else files.push(relative);
      }
    }
  };
  await walk(dir, "", 0);
  return { files, truncated };
}

/** NOT_SHIPPED when `relative` (to the skill folder, native separators) lies in an excluded entry. */
function refuseUnshipped(relative: string, file: string): void {
  if (isExcludedPath(relative.split(path.sep).join("/")))
    throw new SkillResourceError(
      "NOT_SHIPPED",
      `${file} is not one of the skill's files (evals/, node_modules and version-control folders are never served); read a file its activation listed`,
    );
}

/**
 * Reads one file of the skill folder as UTF-8. The path is relative to the folder; absolute paths,
 * `..` that leaves it and symlinks that lead out are OUTSIDE_SKILL; a file `skills pack` would not
 * ship (`evals/…`, `node_modules/…`), by its path or by where a link leads, is NOT_SHIPPED.
 */
export async function readResource(dir: string, file: string, maxBytes = 1 << 20): Promise<string> {
  return (await readResourceBytes(dir, file, maxBytes)).toString("utf8");
}

/** `readResource`'s bytes, as the file holds them (a binary file, a digest), with the same refusals. */
export async function readResourceBytes(
  dir: string,
  file: string,
  maxBytes = 1 << 20,
): Promise<Buffer> {
  const root = await realpath(dir);
  const lexical = path.resolve(root, file);
  const inside = (p: string) => p === root || p.startsWith(root + path.sep);
  if (path.isAbsolute(file) || !inside(lexical))
    throw new SkillResourceError("OUTSIDE_SKILL", `${file} is outside the skill folder`);
  // The path asked for, then where it leads: a link into evals/ is refused like evals/ itself.
  refuseUnshipped(path.relative(root, lexical), file);
  let real: string;
  try {
    real = await realpath(lexical);
  } catch {
    throw new SkillResourceError("NOT_FOUND", `${file} does not exist in the skill folder`);
  }
  if (!inside(real))
    throw new SkillResourceError("OUTSIDE_SKILL", `${file} links outside the skill folder`);
  refuseUnshipped(path.relative(root, real), file);
  try {
    // Only a regular file, read up to the cap: a FIFO or a device is NOT_A_FILE, never opened;
    // noFollow: a file swapped for a link since realpath is refused, not followed.
    const { data } = await readRegularFile(real, { maxBytes, noFollow: true });
    return data;
  } catch (error) {
    if (!(error instanceof SkillFileError)) throw error;
    throw new SkillResourceError(error.code, error.message.replaceAll(real, file));
  }
}
