// Skill archives: deterministic zips of skill folders, and bounded all-or-nothing unpacking of zip and tar(.gz).
import { createHash, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { chmod, lstat, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import { Gunzip, Inflate, Zip, ZipDeflate } from "fflate";
import { Parser, type ReadEntry } from "tar";

/** Why an archive was refused. */
export type ArchiveErrorCode =
  "ZIP_SLIP" | "SYMLINK" | "TOO_LARGE" | "TOO_MANY_FILES" | "CORRUPT" | "UNSUPPORTED";

/** An archive (or folder to pack) refused for safety or integrity, naming the offending entry. */
export class ArchiveError extends Error {
  readonly code: ArchiveErrorCode;
  readonly entry?: string;

  constructor(code: ArchiveErrorCode, message: string, entry?: string) {
    super(entry === undefined ? message : `${message}: ${entry}`);
    this.name = "ArchiveError";
    this.code = code;
    if (entry !== undefined) this.entry = entry;
  }
}

/** Size and count caps applied while unpacking. */
export interface ArchiveLimits {
  /** The archive itself. */
  maxDownloadBytes: number;
  /** The sum of decompressed file contents, counted as they inflate. */
  maxUnpackedBytes: number;
  /** File entries (directories are not counted). */
  maxFiles: number;
}

/** The limits used when the caller gives none: 10 MiB download, 25 MiB unpacked, 1000 files. */
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxDownloadBytes: 10 * 1024 * 1024,
  maxUnpackedBytes: 25 * 1024 * 1024,
  maxFiles: 1000,
});

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

// ---------------------------------------------------------------------------------------------
// Packing

// The earliest DOS timestamp, in local time because fflate encodes local fields: same bytes in any TZ.
const FIXED_MTIME = new Date(1980, 0, 1);
const EXCLUDED_ANYWHERE = new Set(["node_modules", "__pycache__", ".git", ".DS_Store"]);

const excluded = (name: string, atRoot: boolean): boolean =>
  EXCLUDED_ANYWHERE.has(name) || name.endsWith(".pyc") || (atRoot && name === "evals");

interface PackedFile {
  rel: string;
  executable: boolean;
}

async function walk(root: string, rel: string, out: PackedFile[]): Promise<void> {
  const dirents = await readdir(rel === "" ? root : path.join(root, rel), { withFileTypes: true });
  for (const d of dirents) {
    if (excluded(d.name, rel === "")) continue;
    const child = rel === "" ? d.name : `${rel}/${d.name}`;
    if (d.isSymbolicLink()) throw new ArchiveError("SYMLINK", "symlinks cannot be packed", child);
    if (d.isDirectory()) await walk(root, child, out);
    else if (d.isFile()) {
      const { mode } = await lstat(path.join(root, child));
      out.push({ rel: child, executable: (mode & 0o111) !== 0 });
    } else throw new ArchiveError("UNSUPPORTED", "only files and folders can be packed", child);
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
    // O_NOFOLLOW: a file swapped for a symlink after the walk is still refused.
    const flag = constants.O_RDONLY | constants.O_NOFOLLOW;
    const data = await readFile(path.join(folder, file.rel), { flag });
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

// ---------------------------------------------------------------------------------------------
// Unpacking: every entry is validated and inflated into memory (bounded by the limits), then
// written into a temporary sibling folder that is renamed into place only when complete.

interface Entry {
  path: string;
  dir: boolean;
  executable: boolean;
  chunks: Uint8Array[];
}

/** The normalised relative path of an archive entry, or ZIP_SLIP when it could escape the target. */
function safeRelative(raw: string): string {
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
class Collector {
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

function* slices(data: Uint8Array): Generator<[Uint8Array, boolean]> {
  for (let at = 0; at < data.length; at += CHUNK) {
    yield [data.subarray(at, at + CHUNK), at + CHUNK >= data.length];
  }
  if (data.length === 0) yield [data, true];
}

const corrupt = (error: unknown, entry?: string): ArchiveError =>
  error instanceof ArchiveError
    ? error
    : new ArchiveError("CORRUPT", `corrupt archive (${String(error)})`, entry);

// ----- zip (central directory parsed here: fflate's Unzip exposes no external attributes)

interface ZipRecord {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  mode: number;
}

function findEndOfCentral(data: Buffer): number {
  const floor = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= floor; at--) {
    if (data.readUInt32LE(at) === 0x06054b50) return at;
  }
  throw new ArchiveError("CORRUPT", "no zip end-of-central-directory record");
}

function readZip64Extra(data: Buffer, start: number, end: number, rec: ZipRecord): void {
  for (let at = start; at + 4 <= end; at += 4 + data.readUInt16LE(at + 2)) {
    if (data.readUInt16LE(at) !== 0x0001) continue;
    // Only the fields saturated in the record are present, in this order.
    let field = at + 4;
    const next = (): number => {
      if (field + 8 > end) throw new ArchiveError("CORRUPT", "short zip64 field", rec.name);
      const value = Number(data.readBigUInt64LE(field));
      field += 8;
      return value;
    };
    if (rec.size === 0xffffffff) rec.size = next();
    if (rec.compressed === 0xffffffff) rec.compressed = next();
    if (rec.offset === 0xffffffff) rec.offset = next();
  }
}

function readCentralDirectory(data: Buffer): ZipRecord[] {
  const eocd = findEndOfCentral(data);
  const count = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) {
    throw new ArchiveError("UNSUPPORTED", "zip64 central directories are not supported");
  }
  const records: ZipRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || data.readUInt32LE(at) !== 0x02014b50) {
      throw new ArchiveError("CORRUPT", "bad zip central directory");
    }
    const nameEnd = at + 46 + data.readUInt16LE(at + 28);
    const extraEnd = nameEnd + data.readUInt16LE(at + 30);
    const rec: ZipRecord = {
      name: data.toString("utf8", at + 46, nameEnd),
      flags: data.readUInt16LE(at + 8),
      method: data.readUInt16LE(at + 10),
      crc: data.readUInt32LE(at + 16),
      compressed: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      offset: data.readUInt32LE(at + 42),
      mode: data.readUInt32LE(at + 38) >>> 16,
    };
    readZip64Extra(data, nameEnd, extraEnd, rec);
    records.push(rec);
    at = extraEnd + data.readUInt16LE(at + 32);
  }
  return records;
}

function openZipEntry(rec: ZipRecord, collector: Collector): Entry | undefined {
  const type = rec.mode & 0o170000;
  if (type === 0o120000) throw new ArchiveError("SYMLINK", "links are not allowed", rec.name);
  if (type !== 0 && type !== 0o100000 && type !== 0o040000) {
    throw new ArchiveError("UNSUPPORTED", "special file entry", rec.name);
  }
  const dir = rec.name.endsWith("/") || rec.name.endsWith("\\") || type === 0o040000;
  if (!dir && (rec.flags & 1) !== 0) {
    throw new ArchiveError("UNSUPPORTED", "encrypted entry", rec.name);
  }
  if (!dir && rec.method !== 0 && rec.method !== 8) {
    throw new ArchiveError("UNSUPPORTED", `compression method ${rec.method}`, rec.name);
  }
  return collector.open(rec.name, dir, (rec.mode & 0o111) !== 0);
}

function compressedBody(data: Buffer, rec: ZipRecord): Buffer {
  const at = rec.offset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== 0x04034b50) {
    throw new ArchiveError("CORRUPT", "bad zip local header", rec.name);
  }
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  if (start + rec.compressed > data.length) {
    throw new ArchiveError("CORRUPT", "zip entry runs past the end", rec.name);
  }
  return data.subarray(start, start + rec.compressed);
}

function inflateZipEntry(data: Buffer, rec: ZipRecord, entry: Entry, collector: Collector): void {
  let crc = 0;
  let size = 0;
  const take = (chunk: Uint8Array): void => {
    collector.write(entry, chunk);
    crc = crc32(chunk, crc);
    size += chunk.length;
  };
  const body = compressedBody(data, rec);
  try {
    if (rec.method === 0) for (const [chunk] of slices(body)) take(chunk);
    else {
      const inflate = new Inflate((chunk) => take(chunk));
      for (const [chunk, last] of slices(body)) inflate.push(chunk, last);
    }
  } catch (error) {
    throw corrupt(error, rec.name);
  }
  if (size !== rec.size || crc !== rec.crc) {
    throw new ArchiveError("CORRUPT", "size or checksum mismatch", rec.name);
  }
}

function readZip(data: Buffer, collector: Collector): void {
  const records = readCentralDirectory(data);
  // Every name and type is checked before anything is inflated.
  const opened = records.map((rec) => [rec, openZipEntry(rec, collector)] as const);
  for (const [rec, entry] of opened) {
    if (entry && !entry.dir) inflateZipEntry(data, rec, entry, collector);
  }
}

// ----- tar

const TAR_FILE_TYPES = new Set(["File", "OldFile", "ContiguousFile"]);

function openTarEntry(entry: ReadEntry, collector: Collector): Entry | undefined {
  const { type, path: name } = entry;
  if (type === "SymbolicLink" || type === "Link") {
    throw new ArchiveError("SYMLINK", "links are not allowed", name);
  }
  if (type !== "Directory" && !TAR_FILE_TYPES.has(type)) {
    throw new ArchiveError("UNSUPPORTED", `tar entry type ${type}`, name);
  }
  return collector.open(name, type === "Directory", ((entry.mode ?? 0) & 0o111) !== 0);
}

function tarParser(collector: Collector, fail: (error: unknown) => void): Parser {
  // strict: a bad header becomes an error instead of a warning and a silent skip.
  const parser = new Parser({ strict: true });
  parser.on("entry", (entry: ReadEntry) => {
    try {
      const target = openTarEntry(entry, collector);
      entry.on("data", (chunk: Buffer) => {
        try {
          if (target) collector.write(target, chunk);
        } catch (error) {
          fail(error);
        }
      });
    } catch (error) {
      fail(error);
      entry.resume();
    }
  });
  parser.on("ignoredEntry", (entry: ReadEntry) => fail(corrupt("oversized header", entry.path)));
  parser.on("warn", (code: string) => fail(corrupt(code)));
  parser.on("error", (error: Error) => fail(corrupt(error)));
  return parser;
}

// tar's Parser would silently inflate a nested gzip or zstd stream past our byte counting.
const compressedMagic = (c: Uint8Array): boolean =>
  (c[0] === 0x1f && c[1] === 0x8b) ||
  (c[0] === 0x28 && c[1] === 0xb5 && c[2] === 0x2f && c[3] === 0xfd);

function readTar(
  data: Buffer,
  gzipped: boolean,
  collector: Collector,
  limits: ArchiveLimits,
): void {
  let failure: unknown;
  let ended = false;
  const parser = tarParser(collector, (error) => (failure ??= error));
  parser.on("end", () => (ended = true));
  // Headers, pax records and padding are bounded per entry; beyond this the tar stream itself is a bomb.
  const maxTarBytes = limits.maxUnpackedBytes + 4096 * (limits.maxFiles + 16);
  let tarBytes = 0;
  const feed = (chunk: Uint8Array): void => {
    if (tarBytes === 0 && compressedMagic(chunk)) {
      failure ??= new ArchiveError("UNSUPPORTED", "nested compression inside the tar stream");
    }
    tarBytes += chunk.length;
    if (tarBytes > maxTarBytes) failure ??= new ArchiveError("TOO_LARGE", "tar stream too large");
    if (failure === undefined)
      parser.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
  };
  try {
    const gunzip = gzipped ? new Gunzip((chunk) => feed(chunk)) : undefined;
    for (const [chunk, last] of slices(data)) {
      if (gunzip) gunzip.push(chunk, last);
      else feed(chunk);
      if (failure !== undefined) break;
    }
  } catch (error) {
    failure ??= corrupt(error);
  }
  if (failure === undefined) parser.end();
  if (failure !== undefined) throw failure;
  if (!ended) throw new ArchiveError("CORRUPT", "truncated tar stream");
}

// ----- common

function sniff(data: Buffer): ArchiveFormat {
  if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) return "zip";
  if (data.length >= 22 && data.readUInt32LE(0) === 0x06054b50) return "zip"; // empty zip
  if (data[0] === 0x1f && data[1] === 0x8b) return "tar.gz";
  if (data.toString("latin1", 257, 262) === "ustar") return "tar";
  throw new ArchiveError("UNSUPPORTED", "unrecognised archive format");
}

function checkConflicts(entries: Map<string, Entry>): void {
  for (const entry of entries.values()) {
    for (let cut = entry.path.indexOf("/"); cut !== -1; cut = entry.path.indexOf("/", cut + 1)) {
      if (entries.get(entry.path.slice(0, cut))?.dir === false) {
        throw new ArchiveError("CORRUPT", "entry sits under a file", entry.path);
      }
    }
  }
}

function stripRoot(entries: Entry[]): Entry[] {
  const root = entries[0]?.path.split("/")[0];
  if (root === undefined) return entries;
  const under = (e: Entry): boolean => e.path.startsWith(`${root}/`) || (e.path === root && e.dir);
  if (!entries.every(under)) return entries;
  return entries
    .filter((e) => e.path !== root)
    .map((e) => ({ ...e, path: e.path.slice(root.length + 1) }));
}

async function assertAbsent(target: string): Promise<void> {
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

async function materialise(entries: Entry[], target: string): Promise<void> {
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
    throw error;
  }
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
