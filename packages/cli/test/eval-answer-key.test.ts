// An evaluation's answer key stays out of reach of the model: not served by the skill tools (see
// eval-first-hour), and not readable or listable through the standard file tools either.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  REPO_ROOT,
  cli,
  fakeAnthropic,
  freshHome,
  trustedEnv,
  type FakeAnthropicReply,
} from "./helpers.js";

type Block = { type: string; text?: string; content?: unknown };
type Message = { role: string; content: string | Block[] };

/** A model that tries to read and list the suite with the file tools, then answers. */
function peek(body: { messages: Message[] }): FakeAnthropicReply {
  const turns = body.messages.filter((m) => m.role === "assistant").length;
  const tries = [
    { name: "file_read", input: { path: "commit-message/evals/evals.json" } },
    { name: "file_read_json", input: { path: "./commit-message/EVALS/../evals/evals.json" } },
    { name: "file_list", input: { path: "commit-message", recursive: true } },
  ];
  const next = tries[turns];
  if (next === undefined)
    return { content: [{ type: "text", text: "fix(core): done" }], stop_reason: "end_turn" };
  return {
    content: [{ type: "tool_use", id: `toolu_${turns}`, ...next }],
    stop_reason: "tool_use",
  };
}

let fake: Awaited<ReturnType<typeof fakeAnthropic>>;
beforeAll(async () => {
  fake = await fakeAnthropic((body) => peek(body as unknown as { messages: Message[] }));
});
afterAll(() => fake.close());

it("the file tools neither read nor list the evaluated skill's evals/ during an evaluation", async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), "eval-key-"));
  cpSync(path.join(REPO_ROOT, "examples/commit-message"), path.join(cwd, "commit-message"), {
    recursive: true,
  });
  const result = await cli(
    ["eval", "commit-message", "-m", "anthropic:fake-peek", "--repeat", "1", "--format", "json"],
    {
      cwd,
      env: {
        ANTHROPIC_API_KEY: "sk-test-1",
        ANTHROPIC_BASE_URL: fake.url,
        SKILLFLOW_HOME: freshHome(),
      },
    },
  );
  expect(result.stderr).not.toContain("internal error");
  expect(result.code).toBe(0);
  // The first request that holds all three tool results (each run re-sends its earlier turns).
  const resultsOf = (raw: string) =>
    (JSON.parse(raw) as { messages: Message[] }).messages
      .flatMap((m) => (typeof m.content === "string" ? [] : m.content))
      .filter((b) => b.type === "tool_result")
      .map((b) => JSON.stringify(b.content));
  const toolResults = fake.received.map(resultsOf).find((r) => r.length === 3) ?? [];
  expect(toolResults).toHaveLength(3);
  const [read, readJson, list] = toolResults;
  // The suite's text never reaches the model; the refusals say why; the listing leaves it out.
  expect(toolResults.join("\n")).not.toContain("expected_output");
  expect(read).toContain("hidden from the file tools");
  expect(readJson).toContain("hidden from the file tools");
  expect(list).toContain("commit-message/SKILL.md");
  expect(list).not.toContain("evals");
});

it("warns that allowed shell commands could read the answer key", async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), "eval-key-"));
  cpSync(path.join(REPO_ROOT, "examples/commit-message"), path.join(cwd, "commit-message"), {
    recursive: true,
  });
  writeFileSync(path.join(cwd, "skillflow.config.json"), '{ "shell": { "allow": ["cat"] } }');
  const result = await cli(
    ["eval", "commit-message", "-m", "anthropic:fake-peek", "--repeat", "1", "--format", "json"],
    {
      cwd,
      env: {
        ANTHROPIC_API_KEY: "sk-test-1",
        ANTHROPIC_BASE_URL: fake.url,
        SKILLFLOW_HOME: freshHome(),
        ...(await trustedEnv(cwd)),
      },
    },
  );
  expect(result.code).toBe(0);
  expect(result.stderr).toContain("warning: shell commands are allowed");
  expect(result.stderr).toContain("--no-tools");
});
