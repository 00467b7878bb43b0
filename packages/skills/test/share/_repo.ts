// Test fixtures for sharing: skill folders, local git repositories, a recording local HTTP server.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { InstallOptions } from "../../src/index.js";

/** A fresh temporary folder. */
export const temp = (prefix = "share-"): string => mkdtempSync(path.join(tmpdir(), prefix));

/** Install options for a fresh project folder (its own scope, cwd and lockfile). */
export const project = (extra: Partial<InstallOptions> = {}): InstallOptions => {
  const root = temp("project-");
  return { cwd: root, scope: { root, global: false }, ...extra };
};

/** Writes a skill folder `<root>/<rel>` with SKILL.md and optional extra files. */
export function skill(
  root: string,
  rel: string,
  body = "# Steps\n\n1. Do the thing.\n",
  extra: Record<string, string> = {},
): string {
  const dir = path.join(root, rel);
  mkdirSync(dir, { recursive: true });
  const name = path.basename(rel);
  writeFileSync(
    path.join(dir, "SKILL.md"),
    `---\nname: ${name}\ndescription: Does ${name} things for tests.\n---\n\n${body}`,
  );
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.org",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.org",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** Runs git in `cwd` with a fixed identity and no user configuration. */
export const git = (cwd: string, ...args: string[]): string =>
  execFileSync("git", args, { cwd, env: gitEnv, encoding: "utf8" }).trim();

/** A git repository holding `skills/<name>` folders, committed on `main`; returns its folder. */
export function repo(names: readonly string[]): string {
  const dir = temp("repo-");
  git(dir, "init", "--quiet", "--initial-branch=main");
  for (const name of names) skill(dir, `skills/${name}`);
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "skills");
  return dir;
}

/** Commits every change in `dir`; returns the new commit. */
export function commit(dir: string, message = "change"): string {
  git(dir, "add", "-A");
  git(dir, "commit", "--quiet", "-m", message);
  return git(dir, "rev-parse", "HEAD");
}

/** A body to answer with, or a redirect (`302 Location: redirect`). */
export type Served = Buffer | string | { redirect: string };

/** A local HTTP server on 127.0.0.1 that records every connection and request. */
export interface TestServer {
  url: string;
  port: number;
  /** Request paths (with the query), in order. */
  hits: string[];
  /** TCP connections accepted (a TLS or ssh attempt counts here even without a request). */
  connections(): number;
  close(): Promise<void>;
}

/** A local HTTP server answering paths from a map (bodies may be set later), or files under `root`. */
export async function serve(files: Map<string, Served>, root?: string): Promise<TestServer> {
  const hits: string[] = [];
  let connections = 0;
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? "/");
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const body = files.get(pathname) ?? fileUnder(root, pathname);
    if (body === undefined) res.writeHead(404).end("not found");
    else if (typeof body === "object" && "redirect" in body)
      res.writeHead(302, { location: body.redirect }).end();
    else res.writeHead(200).end(body);
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function fileUnder(root: string | undefined, pathname: string): Buffer | undefined {
  if (root === undefined) return undefined;
  const file = path.join(root, pathname);
  if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile())
    return undefined;
  return readFileSync(file);
}

/** A bare copy of `repo` readable over git's "dumb" HTTP protocol from a static server. */
export function bareForHttp(source: string): string {
  const bare = path.join(temp("bare-"), "repo.git");
  git(path.dirname(bare), "clone", "--quiet", "--bare", source, bare);
  git(bare, "update-server-info");
  return path.dirname(bare);
}
