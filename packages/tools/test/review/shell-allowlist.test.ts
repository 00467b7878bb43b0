// Review: the shell allowlist and the file tools together can be turned against the host.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createShellTool } from "../../src/shell/shell.js";
import { createStandardTools } from "../../src/standard.js";

const context = () => ({
  signal: new AbortController().signal,
  runId: "run",
  stepId: "step",
  attempt: 1,
});

let base: string;
let workspace: string;

beforeEach(async () => {
  base = await realpath(await mkdtemp(path.join(tmpdir(), "review-shell-")));
  workspace = path.join(base, "ws");
  await mkdir(workspace);
  // A workspace that is a git repository with one commit (the usual case for `git` allowlists).
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: workspace,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: base,
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@example.test",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@example.test",
      },
      stdio: "ignore",
    });
  git("init", "-q");
  git("commit", "-q", "--allow-empty", "-m", "init");
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe("review: shell allowlist", () => {
  // RISK (medium): a string rule is a prefix, so every trailing option is allowed. With the rule the
  // docs use as their example (`{ command: "git", args: "log" }`), `git log --output=<path>` writes
  // anywhere the host user can write, escaping the workspace confinement of `cwd` and file tools.
  it("does not let a `git log` prefix rule write a file outside the workspace", async () => {
    const tool = createShellTool({
      allow: [{ command: "git", args: "log" }],
      workspaceRoot: workspace,
    });
    const outside = path.join(base, "outside.txt");
    await tool
      .run({ command: "git", args: ["log", `--output=${outside}`, "--oneline"] }, context())
      .catch(() => undefined);
    expect(existsSync(outside)).toBe(false);
  });

  // RISK (high): the standard tool set confines file_write and shell to the same workspace, so a
  // workflow (or a prompt-injected plan) can write `.git/config` with `core.fsmonitor` and then run
  // an allowlisted, harmless-looking `git status`: git executes the configured command, i.e.
  // arbitrary code execution on the host through an allowlist that only permits `git status`.
  it("does not turn file_write + an allowlisted `git status` into code execution", async () => {
    const tools = createStandardTools({
      workspaceRoot: workspace,
      env: {},
      shell: { allow: [{ command: "git", args: /^status$/ }] },
    });
    const marker = path.join(base, "pwned.txt");
    await tools.invoke(
      "file_write",
      {
        path: ".git/config",
        content: `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tfsmonitor = "echo pwned > '${marker}'; false"\n`,
      },
      context(),
    );
    await tools.invoke("shell", { command: "git", args: ["status"] }, context());
    expect(existsSync(marker)).toBe(false);
  });
});

describe("review: shell limits", () => {
  // RISK (low): timeoutMs above 2^31-1 ms overflows setTimeout, which then fires after 1 ms: every
  // command fails with TIMEOUT. The web tools refuse such values (CONFIGURATION); shell accepts them.
  it("rejects or honours a timeoutMs past the setTimeout range instead of firing at once", async () => {
    let tool: ReturnType<typeof createShellTool> | undefined;
    try {
      tool = createShellTool({ allow: ["node"], workspaceRoot: workspace, timeoutMs: 2 ** 31 });
    } catch {
      return; // refusing the value at creation is a fine fix
    }
    const result = await tool.run(
      { command: "node", args: ["-e", "setTimeout(() => {}, 200)"] },
      context(),
    );
    expect((result as { exitCode: number }).exitCode).toBe(0);
  });
});
