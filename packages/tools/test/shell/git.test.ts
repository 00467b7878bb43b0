// Git through the shell tool: repository configuration a workflow could write never runs a program.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gitEnvironment } from "../../src/shell/_git-env.js";
import type { AllowRule } from "../../src/shell/allowlist.js";
import { createStandardTools } from "../../src/standard.js";

let base: string;
let workspace: string;
let marker: string;

// Neither the machine's nor the user's git configuration takes part.
const HOST_ENV = { HOME: "", GIT_CONFIG_NOSYSTEM: "1" };

beforeEach(async () => {
  base = await realpath(await mkdtemp(path.join(tmpdir(), "skillflow-git-")));
  workspace = path.join(base, "ws");
  await mkdir(workspace);
  marker = path.join(base, "pwned");
  HOST_ENV.HOME = base;
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** Runs git as the test's setup does (not through the tool). */
function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? "",
      ...HOST_ENV,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.test",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.test",
    },
    encoding: "utf8",
  });
}

/** A repository at `folder` (inside the workspace) with one commit of `f.txt`. */
async function repo(folder = workspace): Promise<string> {
  await mkdir(folder, { recursive: true });
  git(folder, "init", "-q", "-b", "main");
  await writeFile(path.join(folder, "f.txt"), "one\n");
  git(folder, "add", "f.txt");
  git(folder, "commit", "-q", "-m", "init");
  git(folder, "config", "user.name", "Someone");
  git(folder, "config", "user.email", "someone@example.test");
  return folder;
}

const touch = () => `touch '${marker}'; false`;

function tools(allow: AllowRule[], env: Record<string, string> = HOST_ENV) {
  return createStandardTools({ workspaceRoot: workspace, env: {}, shell: { allow, env } });
}

async function runGit(args: string[], options: { cwd?: string; allow?: AllowRule[] } = {}) {
  const set = tools(options.allow ?? ["git"]);
  return set.invoke("shell", {
    command: "git",
    args,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
}

describe("the reproduction: file_write + git status", () => {
  it("does not run core.fsmonitor of a bare repository a workflow wrote", async () => {
    const set = tools([{ command: "git", args: "status" }]);
    const config = `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = ..\n\tfsmonitor = "${touch()}"\n`;
    for (const [file, content] of [
      ["cache/HEAD", "ref: refs/heads/main\n"],
      ["cache/objects/info/keep", ""],
      ["cache/refs/heads/keep", ""],
      ["cache/config", config],
    ] as const) {
      const written = await set.invoke("file_write", { path: file, content, createDirs: true });
      expect(written.error).toBeUndefined();
    }
    const result = await set.invoke("shell", { command: "git", args: ["status"], cwd: "cache" });
    expect(result.code).toBe("FORBIDDEN");
    expect(result.retryable).toBe(false);
    expect(result.error).toContain('"cache"');
    expect(existsSync(marker)).toBe(false);
  });

  it("keeps git itself from using such a repository (the environment layer alone)", async () => {
    const cache = path.join(workspace, "cache");
    await mkdir(path.join(cache, "objects"), { recursive: true });
    await mkdir(path.join(cache, "refs"));
    await writeFile(path.join(cache, "HEAD"), "ref: refs/heads/main\n");
    await writeFile(
      path.join(cache, "config"),
      `[core]\n\tbare = false\n\tworktree = ..\n\tfsmonitor = "${touch()}"\n`,
    );
    const env = gitEnvironment({ PATH: process.env.PATH ?? "", ...HOST_ENV });
    const result = spawnSync("git", ["status"], { cwd: cache, env, encoding: "utf8" });
    expect(result.status).not.toBe(0);
    expect(existsSync(marker)).toBe(false);
  });
});

describe("the file tools never write version-control metadata", () => {
  it.each([
    ".git/config",
    ".git/hooks/pre-commit",
    ".GIT/config",
    "sub/.git",
    "sub/.Git",
    "sub/.git/config",
    ".git./config",
    ".git /config",
    "GIT~1/config",
    ".hg/hgrc",
  ])("refuses %s", async (file) => {
    await repo();
    const result = await tools(["git"]).invoke("file_write", {
      path: file,
      content: "gitdir: ../cache\n",
      createDirs: true,
    });
    expect(result.code).toBe("FORBIDDEN");
    const target = path.join(workspace, file);
    if (existsSync(target)) expect(await readFile(target, "utf8")).not.toContain("gitdir");
  });
});

describe("configuration that runs programs is neutralised", () => {
  it("skips hooks (git commit with a pre-commit hook)", async () => {
    await repo();
    await writeFile(path.join(workspace, ".git/hooks/pre-commit"), `#!/bin/sh\n${touch()}\n`, {
      mode: 0o755,
    });
    const result = await runGit(["commit", "--allow-empty", "-q", "-m", "second"]);
    expect(result.output).toMatchObject({ exitCode: 0 });
    expect(existsSync(marker)).toBe(false);
    expect(git(workspace, "log", "--format=%s").split("\n")).toContain("second");
  });

  it("skips core.fsmonitor of a repository whose .git file points inside the workspace", async () => {
    await repo(path.join(workspace, "real"));
    git(path.join(workspace, "real"), "config", "core.fsmonitor", touch());
    await mkdir(path.join(workspace, "sub"));
    await writeFile(path.join(workspace, "sub/.git"), "gitdir: ../real/.git\n");
    const result = await runGit(["status"], { cwd: "sub" });
    expect(result.error).toBeUndefined();
    expect(existsSync(marker)).toBe(false);
  });

  it("skips core.pager (git grep -O runs the pager without a terminal)", async () => {
    await repo();
    git(workspace, "config", "core.pager", touch());
    git(workspace, "config", "pager.grep", touch());
    const result = await runGit(["grep", "-O", "one"]);
    expect(result.error).toBeUndefined();
    expect(existsSync(marker)).toBe(false);
  });

  it("skips core.editor (git commit without a message)", async () => {
    await repo();
    git(workspace, "config", "core.editor", touch());
    const result = await runGit(["commit", "--allow-empty"]);
    expect(result.output).toMatchObject({ exitCode: 1 });
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses the ext:: transport (a remote URL that is a command)", async () => {
    await repo();
    git(workspace, "remote", "add", "origin", `ext::sh -c touch% ${marker}`);
    git(workspace, "config", "protocol.ext.allow", "always");
    const result = await runGit(["fetch", "origin"]);
    expect((result.output as { exitCode: number }).exitCode).not.toBe(0);
    expect(existsSync(marker)).toBe(false);
  });
});

describe("configuration that runs programs and cannot be overridden is refused", () => {
  it.each([
    ["diff.external", touch(), ["diff"]],
    ["diff.x.textconv", touch(), ["log", "-p"]],
    ["filter.x.clean", touch(), ["add", "."]],
    ["merge.x.driver", touch(), ["status"]],
    ["alias.st", `!${touch()}`, ["st"]],
    ["alias.st", `-c core.fsmonitor="${touch()}" status`, ["st"]],
    ["core.sshCommand", touch(), ["fetch", "origin"]],
    ["credential.helper", `!${touch()}`, ["status"]],
    ["credential.https://example.test.helper", "store", ["status"]],
    ["remote.origin.uploadpack", touch(), ["fetch", "origin"]],
    ["core.gitProxy", touch(), ["status"]],
    ["core.alternateRefsCommand", touch(), ["status"]],
    ["gpg.program", touch(), ["status"]],
    ["gpg.ssh.program", touch(), ["status"]],
    ["difftool.x.cmd", touch(), ["status"]],
    ["mergetool.x.path", touch(), ["status"]],
    ["interactive.diffFilter", touch(), ["status"]],
    ["sendemail.sendmailCmd", touch(), ["status"]],
    ["submodule.x.update", `!${touch()}`, ["status"]],
    ["trailer.sign.command", touch(), ["interpret-trailers", "f.txt"]],
    ["trailer.sign.cmd", touch(), ["interpret-trailers", "f.txt"]],
    ["imap.tunnel", touch(), ["status"]],
  ])("refuses %s", async (key, value, args) => {
    await repo();
    await writeFile(path.join(workspace, ".gitattributes"), "* filter=x diff=x merge=x\n");
    await writeFile(path.join(workspace, "f.txt"), "two\n");
    git(workspace, "remote", "add", "origin", "ssh://example.test/repo.git");
    git(workspace, "config", key, value);
    const result = await runGit(args);
    expect(result.code).toBe("FORBIDDEN");
    expect(result.error?.toLowerCase()).toContain(`"${key.toLowerCase()}"`);
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses an include, whose file the workspace may hold", async () => {
    await repo();
    const set = tools(["git"]);
    await set.invoke("file_write", {
      path: "extra.cfg",
      content: `[core]\n\tsshCommand = "${touch()}"\n`,
    });
    git(workspace, "config", "include.path", "../../extra.cfg");
    for (const key of ["include.path", "includeIf.onbranch:other.path"]) {
      if (key !== "include.path") {
        git(workspace, "config", "--unset", "include.path");
        git(workspace, "config", key, "../../extra.cfg");
      }
      const result = await set.invoke("shell", { command: "git", args: ["status"] });
      expect(result.code, key).toBe("FORBIDDEN");
    }
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses global configuration the workspace holds (a workspace that is HOME)", async () => {
    await repo();
    const set = tools(["git"], { ...HOST_ENV, HOME: workspace });
    await set.invoke("file_write", {
      path: ".gitconfig",
      content: `[diff]\n\texternal = "${touch()}"\n`,
    });
    const result = await set.invoke("shell", { command: "git", args: ["diff"] });
    expect(result.code).toBe("FORBIDDEN");
    expect(result.error).toContain(".gitconfig");
    expect(existsSync(marker)).toBe(false);
  });

  it.each([
    ["-c", `core.fsmonitor=${touch()}`, "status"],
    [`--config-env=core.fsmonitor=PATH`, "status"],
    ["--git-dir=cache", "log"],
    ["--git-dir", "cache", "log"],
    ["--bare", "log"],
    ["-C", "..", "status"],
    ["--work-tree=..", "status"],
    ["--exec-path=.", "status"],
  ])("refuses the global option of git %s", async (...args) => {
    await repo();
    const result = await runGit(args);
    expect(result.code).toBe("FORBIDDEN");
    expect(existsSync(marker)).toBe(false);
  });
});

describe("ordinary repositories still work", () => {
  it("runs git log, status and diff with remotes, tracking branches and an identity", async () => {
    await repo();
    git(workspace, "remote", "add", "origin", "https://example.test/repo.git");
    git(workspace, "config", "branch.main.remote", "origin");
    git(workspace, "config", "branch.main.merge", "refs/heads/main");
    git(workspace, "config", "user.name", "Someone");
    git(workspace, "config", "alias.lg", "log --oneline");
    git(workspace, "config", "diff.x.binary", "true");
    await writeFile(path.join(workspace, "f.txt"), "two\n");
    await mkdir(path.join(workspace, "sub"));
    for (const [args, cwd] of [
      [["log", "--format=%s"], "."],
      [["--no-pager", "status", "--short"], "sub"],
      [["diff", "--stat"], "."],
      [["lg"], "."],
    ] as const) {
      const result = await runGit([...args], { cwd });
      expect(result.error, args.join(" ")).toBeUndefined();
      expect((result.output as { exitCode: number }).exitCode, args.join(" ")).toBe(0);
    }
  });

  it("keeps the host's own GIT_CONFIG entries and adds its overrides after them", () => {
    const env = gitEnvironment({
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "user.name",
      GIT_CONFIG_VALUE_0: "Host",
      GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='x'",
      GIT_PAGER: "less",
    });
    expect(env.GIT_CONFIG_KEY_0).toBe("user.name");
    expect(env.GIT_CONFIG_KEY_1).toBe("safe.bareRepository");
    expect(Number(env.GIT_CONFIG_COUNT)).toBeGreaterThan(2);
    expect(env.GIT_CONFIG_PARAMETERS).toBeUndefined();
    expect(env.GIT_PAGER).toBe("less");
  });
});
