// Checks before git runs through the shell tool: no global options that pick another repository or
// configuration, no bare repository a workflow could have written, no configuration that runs programs.
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { ToolError } from "../tool.js";
import { isInside, relativeTo } from "../files/_confine.js";
import { GIT_CONFIG_OVERRIDES } from "./_git-env.js";
import { programKey } from "./_git-rules.js";
import { runProcess } from "./_process.js";

/** What the checks need: the git binary, its arguments, where and how it would run. */
export interface GitCheck {
  command: string;
  args: readonly string[];
  /** The real path of the working folder. */
  cwd: string;
  /** The real path of the workspace root. */
  rootReal: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
}

// Global options that neither change configuration nor pick a repository, work tree or exec path.
const SAFE_GLOBAL_OPTIONS: ReadonlySet<string> = new Set([
  "--no-pager",
  "-P",
  "-p",
  "--paginate",
  "--no-replace-objects",
  "--literal-pathspecs",
  "--glob-pathspecs",
  "--noglob-pathspecs",
  "--icase-pathspecs",
  "--no-optional-locks",
  "--no-advice",
  "--no-lazy-fetch",
  "--version",
  "-v",
  "--help",
  "-h",
  "--html-path",
  "--man-path",
  "--info-path",
  "--exec-path",
]);

/**
 * Refuses global options before the subcommand other than the harmless ones: `-c`, `--config-env`,
 * `--git-dir`, `--bare`, `-C`, `--work-tree` or `--exec-path=` would let the arguments pick the
 * configuration or a repository the workflow wrote (an explicit `--git-dir` is not bound by
 * `safe.bareRepository`).
 */
export function assertGitOptions(args: readonly string[]): void {
  for (const arg of args) {
    if (!arg.startsWith("-")) return;
    if (SAFE_GLOBAL_OPTIONS.has(arg)) continue;
    throw new ToolError(
      "FORBIDDEN",
      `git option "${arg.split("=")[0]}" is not allowed through the shell tool: it changes which ` +
        `configuration, repository or programs git uses. Put the subcommand first and choose the ` +
        `repository with "cwd" instead`,
    );
  }
}

const exists = (target: string): Promise<boolean> =>
  lstat(target).then(
    () => true,
    () => false,
  );

async function looksLikeGitDir(folder: string): Promise<boolean> {
  const [head, objects, refs] = await Promise.all(
    ["HEAD", "objects", "refs"].map((name) => exists(path.join(folder, name))),
  );
  return head === true && objects === true && refs === true;
}

/**
 * Walks from `cwd` up to the workspace root the way git discovers a repository (a `.git` entry
 * first, then the folder itself as a bare repository) and refuses a bare one inside the workspace:
 * the file tools can write `HEAD`, `objects/`, `refs/` and `config` anywhere but in `.git`. Git 2.38+
 * refuses it as well (`safe.bareRepository`); this covers older versions.
 */
export async function assertNoBareRepository(cwd: string, rootReal: string): Promise<void> {
  for (let folder = cwd; isInside(rootReal, folder); folder = path.dirname(folder)) {
    if (await exists(path.join(folder, ".git"))) return;
    if (await looksLikeGitDir(folder)) {
      const shown = relativeTo(rootReal, folder);
      throw new ToolError(
        "FORBIDDEN",
        `git would use "${shown}" as a bare repository, and files inside the workspace can be ` +
          `written by workflows; the shell tool runs git only in repositories with a .git folder. ` +
          `Run git on "${shown}" outside the workflow, or remove its HEAD, objects and refs`,
      );
    }
    if (folder === rootReal) return;
  }
}

/** One entry of `git config --list --show-scope --show-origin -z`. */
interface ConfigEntry {
  scope: string;
  origin: string;
  key: string;
  value: string;
}

function parseListing(text: string): ConfigEntry[] {
  const parts = text.split("\0");
  const entries: ConfigEntry[] = [];
  for (let i = 0; i + 2 < parts.length; i += 3) {
    const [scope = "", origin = "", pair = ""] = parts.slice(i, i + 3);
    const newline = pair.indexOf("\n");
    const key = newline === -1 ? pair : pair.slice(0, newline);
    entries.push({ scope, origin, key, value: newline === -1 ? "" : pair.slice(newline + 1) });
  }
  return entries;
}

// Generous: a configuration this large is not an ordinary one, and a cut listing cannot be judged.
const MAX_LISTING_BYTES = 4 * 1024 * 1024;

async function listConfig(check: GitCheck): Promise<ConfigEntry[]> {
  const result = await runProcess({
    command: check.command,
    args: ["config", "--list", "--show-scope", "--show-origin", "-z"],
    cwd: check.cwd,
    env: check.env,
    timeoutMs: check.timeoutMs,
    maxOutputBytes: MAX_LISTING_BYTES,
    signal: check.signal,
  });
  if (result.exitCode !== 0 || result.truncated) {
    const why = result.truncated
      ? "its configuration is larger than 4 MiB"
      : `"git config --list" failed (exit code ${result.exitCode}): ${result.stderr.trim()}`;
    throw new ToolError(
      "FORBIDDEN",
      `git was not run: its configuration could not be checked for programs it would run (${why}). ` +
        `Fix the repository's configuration, or use git 2.31 or newer`,
    );
  }
  const entries = parseListing(result.stdout);
  // Without `GIT_CONFIG_COUNT` support (git < 2.31) none of the overrides would apply.
  if (!entries.some((e) => e.scope === "command" && e.key === "safe.barerepository")) {
    throw new ToolError(
      "FORBIDDEN",
      `git was not run: this git ignores the configuration the shell tool sets through ` +
        `GIT_CONFIG_COUNT (${GIT_CONFIG_OVERRIDES.map(([k]) => k).join(", ")}); use git 2.31 or newer`,
    );
  }
  return entries;
}

/** A config file path for messages: relative to the workspace when inside it, else as git said. */
function shownFile(origin: string, rootReal: string): string {
  const file = origin.startsWith("file:") ? origin.slice("file:".length) : origin;
  return path.isAbsolute(file) && isInside(rootReal, file) ? relativeTo(rootReal, file) : file;
}

/**
 * Whether an entry may come from files a workflow or the repository controls: repository and
 * worktree configuration, and any file inside the workspace (the user's own global configuration
 * is trusted unless the workspace holds it, e.g. a workspace that is the home folder).
 */
async function untrusted(entry: ConfigEntry, rootReal: string): Promise<boolean> {
  if (entry.scope === "local" || entry.scope === "worktree") return true;
  if (!entry.origin.startsWith("file:")) return false;
  const file = path.resolve(entry.origin.slice("file:".length));
  if (isInside(rootReal, file)) return true;
  const real = await realpath(file).catch(() => file);
  return isInside(rootReal, real);
}

/**
 * Refuses to run git when configuration it would read from the repository (or from the workspace)
 * names a program that the overrides of `gitEnvironment` do not neutralise. The message names the
 * file and the key and says how to proceed.
 */
export async function assertSafeGitConfig(check: GitCheck): Promise<void> {
  for (const entry of await listConfig(check)) {
    const what = programKey(entry.key, entry.value);
    if (what === undefined || !(await untrusted(entry, check.rootReal))) continue;
    const file = shownFile(entry.origin, check.rootReal);
    throw new ToolError(
      "FORBIDDEN",
      `git was not run: ${file} sets "${entry.key}" (${what}), which git would run as a program, ` +
        `and the shell tool does not run programs named by repository configuration. Remove the ` +
        `key (git config --file ${file} --unset-all ${entry.key}) or run this git command ` +
        `outside the workflow`,
    );
  }
}

/** Every check, in order: options, repository discovery, configuration. */
export async function assertSafeGit(check: GitCheck): Promise<void> {
  assertGitOptions(check.args);
  await assertNoBareRepository(check.cwd, check.rootReal);
  await assertSafeGitConfig(check);
}
