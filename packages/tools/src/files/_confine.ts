// Confinement to a root folder: paths resolved lexically and with realpath, so `..` and symlinks cannot escape.
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { ToolError } from "../tool.js";

/** A path inside the root: `absolute` is what to access, `relative` is how to report it. */
export interface ConfinedPath {
  absolute: string;
  relative: string;
}

const isNotFound = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT" ||
  (error as NodeJS.ErrnoException | undefined)?.code === "ENOTDIR";

/**
 * Folders no file tool touches: version-control metadata. Writing `.git/config` or a hook turns any
 * allowlisted `git` command into code execution, and reading it can expose credentials in remotes.
 */
export const PROTECTED_FOLDERS: ReadonlySet<string> = new Set([".git", ".hg", ".svn"]);

/**
 * Whether one path segment names a protected folder on some file system: compared without case
 * (macOS, Windows), without trailing dots and spaces, and as a Windows short name (`GIT~1`), since
 * Windows drops the one and maps the other to `.git`.
 */
export function isProtectedName(segment: string): boolean {
  const name = segment.toLowerCase().replace(/[. ]+$/, "");
  return PROTECTED_FOLDERS.has(name) || /^(git|hg|svn)~\d+$/.test(name);
}

/** Whether a path relative to the root (`/`-separated) goes through a protected folder. */
export function isProtected(relative: string): boolean {
  return relative.split("/").some(isProtectedName);
}

function assertNotProtected(rootReal: string, absolute: string, input: string): void {
  if (isProtected(relativeTo(rootReal, absolute))) {
    throw forbidden(
      input,
      "is inside version-control metadata (.git, .hg, .svn), which file tools do not touch",
    );
  }
}

/**
 * The real paths of the host's hidden paths, lower-cased for comparison; a path that does not exist
 * (yet) is taken as written, so a file created there later is still hidden.
 */
export async function hiddenPaths(hidden: readonly string[]): Promise<string[]> {
  return Promise.all(
    hidden.map(async (entry) => {
      const absolute = path.resolve(entry);
      try {
        return (await realpath(absolute)).toLowerCase();
      } catch {
        return absolute.toLowerCase();
      }
    }),
  );
}

/** Whether the real path `absolute` is one of the hidden paths (from `hiddenPaths`) or below one. */
export function isHidden(hidden: readonly string[], absolute: string): boolean {
  const lower = absolute.toLowerCase();
  return hidden.some((entry) => isInside(entry, lower));
}

function assertNotHidden(hidden: readonly string[], absolute: string, input: string): void {
  if (isHidden(hidden, absolute)) {
    throw forbidden(
      input,
      "is hidden from the file tools by the host (an evaluation's answer key)",
    );
  }
}

/** Whether `candidate` is `root` or below it (both absolute and normalised). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === "" || (!rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel));
}

/** The root as a real path; a missing root is a configuration problem of the host. */
export async function realRoot(root: string): Promise<string> {
  try {
    return await realpath(root);
  } catch (error) {
    throw new ToolError("CONFIGURATION", `Workspace root "${root}" does not exist`, {
      cause: error,
    });
  }
}

/** `absolute` reported relative to the real root, with `/` separators (`.` for the root itself). */
export function relativeTo(rootReal: string, absolute: string): string {
  const rel = path.relative(rootReal, absolute);
  return rel === "" ? "." : rel.split(path.sep).join("/");
}

/**
 * Resolves a caller's path against the root without touching the disk: relative paths are taken
 * from the root, absolute ones must already point inside it (given as the root or its real path).
 * `..` segments are resolved first, so only paths that stay inside pass.
 */
export function resolveLexically(root: string, rootReal: string, input: string): ConfinedPath {
  if (input.includes("\0")) throw new ToolError("INVALID_ARGUMENTS", "Path contains a NUL byte");
  let absolute: string;
  if (path.isAbsolute(input)) {
    const normal = path.resolve(input);
    const base = path.resolve(root);
    if (isInside(base, normal)) absolute = path.join(rootReal, path.relative(base, normal));
    else if (isInside(rootReal, normal)) absolute = normal;
    else throw forbidden(input, "is outside the workspace root");
  } else {
    absolute = path.resolve(rootReal, input);
    if (!isInside(rootReal, absolute)) throw forbidden(input, "escapes the workspace root");
  }
  assertNotProtected(rootReal, absolute, input);
  return { absolute, relative: relativeTo(rootReal, absolute) };
}

/** A FORBIDDEN error about a caller's path. */
export function forbidden(input: string, why: string): ToolError {
  return new ToolError("FORBIDDEN", `Path "${input}" ${why}`);
}

/** A NOT_FOUND error about a caller's path. */
export function notFound(input: string, cause?: unknown): ToolError {
  return new ToolError("NOT_FOUND", `Path "${input}" does not exist`, { cause });
}

/**
 * An existing path inside the root, followed through symlinks: `absolute` is its real path, which
 * must still be inside the real root. Missing paths are NOT_FOUND.
 */
export async function resolveExisting(
  root: string,
  input: string,
  hidden: readonly string[] = [],
): Promise<ConfinedPath> {
  const rootReal = await realRoot(root);
  const lexical = resolveLexically(root, rootReal, input);
  let real: string;
  try {
    real = await realpath(lexical.absolute);
  } catch (error) {
    if (isNotFound(error)) throw notFound(input, error);
    throw error;
  }
  if (!isInside(rootReal, real)) throw forbidden(input, "resolves outside the workspace root");
  assertNotProtected(rootReal, real, input);
  if (hidden.length > 0) assertNotHidden(await hiddenPaths(hidden), real, input);
  return { absolute: real, relative: lexical.relative };
}

/**
 * A path that may not exist yet (a file about to be written): its nearest existing ancestor must
 * resolve inside the root. `absolute` is the real ancestor joined with the missing tail; when the
 * path itself exists it is followed like `resolveExisting`.
 */
export async function resolveForCreate(
  root: string,
  input: string,
  hidden: readonly string[] = [],
): Promise<ConfinedPath & { missing: string[] }> {
  const rootReal = await realRoot(root);
  const lexical = resolveLexically(root, rootReal, input);
  const missing: string[] = [];
  let current = lexical.absolute;
  for (;;) {
    try {
      const real = await realpath(current);
      if (!isInside(rootReal, real)) throw forbidden(input, "resolves outside the workspace root");
      assertNotProtected(rootReal, path.join(real, ...missing), input);
      if (hidden.length > 0) {
        assertNotHidden(await hiddenPaths(hidden), path.join(real, ...missing), input);
      }
      return { absolute: path.join(real, ...missing), relative: lexical.relative, missing };
    } catch (error) {
      if (!isNotFound(error)) throw error;
      // A dangling symlink has no real path; following it could create a file outside the root.
      if (await isSymlink(current)) throw forbidden(input, "is a symlink to a missing target");
      missing.unshift(path.basename(current));
      current = path.dirname(current);
    }
  }
}

async function isSymlink(target: string): Promise<boolean> {
  try {
    return (await lstat(target)).isSymbolicLink();
  } catch {
    return false;
  }
}
