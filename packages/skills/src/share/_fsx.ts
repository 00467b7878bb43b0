// File moves for installs: copy a tree, swap a folder in with one rename, link or copy into agents.
import { cp, lstat, mkdir, readlink, rename, rm, symlink, writeFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { SkillFileError } from "../read-file.js";
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from "./_archive-error.js";
import { MAX_ENTRY_DEPTH } from "./_archive-entries.js";

/** A sibling path for staging next to `target`, hidden and unique. */
export function siblingPath(target: string, suffix: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.${suffix}`);
}

/** How much a copied skill may hold: entries (files, folders, links) and folder depth. */
export interface CopyLimits {
  maxEntries: number;
  maxDepth: number;
}

/** The copy limits for an install's archive limits (the same entry cap; the archives' depth). */
export function copyLimits(archive: Partial<ArchiveLimits> = {}): CopyLimits {
  return {
    maxEntries: archive.maxFiles ?? DEFAULT_ARCHIVE_LIMITS.maxFiles,
    maxDepth: MAX_ENTRY_DEPTH,
  };
}

/**
 * Copies a skill folder, leaving out `.git` and `node_modules`, never following symlinks out.
 * A FIFO, socket or device in it is refused (SkillFileError NOT_A_FILE), ending the copy, as is a
 * tree with more entries or deeper folders than `limits` allow (TOO_LARGE): a local folder or a
 * git clone is someone else's too, and the same caps hold as for archives.
 */
export async function copyTree(
  from: string,
  to: string,
  limits: CopyLimits = copyLimits(),
): Promise<void> {
  let entries = 0;
  await cp(from, to, {
    recursive: true,
    verbatimSymlinks: true,
    filter: async (source) => {
      const relative = path.relative(from, source);
      if (/(^|[\\/])(\.git|node_modules)$/.test(relative)) return false;
      if (++entries > limits.maxEntries || relative.split(path.sep).length > limits.maxDepth)
        throw new SkillFileError(
          "TOO_LARGE",
          source,
          entries > limits.maxEntries
            ? `${from} holds more than ${limits.maxEntries} files and folders (maxFiles): a skill this large is refused`
            : `${source} is more than ${limits.maxDepth} folders deep: a skill this deep is refused`,
        );
      const info = await lstat(source);
      if (info.isFile() || info.isDirectory() || info.isSymbolicLink()) return true;
      throw new SkillFileError(
        "NOT_A_FILE",
        source,
        `${source} is not a regular file, a folder or a link: a skill cannot hold it (remove it)`,
      );
    },
  });
}

/**
 * Puts `staged` at `target` with renames only: an existing target is moved aside first and
 * removed after, so an interruption leaves either the old folder or the new one in place.
 */
export async function swapIn(staged: string, target: string): Promise<void> {
  const old = siblingPath(target, "old");
  const existed = await lstat(target).then(
    () => true,
    () => false,
  );
  if (existed) await rename(target, old);
  try {
    await rename(staged, target);
  } catch (error) {
    if (existed) await rename(old, target);
    throw error;
  }
  if (existed) await rm(old, { recursive: true, force: true });
}

/** Whether `link` is a symlink that resolves to `target`. */
export async function linksTo(link: string, target: string): Promise<boolean> {
  try {
    if (!(await lstat(link)).isSymbolicLink()) return false;
    return path.resolve(path.dirname(link), await readlink(link)) === path.resolve(target);
  } catch {
    return false;
  }
}

/** Creates a relative symlink `link` → `target` (replacing an existing link). */
export async function relink(target: string, link: string): Promise<void> {
  await rm(link, { force: true, recursive: false }).catch(() => undefined);
  await symlink(path.relative(path.dirname(link), target), link, "dir");
}

/** Writes `data` to `file` through a hidden temporary sibling and a rename (folders created). */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = siblingPath(file, "tmp");
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
