// Git sources: which remotes are accepted, the remote host checked before git connects, and a clone
// that cannot wander (one transport, no redirects, no LFS downloads, http pinned to checked addresses).
import { rm } from "node:fs/promises";
import path from "node:path";
import { isIP } from "node:net";
import { bareHost, type HostGuard, type ResolvedAddress } from "./network.js";
import { run } from "./_process.js";
import { SourceError } from "./_source-error.js";

/** The transports a git source may use (git's own names, as `GIT_ALLOW_PROTOCOL` takes them). */
type Transport = "https" | "http" | "ssh" | "git" | "file";

const SCHEMES: ReadonlyMap<string, Transport> = new Map([
  ["https:", "https"],
  ["http:", "http"],
  ["ssh:", "ssh"],
  ["git+ssh:", "ssh"],
  ["ssh+git:", "ssh"],
  ["git:", "git"],
]);

/** A git remote as it is handed to git: `url` is normalised so git and the check see one host. */
interface Remote {
  transport: Transport;
  url: string;
  host?: string;
  port?: number;
}

const invalid = (location: string, why: string) =>
  new SourceError("INVALID_SOURCE", `${location}: ${why}`);

/**
 * Parses a git remote. URLs are re-serialised (WHATWG), so a host that parsers could read two ways
 * (`http://a\@b/`) reaches git as the host that was checked. `file://` must name no other host.
 */
export function parseRemote(location: string): Remote {
  if (/\p{Cc}/u.test(location)) throw invalid(location, "control characters in a git URL");
  if (/^file:/i.test(location)) {
    const hostname = URL.parse(location)?.hostname;
    if (hostname !== "" && hostname !== "localhost")
      throw invalid(location, "a file:// URL names a folder on this machine (file:///path)");
    return { transport: "file", url: location };
  }
  if (/\s/.test(location)) throw invalid(location, "spaces in a git URL");
  const scp = /^([\w.-]+)@([\w.-]+):(.*)$/.exec(location);
  if (scp !== null && !location.includes("://")) {
    if (scp[2]!.startsWith("-")) throw invalid(location, "a host cannot start with -");
    return { transport: "ssh", url: location, host: scp[2]! };
  }
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw invalid(location, "not a valid URL");
  }
  const transport = SCHEMES.get(url.protocol.toLowerCase());
  if (transport === undefined)
    throw invalid(location, "git sources use https, http, ssh, git or file URLs");
  const host = bareHost(url);
  if (host === "") throw invalid(location, "no host");
  if (host.startsWith("-")) throw invalid(location, "a host cannot start with -");
  const port = url.port === "" ? undefined : Number(url.port);
  return { transport, url: url.href, host, ...(port !== undefined ? { port } : {}) };
}

/** Options of `cloneGit`. */
export interface CloneOptions {
  cwd: string;
  guard: HostGuard;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** A branch, tag or commit to check out. */
  want?: string;
}

/** The host ssh will connect to: its own configuration may alias the name (`ssh -G`). */
async function sshHost(remote: Remote, options: CloneOptions): Promise<string> {
  const port = remote.port !== undefined ? ["-p", String(remote.port)] : [];
  const printed = await run("ssh", ["-G", ...port, "--", remote.host!], {
    cwd: options.cwd,
    ...(options.env ? { env: options.env } : {}),
  }).catch(() => "");
  return /^hostname (\S+)$/m.exec(printed)?.[1] ?? remote.host!;
}

/** `http.curloptResolve`: curl connects to the checked addresses instead of asking DNS again. */
function pinning(remote: Remote, addresses: readonly ResolvedAddress[]): string[] {
  if (isIP(remote.host!) !== 0) return [];
  const port = remote.port ?? (remote.transport === "https" ? 443 : 80);
  const list = addresses.map((a) => (a.family === 6 ? `[${a.address}]` : a.address)).join(",");
  return ["-c", `http.curloptResolve=${remote.host}:${port}:${list}`];
}

/** Checks the remote's host and returns the `-c` settings that keep git to what was checked. */
async function checkRemote(remote: Remote, options: CloneOptions): Promise<string[]> {
  if (remote.transport === "file") return [];
  const host = remote.transport === "ssh" ? await sshHost(remote, options) : remote.host!;
  const addresses = await options.guard({
    host,
    url: remote.url,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (remote.transport !== "http" && remote.transport !== "https") return [];
  // Redirects (and the http-alternates they govern) could lead to any host: none are followed.
  return ["-c", "http.followRedirects=false", ...pinning(remote, addresses)];
}

/**
 * Clones a git source into `tree` and checks out `want`; resolves with the commit. The remote's
 * host passes the guard first; git may use only the remote's own transport (`GIT_ALLOW_PROTOCOL`),
 * follows no http redirects, connects over http(s) only to the checked addresses, and does not
 * download LFS objects (a repository's `.lfsconfig` could name any server).
 */
export async function cloneGit(location: string, tree: string, options: CloneOptions) {
  const remote = parseRemote(location);
  const settings = await checkRemote(remote, options);
  const env = {
    ...(options.env ?? process.env),
    GIT_ALLOW_PROTOCOL: remote.transport,
    GIT_LFS_SKIP_SMUDGE: "1",
  };
  const git = (args: string[], cwd = options.cwd) =>
    run("git", args, { cwd, env, ...(options.signal ? { signal: options.signal } : {}) });
  // "--": whatever the location says, git reads it as a repository, never as an option.
  await git([...settings, "clone", "--quiet", "--", remote.url, tree]);
  const { want } = options;
  if (want !== undefined) {
    // A tag or commit resolves as is; a branch other than the default exists as origin/<branch>.
    const resolved = await git(
      ["rev-parse", "--verify", "--quiet", `${want}^{commit}`],
      tree,
    ).catch(() =>
      git(["rev-parse", "--verify", "--quiet", `origin/${want}^{commit}`], tree).catch(() => {
        throw new SourceError("NOT_FOUND", `${location}: no branch, tag or commit "${want}"`);
      }),
    );
    await git(["checkout", "--quiet", "--detach", resolved.trim()], tree);
  }
  const commit = (await git(["rev-parse", "HEAD"], tree)).trim();
  // The commit is recorded; the repository's history is not part of any skill.
  await rm(path.join(tree, ".git"), { recursive: true, force: true });
  return commit;
}
