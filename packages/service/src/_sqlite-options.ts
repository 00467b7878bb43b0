// The options of the service's SQLite files, apart from the opener: declaration files that name
// them do not import better-sqlite3's types (a consumer need not install @types/better-sqlite3).

/** Options shared by the SQLite queue and state: the file, and how long a writer waits for a lock. */
export interface SqliteFileOptions {
  /** Database file (its folder is created); the queue and the state may share one. `:memory:` is private. */
  path: string;
  /** How long a writer waits for a lock held by another process, in ms; defaults to 5000. */
  busyTimeoutMs?: number;
}
