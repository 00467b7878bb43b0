// Zip packing: deterministic zips of skill folders, leaving out build and eval clutter.
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { Zip, ZipDeflate } from "fflate";
import { isExcludedFromSkill } from "../disclose/shipped.js";
import { SkillFileError, readRegularFile } from "../read-file.js";
import { ArchiveError } from "./_archive-error.js";

// The earliest DOS timestamp, in local time because fflate encodes local fields: same bytes in any TZ.
const FIXED_MTIME = new Date(1980, 0, 1);

interface PackedFile {
  rel: string;
  executable: boolean;
}

async function walk(root: string, rel: string, out: PackedFile[]): Promise<void> {
  const dirents = await readdir(rel === "" ? root : path.join(root, rel), { withFileTypes: true });
  for (const d of dirents) {
    if (isExcludedFromSkill(d.name, rel === "")) continue;
    const child = rel === "" ? d.name : `${rel}/${d.name}`;
    if (d.isSymbolicLink()) throw new ArchiveError("SYMLINK", "symlinks cannot be packed", child);
    if (d.isDirectory()) await walk(root, child, out);
    else if (d.isFile()) {
      const { mode } = await lstat(path.join(root, child));
      out.push({ rel: child, executable: (mode & 0o111) !== 0 });
    } else throw new ArchiveError("UNSUPPORTED", "only files and folders can be packed", child);
  }
}

/** The most one packed file may hold: an archive beyond it could not be installed anyway. */
const MAX_PACKED_FILE_BYTES = 1024 * 1024 * 1024;

async function readPacked(folder: string, rel: string): Promise<Buffer> {
  try {
    const limits = { maxBytes: MAX_PACKED_FILE_BYTES, noFollow: true };
    return (await readRegularFile(path.join(folder, rel), limits)).data;
  } catch (error) {
    if (!(error instanceof SkillFileError)) throw error;
    if (error.code === "TOO_LARGE")
      throw new ArchiveError("TOO_LARGE", "file too large to pack", rel);
    throw new ArchiveError("UNSUPPORTED", "only regular files and folders can be packed", rel);
  }
}

const byCodeUnit = (a: PackedFile, b: PackedFile): number =>
  a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0;

/** Zips a skill folder deterministically (sorted entries, fixed mtime), leaving out build and eval clutter. */
export async function packFolder(folder: string): Promise<Buffer> {
  const files: PackedFile[] = [];
  await walk(folder, "", files);
  files.sort(byCodeUnit);
  const chunks: Uint8Array[] = [];
  let failure: Error | undefined;
  // A streaming Zip keeps our order; zipSync would reorder integer-like names (object key order).
  const zip = new Zip((err, chunk) => {
    if (err) failure ??= err;
    else chunks.push(chunk);
  });
  for (const file of files) {
    // noFollow: a file swapped for a symlink (or a FIFO) after the walk is still refused.
    const data = await readPacked(folder, file.rel);
    const entry = new ZipDeflate(file.rel, { level: 9 });
    entry.mtime = FIXED_MTIME;
    entry.os = 3; // Unix, so readers honour the mode in the high attribute bits
    entry.attrs = (0o100000 | (file.executable ? 0o755 : 0o644)) * 0x10000;
    zip.add(entry);
    entry.push(data, true);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}
