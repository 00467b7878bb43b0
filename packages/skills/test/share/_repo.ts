// Test fixtures for sharing: skill folders, local git repositories, a local HTTP server.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** A fresh temporary folder. */
export const temp = (prefix = "share-"): string => mkdtempSync(path.join(tmpdir(), prefix));

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

/** A local HTTP server answering paths from a map (bodies may be set later). */
export async function serve(
  files: Map<string, Buffer | string>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const body = files.get(new URL(req.url ?? "/", "http://x").pathname);
    if (body === undefined) res.writeHead(404).end("not found");
    else res.writeHead(200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
