// Reading skill files safely: regular files only, never more than a cap (no /dev/zero, FIFO or device).
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  statSync,
  type Stats,
} from "node:fs";
import { lstat, open, stat, type FileHandle } from "node:fs/promises";

/** The most a SKILL.md may hold: 1 MiB (the specification suggests under 500 lines). */
export const MAX_SKILL_FILE_BYTES = 1024 * 1024;

/** Why a skill file was not read. */
export type SkillFileErrorCode = "NOT_FOUND" | "NOT_A_FILE" | "TOO_LARGE" | "UNREADABLE";

/** Thrown when a skill file cannot be read safely; `code` says why and `file` names it. */
export class SkillFileError extends Error {
  override readonly name = "SkillFileError";
  constructor(
    readonly code: SkillFileErrorCode,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** How a file is read. */
export interface ReadLimits {
  /** Bytes read at most. */
  maxBytes: number;
  /** Refuse a symbolic link instead of following it (the scan, whose links are findings). */
  noFollow?: boolean;
  /** Return the first `maxBytes` of a larger file (`truncated`) instead of throwing TOO_LARGE. */
  truncate?: boolean;
  /** How to fix a TOO_LARGE file, appended to its message. */
  hint?: string;
}

/** What was read: the bytes, the file's status, and whether the file holds more than was read. */
export interface ReadResult {
  data: Buffer;
  stat: Stats;
  truncated: boolean;
}

// O_NONBLOCK and O_NOCTTY: even a file swapped for a FIFO or a terminal between the checks cannot
// block the open. (Undefined on Windows, where neither applies.)
const BASE_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const flags = (limits: ReadLimits) =>
  BASE_FLAGS | (limits.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);

function kind(s: Stats): string {
  if (s.isDirectory()) return "a folder";
  if (s.isSymbolicLink()) return "a symbolic link";
  if (s.isFIFO()) return "a FIFO";
  if (s.isSocket()) return "a socket";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  return "not a regular file";
}

/** Refuses anything but a regular file, and a file larger than the cap (unless truncating). */
function check(file: string, s: Stats, limits: ReadLimits): void {
  if (!s.isFile())
    throw new SkillFileError(
      "NOT_A_FILE",
      file,
      `${file} is ${kind(s)}, not a regular file: skillflow reads only regular files (replace it with one)`,
    );
  if (s.size > limits.maxBytes && limits.truncate !== true) throw tooLarge(file, s.size, limits);
}

function tooLarge(file: string, size: number | undefined, limits: ReadLimits): SkillFileError {
  const has =
    size === undefined
      ? `more than ${limits.maxBytes} bytes`
      : `${size} bytes, more than the ${limits.maxBytes} allowed`;
  const hint = limits.hint === undefined ? "" : `: ${limits.hint}`;
  return new SkillFileError("TOO_LARGE", file, `${file} has ${has}${hint}`);
}

/** The open/stat failure as a SkillFileError. */
function failure(file: string, error: unknown): SkillFileError {
  if (error instanceof SkillFileError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const fail = (as: SkillFileErrorCode, message: string) =>
    new SkillFileError(as, file, message, { cause: error });
  if (code === "ENOENT" || code === "ENOTDIR") return fail("NOT_FOUND", `${file} does not exist`);
  if (code === "ELOOP") return fail("NOT_A_FILE", `${file} is a symbolic link (not followed)`);
  return fail("UNREADABLE", `${file} could not be read (${code ?? String(error)})`);
}

/** The opened file must be the one checked: same device and inode, still a regular file. */
function same(file: string, before: Stats, after: Stats, limits: ReadLimits): void {
  check(file, after, limits);
  if (before.dev !== after.dev || before.ino !== after.ino)
    throw new SkillFileError("UNREADABLE", file, `${file} changed while it was being read`);
}

/** Reads into a buffer that grows up to `maxBytes + 1` (a file may grow after its stat). */
function finish(
  file: string,
  buffer: Buffer,
  length: number,
  s: Stats,
  limits: ReadLimits,
): ReadResult {
  const truncated = length > limits.maxBytes;
  if (truncated && limits.truncate !== true) throw tooLarge(file, undefined, limits);
  return { data: buffer.subarray(0, Math.min(length, limits.maxBytes)), stat: s, truncated };
}

const initialSize = (s: Stats, limits: ReadLimits) => Math.min(s.size, limits.maxBytes) + 1;
const grown = (buffer: Buffer, limits: ReadLimits) => {
  const next = Buffer.allocUnsafe(Math.min(limits.maxBytes + 1, buffer.length * 2));
  buffer.copy(next);
  return next;
};

/**
 * Reads a regular file, at most `limits.maxBytes` of it. A folder, FIFO, socket or device (also
 * behind a symlink) is NOT_A_FILE and is never opened; a larger file is TOO_LARGE.
 */
export function readRegularFileSync(file: string, limits: ReadLimits): ReadResult {
  let fd: number | undefined;
  try {
    const before = limits.noFollow ? lstatSync(file) : statSync(file);
    check(file, before, limits);
    fd = openSync(file, flags(limits));
    const s = fstatSync(fd);
    same(file, before, s, limits);
    let buffer = Buffer.allocUnsafe(initialSize(s, limits));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limits.maxBytes) break;
        buffer = grown(buffer, limits);
      }
      const n = readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) break;
      length += n;
    }
    return finish(file, buffer, length, s, limits);
  } catch (error) {
    throw failure(file, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Opens a regular file for reading (any size), checked as `readRegularFile` checks it: nothing but
 * a regular file is opened. The caller closes the handle.
 */
export async function openRegularFile(
  file: string,
  options: { noFollow?: boolean } = {},
): Promise<{ handle: FileHandle; stat: Stats }> {
  const limits: ReadLimits = { maxBytes: Infinity, ...options };
  let handle: FileHandle | undefined;
  try {
    const before = limits.noFollow ? await lstat(file) : await stat(file);
    check(file, before, limits);
    handle = await open(file, flags(limits));
    const s = await handle.stat();
    same(file, before, s, limits);
    return { handle, stat: s };
  } catch (error) {
    await handle?.close();
    throw failure(file, error);
  }
}

/** `readRegularFileSync`, without blocking the event loop. */
export async function readRegularFile(file: string, limits: ReadLimits): Promise<ReadResult> {
  const { handle, stat: s } = await openRegularFile(file, limits);
  try {
    if (s.size > limits.maxBytes && limits.truncate !== true) throw tooLarge(file, s.size, limits);
    let buffer = Buffer.allocUnsafe(initialSize(s, limits));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limits.maxBytes) break;
        buffer = grown(buffer, limits);
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return finish(file, buffer, length, s, limits);
  } catch (error) {
    throw failure(file, error);
  } finally {
    await handle.close();
  }
}

/** Options of `readSkillFile`. */
export interface ReadSkillFileOptions {
  /** Default MAX_SKILL_FILE_BYTES. */
  maxBytes?: number;
  /** How to fix a file over the cap; default: move detail into reference files. */
  hint?: string;
}

const limitsOf = (options: ReadSkillFileOptions): ReadLimits => ({
  maxBytes: options.maxBytes ?? MAX_SKILL_FILE_BYTES,
  hint: options.hint ?? "move detail into reference files",
});

/**
 * Reads a skill file (a SKILL.md, by default at most MAX_SKILL_FILE_BYTES) as UTF-8. Throws a
 * SkillFileError for a missing file, anything but a regular file (never opened), or a file over
 * the cap.
 */
export async function readSkillFile(
  file: string,
  options: ReadSkillFileOptions = {},
): Promise<string> {
  return (await readRegularFile(file, limitsOf(options))).data.toString("utf8");
}

/** `readSkillFile`, synchronously (discovery walks synchronously). */
export function readSkillFileSync(file: string, options: ReadSkillFileOptions = {}): string {
  return readRegularFileSync(file, limitsOf(options)).data.toString("utf8");
}
