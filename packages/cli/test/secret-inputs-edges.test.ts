// Edge cases of secret-named inputs (CLI), each once a leak or a broken flow: many secret values,
// numbers, a mistyped value, sub-workflows, defaults, and values short enough to be ordinary words.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunLog } from "@skillflow/workflow";
import { cli, freshHome, temp } from "./helpers.js";

const TOKEN = "tok-0123456789abcdef";

function project(files: Record<string, string>) {
  const cwd = temp("skillflow-secret-review-");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    writeFileSync(path.join(cwd, name), text);
  }
  const home = freshHome();
  const call = (argv: string[]) => cli(argv, { cwd, env: { SKILLFLOW_HOME: home, USER: "t" } });
  const historyHolds = (secret: string) =>
    readdirSync(home).some((file) => readFileSync(path.join(home, file)).includes(secret));
  return { call, historyHolds };
}

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
  `---\nname: ${name}\ndescription: Review case.\n---\n\n\`\`\`workflow\n${body}\n\`\`\`\n`;

describe("secret-named inputs: edge cases", () => {
  it("a mistyped secret input is not echoed in the error message", async () => {
    const p = project({
      "pin.md": doc("pin", `inputs:\n  dbPassword: { type: int }\nsteps:\n${NOOP}`),
    });
    const result = await p.call(["run", "pin.md", "-i", "dbPassword=hunter2secret"]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain("hunter2secret");
  });

  it("a secret input after 256 other secret values is still redacted", async () => {
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
