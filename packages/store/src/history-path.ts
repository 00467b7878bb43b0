// Where the run history lives when no file is given: $SKILLFLOW_HOME, else the project's .skillflow.
import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync } from "node:fs";
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

/** Entries of `.skillflow` looked at, at most (it holds a handful: history, index, eval files). */
const MAX_ENTRIES = 1000;

/** Where `link` points once resolved, or undefined when it cannot be (dangling, a loop). */
function linkTarget(link: string): string | undefined {
  try {
    return realpathSync(link);
  } catch {
    return undefined;
  }
}

/**
 * The first symbolic link in `folder` (itself included, and its files and folders below, to a
 * bounded count) that leads outside `project` or nowhere, with where it leads.
 */
function outsideLink(project: string, folder: string): [string, string] | undefined {
  const root = realpathSync(project);
  const pending = [folder];
  let seen = 0;
  while (pending.length > 0 && seen++ < MAX_ENTRIES) {
    const entry = pending.pop()!;
    let stats;
    try {
      stats = lstatSync(entry);
    } catch {
      continue;
    }
    if (stats.isSymbolicLink()) {
      const target = linkTarget(entry);
      const rel = target === undefined ? ".." : relative(root, target);
      if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel))
        return [entry, target ?? "a missing file"];
      pending.push(target!); // Inside the project: what it holds is looked at too.
    } else if (stats.isDirectory())
      for (const name of readdirSync(entry)) pending.push(join(entry, name));
  }
  return undefined;
}

/**
 * Throws when the project's `.skillflow` folder, or anything in it (the history file, its `-wal`
 * journal, the eval cache…), is a link leading outside the project or nowhere: a cloned
 * repository can commit such links, and SQLite and the caches would write through them.
 */
function assertInside(project: string, folder: string): void {
  const found = outsideLink(project, folder);
  if (found === undefined) return;
  const [link, target] = found;
  throw new RunStoreError(
    "STORE_INACCESSIBLE",
    `${link} is a link to ${target}, outside the project: skillflow does not write its history or caches through it; remove the link, or set SKILLFLOW_HOME (or history.path in your own config) to choose a folder`,
    { file: join(folder, "history.db") },
  );
}
