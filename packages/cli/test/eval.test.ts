// skillflow agent and skillflow eval end to end, against a local fake of the Anthropic Messages API
// whose models the commit-message skill helps ("fake-helps") or hurts ("fake-hurts").
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitTypeFor } from "@skillflow/evals/testing";
import { REPO_ROOT, cli, fakeAnthropic, freshHome, type FakeAnthropicReply } from "./helpers.js";

type Block = { type: string; text?: string; name?: string };
type Message = { role: string; content: string | Block[] };

/** The system prompt of a request, as text. */
function systemText(body: { system?: string | Block[] }): string {
  const system = body.system ?? "";
  return typeof system === "string" ? system : system.map((b) => b.text ?? "").join("");
}

/**
 * Answers like a model the skill helps or hurts; activates the skill when its catalog lists it and
 * a commit message is asked, and follows it when it was activated or loaded up front.
 */
function answer(body: { model: string; system?: string | Block[]; messages: Message[] }) {
  const blocks = body.messages.flatMap((m) =>
    typeof m.content === "string" ? [{ type: "text", text: m.content }] : m.content,
  );
  const task = blocks.find((b) => b.type === "text")?.text ?? "";
  const system = systemText(body);
  const activated =
    blocks.some((b) => b.type === "tool_result") ||
    system.includes('<skill_content name="commit-message">');
  const offered = system.includes("<name>commit-message</name>");
  if (offered && !activated && /commit/i.test(task))
    return {
      content: [
        {
          type: "tool_use",
          id: "toolu_1",
          name: "activate_skill",
          input: { name: "commit-message" },
        },
      ],
      stop_reason: "tool_use",
    };
  const kind = commitTypeFor(task);
  const helps = body.model.includes("helps");
  const text = helps
    ? activated
      ? `${kind}(core): update ${kind} handling`
      : "Updated the code."
    : activated
      ? `Message: ${kind}: change`
      : `${kind}(core): change`;
  return { content: [{ type: "text", text }], stop_reason: "end_turn" };
}

let fake: Awaited<ReturnType<typeof fakeAnthropic>>;
let url: string;

beforeAll(async () => {
  fake = await fakeAnthropic(
    (body) => answer(body as unknown as Parameters<typeof answer>[0]) as FakeAnthropicReply,
  );
  url = fake.url;
});

afterAll(() => fake.close());

const env = (home: string) => ({
  ANTHROPIC_API_KEY: "sk-test-123456",
  ANTHROPIC_BASE_URL: url,
  SKILLFLOW_HOME: home,
});

describe("skillflow agent", () => {
  it("activates a skill found in a source folder and answers, with a transcript", async () => {
    const home = freshHome();
    const result = await cli(
      [
        "agent",
        "Write a commit message: the parser crashed on empty input",
        "-m",
        "anthropic:fake-helps",
        "--source",
        path.join(REPO_ROOT, "examples"),
        "--no-tools",
        "--json",
      ],
      { cwd: mkdtempSync(path.join(tmpdir(), "agent-")), env: env(home) },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const transcript = JSON.parse(result.stdout) as {
      output: string;
      activatedSkills: string[];
      usage: { inputTokens: number };
    };
    expect(transcript.output).toBe("fix(core): update fix handling");
    expect(transcript.activatedSkills).toEqual(["commit-message"]);
    expect(transcript.usage.inputTokens).toBe(200);
    expect(result.stdout).not.toContain("sk-test-123456");
  });
});

describe("skillflow eval", () => {
  it("gives a verdict per model, gates on hurts, keeps history, and replays offline", async () => {
    const home = freshHome();
    const cwd = mkdtempSync(path.join(tmpdir(), "eval-"));
    const skill = path.join(REPO_ROOT, "examples/commit-message");
    const base = [
      "eval",
      skill,
      "-m",
      "anthropic:fake-helps",
      "-m",
      "anthropic:fake-hurts",
      "--repeat",
      "2",
    ];
    const json = await cli([...base, "--format", "json", "--record", "--fail-on", "hurts"], {
      cwd,
      env: env(home),
    });
    expect(json.stderr).toMatch(/^report saved to \S+\.json\n$/);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { models: { model: string; verdict: string }[] };
    expect(report.models.map((m) => [m.model, m.verdict])).toEqual([
      ["anthropic:fake-helps", "helps"],
      ["anthropic:fake-hurts", "hurts"],
    ]);
    const text = await cli([...base], { cwd, env: env(home) });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /anthropic:fake-helps: HELPS — with − without \+100 pts over 8 cases/,
    );
    const history = await cli(["eval", "history", "commit-message"], { cwd, env: env(home) });
    expect(history.stdout.trim().split("\n")).toHaveLength(4);
    // Replay rebuilds the report without reaching the provider.
    const before = fake.received.length;
    const html = path.join(cwd, "report.html");
    const replay = await cli([...base, "--replay", "--format", "html", "-o", html], {
      cwd,
      env: { ...env(home), ANTHROPIC_BASE_URL: "http://127.0.0.1:9" },
    });
    expect(replay.code).toBe(0);
    expect(fake.received.length).toBe(before);
    expect(readFileSync(html, "utf8")).toContain("HELPS");
  });

  it("says where an eval suite is broken (exit 2)", async () => {
    const result = await cli(["eval", path.join(REPO_ROOT, "examples/repo-activity")], {
      env: env(freshHome()),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("NO_SUITE");
  });
});
