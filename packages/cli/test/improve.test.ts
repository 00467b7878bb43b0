// `skillflow improve` end to end against a local fake Anthropic server: the kept candidate as JSON,
// --write (atomic, refused when SKILL.md changed), --description, the budget, and refusals.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SHOUT_DESCRIBER,
  SHOUT_PROPOSERS,
  SHOUT_RULE,
  shoutAgent,
  writeShoutSkill,
  type PromptView,
  type Script,
} from "@skillflow/evals/testing";
import { cli, fakeAnthropic, freshHome, type FakeAnthropicReply } from "./helpers.js";

type Block = {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  tool_use_id?: string;
  content?: string | Block[];
  is_error?: boolean;
};
type Body = { system?: string | Block[]; messages: { role: string; content: string | Block[] }[] };

const blocks = (content: string | Block[] | undefined): Block[] =>
  typeof content === "string" ? [{ type: "text", text: content }] : (content ?? []);
const text = (content: string | Block[] | undefined) =>
  blocks(content)
    .map((b) => b.text ?? "")
    .join("");

/** The Anthropic request as a scripted model's view. */
function viewOf(body: Body): PromptView {
  const names = new Map<string, string>();
  const view: PromptView = {
    system: typeof body.system === "string" ? body.system : text(body.system),
    user: "",
    toolResults: [],
    tools: [],
    step: 1,
  };
  for (const message of body.messages)
    for (const block of blocks(message.content)) {
      if (block.type === "tool_use") {
        names.set(block.id!, block.name!);
        view.step++;
      } else if (block.type === "tool_result")
        view.toolResults.push({
          name: names.get(block.tool_use_id!) ?? "",
          output: text(block.content),
          error: block.is_error === true,
        });
      else if (message.role === "user" && block.type === "text") view.user += block.text ?? "";
    }
  return view;
}

/** A fake Anthropic model running the scripts: the agent, the SKILL.md writer, the describer. */
function reply(writer: Script, onPropose?: () => void) {
  return (body: Body): FakeAnthropicReply => {
    const view = viewOf(body);
    let script: Script = shoutAgent;
    if (view.system.startsWith("You revise Agent Skills")) {
      onPropose?.();
      script = writer;
    } else if (view.system.startsWith("You write the description")) script = SHOUT_DESCRIBER;
    const answer = script(view);
    if ("text" in answer)
      return { content: [{ type: "text", text: answer.text }], stop_reason: "end_turn" };
    return {
      content: [
        {
          type: "tool_use",
          id: `toolu_${view.step}`,
          name: answer.call.name,
          input: answer.call.input,
        },
      ],
      stop_reason: "tool_use",
    };
  };
}

let onPropose: (() => void) | undefined;
let writer: Script = SHOUT_PROPOSERS.general;
let fake: Awaited<ReturnType<typeof fakeAnthropic>>;
beforeAll(async () => {
  fake = await fakeAnthropic((body) => reply(writer, () => onPropose?.())(body as unknown as Body));
});
afterAll(() => fake.close());

const MODEL = ["-m", "anthropic:claude-haiku-4-5"];

function project() {
  const cwd = mkdtempSync(path.join(tmpdir(), "improve-cli-"));
  const dir = writeShoutSkill(path.join(cwd, "skills"), 16);
  const env = {
    ANTHROPIC_API_KEY: "sk-test-123456",
    ANTHROPIC_BASE_URL: fake.url,
    SKILLFLOW_HOME: freshHome(),
  };
  return { cwd, dir, env };
}

const run = (p: ReturnType<typeof project>, ...args: string[]) =>
  cli(["improve", p.dir, ...MODEL, "--repeat", "1", "--rounds", "1", "--no-tools", ...args], {
    cwd: p.cwd,
    env: p.env,
  });

describe("skillflow improve", () => {
  it("prints the kept candidate as JSON and writes nothing without --write", async () => {
    writer = SHOUT_PROPOSERS.general;
    const p = project();
    const before = readFileSync(path.join(p.dir, "SKILL.md"), "utf8");
    const result = await run(p, "--json");
    expect(result.stderr).toContain("round 1: asking anthropic:claude-haiku-4-5 for a revision");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ kind: "skill", written: null, seed: 1, stopped: "rounds" });
    expect(json.split.shown).toHaveLength(8);
    expect(json.best.heldOut[0]).toMatchObject({
      model: "anthropic:claude-haiku-4-5",
      verdict: "helps",
    });
    expect(json.best.diff).toContain(`+${SHOUT_RULE}`);
    expect(json.cost.spentUsd).toBeGreaterThan(0);
    expect(json.cost.spentUsd).toBeLessThanOrEqual(1);
    expect(readFileSync(path.join(p.dir, "SKILL.md"), "utf8")).toBe(before);
  });

  it("prints the diff, both halves and the verdict for people", async () => {
    writer = SHOUT_PROPOSERS.general;
    const result = await run(project());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^-Answer the task briefly.\n\+Always end every answer/m);
    expect(result.stdout).toMatch(/held-out\s+anthropic:claude-haiku-4-5: 0% .* → 100% /);
    expect(result.stdout).toContain("verdict: better on the held-out cases");
    expect(result.stdout).toContain("run again with --write");
  });

  it("prints the proposer's text with its control characters escaped", async () => {
    writer = (v) => {
      const answer = SHOUT_PROPOSERS.general(v) as { text: string };
      return { text: answer.text.replace(SHOUT_RULE, `${SHOUT_RULE} \u001b]0;PWNED\u0007`) };
    };
    const result = await run(project());
    expect(result.stdout).toContain("\\x1b]0;PWNED\\x07");
    expect(result.stdout + result.stderr).not.toContain("\u001b");
  });

  it("--write replaces SKILL.md atomically with the kept candidate", async () => {
    writer = SHOUT_PROPOSERS.general;
    const p = project();
    const result = await run(p, "--write");
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(p.dir, "SKILL.md"), "utf8")).toContain(SHOUT_RULE);
    expect(readdirSync(p.dir).sort()).toEqual(["SKILL.md", "evals"]);
    expect(result.stdout).toContain(`written to ${path.join("skills", "shout", "SKILL.md")}`);
  });

  it("--write refuses when SKILL.md changed during the run, and leaves the change alone", async () => {
    writer = SHOUT_PROPOSERS.general;
    const p = project();
    const edited =
      readFileSync(path.join(p.dir, "SKILL.md"), "utf8") + "\nAn edit made meanwhile.\n";
    onPropose = () => writeFileSync(path.join(p.dir, "SKILL.md"), edited);
    const result = await run(p, "--write").finally(() => (onPropose = undefined));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error SKILL_CHANGED");
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(readFileSync(path.join(p.dir, "SKILL.md"), "utf8")).toBe(edited);
  });

  it("exits 1 and writes nothing when the candidate only helps on the cases it was shown", async () => {
    writer = SHOUT_PROPOSERS.overfit;
    const p = project();
    const before = readFileSync(path.join(p.dir, "SKILL.md"), "utf8");
    const result = await run(p, "--write", "--json");
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.rounds[0].outcome).toBe("refused");
    expect(json.best).toBeUndefined();
    expect(json.written).toBeNull();
    expect(readFileSync(path.join(p.dir, "SKILL.md"), "utf8")).toBe(before);
  });

  it("--description tunes the description on held-out trigger sentences", async () => {
    const p = project();
    const result = await run(p, "--description", "--json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.kind).toBe("description");
    expect(json.current.heldOut.recall).toBe(0);
    expect(json.best.heldOut.recall).toBe(1);
    expect(json.best.description).toContain("announcement");
  });

  it("--description --write changes the description and nothing else", async () => {
    const p = project();
    const before = readFileSync(path.join(p.dir, "SKILL.md"), "utf8");
    const result = await run(p, "--description", "--write");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("verdict: better on the held-out sentences");
    const after = readFileSync(path.join(p.dir, "SKILL.md"), "utf8");
    expect(after).toMatch(/^description: .*announcement/m);
    expect(after.split("---")[2]).toBe(before.split("---")[2]);
  });

  it("--max-cost 0 calls no model and exits 1", async () => {
    const p = project();
    const calls = fake.received.length;
    const result = await run(p, "--max-cost", "0", "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ stopped: "budget", cost: { calls: 0 } });
    expect(fake.received.length).toBe(calls);
  });

  it("refuses a shadowed skill before any model call", async () => {
    const p = project();
    writeShoutSkill(path.join(p.cwd, ".agents", "skills"), 2, "The project's own shout.\n");
    const calls = fake.received.length;
    const result = await cli(
      ["improve", p.dir, ...MODEL, "--source", path.join(p.cwd, "skills"), "--no-tools"],
      { cwd: p.cwd, env: p.env },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error SKILL_SHADOWED");
    expect(result.stderr).toContain(path.join(".agents", "skills", "shout", "SKILL.md"));
    expect(fake.received.length).toBe(calls);
  });

  it("refuses bad flags and a model without a price before any call", async () => {
    const p = project();
    const calls = fake.received.length;
    const cost = await run(p, "--max-cost", "lots");
    expect(cost.code).toBe(2);
    expect(cost.stderr).toContain("error BAD_ARGUMENTS");
    const rounds = await run(p, "--rounds", "0");
    expect(rounds.stderr).toContain("error BAD_ARGUMENTS");
    const price = await cli(["improve", p.dir, "-m", "anthropic:claude-unlisted", "--no-tools"], {
      cwd: p.cwd,
      env: p.env,
    });
    expect(price.code).toBe(2);
    expect(price.stderr).toContain("error PRICE_UNKNOWN");
    expect(fake.received.length).toBe(calls);
  });
});
