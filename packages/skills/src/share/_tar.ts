// Tar reading: tar and tar.gz streams parsed into the collector, links, nesting and bombs refused.
import { Gunzip } from "fflate";
import { Parser, type ReadEntry } from "tar";
import { ArchiveError, corrupt, type ArchiveLimits } from "./_archive-error.js";
import { slices, type Collector, type Entry } from "./_archive-entries.js";

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

/** Reads a tar (gunzipping first when `gzipped`) into the collector, within the limits. */
export function readTar(
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
