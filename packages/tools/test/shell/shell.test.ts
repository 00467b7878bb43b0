// The shell tool: allowlist, argv without interpolation, working folder confinement, env, limits.
import { mkdir, mkdtemp, readFile, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileAllowlist, type AllowRule } from "../../src/shell/allowlist.js";
import { createShellTool, type ShellToolOptions } from "../../src/shell/shell.js";
import { ToolSet } from "../../src/toolset.js";
import { diesWithin } from "./_process.js";

const NODE = process.execPath;
let root: string;
let outside: string;

beforeAll(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), "skillflow-shell-")));
  outside = await realpath(await mkdtemp(path.join(tmpdir(), "skillflow-outside-")));
  await mkdir(path.join(root, "sub"));
  await symlink(outside, path.join(root, "escape"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

function shell(allow: AllowRule[], extra: Partial<ShellToolOptions> = {}): ToolSet {
  return new ToolSet([createShellTool({ allow, workspaceRoot: root, ...extra })]);
}

const node = (script: string, more: Record<string, unknown> = {}) => ({
  command: NODE,
  args: ["-e", script],
  ...more,
});

describe("allowlist", () => {
  it("runs nothing when the allowlist is empty", async () => {
    const result = await shell([]).invoke("shell", { command: "echo", args: ["hi"] });
    expect(result.code).toBe("FORBIDDEN");
    expect(result.error).toContain("allowed commands: none");
  });

  it("runs an allowed command by name, with any arguments", async () => {
    const result = await shell(["echo"]).invoke("shell", {
      command: "echo",
      args: ["hi", "there"],
    });
    expect(result).toEqual({
      output: { exitCode: 0, stdout: "hi there\n", stderr: "", truncated: false },
    });
  });

  it("matches the command name exactly (no other paths to it)", async () => {
    for (const command of ["/usr/bin/echo", "./echo", "ECHO"]) {
      expect((await shell(["echo"]).invoke("shell", { command })).code, command).toBe("FORBIDDEN");
    }
  });

  it("string rules match exactly; a trailing * opts into further arguments", () => {
    const list = compileAllowlist([{ command: "git", args: ["log *", "status", "remote -v"] }]);
    const matches = (args: string[]): boolean =>
      list.commands.get("git")!.matchers.some((m) => m(args));
    expect(matches(["log"])).toBe(true);
    expect(matches(["log", "--oneline", "-n", "5"])).toBe(true);
    expect(matches(["status"])).toBe(true);
    expect(matches(["status", "--porcelain"])).toBe(false);
    expect(matches(["remote", "-v"])).toBe(true);
    expect(matches(["remote", "add", "x"])).toBe(false);
    expect(matches(["push"])).toBe(false);
    expect(matches(["logout"])).toBe(false);
    expect(matches(["-c", "core.pager=x", "log"])).toBe(false);
    expect(matches([])).toBe(false);
  });

  it("tests RegExp rules against the joined arguments, statelessly", () => {
    const list = compileAllowlist([{ command: "git", args: /^diff( --stat)?$/g }]);
    const matches = (args: string[]): boolean =>
      list.commands.get("git")!.matchers.some((m) => m(args));
    expect([matches(["diff"]), matches(["diff"]), matches(["diff", "--stat"])]).toEqual([
      true,
      true,
      true,
    ]);
    expect(matches(["diff", "HEAD"])).toBe(false);
  });

  it("refuses arguments no rule allows, naming the allowed patterns", async () => {
    const set = shell([{ command: "echo", args: "log *" }]);
    expect((await set.invoke("shell", { command: "echo", args: ["log", "-1"] })).output).toEqual(
      expect.objectContaining({ stdout: "log -1\n" }),
    );
    const refused = await set.invoke("shell", { command: "echo", args: ["push"] });
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.error).toContain("echo log *");
  });

  it("rejects malformed rules at creation", () => {
    expect(() => createShellTool({ allow: ["git log"], workspaceRoot: root })).toThrow(
      /not a command name/,
    );
    expect(() => createShellTool({ allow: [""], workspaceRoot: root })).toThrow(/not a command/);
  });
});

describe("execution", () => {
  it("passes arguments literally, without shell interpolation", async () => {
    const args = ["$HOME", "*", "a;b", "`id`", "$(id)", "'q'"];
    const result = await shell(["echo"]).invoke("shell", { command: "echo", args });
    expect(result.output).toEqual(expect.objectContaining({ stdout: `${args.join(" ")}\n` }));
  });

  it("reports a non-zero exit code and stderr as a result, not a failure", async () => {
    const result = await shell([NODE]).invoke(
      "shell",
      node("process.stderr.write('bad'); process.exit(3)"),
    );
    expect(result).toEqual({
      output: { exitCode: 3, stdout: "", stderr: "bad", truncated: false },
    });
  });

  it("writes stdin to the command", async () => {
    const script =
      "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(s.toUpperCase()))";
    const result = await shell([NODE]).invoke("shell", node(script, { stdin: "hello" }));
    expect(result.output).toEqual(expect.objectContaining({ stdout: "HELLO" }));
  });

  it("reports a missing allowed command as NOT_FOUND", async () => {
    const result = await shell(["no-such-command-xyz"]).invoke("shell", {
      command: "no-such-command-xyz",
    });
    expect(result.code).toBe("NOT_FOUND");
  });

  it("uses a minimal environment plus the host's variables", async () => {
    process.env.SKILLFLOW_TEST_SECRET = "do-not-leak";
    try {
      const set = shell([NODE], { env: { EXTRA: "1" } });
      const result = await set.invoke(
        "shell",
        node("console.log(Object.keys(process.env).sort().join(','))"),
      );
      const keys = (result.output as { stdout: string }).stdout.trim().split(",");
      expect(keys).not.toContain("SKILLFLOW_TEST_SECRET");
      expect(keys).toContain("EXTRA");
      for (const key of keys) {
        expect(["PATH", "HOME", "LANG", "EXTRA", "SKILLFLOW_PROCESS_TREE"]).toContain(key);
      }
    } finally {
      delete process.env.SKILLFLOW_TEST_SECRET;
    }
  });
});

describe("working folder", () => {
  const pwd = (cwd?: string) =>
    node("process.stdout.write(process.cwd())", cwd === undefined ? {} : { cwd });

  it("defaults to the workspace root and accepts folders inside it", async () => {
    const set = shell([NODE]);
    expect(((await set.invoke("shell", pwd())).output as { stdout: string }).stdout).toBe(root);
    const sub = await set.invoke("shell", pwd("sub"));
    expect((sub.output as { stdout: string }).stdout).toBe(path.join(root, "sub"));
    const absolute = await set.invoke("shell", pwd(path.join(root, "sub")));
    expect((absolute.output as { stdout: string }).stdout).toBe(path.join(root, "sub"));
  });

  it("refuses `..` escapes, outside absolute paths and symlink escapes", async () => {
    const set = shell([NODE]);
    for (const cwd of ["..", "sub/../..", outside, "/", "escape"]) {
      expect((await set.invoke("shell", pwd(cwd))).code, cwd).toBe("FORBIDDEN");
    }
  });

  it("reports a missing folder as NOT_FOUND", async () => {
    expect((await shell([NODE]).invoke("shell", pwd("missing"))).code).toBe("NOT_FOUND");
  });
});

describe("limits", () => {
  it("stops collecting output at the cap and says so", async () => {
    const set = shell([NODE], { maxOutputBytes: 1000 });
    const result = await set.invoke("shell", node("process.stdout.write('x'.repeat(200000))"));
    expect(result.output).toEqual({
      exitCode: 0,
      stdout: "x".repeat(1000),
      stderr: "",
      truncated: true,
    });
  });

  it("kills the whole process tree on timeout", async () => {
    const script = [
      "const { spawn } = require('node:child_process');",
      "const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });",
      "require('node:fs').writeFileSync('grandchild.pid', String(child.pid));",
      "setTimeout(() => {}, 60000);",
    ].join("\n");
    const set = shell([NODE], { timeoutMs: 500 });
    const started = Date.now();
    const result = await set.invoke("shell", node(script));
    expect(result.code).toBe("TIMEOUT");
    expect(result.error).toBe(`Command "${NODE}" timed out after 500ms`);
    expect(Date.now() - started).toBeLessThan(5000);
    const pid = Number(await readFile(path.join(root, "grandchild.pid"), "utf8"));
    expect(await diesWithin(pid, 2000)).toBe(true);
  });

  it("honours the abort signal", async () => {
    const controller = new AbortController();
    const ctx = { signal: controller.signal, runId: "r", stepId: "s", attempt: 1 };
    const pending = shell([NODE]).invoke("shell", node("setTimeout(() => {}, 60000)"), ctx);
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    expect((await pending).code).toBe("ABORTED");
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
