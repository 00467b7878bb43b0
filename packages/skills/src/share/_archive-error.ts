// Archive errors and limits: the refusal type every archive step throws, and the size and count caps.

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

/** The error as an ArchiveError: itself when it already is one, else CORRUPT naming the entry. */
export const corrupt = (error: unknown, entry?: string): ArchiveError =>
  error instanceof ArchiveError
    ? error
    : new ArchiveError("CORRUPT", `corrupt archive (${String(error)})`, entry);
