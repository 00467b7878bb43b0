// User-level configuration: where it lives, how it merges under the project's, located errors.
import { copyFile, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunRow, StoredRun } from "@skillflow/store";
import { userConfigDir } from "../src/config-files.js";
import { mergeConfigs } from "../src/config-merge.js";
import { FIXTURES, cli, freshHome } from "./helpers.js";

const temp = (prefix: string) => mkdtemp(path.join(tmpdir(), prefix));

describe("userConfigDir", () => {
  const cwd = "/work";
  it("honours an absolute SKILLFLOW_CONFIG_HOME first and refuses a relative one", () => {
    const env = { SKILLFLOW_CONFIG_HOME: "/cfg", HOME: "/home/ada", XDG_CONFIG_HOME: "/x" };
    expect(userConfigDir({ cwd, env, platform: "linux" })).toBe("/cfg");
    // Relative to the working folder, a cloned project's folder would be the user's config.
    const relative = { ...env, SKILLFLOW_CONFIG_HOME: "cfg" };
    expect(() => userConfigDir({ cwd, env: relative, platform: "linux" })).toThrow(
      /SKILLFLOW_CONFIG_HOME must be an absolute path/,
    );
  });

  it("follows XDG on Linux, falling back to ~/.config", () => {
    expect(userConfigDir({ cwd, env: { HOME: "/home/ada" }, platform: "linux" })).toBe(
      "/home/ada/.config/skillflow",
    );
    const env = { HOME: "/home/ada", XDG_CONFIG_HOME: "/xdg" };
    expect(userConfigDir({ cwd, env, platform: "linux" })).toBe("/xdg/skillflow");
    // A relative XDG_CONFIG_HOME is invalid by the specification and ignored.
    const relative = { HOME: "/home/ada", XDG_CONFIG_HOME: "xdg" };
    expect(userConfigDir({ cwd, env: relative, platform: "linux" })).toBe(
      "/home/ada/.config/skillflow",
    );
  });

  it("uses Application Support on macOS and APPDATA on Windows", () => {
    expect(userConfigDir({ cwd, env: { HOME: "/Users/ada" }, platform: "darwin" })).toBe(
      "/Users/ada/Library/Application Support/skillflow",
    );
    const env = { APPDATA: "C:\\Users\\ada\\AppData\\Roaming" };
    expect(userConfigDir({ cwd, env, platform: "win32" })).toBe(
      "C:\\Users\\ada\\AppData\\Roaming\\skillflow",
    );
  });
});

describe("mergeConfigs", () => {
  it("lets the project win key by key within each section; allowlists add up", () => {
    const merged = mergeConfigs(
      {
        file: "/u/config.json",
        history: { path: "/u/h.db", verbosity: "minimal" },
        model: { default: "a:b" },
        shell: { allow: ["git"] },
      },
      {
        file: "skillflow.config.json",
        history: { verbosity: "debug" },
        shell: { allow: ["ls"], timeoutMs: 5 },
      },
    );
    expect(merged).toEqual({
      file: "skillflow.config.json",
      history: { path: "/u/h.db", verbosity: "debug" },
      model: { default: "a:b" },
      shell: { allow: ["git", "ls"], timeoutMs: 5 },
    });
    expect(mergeConfigs({}, {})).toEqual({});
  });

  it("keeps a restriction from either file", () => {
    const merged = mergeConfigs(
      {
        skills: {
          trust: { user: false, team: true },
          commands: false,
          limits: { maxFiles: 10 },
          sources: [{ path: "/u/team" }],
        },
      },
      {
        skills: {
          trust: { project: false, team: false },
          commands: true,
          packages: false,
          limits: { maxFiles: 99, maxDownloadBytes: 5 },
          sources: [{ path: "vendor", scope: "project" }],
        },
      },
    );
    expect(merged.skills).toEqual({
      trust: { project: false, user: false, team: false },
      commands: false,
      packages: false,
      limits: { maxFiles: 10, maxDownloadBytes: 5 },
      sources: [{ path: "/u/team" }, { path: "vendor", scope: "project" }],
    });
  });
});

describe("user-level configuration through the CLI", () => {
  it("takes history settings from the user's file, under the project's", async () => {
    const configHome = await temp("skillflow-user-");
    const project = await temp("skillflow-project-");
    await copyFile(path.join(FIXTURES, "echo.md"), path.join(project, "echo.md"));
    // A relative history path in the user's file is relative to the user's config folder.
    await writeFile(
      path.join(configHome, "config.yaml"),
      "history:\n  path: runs/user.db\n  verbosity: debug\n",
    );
    await writeFile(
      path.join(project, "skillflow.config.json"),
      JSON.stringify({ history: { verbosity: "minimal" } }),
    );
    const home = freshHome();
    const env = { SKILLFLOW_CONFIG_HOME: configHome, SKILLFLOW_HOME: home };
    const ran = await cli(["run", "echo.md"], { cwd: project, env });
    expect(ran.code, ran.stderr).toBe(0);
    expect(await readdir(path.join(configHome, "runs"))).toContain("user.db");
    expect(await readdir(home)).toEqual([]);
    const listed = await cli(["runs", "list", "--json"], { cwd: project, env });
    const [row] = JSON.parse(listed.stdout) as RunRow[];
    expect(row).toMatchObject({ workflow: "echo", status: "success" });
    // minimal (the project's) wins over debug (the user's): inputs are not stored.
    const shown = await cli(["runs", "show", row!.id, "--json"], { cwd: project, env });
    expect((JSON.parse(shown.stdout) as StoredRun).inputs).toBeUndefined();
  });

  it("allows shell commands from the user's file", async () => {
    const configHome = await temp("skillflow-user-");
    await writeFile(
      path.join(configHome, "config.json"),
      JSON.stringify({ shell: { allow: ["git"] } }),
    );
    const without = await cli(["tools"]);
    expect(without.stdout).toContain("shell: not available");
    const result = await cli(["tools", "--json"], { env: { SKILLFLOW_CONFIG_HOME: configHome } });
    expect(result.code, result.stderr).toBe(0);
    const names = (JSON.parse(result.stdout) as { name: string }[]).map((t) => t.name);
    expect(names).toContain("shell");
  });

  it("locates errors in the user's file", async () => {
    const configHome = await temp("skillflow-user-");
    const file = path.join(configHome, "config.json");
    await writeFile(file, '{\n  "colour": true\n}\n');
    const result = await cli(["runs", "list"], { env: { SKILLFLOW_CONFIG_HOME: configHome } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:2:3 INVALID_CONFIG colour: unknown key`);
  });

  it("locates errors in the project's file even when the user's file is fine", async () => {
    const configHome = await temp("skillflow-user-");
    await writeFile(path.join(configHome, "config.yml"), "model:\n  default: openai:gpt-4o\n");
    const result = await cli(["run", "echo.md", "--config", "bad.config.json"], {
      env: { SKILLFLOW_CONFIG_HOME: configHome },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bad.config.json:3:3 INVALID_CONFIG colour: unknown key");
    expect(result.stderr).not.toContain(configHome);
  });
});

describe("history.checkpoints", () => {
  it("keeps or drops finished runs' checkpoints; anything else is a located error", async () => {
    const { parseConfig } = await import("../src/config.js");
    for (const value of ["keep", "drop"] as const)
      expect(
        parseConfig(JSON.stringify({ history: { checkpoints: value } }), "c.json").history,
      ).toEqual({ checkpoints: value });
    expect(() =>
      parseConfig(JSON.stringify({ history: { checkpoints: "forever" } }), "c.json"),
    ).toThrow(/history\.checkpoints.*"keep" or "drop"/s);
  });
});
