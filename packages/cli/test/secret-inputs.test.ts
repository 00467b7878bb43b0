// Secret-named inputs (`-i api_token=…`): never in the history, its checkpoints or the printed log;
// a run that waits is continued with them given again. Then edge cases, each once a leak or a broken
// flow: many secret values, numbers, a mistyped value, sub-workflows, defaults, short values.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunRow, StoredRun } from "@skillflow/store";
import type { RunLog } from "@skillflow/workflow";
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

const NOOP = [
  "  - id: noop",
  "    type: transform",
  "    operation: map",
  "    expression: { v: 1 }",
  "    inputs:",
  "      items: { type: array, value: [1] }",
  "    outputs:",
  "      items: { type: array }",
].join("\n");

const doc = (name: string, body: string) =>
  `---\nname: ${name}\ndescription: An edge case of secret inputs.\n---\n\n\`\`\`workflow\n${body}\n\`\`\`\n`;

/** A project folder with `files`, and a history of its own. */
function project(files: Record<string, string> = { "secret.md": DOC }) {
  const cwd = temp("skillflow-secret-inputs-");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    writeFileSync(path.join(cwd, name), text);
  }
  const home = freshHome();
  const call = (argv: string[]) => cli(argv, { cwd, env: { SKILLFLOW_HOME: home, USER: "t" } });
  /** True when a file of the history holds `secret` (freed pages included). */
  const historyHolds = (secret: string) =>
    readdirSync(home).some((file) => readFileSync(path.join(home, file)).includes(secret));
  /** True when no file of the history holds either secret. */
  const historyClean = async () => !historyHolds(TOKEN) && !historyHolds(PIN);
  return { call, historyHolds, historyClean };
}

describe("secret-named inputs", () => {
  it("are kept out of the history and asked for again to continue", async () => {
    const p = project();
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
    const p = project();
    await p.call(["run", "secret.md", "-i", `api_token=${TOKEN}`, "-i", `dbPassword=${PIN}`]);
    const [row] = JSON.parse((await p.call(["runs", "list", "--json"])).stdout) as RunRow[];
    const result = await p.call(["runs", "resume", row!.id, "-i", `api_token=${TOKEN}`]);
    // The run waits for an approval: resume says so, rather than refusing the flag.
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("NOT_RESUMABLE");
    expect(result.stderr).not.toContain("does not take");
  });

  it("a mistyped secret input is not echoed in the error message", async () => {
    const p = project({
      "pin.md": doc("pin", `inputs:\n  dbPassword: { type: int }\nsteps:\n${NOOP}`),
    });
    const result = await p.call(["run", "pin.md", "-i", "dbPassword=hunter2secret"]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain("hunter2secret");
  });

  it("a secret input after 300 other secret values is still redacted", async () => {
    const p = project({
      "many.md": doc(
        "many",
        [
          "inputs:",
          "  credentials: { type: array }",
          "  api_token: { type: string }",
          "outputs:",
          "  echo: { type: string, value: $inputs.api_token }",
          "steps:",
          NOOP,
        ].join("\n"),
      ),
    });
    const credentials = Array.from({ length: 300 }, (_, i) => `cred-${i}-xxxx`);
    const result = await p.call([
      "run",
      "many.md",
      "--inputs",
      JSON.stringify({ credentials, api_token: TOKEN }),
      "--json",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain(TOKEN);
    expect(p.historyHolds(TOKEN)).toBe(false);
  });

  it("a secret number JavaScript writes in exponent form is redacted", async () => {
    const p = project({
      "big.md": doc(
        "big",
        [
          "inputs:",
          "  dbPassword: { type: int }",
          "outputs:",
          "  n: { type: int, value: $inputs.dbPassword }",
          "steps:",
          NOOP,
        ].join("\n"),
      ),
    });
    const result = await p.call(["run", "big.md", "--inputs", '{"dbPassword": 1e21}', "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain("1e+21");
    expect(p.historyHolds("1e+21")).toBe(false);
  });

  it("a child's secret-named input is masked in the parent's step record", async () => {
    const p = project({
      "lib/child/SKILL.md": doc(
        "child",
        `inputs:\n  githubToken: { type: string }\nsteps:\n${NOOP}`,
      ),
      "lib/parent/SKILL.md": doc(
        "parent",
        [
          "inputs:",
          "  login: { type: string }",
          "steps:",
          "  - id: sub",
          "    type: workflow",
          "    workflow: ../child",
          "    inputs:",
          "      githubToken: { type: string, value: $inputs.login }",
        ].join("\n"),
      ),
    });
    const result = await p.call(["run", "lib/parent", "-i", `login=${TOKEN}`, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    // The parent's own input "login" is not secret-named and may show; the child's "githubToken"
    // (in the step's inputs and in the child's log) must not.
    expect(result.stdout.split(TOKEN).length - 1).toBe(1);
  });

  it("approving a run waiting in a sub-workflow gives the child its real secret back", async () => {
    const p = project({
      "lib/child/SKILL.md": doc(
        "child",
        [
          "inputs:",
          "  token: { type: string }",
          "outputs:",
          `  real: { type: boolean, value: "$inputs.token == '${TOKEN}'" }`,
          "steps:",
          "  - id: gate",
          "    type: approval",
          '    message: "Child go?"',
        ].join("\n"),
      ),
      "lib/parent/SKILL.md": doc(
        "parent",
        [
          "inputs:",
          "  api_token: { type: string }",
          "outputs:",
          "  real: { type: boolean, value: $steps.sub.output.real }",
          "steps:",
          "  - id: sub",
          "    type: workflow",
          "    workflow: ../child",
          "    inputs:",
          "      token: { type: string, value: $inputs.api_token }",
        ].join("\n"),
      ),
    });
    const run = await p.call([
      "run",
      "lib/parent",
      "-i",
      `api_token=${TOKEN}`,
      "--no-prompt",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(4);
    const id = (JSON.parse(run.stdout) as RunLog).id.slice(0, 8);
    const approved = await p.call(["approve", id, "-i", `api_token=${TOKEN}`, "-q"]);
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.parse(approved.stdout)).toEqual({ real: true });
  });

  it("approving a run whose secret-named input took its default does not ask for it", async () => {
    const p = project({
      "dflt.md": doc(
        "dflt",
        [
          "inputs:",
          "  api_token: { type: string, default: dev-token-1234 }",
          "outputs:",
          "  real: { type: boolean, value: \"$inputs.api_token == 'dev-token-1234'\" }",
          "steps:",
          "  - id: gate",
          "    type: approval",
          '    message: "Go?"',
        ].join("\n"),
      ),
    });
    const run = await p.call(["run", "dflt.md", "--no-prompt", "--json"]);
    expect(run.code, run.stderr).toBe(4);
    const id = (JSON.parse(run.stdout) as RunLog).id.slice(0, 8);
    const approved = await p.call(["approve", id, "-q"]);
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.parse(approved.stdout)).toEqual({ real: true });
  });
  it("a secret whose value is also a status word leaves the run waiting and approvable", async () => {
    const p = project({
      "gate.md": doc(
        "gate",
        'inputs:\n  api_token: { type: string }\nsteps:\n  - id: g\n    type: approval\n    message: "Go?"',
      ),
    });
    const run = await p.call([
      "run",
      "gate.md",
      "-i",
      "api_token=waiting",
      "--no-prompt",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(4);
    const log = JSON.parse(run.stdout) as RunLog;
    expect(log.status).toBe("waiting");
    const approved = await p.call(["approve", log.id.slice(0, 8), "-i", "api_token=waiting"]);
    expect(approved.code, approved.stderr).toBe(0);
  });

  it("a secret PIN equal to the current year does not damage the checkpoint", async () => {
    const p = project({
      "gate.md": doc(
        "gate",
        'inputs:\n  pin_password: { type: int }\nsteps:\n  - id: g\n    type: approval\n    message: "Go?"',
      ),
    });
    const year = String(new Date().getUTCFullYear());
    const run = await p.call([
      "run",
      "gate.md",
      "-i",
      `pin_password=${year}`,
      "--no-prompt",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(4);
    const log = JSON.parse(run.stdout) as RunLog;
    const approved = await p.call(["approve", log.id.slice(0, 8), "-i", `pin_password=${year}`]);
    expect(approved.stderr).not.toContain("CHECKPOINT_DAMAGED");
    expect(approved.code, approved.stderr).toBe(0);
  });
});
