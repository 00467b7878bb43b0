// Review (issue 12): `agent --json`, eval reports, history and the eval cache never show a secret of
// the environment that run logs redact (one redaction for every output).
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, cli, fakeAnthropic, freshHome, type FakeAnthropicReply } from "./helpers.js";

const SECRET = "s3cr3t-token-value-42";
const PASSWORD = "hunter2-password";

let fake: Awaited<ReturnType<typeof fakeAnthropic>>;

beforeAll(async () => {
  // A model that repeats the secrets it was never meant to show, in every answer.
  fake = await fakeAnthropic((): FakeAnthropicReply => ({
    content: [{ type: "text", text: `feat(core): add it (token ${SECRET}, db ${PASSWORD})` }],
    stop_reason: "end_turn",
  }));
});

afterAll(() => fake.close());

const env = (home: string) => ({
  ANTHROPIC_API_KEY: "sk-test-123456",
  ANTHROPIC_BASE_URL: fake.url,
  SKILLFLOW_HOME: home,
  MY_API_TOKEN: SECRET,
  DB_PASSWORD: PASSWORD,
});

/** The text of every file under `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => readFileSync(file, "utf8"));
}

describe("secrets of the environment in agent and eval outputs", () => {
  it("agent --json and the plain answer show [REDACTED]", async () => {
    const home = freshHome();
    const cwd = mkdtempSync(path.join(tmpdir(), "agent-"));
    for (const json of [true, false]) {
      const result = await cli(
        ["agent", "Say something", "-m", "anthropic:fake", "--no-tools", "--no-skills"].concat(
          json ? ["--json"] : [],
        ),
        { cwd, env: env(home) },
      );
      expect(result.code).toBe(0);
      for (const secret of [SECRET, PASSWORD, "sk-test-123456"]) {
        expect(result.stdout).not.toContain(secret);
        expect(result.stderr).not.toContain(secret);
      }
      expect(result.stdout).toContain("[REDACTED]");
    }
  });

  it("the eval report file, the history and the recorded cache show [REDACTED]", async () => {
    const home = freshHome();
    const cwd = mkdtempSync(path.join(tmpdir(), "eval-"));
    const out = path.join(cwd, "report.json");
    const result = await cli(
      [
        "eval",
        path.join(REPO_ROOT, "examples/commit-message"),
        "-m",
        "anthropic:fake",
        "--repeat",
        "1",
        "--record",
        "--format",
        "json",
        "-o",
        out,
      ],
      { cwd, env: env(home) },
    );
    expect(result.code).toBe(0);
    const report = readFileSync(out, "utf8");
    expect(report).toContain("[REDACTED]");
    const written = [...filesUnder(home), ...filesUnder(cwd)];
    expect(written.length).toBeGreaterThan(2);
    for (const text of [result.stdout, result.stderr, ...written]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(PASSWORD);
    }
  });
});

describe("secrets of the environment in checkpoints", () => {
  it("a suspended run's checkpoint in the history shows [REDACTED], never the secret", async () => {
    const home = freshHome();
    const cwd = mkdtempSync(path.join(tmpdir(), "checkpoint-"));
    const flow = path.join(cwd, "flow.md");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      flow,
      [
        "```workflow",
        "inputs:",
        "  token: { type: string }",
        "steps:",
        "  - id: echo",
        "    type: exit",
        '    condition: "false"',
        "    status: success",
        "  - id: confirm",
        "    type: approval",
        '    message: "Go on?"',
        "```",
        "",
      ].join("\n"),
    );
    const result = await cli(["run", flow, "-i", `token=${SECRET}`, "--no-prompt"], {
      cwd,
      env: env(home),
    });
    expect(result.code).toBe(4);
    const files = readdirSync(home).filter((name) => name.startsWith("history.db"));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files)
      expect(readFileSync(path.join(home, name)).toString("latin1")).not.toContain(SECRET);
    const { openSqliteRunStore } = await import("@skillflow/store");
    const store = openSqliteRunStore({ path: path.join(home, "history.db") });
    try {
      const [run] = store.list();
      expect(store.checkpoint(run!.id)?.inputs).toEqual({ token: "[REDACTED]" });
    } finally {
      store.close();
    }
  });
});
