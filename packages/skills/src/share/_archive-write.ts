// The final write: entries go into a temporary sibling folder renamed into place only when complete.
import { randomBytes } from "node:crypto";
import { chmod, lstat, mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ArchiveError } from "./_archive-error.js";
import type { Entry } from "./_archive-entries.js";

/** Throws EEXIST when something (even a dangling link) already sits at `target`. */
export async function assertAbsent(target: string): Promise<void> {
  const found = await lstat(target).then(
    () => true,
    () => false,
  );
  if (found) throw Object.assign(new Error(`target already exists: ${target}`), { code: "EEXIST" });
}

async function writeEntries(entries: Entry[], dir: string): Promise<void> {
  for (const entry of entries) {
    const abs = path.resolve(dir, entry.path);
    if (!abs.startsWith(dir + path.sep)) {
      throw new ArchiveError("ZIP_SLIP", "entry escapes the target", entry.path);
    }
    if (entry.dir) await mkdir(abs, { recursive: true });
    else {
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, entry.chunks, { flag: "wx" });
      // chmod after writing: the umask must not decide the final mode.
      await chmod(abs, entry.executable ? 0o755 : 0o644);
    }
  }
}

/** Writes the entries to a hidden sibling folder, then renames it to `target`; all or nothing. */
export async function materialise(entries: Entry[], target: string): Promise<void> {
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const suffix = randomBytes(6).toString("hex");
  const temp = path.join(parent, `.${path.basename(target)}.${suffix}.partial`);
  await mkdir(temp);
  try {
    await writeEntries(entries, temp);
    await assertAbsent(target);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    // Entry paths are bounded, but the target folder's own path adds to them.
    if ((error as NodeJS.ErrnoException).code === "ENAMETOOLONG")
      throw new ArchiveError(
        "PATH_TOO_LONG",
        `a path under ${target} is too long for the file system`,
      );
    throw error;
  }
}
