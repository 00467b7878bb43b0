// Skill archives: deterministic zips of skill folders, and bounded all-or-nothing unpacking of zip and tar(.gz).
import { createHash } from "node:crypto";
import path from "node:path";
import { Collector, checkConflicts, stripRoot } from "./_archive-entries.js";
import { ArchiveError, DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from "./_archive-error.js";
import { assertAbsent, materialise } from "./_archive-write.js";
import { readTar } from "./_tar.js";
import { readZip } from "./_zip-read.js";

export {
  ArchiveError,
  DEFAULT_ARCHIVE_LIMITS,
  type ArchiveErrorCode,
  type ArchiveLimits,
} from "./_archive-error.js";
export { packFolder } from "./_zip-pack.js";

/** The archive formats `unpackArchive` reads. */
export type ArchiveFormat = "zip" | "tar" | "tar.gz";

/** Options of `unpackArchive`. */
export interface UnpackOptions {
  limits?: Partial<ArchiveLimits>;
  /** Default: sniffed from the magic bytes. */
  format?: ArchiveFormat;
  /** Drop the single top folder every entry sits under (GitHub tarballs, zips of a folder). */
  stripSingleRoot?: boolean;
}

/** What `unpackArchive` wrote: file paths relative to the target (sorted) and their total size. */
export interface UnpackResult {
  files: string[];
  bytes: number;
}

/** The hex SHA-256 digest of the data. */
export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

// Unpacking: every entry is validated and inflated into memory (bounded by the limits), then
// written into a temporary sibling folder that is renamed into place only when complete.

function sniff(data: Buffer): ArchiveFormat {
  if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) return "zip";
  if (data.length >= 22 && data.readUInt32LE(0) === 0x06054b50) return "zip"; // empty zip
  if (data[0] === 0x1f && data[1] === 0x8b) return "tar.gz";
  if (data.toString("latin1", 257, 262) === "ustar") return "tar";
  throw new ArchiveError("UNSUPPORTED", "unrecognised archive format");
}

/** Unpacks a zip, tar or tar.gz into `target` (which must not exist), all or nothing, within limits. */
export async function unpackArchive(
  data: Buffer,
  target: string,
  options: UnpackOptions = {},
): Promise<UnpackResult> {
  const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits };
  const dest = path.resolve(target);
  await assertAbsent(dest);
  if (data.length > limits.maxDownloadBytes) {
    throw new ArchiveError("TOO_LARGE", `archive is over ${limits.maxDownloadBytes} bytes`);
  }
  const format = options.format ?? sniff(data);
  const collector = new Collector(limits);
  if (format === "zip") readZip(data, collector);
  else readTar(data, format === "tar.gz", collector, limits);
  checkConflicts(collector.entries);
  let entries = [...collector.entries.values()];
  if (options.stripSingleRoot === true) entries = stripRoot(entries);
  await materialise(entries, dest);
  const files = entries.filter((e) => !e.dir).map((e) => e.path);
  return { files: files.sort(), bytes: collector.bytes };
}
