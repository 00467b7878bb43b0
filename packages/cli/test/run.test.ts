// skillflow run: inputs, output modes, exit codes, config, .env and cancellation through the seam.
import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryRunStore } from "@skillflow/store";
import type { RunLog } from "@skillflow/workflow";
import { run } from "../src/main.js";
import { environmentWith, parseDotenv, readDotenv } from "../src/run/dotenv.js";
import { FIXTURES, cli, freshHome } from "./helpers.js";

const outputs = async (argv: string[], overrides = {}) => {
  const result = await cli(["run", "echo.md", "--quiet", ...argv], overrides);
  return {
    ...result,
    outputs:
      result.stdout === "" ? undefined : (JSON.parse(result.stdout) as Record<string, unknown>),
  };
};

describe("skillflow run: inputs", () => {
  it("coerces -i values by the declared type", async () => {
    const result = await outputs([
      "-i",
      "name=ada",
      "-i",
      "limit=1",
      "-i",
      "ratio=2.5",
      "-i",
      "items=[7,8]",
      "-i",
      'meta={"a":1}',
    ]);
    expect(result.code).toBe(0);
    expect(result.outputs).toEqual({
      greeting: "hello ada",
      limit: 1,
      ratio: 2.5,
      loud: false,
      kept: [7],
      meta: { a: 1 },
    });
  });

  it.each([
    ["limit=five", "INVALID_INPUT"],
    ["ratio=x", "INVALID_INPUT"],
    ["loud=yes", "INVALID_INPUT"],
    ["items={}", "INVALID_INPUT"],
    ["nokey", "INVALID_INPUT"],
    ["colour=red", "UNKNOWN_INPUT"],
  ])("-i %s is a %s error, exit 2", async (pair, code) => {
    const result = await outputs(["-i", pair]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error ${code}:`);
  });

  it("merges stdin < --input-file < --inputs < -i", async () => {
    const stdin = ["name: piped\nlimit: 3\nratio: 1.5\nloud: false\n"];
    const result = await outputs(
      [
        "--input-file",
        "inputs.yaml",
        "--inputs",
        '{"limit": 2, "ratio": 0.25}',
        "-i",
        "ratio=0.75",
      ],
      { stdin },
    );
    expect(result.outputs).toMatchObject({ greeting: "hello file", limit: 2, ratio: 0.75 });
  });

  it("reports a bad --inputs, --input-file or stdin as exit 2", async () => {
    expect((await outputs(["--inputs", "[1]"])).code).toBe(2);
    expect((await outputs(["--inputs", "{"])).code).toBe(2);
    expect((await outputs(["--input-file", "missing.json"])).stderr).toContain("FILE_NOT_FOUND");
    expect((await outputs([], { stdin: ["- 1\n"] })).stderr).toContain("INVALID_INPUT");
  });

  it("reports wrongly typed inputs from JSON as the runtime's INPUT_TYPE, exit 2", async () => {
    const result = await cli(["run", "echo.md", "--inputs", '{"limit": "x"}']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("INPUT_TYPE");
  });
});

describe("skillflow run: output modes and exit codes", () => {
  it("prints plain event lines on stderr and a summary on stdout when not a TTY", async () => {
    const result = await cli(["run", "echo.md"]);
    expect(result.code).toBe(0);
    expect(result.stderr.split("\n")).toEqual(
      expect.arrayContaining([
        "start echo (2 steps)",
        "step keep running",
        "step stop_if_loud skipped: Guard condition evaluated to false",
      ]),
    );
    expect(result.stdout).toMatch(/^✓ success echo in \d+ms/);
    expect(result.stdout).toContain("greeting\nhello world");
    expect(result.stdout).not.toContain("\u001b[");
  });

  it("draws a live view on a TTY, in colour unless colours are off", async () => {
    const colour = await cli(["run", "echo.md"], { isTTY: true, colors: true });
    expect(colour.stderr).toContain("\u001b[32m✓\u001b[39m keep");
    expect(colour.stderr).toContain("\u001b[1A\u001b[0J");
    const plain = await cli(["run", "echo.md"], { isTTY: true, colors: false });
    expect(plain.stderr).toContain("✓ keep");
    expect(plain.stdout).not.toContain("\u001b[3");
  });

  it("--json prints only the run log", async () => {
    const result = await cli(["run", "echo.md", "--json"]);
    const log = JSON.parse(result.stdout) as RunLog;
    expect(log).toMatchObject({ workflow: "echo", status: "success", outputs: { limit: 2 } });
    expect(result.stderr).toBe("");
  });

  it("exits 1 when the workflow fails, with the log saying why", async () => {
    const result = await cli(["run", "echo.md", "--json", "-i", "loud=true"]);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as RunLog).status).toBe("failed");
    const human = await cli(["run", "echo.md", "-i", "loud=true"]);
    expect(human.stdout).toContain("✗ failed echo");
  });

  it("exits 2 with located problems for an invalid document, and a log with --json", async () => {
    const result = await cli(["run", "broken.md"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("broken.md:12:21 UNDECLARED_INPUT");
    const json = await cli(["run", "broken.md", "--json"]);
    expect(json.code).toBe(2);
    expect((JSON.parse(json.stdout) as RunLog).error?.phase).toBe("validate");
  });

  it("exits 2 for an unknown tool, and needs exactly one file", async () => {
    const result = await cli(["run", "slow.md"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("UNKNOWN_TOOL");
    expect((await cli(["run"])).code).toBe(2);
    expect((await cli(["run", "a.md", "b.md"])).code).toBe(2);
  });

  it("records into the store the openStore seam gives, step by step", async () => {
    const store = new MemoryRunStore();
    const opened: string[] = [];
    const sink = { write: () => true };
    const code = await run(
      ["run", "echo.md", "--quiet"],
      {
        stdout: sink,
        stderr: sink,
        isTTY: false,
        env: { SKILLFLOW_HOME: freshHome() },
        cwd: FIXTURES,
        colors: false,
      },
      {
        openStore: (options) => {
          opened.push(options.path);
          // Kept open after the call so the test can read what was recorded.
          return {
            begin: (start) => store.begin(start),
            resume: (id) => store.resume(id),
            interrupt: (id) => store.interrupt(id),
            checkpoint: (id) => store.checkpoint(id),
            get: (id) => store.get(id),
            list: (filter) => store.list(filter),
            remove: (ids) => store.remove(ids),
            prune: (retention) => store.prune(retention),
            close: () => {},
          };
        },
      },
    );
    expect(code).toBe(0);
    expect(opened).toHaveLength(1);
    const [row] = store.list();
    expect(row).toMatchObject({ workflow: "echo", status: "success", totalSteps: 2 });
    expect(store.get(row!.id)?.steps.map((s) => s.id)).toEqual(["keep", "stop_if_loud"]);
  });
});

describe("skillflow run: config, .env and cancellation", () => {
  it("cancels on io.signal: exit 130 and a log that says cancelled", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    // Trusted for this call through the environment, as CI would.
    const result = await cli(["run", "slow.md", "--json", "--config", "slow.config.json"], {
      signal: controller.signal,
      env: { SKILLFLOW_TRUST_WORKSPACE: "1" },
    });
    expect(result.code).toBe(130);
    const log = JSON.parse(result.stdout) as RunLog;
    expect(log.status).toBe("failed");
    expect(log.error?.message).toBe("Workflow run was cancelled");
  });

  it("rejects an invalid config with located INVALID_CONFIG problems", async () => {
    const result = await cli(["run", "echo.md", "--config", "bad.config.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "bad.config.json:2:24 INVALID_CONFIG shell.allow.0: must be a command name",
    );
    expect(result.stderr).toContain("bad.config.json:3:3 INVALID_CONFIG colour: unknown key");
    expect((await cli(["run", "echo.md", "--config", "none.json"])).stderr).toContain(
      "FILE_NOT_FOUND",
    );
  });

  it("fills the tools' environment from .env under existing variables", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "skillflow-cli-"));
    await copyFile(path.join(FIXTURES, "dotenv.txt"), path.join(dir, ".env"));
    const env = environmentWith(await readDotenv(dir), { EXISTING: "fromenv", A: undefined });
    expect({ ...env }).toEqual({
      A: "1",
      B: "two words",
      C: "single",
      D: "plain",
      EXISTING: "fromenv",
    });
    expect({ ...environmentWith(await readDotenv(FIXTURES), { X: "1" }) }).toEqual({ X: "1" });
    expect(parseDotenv('Q="a\\nb"\nnot a line\n__proto__=x\n')).toEqual(
      new Map([
        ["Q", "a\nb"],
        ["__proto__", "x"],
      ]),
    );
  });
});

describe("skillflow run <skill name>", () => {
  const skill = (name: string, greeting: string) => `---
name: ${name}
description: says ${greeting}
---

\`\`\`workflow
outputs:
  said: { type: string, value: ${greeting} }
steps:
  - id: nothing
    type: exit
    status: success
    output: { said: ${greeting} }
\`\`\`
`;
  const place = async (folder: string, name: string, greeting: string) => {
    await mkdir(path.join(folder, name), { recursive: true });
    await writeFile(path.join(folder, name, "SKILL.md"), skill(name, greeting));
  };

  it("finds a skill by name in the project's folders up to the repository root, then the user's", async () => {
    const repo = await mkdtemp(path.join(tmpdir(), "skillflow-repo-"));
    const home = await mkdtemp(path.join(tmpdir(), "skillflow-user-"));
    await mkdir(path.join(repo, ".git"));
    await mkdir(path.join(repo, "sub", "deeper"), { recursive: true });
    await place(path.join(repo, ".claude", "skills"), "greet", "project");
    await place(path.join(home, ".agents", "skills"), "greet", "user");
    await place(path.join(home, ".agents", "skills"), "wave", "user");
    const env = { HOME: home };
    const say = async (name: string) => {
      const result = await cli(["run", name, "--quiet"], {
        cwd: path.join(repo, "sub", "deeper"),
        env,
      });
      expect(result.stderr).toBe("");
      return (JSON.parse(result.stdout) as { said: string }).said;
    };
    expect(await say("greet")).toBe("project");
    expect(await say("wave")).toBe("user");
    // A folder of that name in the working folder wins: paths come first.
    await place(path.join(repo, "sub", "deeper"), "wave", "here");
    expect(await say("wave")).toBe("here");
  });

  it("says where it looked when there is no such skill", async () => {
    const home = await mkdtemp(path.join(tmpdir(), "skillflow-user-"));
    const result = await cli(["run", "no-such-skill"], { env: { HOME: home } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("FILE_NOT_FOUND");
    expect(result.stderr).toContain(path.join(home, ".claude", "skills"));
    expect(result.stderr).toContain(path.join(FIXTURES, ".agents", "skills"));
  });
});
