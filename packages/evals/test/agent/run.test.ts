// runAgent with a scripted model: catalog, activation, resources, host tools, forks, limits, errors.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SkillLibrary } from "@skillflow/skills";
import { MockToolAdapter } from "@skillflow/workflow";
import { runAgent } from "../../src/index.js";
import { scriptedModel, type PromptView } from "../../src/testing/index.js";

function library(extra = ""): SkillLibrary {
  const root = mkdtempSync(path.join(tmpdir(), "agent-skills-"));
  const dir = path.join(root, "pirate-speak");
  mkdirSync(path.join(dir, "references"), { recursive: true });
  writeFileSync(
    path.join(dir, "SKILL.md"),
    `---\nname: pirate-speak\ndescription: Answers like a pirate. Use for greetings.\n${extra}---\n\nStart every answer with "Arr". See references/words.md.\n`,
  );
  writeFileSync(path.join(dir, "references", "words.md"), "matey, doubloon\n");
  return SkillLibrary.load({ sources: [{ scope: "user", root }] });
}

/** Activates the skill when offered, reads its word list, then answers in its style. */
const pirate = (v: PromptView) => {
  const activated = v.toolResults.find((r) => r.name === "activate_skill");
  if (v.tools.includes("activate_skill") && !activated)
    return { call: { name: "activate_skill", input: { name: "pirate-speak" } } };
  const words = v.toolResults.find((r) => r.name === "read_skill_resource");
  if (activated && !words)
    return {
      call: {
        name: "read_skill_resource",
        input: { name: "pirate-speak", path: "references/words.md" },
      },
    };
  return { text: activated ? `Arr, hello ${words?.output.split(",")[0] ?? ""}!` : "Hello!" };
};

describe("runAgent", () => {
  it("puts the catalog in the system prompt, activates the skill and reads its files", async () => {
    const run = await runAgent({
      model: scriptedModel(pirate),
      prompt: "Say hello",
      library: library(),
    });
    expect(run.error).toBeUndefined();
    expect(run.system).toContain("<name>pirate-speak</name>");
    expect(run.output).toBe("Arr, hello matey!");
    expect(run.activatedSkills).toEqual(["pirate-speak"]);
    expect(run.toolCalls.map((c) => [c.step, c.name])).toEqual([
      [1, "activate_skill"],
      [2, "read_skill_resource"],
    ]);
    expect(String(run.toolCalls[0]?.output)).toContain('Start every answer with "Arr"');
    expect(String(run.toolCalls[0]?.output)).toContain("references/words.md");
    expect(run.steps).toBe(3);
    expect(run.usage.totalTokens).toBeGreaterThan(0);
    expect(run.messages[0]).toMatchObject({ role: "system" });
  });

  it("answers without skills when there are none", async () => {
    const run = await runAgent({ model: scriptedModel(pirate), prompt: "Say hello" });
    expect(run.output).toBe("Hello!");
    expect(run.activatedSkills).toEqual([]);
    expect(run.system).not.toContain("available_skills");
  });

  it("offers the host's tools and records their results and errors", async () => {
    const tools = new MockToolAdapter()
      .register("add", async (args) => ({ output: Number(args.a) + Number(args.b) }), {
        description: "Adds two numbers",
        inputSchema: {
          type: "object",
          properties: { a: { type: "number" }, b: { type: "number" } },
        },
      })
      .register("broken", async () => ({ output: null, error: "service down" }));
    const script = (v: PromptView) =>
      v.toolResults.length === 0
        ? { call: { name: "add", input: { a: 2, b: 3 } } }
        : v.toolResults.length === 1
          ? { call: { name: "broken", input: {} } }
          : { text: `sum ${v.toolResults[0]?.output}` };
    const run = await runAgent({ model: scriptedModel(script), prompt: "add", tools });
    expect(run.output).toBe("sum 5");
    expect(run.toolCalls).toMatchObject([
      { name: "add", input: { a: 2, b: 3 }, output: 5 },
      { name: "broken", error: "service down" },
    ]);
  });

  it("runs a context: fork skill in a sub-agent and nests its transcript", async () => {
    const script = (v: PromptView) => {
      if (v.system.includes('skill "pirate-speak"')) return { text: "Arr from the fork" };
      if (v.toolResults.length === 0)
        return { call: { name: "activate_skill", input: { name: "pirate-speak" } } };
      return { text: `parent got: ${v.toolResults[0]?.output}` };
    };
    const run = await runAgent({
      model: scriptedModel(script),
      prompt: "hi",
      library: library("context: fork\n"),
    });
    expect(run.output).toBe("parent got: Arr from the fork");
    expect(run.children).toHaveLength(1);
    expect(run.children[0]).toMatchObject({
      skill: "pirate-speak",
      transcript: { output: "Arr from the fork" },
    });
    expect(run.usage.totalTokens).toBeGreaterThan(run.children[0]!.transcript.usage.totalTokens);
  });

  it("stops at maxSteps and says so; a failing model ends the run with its error", async () => {
    const looping = await runAgent({
      model: scriptedModel(() => ({
        call: { name: "activate_skill", input: { name: "pirate-speak" } },
      })),
      prompt: "loop",
      library: library(),
      maxSteps: 3,
    });
    expect(looping.steps).toBe(3);
    expect(looping.error).toMatch(/maxSteps/);
    const failing = scriptedModel(() => {
      throw new Error("provider down");
    });
    const run = await runAgent({ model: failing, prompt: "x" });
    expect(run.error).toContain("provider down");
  });
});
