// GitHub and GitLab sources as the `skills` CLI writes them (`owner/repo`, `github:`, tree URLs), with
// the base URL of each host overridable (GitHub Enterprise, self-hosted GitLab, a local folder in tests).
import { SourceError } from "./_source-error.js";

/** A GitHub or GitLab source: the repository to clone and what to take from it. */
export interface HostedSource {
  type: "github" | "gitlab";
  /** The URL git clones. */
  cloneUrl: string;
  /** The source as `skills` records it in a lockfile (`owner/repo` for GitHub, the URL for GitLab). */
  lockSource: string;
  ref?: string;
  /** The folder of the repository to look for skills in, `/`-separated. */
  subpath?: string;
  skill?: string;
}

/** The variables that move the hosts (trusted like other base URLs: they change where code comes from). */
export const HOST_VARIABLES = {
  github: "SKILLFLOW_GITHUB_URL",
  gitlab: "SKILLFLOW_GITLAB_URL",
} as const;

const DEFAULTS = { github: "https://github.com", gitlab: "https://gitlab.com" } as const;

type Env = Readonly<Record<string, string | undefined>>;

/** The base URL of a host: the variable when set (http, https or file URL), else the public host. */
export function hostBase(kind: "github" | "gitlab", env: Env = {}): string {
  const name = HOST_VARIABLES[kind];
  const value = env[name]?.trim();
  if (value === undefined || value === "") return DEFAULTS[kind];
  const url = URL.parse(value);
  if (
    url === null ||
    !["http:", "https:", "file:"].includes(url.protocol) ||
    url.search ||
    url.hash
  )
    throw new SourceError(
      "INVALID_SOURCE",
      `${name}=${JSON.stringify(value)} is not a base URL; set it to https://host[/path] or file:///folder`,
    );
  return url.href.replace(/\/+$/, "");
}

const invalid = (input: string, why: string) =>
  new SourceError("INVALID_SOURCE", `${input}: ${why}`);

/** One path segment of a repository name: not empty, not `.`/`..`, not an option. */
function segmentOk(segment: string): boolean {
  return segment !== "" && segment !== "." && segment !== ".." && !segment.startsWith("-");
}

/** A subpath inside the repository; `..` is refused as `skills` refuses it. */
function subpathOf(input: string, subpath: string | undefined): string | undefined {
  if (subpath === undefined) return undefined;
  const clean = subpath.replace(/\\/g, "/").replace(/\/+$/, "");
  if (clean.split("/").includes(".."))
    throw invalid(input, `the folder "${subpath}" leaves the repository (no .. segments)`);
  return clean === "" ? undefined : clean;
}

const decode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** Splits `#ref` or `#ref@skill` off (as `skills` reads a fragment). */
function fragment(input: string): { rest: string; ref?: string; skill?: string } {
  const hash = input.indexOf("#");
  if (hash < 0) return { rest: input };
  const text = input.slice(hash + 1);
  const at = text.indexOf("@");
  const ref = at < 0 ? text : text.slice(0, at);
  const skill = at < 0 ? "" : text.slice(at + 1);
  return {
    rest: input.slice(0, hash),
    ...(ref !== "" ? { ref: decode(ref) } : {}),
    ...(skill !== "" ? { skill: decode(skill) } : {}),
  };
}

function github(
  input: string,
  owner: string,
  repo: string,
  base: string,
  extra: { ref?: string | undefined; subpath?: string | undefined; skill?: string | undefined },
): HostedSource {
  const name = repo.replace(/\.git$/, "");
  if (!segmentOk(owner) || !segmentOk(name))
    throw invalid(
      input,
      "a GitHub source is owner/repo (no empty, . or .. names, none starting with -)",
    );
  const subpath = subpathOf(input, extra.subpath);
  return {
    type: "github",
    cloneUrl: `${base}/${owner}/${name}.git`,
    lockSource: `${owner}/${name}`,
    ...(extra.ref !== undefined ? { ref: extra.ref } : {}),
    ...(subpath !== undefined ? { subpath } : {}),
    ...(extra.skill !== undefined ? { skill: extra.skill } : {}),
  };
}

function gitlab(
  input: string,
  origin: string,
  repoPath: string,
  extra: { ref?: string | undefined; subpath?: string | undefined; skill?: string | undefined },
): HostedSource {
  const clean = repoPath.replace(/\/+$/, "").replace(/\.git$/, "");
  if (!clean.includes("/") || !clean.split("/").every(segmentOk))
    throw invalid(input, "a GitLab source is group[/subgroup]/repo (no empty, . or .. names)");
  const cloneUrl = `${origin}/${clean}.git`;
  const subpath = subpathOf(input, extra.subpath);
  return {
    type: "gitlab",
    cloneUrl,
    lockSource: cloneUrl,
    ...(extra.ref !== undefined ? { ref: extra.ref } : {}),
    ...(subpath !== undefined ? { subpath } : {}),
    ...(extra.skill !== undefined ? { skill: extra.skill } : {}),
  };
}

/** `owner/repo[.git][/tree/<ref>[/<path>]]` after a GitHub base. */
function githubPath(input: string, rest: string, base: string, frag: ReturnType<typeof fragment>) {
  const m = /^([^/]+)\/([^/]+?)(?:\/tree\/([^/]+)(?:\/(.+))?)?\/?$/.exec(rest);
  if (m === null) return undefined;
  return github(input, m[1]!, m[2]!, base, {
    ref: m[3] ?? frag.ref,
    subpath: m[4],
    skill: frag.skill,
  });
}

/** `group/…/repo[.git][/-/tree/<ref>[/<path>]]` after a GitLab origin. */
function gitlabPath(
  input: string,
  rest: string,
  origin: string,
  frag: ReturnType<typeof fragment>,
) {
  const tree = /^(.+?)\/-\/tree\/([^/]+)(?:\/(.+))?$/.exec(rest);
  if (tree !== null)
    return gitlab(input, origin, tree[1]!, { ref: tree[2], subpath: tree[3], skill: frag.skill });
  if (rest.includes("/-/")) return undefined;
  return gitlab(input, origin, rest, { ref: frag.ref, skill: frag.skill });
}

/** The part of `url` after `base` + `/`, or undefined. */
function under(url: string, base: string): string | undefined {
  return url.startsWith(`${base}/`) ? url.slice(base.length + 1) : undefined;
}

/**
 * Reads a GitHub or GitLab source the way the `skills` CLI does: `owner/repo`, `owner/repo@skill`,
 * `owner/repo/path`, `github:owner/repo`, `gitlab:group/repo`, `https://github.com/o/r/tree/<ref>/<path>`,
 * `https://<host>/group/repo/-/tree/<ref>/<path>`, each with an optional `#ref` or `#ref@skill`.
 * Shorthands go to the base URL (`SKILLFLOW_GITHUB_URL`, `SKILLFLOW_GITLAB_URL`); a full URL goes to
 * its own host. Undefined for anything else (a local path, another URL).
 */
export function parseHosted(input: string, env: Env = {}): HostedSource | undefined {
  const frag = fragment(input);
  const { rest } = frag;
  if (rest.startsWith("github:"))
    return parseHosted(`${rest.slice(7)}${input.slice(rest.length)}`, env);
  if (rest.startsWith("gitlab:"))
    return gitlabPath(input, rest.slice(7), hostBase("gitlab", env), frag);
  if (/^[a-z][a-z0-9+.-]*:/i.test(rest)) {
    const ghBase = hostBase("github", env);
    for (const base of new Set([DEFAULTS.github, ghBase])) {
      const tail = under(rest, base);
      if (tail !== undefined) return githubPath(input, tail, base, frag);
    }
    const glBase = hostBase("gitlab", env);
    for (const base of new Set([DEFAULTS.gitlab, glBase])) {
      const tail = under(rest, base);
      if (tail !== undefined) return gitlabPath(input, tail, base, frag);
    }
    // A `/-/tree/` URL on any http(s) host is GitLab's (self-hosted), as `skills` reads it.
    const other = /^(https?:\/\/[^/]+)\/(.+?\/-\/tree\/.+)$/i.exec(rest);
    if (other !== null && !/^https?:\/\/github\.com\//i.test(rest))
      return gitlabPath(input, other[2]!, other[1]!, frag);
    return undefined;
  }
  if (rest.includes(":") || rest.startsWith(".") || rest.startsWith("/") || rest.includes("\\"))
    return undefined;
  const base = hostBase("github", env);
  const at = /^([^/]+)\/([^/@]+)@(.+)$/.exec(rest);
  if (at !== null)
    return github(input, at[1]!, at[2]!, base, { ref: frag.ref, skill: frag.skill ?? at[3] });
  const short = /^([^/]+)\/([^/]+)(?:\/(.+?))?\/?$/.exec(rest);
  if (short === null) return undefined;
  return github(input, short[1]!, short[2]!, base, {
    ref: frag.ref,
    subpath: short[3],
    skill: frag.skill,
  });
}
