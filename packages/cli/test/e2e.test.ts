// End to end: the real bin, as a process, against the built dist.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunRow } from "@skillflow/store";
import { FIXTURES, REPO_ROOT, TEST_CONFIG_HOME, freshHome } from "./helpers.js";

const BIN = path.join(REPO_ROOT, "packages/cli/bin/skillflow.js");
const DIST = path.join(REPO_ROOT, "packages/cli/dist/main.js");

const NEEDS_BUILD = "packages/cli/dist is missing: run `npm run build` first";

const skillflow = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd: FIXTURES,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", SKILLFLOW_CONFIG_HOME: TEST_CONFIG_HOME },
  });

describe("bin/skillflow.js", () => {
  it("needs the build", () => {
    expect(existsSync(DIST), NEEDS_BUILD).toBe(true);
  });

  it("prints the version", () => {
    const result = skillflow("--version");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("validates a broken file with a located error and exit 2", () => {
    const result = skillflow("validate", "broken.md");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("broken.md:12:21 UNDECLARED_INPUT");
  });
});

/** A node command that waits 10 s: the slow step, runnable wherever the tests run. */
const WAIT = "setTimeout(()=>{},10000)";

const SLOW_WORKFLOW = `\`\`\`workflow
steps:
  - id: wait
    type: tool
    tool: shell
    inputs:
      command: { type: string, value: node }
      args: { type: array, value: ["-e", "${WAIT}"] }
\`\`\`
`;

describe("bin/skillflow.js as a process: Ctrl-C", () => {
  it("cancels a running workflow on SIGINT: exit 130 and a run recorded as cancelled", async () => {
    expect(existsSync(DIST), NEEDS_BUILD).toBe(true);
    const cwd = await mkdtemp(path.join(tmpdir(), "skillflow-sigint-"));
    await writeFile(path.join(cwd, "slow.md"), SLOW_WORKFLOW);
    await writeFile(
      path.join(cwd, "skillflow.config.json"),
      JSON.stringify({ shell: { allow: [{ command: "node", args: `-e ${WAIT}` }] } }),
    );
    const env = {
      ...process.env,
      NO_COLOR: "1",
      SKILLFLOW_HOME: freshHome(),
      SKILLFLOW_CONFIG_HOME: TEST_CONFIG_HOME,
      // The project's shell.allow applies once trusted: here for this call, as CI would.
      SKILLFLOW_TRUST_WORKSPACE: "1",
      // The shell tool finds `node` on PATH: put this very node first.
      PATH: [path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
    };

    const child = spawn(process.execPath, [BIN, "run", "slow.md"], { cwd, env });
    let stderr = "";
    child.stdout.resume();
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => {
        stderr += chunk;
        if (stderr.includes("step wait running")) resolve();
      });
      child.on("exit", () => reject(new Error(`exited before the step ran:\n${stderr}`)));
    });
    child.kill("SIGINT");
    const code = await exited;
    expect(code, stderr).toBe(130);
    // Cancelled promptly, not after the step's 10 s.
    expect(Date.now() - started).toBeLessThan(8000);
    expect(stderr).toContain("Cancelling");

    const listed = spawnSync(process.execPath, [BIN, "runs", "list", "--json"], {
      cwd,
      env,
      encoding: "utf8",
    });
    expect(listed.status, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as RunRow[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ workflow: "slow", status: "cancelled" });
  });
});
