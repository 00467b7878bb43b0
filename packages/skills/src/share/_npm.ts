// npm sources: which specs are accepted, and fetching one without running any code of the package.
import { mkdir, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SkillFileError, readRegularFile } from "../read-file.js";
import { run } from "./_process.js";
import { SourceError } from "./_source-error.js";

/** What an `npm:` spec names: a registry package, or a folder or tarball on disk. */
export type NpmTarget =
  { kind: "registry"; spec: string } | { kind: "folder" | "tarball"; path: string };

// Names as the registry has them (old ones may hold capitals); versions, ranges and tags as npm
// reads them. Neither part may hold ":", "/" or "#", which would make npm read a git, URL or
// file spec instead.
const NAME = String.raw`(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*`;
const VERSION = String.raw`[\w.^~<>=*|+ -]+`;
const REGISTRY = new RegExp(`^${NAME}(?:@${VERSION})?$`, "i");
const ALIAS = new RegExp(`^${NAME}@npm:${NAME}(?:@${VERSION})?$`, "i");
/** npm reads a bare `x.tgz` as a file: such names are local paths or nothing. */
const TARBALL_NAME = /\.(?:tgz|tar\.gz|tar)$/i;
const LOCAL = /^(?:\.{1,2}(?:[\\/]|$)|[\\/]|~[\\/]|[a-z]:[\\/]|file:)/i;

const invalid = (location: string, why: string) =>
  new SourceError("INVALID_SOURCE", `npm:${location}: ${why}`);

/** The local path of a `file:`, `~/`, relative or absolute spec, resolved against `cwd`. */
function localPath(location: string, cwd: string): string {
  if (location.startsWith("file://")) return fileURLToPath(location);
  const bare = location.startsWith("file:") ? location.slice(5) : location;
  if (bare.startsWith("~/") || bare.startsWith("~\\")) return path.join(homedir(), bare.slice(2));
  return path.resolve(cwd, bare);
}

/**
 * Classifies an `npm:` spec. Accepted: a registry package (`name`, `name@1.2.0`, `@scope/name@^2`,
 * `name@tag`, `alias@npm:name@range`), a local folder and a local tarball. Refused (INVALID_SOURCE):
 * anything that looks like an option, and git, GitHub-shorthand and URL specs, which npm fetches by
 * installing the package (running its scripts); their own source kinds fetch them without npm.
 */
export async function resolveNpmSpec(location: string, cwd: string): Promise<NpmTarget> {
  if (location === "") throw invalid(location, "an empty spec");
  if (location.startsWith("-"))
    throw invalid(location, "looks like a command-line option; name a package, folder or tarball");
  if (LOCAL.test(location)) {
    const file = localPath(location, cwd);
    const info = await stat(file).catch(() => undefined);
    if (info === undefined)
      throw new SourceError("NOT_FOUND", `npm:${location}: no such folder or tarball`);
    if (info.isDirectory()) return { kind: "folder", path: file };
    if (info.isFile()) return { kind: "tarball", path: file };
    throw invalid(location, "not a folder or a regular file");
  }
  if ((REGISTRY.test(location) || ALIAS.test(location)) && !TARBALL_NAME.test(location))
    return { kind: "registry", spec: location };
  throw invalid(
    location,
    "not a package name (name, name@version, @scope/name@range, alias@npm:name) or a local path " +
      "(start it with ./ or /); for a git repository or a URL use it as the source itself, without npm:",
  );
}

/** The environment npm runs in: the caller's, with scripts off whatever it or any .npmrc says. */
function npmEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env))
    if (key.toLowerCase() !== "npm_config_ignore_scripts") out[key] = value;
  out.npm_config_ignore_scripts = "true";
  return out;
}

/** Options of `fetchNpm`. */
export interface NpmFetchOptions {
  /** A folder of the fetch's own (created here): npm's working folder and the tarball's. */
  work: string;
  maxBytes: number;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/**
 * The package tarball for a target, never running code of the package: a tarball on disk is read
 * as it is; otherwise `npm pack --ignore-scripts` (scripts also off through the environment) runs
 * in a folder of our own, so no project's `.npmrc` or `package.json` takes part.
 */
export async function fetchNpm(target: NpmTarget, options: NpmFetchOptions): Promise<Buffer> {
  if (target.kind === "tarball") return readTarball(target.path, options.maxBytes);
  const cwd = path.join(options.work, "npm");
  await mkdir(cwd, { recursive: true });
  // A package.json pins npm's project folder here (npm looks upwards for one otherwise).
  await writeFile(path.join(cwd, "package.json"), "{}\n");
  const spec = target.kind === "registry" ? target.spec : target.path;
  const args = ["pack", "--ignore-scripts", "--json", "--pack-destination", cwd, "--", spec];
  const out = await run("npm", args, {
    cwd,
    env: npmEnv(options.env ?? process.env),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let packed: { filename?: unknown } | undefined;
  try {
    [packed] = JSON.parse(out) as { filename?: unknown }[];
  } catch {
    packed = undefined;
  }
  if (typeof packed?.filename !== "string")
    throw new SourceError("FETCH_FAILED", `npm pack ${spec} produced no tarball`);
  return readTarball(path.join(cwd, path.basename(packed.filename)), options.maxBytes);
}

async function readTarball(file: string, maxBytes: number): Promise<Buffer> {
  try {
    return (await readRegularFile(file, { maxBytes })).data;
  } catch (error) {
    if (!(error instanceof SkillFileError)) throw error;
    throw new SourceError(
      error.code === "NOT_FOUND" ? "NOT_FOUND" : "FETCH_FAILED",
      `${error.message}${error.code === "TOO_LARGE" ? " (download limit: skills.limits.maxDownloadBytes)" : ""}`,
    );
  }
}
