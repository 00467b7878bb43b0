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

/** The normalised relative path of an archive entry, or ZIP_SLIP when it could escape the target. */
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
  return rel;
}

/** Accumulates validated entries while enforcing the count and byte limits. */
export class Collector {
  readonly entries = new Map<string, Entry>();
  private files = 0;
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
    if (!dir && ++this.files > this.limits.maxFiles) {
      throw new ArchiveError("TOO_MANY_FILES", `more than ${this.limits.maxFiles} files`, raw);
    }
    const entry: Entry = { path: rel, dir, executable, chunks: [] };
    this.entries.set(rel, entry);
    return entry;
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
