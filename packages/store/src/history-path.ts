// Where the run history lives when no file is given: $SKILLFLOW_HOME, else the project's .skillflow.
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { storeFailure } from "./_failure.js";

/**
 * The history file when none is given: `$SKILLFLOW_HOME/history.db` when set, else
 * `<project>/.skillflow/history.db`, where the project is the nearest folder (from `cwd` up) holding
 * `.skillflow`, `package.json` or `.git`, or `cwd` itself. The folder is created; a folder that
 * cannot be is a `RunStoreError` (`STORE_INACCESSIBLE`, `STORE_FULL`...) naming the file.
 */
export function defaultHistoryPath(context: {
  cwd: string;
  env: Record<string, string | undefined>;
}): string {
  const home = context.env["SKILLFLOW_HOME"];
  let folder: string;
  if (home !== undefined && home !== "") folder = resolve(context.cwd, home);
  else {
    const start = resolve(context.cwd);
    let project = start;
    outer: for (const marker of [".skillflow", "package.json", ".git"])
      for (let dir = start; ; dir = dirname(dir)) {
        if (existsSync(join(dir, marker))) {
          project = dir;
          break outer;
        }
        if (dirname(dir) === dir) break;
      }
    folder = join(project, ".skillflow");
  }
  const file = join(folder, "history.db");
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw storeFailure(error, { file, busyTimeoutMs: 0 });
  }
  return file;
}
