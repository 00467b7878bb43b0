// Where the run history lives when no file is given: $SKILLFLOW_HOME, else the project's .skillflow.
import { existsSync, lstatSync, mkdirSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { storeFailure } from "./_failure.js";
import { RunStoreError } from "./store.js";

/**
 * The history file when none is given: `$SKILLFLOW_HOME/history.db` when set, else
 * `<project>/.skillflow/history.db`, where the project is the nearest folder (from `cwd` up) holding
 * `.skillflow`, `package.json` or `.git`, or `cwd` itself. The folder is created; a folder that
 * cannot be is a `RunStoreError` (`STORE_INACCESSIBLE`, `STORE_FULL`...) naming the file. A
 * project's `.skillflow` that is a link leading outside the project is refused
 * (`STORE_INACCESSIBLE`): a cloned repository must not choose where skillflow writes.
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
    assertInside(project, folder);
  }
  const file = join(folder, "history.db");
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw storeFailure(error, { file, busyTimeoutMs: 0 });
  }
  return file;
}

/** Throws when `folder` is a symbolic link whose target lies outside `project`. */
function assertInside(project: string, folder: string): void {
  let link = false;
  try {
    link = lstatSync(folder).isSymbolicLink();
  } catch {
    return; // Not there yet: it is created as a plain folder.
  }
  if (!link) return;
  let target: string;
  try {
    target = realpathSync(folder);
  } catch {
    target = folder;
  }
  const rel = relative(realpathSync(project), target);
  if (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) return;
  throw new RunStoreError(
    "STORE_INACCESSIBLE",
    `${folder} is a link to ${target}, outside the project: skillflow does not write its history or caches through it; remove the link, or set SKILLFLOW_HOME (or history.path in your own config) to choose a folder`,
    { file: join(folder, "history.db") },
  );
}
