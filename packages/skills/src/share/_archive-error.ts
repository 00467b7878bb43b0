// Archive errors and limits: the refusal type every archive step throws, and the size and count caps.
import { visible } from "@skillflow/workflow";

/** Why an archive was refused. */
export type ArchiveErrorCode =
  | "ZIP_SLIP"
  | "SYMLINK"
  | "TOO_LARGE"
  | "TOO_MANY_FILES"
  | "PATH_TOO_LONG"
  | "CORRUPT"
  | "UNSUPPORTED";

/** The longest entry name a message quotes, in characters. */
const SHOWN = 160;

/** An entry name fit for a message: hidden characters made visible, cut when very long. */
function shown(entry: string): string {
  const flat = visible(entry.length <= SHOWN ? entry : entry.slice(0, SHOWN));
  return entry.length <= SHOWN ? flat : `${flat}… (${entry.length} characters)`;
}

/** An archive (or folder to pack) refused for safety or integrity, naming the offending entry. */
export class ArchiveError extends Error {
  readonly code: ArchiveErrorCode;
  readonly entry?: string;

  constructor(code: ArchiveErrorCode, message: string, entry?: string) {
    super(entry === undefined ? message : `${message}: ${shown(entry)}`);
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
  /** Entries: files and folders (also the folders entry paths imply), each counted once. */
  maxFiles: number;
}

/** The limits used when the caller gives none: 10 MiB download, 25 MiB unpacked, 1000 entries. */
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
