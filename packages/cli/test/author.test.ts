// `skillflow author` end to end against a local fake Anthropic server: writes the skill, refuses to
// overwrite, --json, the budget, --keep-draft and --from-transcript.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  cli,
  FIXTURES,
  fakeAnthropic,
  freshHome,
  temp,
  type FakeAnthropicReply,
} from "./helpers.js";

/** A SKILL.md: fetch a page, ask the llm whether it announces a release. */
const GOOD = `---
name: page-check
description: Checks a news page and says whether it announces a release. Use for release watching.
---

# Page check

\`\`\`workflow
inputs:
  url: { type: string, default: "https://example.com/news" }
outputs:
  title: { type: string, value: $steps.fetch.output.title }
  verdict: { type: string, value: $steps.judge.output.verdict }
steps:
  - id: fetch
    type: tool
    tool: web_fetch
    inputs:
      url: { type: string, value: $inputs.url }
    outputs:
      title: { type: string, value: $result.title }
      text: { type: string, value: $result.text }
  - id: judge
    type: tool
    tool: llm
    inputs:
      prompt: { type: string, value: $steps.fetch.output.text }
    outputs:
      verdict: { type: string, value: $result.verdict }
\`\`\`
`;

/** Reads a file of the workspace (runs offline). */
const NOTES = `---
name: notes-read
description: Reads the notes file. Use to see the notes.
---

\`\`\`workflow
outputs:
  text: { type: string, value: $steps.read.output.content }
steps:
  - id: read
    type: tool
    tool: file_read
    inputs:
      path: { type: string, value: notes.txt }
    outputs:
      content: { type: string, value: $result.content }
\`\`\`
`;

/** GOOD with a tool no run here has: never valid. */
const BAD = GOOD.replace("tool: web_fetch", "tool: web_fetc");

type Block = { type: string; text?: string };
type Body = { messages: { role: string; content: string | Block[] }[] };

const blocks = (body: Body) =>
  body.messages.flatMap((m) =>
    typeof m.content === "string" ? [{ type: "text", text: m.content }] : m.content,
  );

/** Dry-runs `draft` with fixtures (a made-up page), then answers with it. */
function author(draft: string) {
  return (raw: Record<string, unknown>): FakeAnthropicReply => {
    const body = raw as unknown as Body;
    if (blocks(body).some((b) => b.type === "tool_result"))
      return {
        content: [{ type: "text", text: `Done.\n<skill_md>\n${draft}</skill_md>` }],
        stop_reason: "end_turn",
      };
    return {
      content: [
        {
          type: "tool_use",
          id: "toolu_1",
          name: "dry_run_workflow",
          input: {
            text: draft,
            fixtures: {
              web_fetch: { output: { title: "Made up", text: "nothing" } },
              llm: { output: { verdict: "release" } },
            },
          },
        },
      ],
      stop_reason: "tool_use",
    };
  };
}

let draft = GOOD;
let fake: Awaited<ReturnType<typeof fakeAnthropic>>;
beforeAll(async () => {
  fake = await fakeAnthropic((body) => author(draft)(body));
});
afterAll(() => fake.close());
beforeEach(() => {
  draft = GOOD;
});

const home = freshHome();
const env = () => ({
  ANTHROPIC_API_KEY: "sk-test-123456",
  ANTHROPIC_BASE_URL: fake.url,
  SKILLFLOW_HOME: home,
});
const run = (cwd: string, ...args: string[]) =>
  cli(["author", ...args, "-m", "anthropic:claude-sonnet-4-5"], { cwd, env: env() });
const skillFile = (cwd: string, name = "page-check") =>
  path.join(cwd, ".agents", "skills", name, "SKILL.md");

function expectUserError(result: { code: number; stderr: string }, code: string, names: string) {
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`error ${code}`);
  expect(result.stderr).toContain(names);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe("skillflow author", () => {
  it("writes the checked skill into the project's skills folder and shows graph, dry run and next steps", async () => {
    const cwd = temp("author-");
    const result = await run(cwd, "check a news page for releases");
    expect(result.code).toBe(0);
    expect(readFileSync(skillFile(cwd), "utf8")).toBe(GOOD);
    expect(result.stderr).toContain("round 1/6: valid, dry run ok (dry_run_workflow ×1)");
    expect(result.stdout).toContain(
      `wrote ${path.join(".agents", "skills", "page-check", "SKILL.md")}`,
    );
    expect(result.stdout).toContain("```mermaid\nflowchart TD");
    expect(result.stdout).toContain("dry run: success");
    expect(result.stdout).toMatch(/budget: 1 of 6 rounds, 2 model calls, 240 of 300000 tokens/);
    expect(result.stdout).toContain("skillflow run page-check");
    expect(result.stdout).toContain(
      'skillflow schedules add page-check-daily --workflow page-check --cron "0 9 * * *"',
    );
    expect(result.stdout).toContain("skillflow eval init page-check");
    expect(result.stdout).toContain(
      "skillflow test page-check --init first --from-record run.json",
    );
    // The written skill is found by name, as the next steps say.
    const listed = await cli(["validate", "page-check"], { cwd, env: { SKILLFLOW_HOME: home } });
    expect(listed.code).toBe(0);
  });

  it("never replaces an existing skill without --force", async () => {
    const cwd = temp("author-");
    expect((await run(cwd, "check a page")).code).toBe(0);
    writeFileSync(skillFile(cwd), "mine\n");
    const again = await run(cwd, "check a page");
    expectUserError(again, "BAD_ARGUMENTS", "--force");
    expect(readFileSync(skillFile(cwd), "utf8")).toBe("mine\n");
    // With --name the refusal comes before any model call.
    const before = fake.received.length;
    expectUserError(
      await run(cwd, "check a page", "--name", "page-check"),
      "BAD_ARGUMENTS",
      "--force",
    );
    expect(fake.received.length).toBe(before);
    const forced = await run(cwd, "check a page", "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(skillFile(cwd), "utf8")).toBe(GOOD);
  });

  it("--json prints the skill, the rounds, the usage against the limits and the dry run", async () => {
    const cwd = temp("author-");
    const result = await run(cwd, "check a page", "--json", "--dir", "skills", "--max-rounds", "3");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      ok: true,
      name: "page-check",
      skill: GOOD,
      file: path.join(cwd, "skills", "page-check", "SKILL.md"),
      rounds: [{ round: 1, valid: true, ok: true, problems: [], draftFrom: "answer" }],
      usage: { modelCalls: 2, inputTokens: 200, outputTokens: 40, totalTokens: 240 },
      refusedCalls: 0,
      limits: { maxRounds: 3, maxTokens: 300000 },
      dryRun: { ok: true, status: "success", unanswered: [] },
    });
    expect(out).not.toHaveProperty("cost");
    expect(existsSync(path.join(cwd, "skills", "page-check", "SKILL.md"))).toBe(true);
  });

  it("stops when the token budget is spent: exit 1, no further model call, nothing written but --keep-draft", async () => {
    draft = BAD;
    const cwd = temp("author-");
    const before = fake.received.length;
    const result = await run(
      cwd,
      "check a page",
      "--max-tokens",
      "100",
      "--keep-draft",
      "draft.md",
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error BUDGET_EXHAUSTED");
    expect(result.stderr).toContain("--max-tokens");
    // One call of 120 tokens spent the 100: the second was refused, not made.
    expect(fake.received.length - before).toBe(1);
    expect(existsSync(path.join(cwd, ".agents"))).toBe(false);
    expect(readFileSync(path.join(cwd, "draft.md"), "utf8")).toBe(BAD);
  });

  it("stops after --max-rounds with the problems of each round on stderr", async () => {
    draft = BAD;
    const cwd = temp("author-");
    const result = await run(cwd, "check a page", "--max-rounds", "2");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("round 1/2: not valid: UNKNOWN_TOOL");
    expect(result.stderr).toContain("round 2/2: not valid: UNKNOWN_TOOL");
    expect(result.stderr).toContain("error MAX_ROUNDS");
    expect(result.stderr).toContain("--keep-draft");
    expect(existsSync(path.join(cwd, ".agents"))).toBe(false);
  });

  it("--from-transcript replays the recorded outputs and reports the agent's cost against the workflow's", async () => {
    const cwd = temp("author-");
    const transcript = path.join(FIXTURES, "author", "agent-transcript.json");
    const before = fake.received.length;
    const result = await run(cwd, "--from-transcript", transcript, "--json");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as {
      dryRun: { log: { steps: { id: string; output: unknown }[] } };
      cost: unknown;
    };
    // The recorded page, not the model's made-up one.
    expect(out.dryRun.log.steps[0]).toMatchObject({
      id: "fetch",
      output: { title: "News", text: "v2.0 released" },
    });
    expect(out.cost).toEqual({
      recorded: {
        kind: "transcript",
        inputTokens: 12000,
        outputTokens: 800,
        totalTokens: 12800,
        costUsd: 0.048,
      },
      workflow: {
        tokensOutsideLlmSteps: 0,
        llmSteps: [{ id: "judge", each: false }],
        subWorkflowSteps: [],
        note: expect.stringContaining("not known offline"),
      },
    });
    // The model was shown the recorded call.
    expect(fake.received[before]).toContain('web_fetch {\\"url\\":\\"https://example.com/news\\"}');
    const human = await run(temp("author-"), "--from-transcript", transcript);
    expect(human.stdout).toContain(
      "cost: the agent run used 12800 tokens ($0.0480); the workflow: 0 tokens outside its 1 llm step (judge)",
    );
  });

  it("--from-run replays a run of the history by step id", async () => {
    const cwd = temp("author-");
    writeFileSync(path.join(cwd, "notes.txt"), "remember the milk");
    writeFileSync(path.join(cwd, "notes.md"), NOTES);
    const recorded = await cli(["run", "notes.md"], { cwd, env: env() });
    expect(recorded.code).toBe(0);
    const listed = await cli(["runs", "list", "--json"], { cwd, env: env() });
    const id = (JSON.parse(listed.stdout) as { id: string }[])[0]!.id;
    // The file changes after the run: the dry run answers from the run, not the file.
    writeFileSync(path.join(cwd, "notes.txt"), "changed");
    draft = NOTES;
    const result = await run(cwd, "--from-run", id.slice(0, 8), "--json");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as {
      dryRun: { log: { outputs: unknown } };
      cost: { recorded: unknown };
    };
    expect(out.dryRun.log.outputs).toEqual({ text: "remember the milk" });
    expect(out.cost.recorded).toEqual({
      kind: "run",
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 0,
      costUsd: 0,
    });
  });

  it("shows a draft's graph with its control characters escaped, never sent to the terminal", async () => {
    draft = GOOD.replace("tool: web_fetch", 'tool: "web_fetch\\u001b]0;PWNED\\u0007"');
    const result = await run(temp("author-"), "check a page", "--max-rounds", "1");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("```mermaid");
    expect(result.stdout).toContain("\\x1b]0;PWNED\\x07");
    expect(result.stdout + result.stderr).not.toContain("\u001b");
  });

  it("never writes through a symlinked skills folder that leads outside the working folder", async () => {
    const cwd = temp("author-");
    const outside = temp("author-outside-");
    mkdirSync(path.join(cwd, ".agents"));
    symlinkSync(outside, path.join(cwd, ".agents", "skills"));
    const before = fake.received.length;
    const refused = await run(cwd, "check a page");
    expectUserError(refused, "BAD_ARGUMENTS", `--dir ${realpathSync(outside)}`);
    expect(fake.received.length).toBe(before);
    expect(readdirSync(outside)).toEqual([]);
    // The skill's own folder as a link outside: refused once the name is known, the draft kept.
    const cwd2 = temp("author-");
    mkdirSync(path.join(cwd2, ".agents", "skills"), { recursive: true });
    symlinkSync(outside, path.join(cwd2, ".agents", "skills", "page-check"));
    const late = await run(cwd2, "check a page", "--keep-draft", "draft.md");
    expectUserError(late, "BAD_ARGUMENTS", "leads outside");
    expect(readdirSync(outside)).toEqual([]);
    expect(readFileSync(path.join(cwd2, "draft.md"), "utf8")).toBe(GOOD);
    // Named on purpose with --dir, the folder is written.
    const chosen = await run(cwd, "check a page", "--dir", outside);
    expect(chosen.code).toBe(0);
    expect(readFileSync(path.join(outside, "page-check", "SKILL.md"), "utf8")).toBe(GOOD);
  });

  it("refuses bad calls with what to do, before any model call", async () => {
    const cwd = temp("author-");
    const before = fake.received.length;
    expectUserError(await run(cwd), "BAD_ARGUMENTS", "author needs what you need");
    expectUserError(await run(cwd, "x", "--max-rounds", "0"), "BAD_ARGUMENTS", "--max-rounds 0");
    expectUserError(await run(cwd, "x", "--max-cost", "0"), "BAD_ARGUMENTS", "--max-cost 0");
    expectUserError(await run(cwd, "x", "--name", "Bad_Name"), "BAD_ARGUMENTS", "--name Bad_Name");
    expectUserError(
      await cli(["author", "x", "-m", "anthropic:no-such-model", "--max-cost", "1"], {
        cwd,
        env: env(),
      }),
      "BAD_ARGUMENTS",
      "--max-tokens instead of --max-cost",
    );
    expectUserError(
      await run(cwd, "x", "--from-transcript", "nope.json"),
      "FILE_NOT_FOUND",
      "nope.json",
    );
    writeFileSync(path.join(cwd, "t.json"), JSON.stringify({ prompt: "x" }));
    expectUserError(
      await run(cwd, "x", "--from-transcript", "t.json"),
      "INVALID_INPUT",
      "toolCalls",
    );
    writeFileSync(path.join(cwd, "f.json"), JSON.stringify({ web_fetch: { nope: 1 } }));
    expectUserError(await run(cwd, "x", "--fixtures", "f.json"), "INVALID_INPUT", "web_fetch");
    expectUserError(await run(cwd, "x", "--from-run", "zzz"), "UNKNOWN_RUN", "zzz");
    expect(fake.received.length).toBe(before);
    const keyless = await cli(["author", "x"], { cwd, env: { SKILLFLOW_HOME: home } });
    expectUserError(keyless, "INVALID_CONFIG", "ANTHROPIC_API_KEY");
  });
});
