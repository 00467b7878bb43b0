// Zip reading: our own central-directory parser (fflate's Unzip hides external attributes), bounded inflation.
import { crc32 } from "node:zlib";
import { Inflate } from "fflate";
import { ArchiveError, corrupt } from "./_archive-error.js";
import { slices, type Collector, type Entry } from "./_archive-entries.js";

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

/** Reads every zip entry into the collector: all names and types checked before anything inflates. */
export function readZip(data: Buffer, collector: Collector): void {
  const records = readCentralDirectory(data);
  // Every name and type is checked before anything is inflated.
  const opened = records.map((rec) => [rec, openZipEntry(rec, collector)] as const);
  for (const [rec, entry] of opened) {
    if (entry && !entry.dir) inflateZipEntry(data, rec, entry, collector);
  }
}
