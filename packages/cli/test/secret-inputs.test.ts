// Secret-named inputs (`-i api_token=…`): never in the history, its checkpoints or the printed log;
// a run that waits is continued with them given again.
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunRow, StoredRun } from "@skillflow/store";
import { cli, freshHome, temp } from "./helpers.js";

const TOKEN = "tok-0123456789abcdef";
const PIN = "48151623";

/** Compares the secret inputs with their real values, so the outputs say what the run saw. */
const DOC = `---
name: secret-inputs
description: Uses secret-named inputs after an approval.
---

\`\`\`workflow
inputs:
  api_token: { type: string }
  dbPassword: { type: int }
  city: { type: string, default: "Oslo" }
outputs:
  real_token: { type: boolean, value: "$inputs.api_token == '${TOKEN}'" }
  real_password: { type: boolean, value: "$inputs.dbPassword == ${PIN}" }
  city: { type: string, value: $inputs.city }
steps:
  - id: confirm
    type: approval
    message: "Go on for \${inputs.city}?"
\`\`\`
`;

async function project() {
  const cwd = temp("skillflow-secret-inputs-");
  await writeFile(path.join(cwd, "secret.md"), DOC);
  const home = freshHome();
  const call = (argv: string[]) => cli(argv, { cwd, env: { SKILLFLOW_HOME: home, USER: "t" } });
  /** True when no file of the history holds either secret. */
  const historyClean = async () => {
    for (const file of await readdir(home)) {
      const bytes = await readFile(path.join(home, file));
      if (bytes.includes(TOKEN) || bytes.includes(PIN)) return false;
    }
    return true;
  };
  return { call, historyClean };
}

describe("secret-named inputs", () => {
  it("are kept out of the history and asked for again to continue", async () => {
    const p = await project();
    const started = await p.call([
      "run",
      "secret.md",
      "-i",
      `api_token=${TOKEN}`,
      "-i",
      `dbPassword=${PIN}`,
      "--no-prompt",
      "--json",
    ]);
    expect(started.code, started.stderr).toBe(4);
    expect(started.stdout).not.toContain(TOKEN);
    expect(started.stdout).not.toContain(PIN);
    expect(await p.historyClean()).toBe(true);

    const [row] = JSON.parse((await p.call(["runs", "list", "--json"])).stdout) as RunRow[];
    const id = row!.id.slice(0, 8);
    const shown = JSON.parse((await p.call(["runs", "show", id, "--json"])).stdout) as StoredRun;
    expect(shown.inputs).toEqual({ api_token: "[REDACTED]", dbPassword: "[REDACTED]" });

    const without = await p.call(["approve", id]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain("SECRET_INPUTS_NEEDED");
    expect(without.stderr).toContain('"api_token", "dbPassword"');
    expect(without.stderr).toContain("-i api_token=… -i dbPassword=…");

    const kept = await p.call(["approve", id, "-i", "city=Paris"]);
    expect(kept.code).toBe(2);
    expect(kept.stderr).toContain('kept its input "city"');

    // Refusals leave the run waiting; given again, the run sees the real values.
    const approved = await p.call([
      "approve",
      id,
      "-i",
      `api_token=${TOKEN}`,
      "-i",
      `dbPassword=${PIN}`,
      "-q",
    ]);
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.parse(approved.stdout)).toEqual({
      real_token: true,
      real_password: true,
      city: "Oslo",
    });
    expect(await p.historyClean()).toBe(true);
  });

  it("runs resume takes -i too", async () => {
    const p = await project();
    await p.call(["run", "secret.md", "-i", `api_token=${TOKEN}`, "-i", `dbPassword=${PIN}`]);
    const [row] = JSON.parse((await p.call(["runs", "list", "--json"])).stdout) as RunRow[];
    const result = await p.call(["runs", "resume", row!.id, "-i", `api_token=${TOKEN}`]);
    // The run waits for an approval: resume says so, rather than refusing the flag.
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("NOT_RESUMABLE");
    expect(result.stderr).not.toContain("does not take");
  });
});
