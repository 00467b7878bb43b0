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

  it("never lists nor serves the evals answer key of a skill (issue 13)", async () => {
    const lib = library();
    const dir = lib.get("pirate-speak").dir;
    mkdirSync(path.join(dir, "evals"));
    writeFileSync(path.join(dir, "evals", "evals.json"), '{"evals":[{"expected_output":"Arr"}]}');
    const script = (v: PromptView) =>
      v.toolResults.length === 0
        ? { call: { name: "activate_skill", input: { name: "pirate-speak" } } }
        : v.toolResults.length === 1
          ? {
              call: {
                name: "read_skill_resource",
                input: { name: "pirate-speak", path: "evals/evals.json" },
              },
            }
          : { text: "done" };
    const run = await runAgent({ model: scriptedModel(script), prompt: "hi", library: lib });
    expect(String(run.toolCalls[0]?.output)).toContain(
      "Bundled files (read with read_skill_resource): references/words.md",
    );
    expect(String(run.toolCalls[0]?.output)).not.toContain("evals");
    expect(run.toolCalls[1]).toMatchObject({ name: "read_skill_resource" });
    expect(run.toolCalls[1]?.output).toBeUndefined();
    expect(run.toolCalls[1]?.error).toMatch(/evals\/evals\.json is not one of the skill's files/);
    expect(JSON.stringify(run)).not.toContain("expected_output");
  });

  it("activates and reads only skills it offers, with the same tools whatever the catalog", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "agent-skills-"));
    for (const [name, extra] of [
      ["hidden", "disable-model-invocation: true\n"],
      ["shown", ""],
    ]) {
      mkdirSync(path.join(root, name!));
      writeFileSync(
        path.join(root, name!, "SKILL.md"),
        `---\nname: ${name}\ndescription: The ${name} skill.\n${extra}---\nSecret steps of ${name}.\n`,
      );
    }
    const lib = SkillLibrary.load({ sources: [{ scope: "user", root }] });
    const seen: string[][] = [];
    const script = (v: PromptView) => {
      seen.push(v.tools);
      return v.toolResults.length === 0
        ? { call: { name: "activate_skill", input: { name: "hidden" } } }
        : { text: v.toolResults[0]!.output };
    };
    const run = await runAgent({ model: scriptedModel(script), prompt: "x", library: lib });
    expect(run.toolCalls[0]?.error).toMatch(
      /"hidden": not an available skill \(available: shown\)/,
    );
    expect(run.output).not.toContain("Secret steps");
    // An empty catalog still offers the skill tools: a baseline differs by the entry alone.
    const empty = SkillLibrary.load({ sources: [] });
    const none = await runAgent({ model: scriptedModel(script), prompt: "x", library: empty });
    expect(none.system).toContain("<available_skills>\n</available_skills>");
    expect(seen.at(-1)).toEqual(["activate_skill", "read_skill_resource"]);
  });
});
