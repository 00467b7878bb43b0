// Where a skill comes from: parsing a source (folder, .skill, git URL, archive URL, npm, well-known)
// and fetching it into a folder to install from.
import { mkdtemp, rm, stat, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { SkillFileError, readRegularFile } from "../read-file.js";
import { DEFAULT_ARCHIVE_LIMITS, sha256, unpackArchive, type ArchiveLimits } from "./archive.js";
import { fetchNpm, resolveNpmSpec } from "./_npm.js";
import { download } from "./_download.js";
import { cloneGit } from "./_git.js";
import { parseHosted } from "./_hosted.js";
import { bareHost, sourceGuard, type HostGuard, type SourceNetwork } from "./network.js";
import { SourceError } from "./_source-error.js";

export { SourceError } from "./_source-error.js";

/** How a source is fetched (`github` and `gitlab` are git repositories named as `skills` names them). */
export type SourceType =
  "local" | "archive" | "git" | "github" | "gitlab" | "url" | "npm" | "well-known";

/** A parsed source: `location` without the `#ref` and `@skill` parts. */
export interface SourceSpec {
  type: SourceType;
  /** As the user wrote it. */
  source: string;
  location: string;
  ref?: string;
  /** One skill to pick from a source that holds many. */
  skill?: string;
  /** The folder of a repository to look for skills in (`/tree/<ref>/<path>`), `/`-separated. */
  subpath?: string;
  /** The source as a lockfile records it when it differs from `source` (`owner/repo`). */
  lockSource?: string;
}

const ARCHIVE = /\.(?:skill|zip|tgz|tar\.gz|tar)$/i;

const exists = (file: string) =>
  stat(file).then(
    (s) => s,
    () => undefined,
  );

/** Splits `#ref` and a trailing `@skill` (in the last path segment) off a URL or path. */
function splitSuffixes(text: string): { location: string; ref?: string; skill?: string } {
  const out: { location: string; ref?: string; skill?: string } = { location: text };
  const hash = text.indexOf("#");
  let tail = "";
  if (hash >= 0) {
    out.location = text.slice(0, hash);
    tail = text.slice(hash + 1);
    const at = tail.lastIndexOf("@");
    if (at >= 0) {
      out.skill = tail.slice(at + 1);
      tail = tail.slice(0, at);
    }
    if (tail !== "") out.ref = tail;
    return out;
  }
  // `@name` at the end names a skill; an `@` elsewhere (git@host:, user@) is part of the URL.
  const at = text.lastIndexOf("@");
  const skill = text.slice(at + 1);
  if (at > text.lastIndexOf("/") && at > 0 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(skill)) {
    out.location = text.slice(0, at);
    out.skill = skill;
  }
  return out;
}

/** Refuses what git or npm would read as an option (a source from a lockfile is someone else's). */
function refuseOption(source: string, part: string | undefined, what: string): void {
  if (part?.startsWith("-"))
    throw new SourceError(
      "INVALID_SOURCE",
      `${source}: the ${what} "${part}" looks like a command-line option; name a folder, file, URL or ref`,
    );
}

/** A GitHub or GitLab source as a spec, or undefined. */
function hostedSpec(
  source: string,
  env: Readonly<Record<string, string | undefined>>,
): SourceSpec | undefined {
  const hosted = parseHosted(source, env);
  if (hosted === undefined) return undefined;
  refuseOption(source, hosted.ref, "ref");
  const { type, cloneUrl, lockSource, ...rest } = hosted;
  return { type, source, location: cloneUrl, ...rest, lockSource };
}

/**
 * Parses a source as `skillflow skills add` takes it; local paths are resolved against `cwd`.
 * GitHub and GitLab shorthands (`owner/repo`, `github:`, `gitlab:`, tree URLs) read as the `skills`
 * CLI reads them, their hosts moved by `SKILLFLOW_GITHUB_URL` / `SKILLFLOW_GITLAB_URL` in `env`; an
 * existing local folder wins over a shorthand of the same spelling.
 * Throws INVALID_SOURCE for anything that could pass as an option to git or npm, and for npm
 * specs npm would fetch by running code (git and URL specs).
 */
export async function parseSource(
  source: string,
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<SourceSpec> {
  const spec = (type: SourceType, parts: ReturnType<typeof splitSuffixes>): SourceSpec => {
    refuseOption(source, parts.location, "location");
    refuseOption(source, parts.ref, "ref");
    return { type, source, ...parts };
  };
  if (source.startsWith("npm:")) {
    const location = source.slice(4);
    await resolveNpmSpec(location, cwd);
    return spec("npm", { location });
  }
  if (/^(?:github|gitlab):/.test(source)) {
    const hosted = hostedSpec(source, env);
    if (hosted !== undefined) return hosted;
    throw new SourceError(
      "INVALID_SOURCE",
      `${source}: expected github:owner/repo or gitlab:group/repo`,
    );
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^[\w.-]+@[\w.-]+:/.test(source)) {
    const hosted = hostedSpec(source, env);
    if (hosted !== undefined) return hosted;
    const parts = splitSuffixes(source);
    const url = parts.location;
    if (url.startsWith("file://") && ARCHIVE.test(url))
      return spec("archive", { ...parts, location: new URL(url).pathname });
    if (/^https?:\/\//i.test(url)) {
      const { pathname } = new URL(url);
      if (ARCHIVE.test(pathname)) return spec("url", parts);
      if (
        pathname === "/" ||
        pathname === "" ||
        pathname.includes("/.well-known/agent-skills") ||
        pathname.endsWith("index.json")
      )
        return spec("well-known", parts);
    }
    return spec("git", parts);
  }
  const whole = path.resolve(cwd, source);
  const parts = (await exists(whole)) ? { location: source } : splitSuffixes(source);
  const absolute = path.resolve(cwd, parts.location);
  const info = await exists(absolute);
  if (!info) {
    const hosted = hostedSpec(source, env);
    if (hosted !== undefined) return hosted;
    throw new SourceError("NOT_FOUND", `${source}: no such folder or file`);
  }
  return spec(info.isDirectory() ? "local" : "archive", { ...parts, location: absolute });
}

/** A source fetched into a folder; `cleanup` removes what fetching created. */
export interface FetchedSource {
  spec: SourceSpec;
  /** The folder holding the source's tree. */
  root: string;
  /** The resolved location (absolute path or URL). */
  sourceUrl: string;
  /** The commit a git source resolved to. */
  commit?: string;
  cleanup(): Promise<void>;
}

/** Options of `fetchSource`. */
export interface FetchOptions {
  cwd: string;
  limits?: Partial<ArchiveLimits>;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** Check out this commit instead of `spec.ref` (frozen installs). */
  commit?: string;
  /** Which networks the source may lead to; by default public addresses only. */
  network?: SourceNetwork;
  /**
   * The user typed this source (`skills add`): its own host may be private, their say-so. Hosts
   * it leads to (redirects, index entries elsewhere) still pass `network`. Never set for a
   * lockfile's sources, which are someone else's.
   */
  typed?: boolean;
}

interface WellKnownEntry {
  name: string;
  type: "skill-md" | "archive";
  url: string;
  digest?: string;
}

async function fetchWellKnown(
  spec: SourceSpec,
  tree: string,
  limits: ArchiveLimits,
  options: FetchOptions & { guard: HostGuard },
): Promise<string> {
  const get = (url: string, max: number) =>
    download(url, {
      max,
      guard: options.guard,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  const base = new URL(spec.location);
  const indexUrl = base.pathname.endsWith(".json")
    ? base
    : new URL("/.well-known/agent-skills/index.json", base);
  const index = JSON.parse((await get(indexUrl.href, 1 << 20)).toString("utf8")) as {
    skills?: WellKnownEntry[];
  };
  if (!Array.isArray(index.skills))
    throw new SourceError("INVALID_SOURCE", `${indexUrl.href}: no "skills" list`);
  const wanted = index.skills.filter((s) => spec.skill === undefined || s.name === spec.skill);
  for (const entry of wanted) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entry.name))
      throw new SourceError(
        "INVALID_SOURCE",
        `${indexUrl.href}: invalid skill name "${entry.name}"`,
      );
    const url = new URL(entry.url, indexUrl).href;
    const data = await get(url, limits.maxDownloadBytes);
    if (entry.digest !== undefined && entry.digest !== `sha256:${sha256(data)}`)
      throw new SourceError(
        "DIGEST_MISMATCH",
        `${url}: digest ${entry.digest} does not match the download (sha256:${sha256(data)})`,
      );
    const target = path.join(tree, entry.name);
    if (entry.type === "archive")
      await unpackArchive(data, target, { limits, stripSingleRoot: true });
    else {
      await mkdir(target, { recursive: true });
      await writeFile(path.join(target, "SKILL.md"), data);
    }
  }
  return indexUrl.href;
}

/** An archive on disk: a regular file within the download limit (a FIFO or /dev/zero is refused). */
async function readArchive(spec: SourceSpec, maxBytes: number): Promise<Buffer> {
  try {
    const hint = "raise skills.limits.maxDownloadBytes to allow it";
    return (await readRegularFile(spec.location, { maxBytes, hint })).data;
  } catch (error) {
    if (!(error instanceof SkillFileError)) throw error;
    const code = error.code === "NOT_FOUND" ? "NOT_FOUND" : "FETCH_FAILED";
    throw new SourceError(code, `${spec.source}: ${error.message}`);
  }
}

/** The host a URL or scp-like git source names (what `typed` lets be private). */
function sourceHost(spec: SourceSpec): string | undefined {
  const scp = /^[\w.-]+@([\w.-]+):/.exec(spec.location);
  if (scp !== null && !spec.location.includes("://")) return scp[1];
  const url = URL.parse(spec.location);
  return url === null ? undefined : bareHost(url);
}

/** Fetches a source into a temporary folder (a local folder is used in place). */
export async function fetchSource(spec: SourceSpec, options: FetchOptions): Promise<FetchedSource> {
  const limits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits };
  if (spec.type === "local")
    return { spec, root: spec.location, sourceUrl: spec.location, cleanup: async () => {} };
  const temp = await mkdtemp(path.join(tmpdir(), "skillflow-fetch-"));
  const tree = path.join(temp, "tree");
  const cleanup = () => rm(temp, { recursive: true, force: true });
  const typedHost = options.typed === true ? sourceHost(spec) : undefined;
  const guard = sourceGuard(options.network, typedHost);
  try {
    switch (spec.type) {
      case "archive": {
        const data = await readArchive(spec, limits.maxDownloadBytes);
        await unpackArchive(data, tree, { limits, stripSingleRoot: true });
        return { spec, root: tree, sourceUrl: spec.location, cleanup };
      }
      case "url":
        await unpackArchive(
          await download(spec.location, {
            max: limits.maxDownloadBytes,
            guard,
            ...(options.signal ? { signal: options.signal } : {}),
          }),
          tree,
          { limits, stripSingleRoot: true },
        );
        return { spec, root: tree, sourceUrl: spec.location, cleanup };
      case "git":
      case "github":
      case "gitlab": {
        const want = options.commit ?? spec.ref;
        const commit = await cloneGit(spec.location, tree, {
          cwd: options.cwd,
          guard,
          ...(want !== undefined ? { want } : {}),
          ...(options.env ? { env: options.env } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        return { spec, root: tree, sourceUrl: spec.location, commit, cleanup };
      }
      case "npm": {
        const target = await resolveNpmSpec(spec.location, options.cwd);
        const data = await fetchNpm(target, {
          work: temp,
          maxBytes: limits.maxDownloadBytes,
          ...(options.env ? { env: options.env } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        await unpackArchive(data, tree, { limits, stripSingleRoot: true });
        return { spec, root: tree, sourceUrl: spec.location, cleanup };
      }
      case "well-known": {
        await mkdir(tree, { recursive: true });
        const sourceUrl = await fetchWellKnown(spec, tree, limits, { ...options, guard });
        return { spec, root: tree, sourceUrl, cleanup };
      }
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  throw new SourceError("INVALID_SOURCE", `unknown source type ${spec.type as string}`);
}
