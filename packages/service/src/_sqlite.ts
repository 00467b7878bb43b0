// Opening one of the service's SQLite files (queue, state): folder created, WAL, busy timeout, schema.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";

import type { SqliteFileOptions } from "./_sqlite-options.js";

/**
 * Opens `options.path` (absolute or `:memory:`) with the house pragmas and applies `schema`, then
 * hands the database to `use`. Anything thrown on the way closes the file and goes through `fail`.
 */
export function openSqliteFile<T>(
  options: SqliteFileOptions,
  schema: string,
  use: (db: Database.Database, file: string) => T,
  fail: (error: unknown, file: string) => Error,
): T {
  const file = options.path === ":memory:" ? options.path : resolve(options.path);
  let db: Database.Database | undefined;
  try {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec(schema);
    return use(db, file);
  } catch (error) {
    if (db?.open) db.close();
    throw fail(error, file);
  }
}
