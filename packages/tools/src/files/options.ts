// Options shared by the file tools.

/** Options of `createFileTools`. */
export interface FileToolsOptions {
  /** The folder every path is confined to. It must exist. */
  root: string;
  /** Largest file `file_read` returns and `file_write` writes; default 10 MiB. */
  maxBytes?: number;
  /**
   * Absolute paths (folders or files) inside the root that the tools treat as off limits: reading,
   * writing or listing inside them is FORBIDDEN, and `file_list` leaves them out. Compared by real
   * path and without case. An evaluation hides a skill's `evals/` (its answer key) this way.
   */
  hidden?: readonly string[];
}

/** Default `maxBytes`: 10 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
