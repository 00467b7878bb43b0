// Options shared by the file tools.

/** Options of `createFileTools`. */
export interface FileToolsOptions {
  /** The folder every path is confined to. It must exist. */
  root: string;
  /** Largest file `file_read` returns and `file_write` writes; default 10 MiB. */
  maxBytes?: number;
}

/** Default `maxBytes`: 10 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
