// Unpacked entries in memory: entry path checks, the limit-enforcing collector, and the final entry list.
import path from "node:path";
import { ArchiveError, type ArchiveLimits } from "./_archive-error.js";

/** One validated archive entry, its file contents held as inflated chunks. */
export interface Entry {
  path: string;
  dir: boolean;
  executable: boolean;
  chunks: Uint8Array[];
}

/** Folders an entry may sit under: more is a bomb, not a skill. */
export const MAX_ENTRY_DEPTH = 32;
/** Characters of an entry's relative path, and bytes of one name (what file systems allow). */
export const MAX_ENTRY_PATH = 1024;
const MAX_NAME_BYTES = 255;

/** Refuses paths no file system would take (ENAMETOOLONG), as a user error naming the entry. */
function checkLength(raw: string, parts: readonly string[], rel: string): void {
  const tooLong = (why: string) => new ArchiveError("PATH_TOO_LONG", why, raw);
  if (parts.length > MAX_ENTRY_DEPTH + 1)
    throw tooLong(`entry is ${parts.length - 1} folders deep, more than ${MAX_ENTRY_DEPTH}`);
  if (rel.length > MAX_ENTRY_PATH)
    throw tooLong(`entry path has ${rel.length} characters, more than ${MAX_ENTRY_PATH}`);
  if (parts.some((part) => Buffer.byteLength(part) > MAX_NAME_BYTES))
    throw tooLong(`entry has a name longer than ${MAX_NAME_BYTES} bytes`);
}

/**
 * The normalised relative path of an archive entry: ZIP_SLIP when it could escape the target,
 * PATH_TOO_LONG when it is deeper or longer than any skill needs.
 */
export function safeRelative(raw: string): string {
  const slip = (): ArchiveError => new ArchiveError("ZIP_SLIP", "entry escapes the target", raw);
  if (raw.includes("\0")) throw slip();
  // Windows-made zips use backslashes as separators; treating them as such also exposes `..\`.
  const name = raw.replaceAll("\\", "/");
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) throw slip();
  const parts: string[] = [];
  for (const segment of name.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (parts.pop() === undefined) throw slip();
    } else parts.push(segment);
  }
  const rel = parts.join("/");
  const probe = path.posix.resolve("/target", rel);
  if (rel !== "" && !probe.startsWith("/target/")) throw slip();
  checkLength(raw, parts, rel);
  return rel;
}

/** Accumulates validated entries while enforcing the count and byte limits. */
export class Collector {
  readonly entries = new Map<string, Entry>();
  /** Every path counted: entries, and the folders their paths imply. */
  private readonly counted = new Set<string>();
  bytes = 0;
  private readonly limits: ArchiveLimits;

  constructor(limits: ArchiveLimits) {
    this.limits = limits;
  }

  open(raw: string, dir: boolean, executable: boolean): Entry | undefined {
    const rel = safeRelative(raw);
    if (rel === "") return undefined;
    const known = this.entries.get(rel);
    if (known?.dir && dir) return known;
    if (known) throw new ArchiveError("CORRUPT", "duplicate entry", raw);
    this.count(rel, raw);
    const entry: Entry = { path: rel, dir, executable, chunks: [] };
    this.entries.set(rel, entry);
    return entry;
  }

  /**
   * Counts the entry and each folder its path implies, once each: folders cost as much to create as
   * files, so they count against `maxFiles` too.
   */
  private count(rel: string, raw: string): void {
    for (let cut = rel.indexOf("/"); ; cut = rel.indexOf("/", cut + 1)) {
      const prefix = cut === -1 ? rel : rel.slice(0, cut);
      if (!this.counted.has(prefix)) {
        this.counted.add(prefix);
        if (this.counted.size > this.limits.maxFiles) {
          const max = this.limits.maxFiles;
          throw new ArchiveError(
            "TOO_MANY_FILES",
            `more than ${max} entries (files and folders)`,
            raw,
          );
        }
      }
      if (cut === -1) return;
    }
  }

  write(entry: Entry, chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxUnpackedBytes) {
      const max = this.limits.maxUnpackedBytes;
      throw new ArchiveError("TOO_LARGE", `unpacked size passes ${max} bytes`, entry.path);
    }
    if (!entry.dir) entry.chunks.push(chunk);
  }
}

// Small compressed pushes bound how much one push can inflate before the byte count is checked.
const CHUNK = 4096;

/** The data in small slices, each flagged when it is the last (one empty slice for empty data). */
export function* slices(data: Uint8Array): Generator<[Uint8Array, boolean]> {
  for (let at = 0; at < data.length; at += CHUNK) {
    yield [data.subarray(at, at + CHUNK), at + CHUNK >= data.length];
  }
  if (data.length === 0) yield [data, true];
}

/** Refuses an entry that sits under a path the archive also holds as a file. */
export function checkConflicts(entries: Map<string, Entry>): void {
  for (const entry of entries.values()) {
    for (let cut = entry.path.indexOf("/"); cut !== -1; cut = entry.path.indexOf("/", cut + 1)) {
      if (entries.get(entry.path.slice(0, cut))?.dir === false) {
        throw new ArchiveError("CORRUPT", "entry sits under a file", entry.path);
      }
    }
  }
}

/** The entries without the single top folder they all sit under, or unchanged when there is none. */
export function stripRoot(entries: Entry[]): Entry[] {
  const root = entries[0]?.path.split("/")[0];
  if (root === undefined) return entries;
  const under = (e: Entry): boolean => e.path.startsWith(`${root}/`) || (e.path === root && e.dir);
  if (!entries.every(under)) return entries;
  return entries
    .filter((e) => e.path !== root)
    .map((e) => ({ ...e, path: e.path.slice(root.length + 1) }));
}
