// Issue 13: both conditions run the same harness and differ by the skill alone; captured requests prove it.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "@skillflow/workflow";
import { evaluateSkill, type EvalMode } from "../../src/index.js";
import { loadSuite } from "../../src/suite/index.js";
import { COMMIT_SCRIPTS, scriptedModel } from "../../src/testing/index.js";

const SKILL = path.resolve(import.meta.dirname, "../../../../examples/commit-message");

/** A scripted model that keeps every request it is sent. */
function capturing(): { model: LanguageModelV3; requests: LanguageModelV3CallOptions[] } {
  const inner = scriptedModel(COMMIT_SCRIPTS.helps, "helps");
  const requests: LanguageModelV3CallOptions[] = [];
  const model: LanguageModelV3 = {
    ...inner,
    doGenerate: (options) => {
      const { abortSignal: _signal, ...kept } = options;
      requests.push(structuredClone(kept));
      return inner.doGenerate(options);
    },
  };
  return { model, requests };
}

/** A folder of host skills (another skill the model sees in every condition). */
function hostSkills(): string {
  const root = mkdtempSync(path.join(tmpdir(), "host-skills-"));
  mkdirSync(path.join(root, "release-notes"));
  writeFileSync(
    path.join(root, "release-notes", "SKILL.md"),
    "---\nname: release-notes\ndescription: Writes release notes for a version.\n---\nList the changes.\n",
  );
  return root;
}

const hostTools = () =>
  new MockToolAdapter().register("file_read", async () => ({ output: "text" }), {
    description: "Reads a file",
    inputSchema: { type: "object", properties: { path: { type: "string" } } },
  });

/** One case, one trial, both conditions; the requests of the `with` run, then of the `without` run. */
async function requestsOf(mode: EvalMode) {
  const loaded = await loadSuite(SKILL);
  const suite = { ...loaded.suite!, cases: loaded.suite!.cases.slice(0, 1) };
  const { model, requests } = capturing();
  const report = await evaluateSkill({
    skillDir: SKILL,
    suite,
    models: [{ name: "capture", model }],
    repeat: 1,
    mode,
    host: {
      system: "You are the host's assistant.",
      tools: hostTools(),
      skills: { sources: [{ scope: "team", root: hostSkills() }] },
    },
  });
  // A run starts with a request holding only the user's message.
  const starts = requests.flatMap((r, i) => (r.prompt.length === 2 ? [i] : []));
  expect(starts).toHaveLength(2);
  return {
    report,
    withSkill: requests.slice(0, starts[1]),
    without: requests.slice(starts[1]),
  };
}

const systemOf = (r: LanguageModelV3CallOptions) => {
  const first = r.prompt[0]!;
  return first.role === "system" ? first.content : "";
};

const ENTRY = /<skill>\n<name>commit-message<\/name>\n[\s\S]*?<\/skill>\n/;

describe("the with and without conditions differ only by the skill", () => {
  it("catalog mode: the skill's catalog entry and what its activation returned", async () => {
    const { report, withSkill, without } = await requestsOf("catalog");
    expect(report.mode).toBe("catalog");
    expect(withSkill).toHaveLength(2);
    expect(without).toHaveLength(1);
    const [first, second] = withSkill;
    // The first requests: the same tools, messages and settings; the system prompts differ by the entry.
    expect(systemOf(first!)).toMatch(ENTRY);
    expect(systemOf(first!).replace(ENTRY, "")).toBe(systemOf(without[0]!));
    const { prompt: p1, ...rest1 } = first!;
    const { prompt: p0, ...rest0 } = without[0]!;
    expect(rest1).toEqual(rest0);
    expect(p1.slice(1)).toEqual(p0.slice(1));
    // Both offer the host's tool, the skill tools, and the host's other skill.
    expect(rest0.tools?.map((t) => t.name)).toEqual([
      "file_read",
      "activate_skill",
      "read_skill_resource",
    ]);
    expect(systemOf(without[0]!)).toContain("You are the host's assistant.");
    expect(systemOf(without[0]!)).toContain("<name>release-notes</name>");
    expect(systemOf(without[0]!)).not.toContain("commit-message");
    // The second request of `with` adds only the activation: the call and what it returned.
    expect(second!.prompt.slice(0, 2)).toEqual(first!.prompt);
    const added = second!.prompt.slice(2);
    expect(added.map((m) => m.role)).toEqual(["assistant", "tool"]);
    expect(JSON.stringify(added[0])).toContain('"toolName":"activate_skill"');
    const result = JSON.stringify(added[1]);
    expect(result).toContain("# Commit message");
    // The answer key is neither listed nor mentioned.
    expect(result).not.toContain("evals");
  });

  it("loaded mode: the skill's body in the system prompt, nothing else", async () => {
    const { report, withSkill, without } = await requestsOf("loaded");
    expect(report.mode).toBe("loaded");
    expect(withSkill).toHaveLength(1);
    expect(without).toHaveLength(1);
    const section = /\n\nThe skill "commit-message" is loaded already[\s\S]*<\/skill_content>$/;
    const system = systemOf(withSkill[0]!);
    expect(system).toMatch(section);
    expect(system).toContain("# Commit message");
    expect(system.replace(section, "")).toBe(systemOf(without[0]!));
    const { prompt: p1, ...rest1 } = withSkill[0]!;
    const { prompt: p0, ...rest0 } = without[0]!;
    expect(rest1).toEqual(rest0);
    expect(p1.slice(1)).toEqual(p0.slice(1));
    // The skill is not in the catalog in either condition: only the loaded section differs.
    expect(system).not.toMatch(ENTRY);
  });

  it("scores the skill the same way in both modes on the scripted model it helps", async () => {
    const loaded = await loadSuite(SKILL);
    for (const mode of ["catalog", "loaded"] as const) {
      const report = await evaluateSkill({
        skillDir: SKILL,
        suite: loaded.suite!,
        models: [{ name: "helps", model: scriptedModel(COMMIT_SCRIPTS.helps, "helps") }],
        repeat: 1,
        mode,
      });
      expect(report.models[0]!.verdict, mode).toBe("helps");
      expect(report.trials.filter((t) => t.condition === "with").map((t) => t.outcome)).toEqual(
        Array(8).fill("pass"),
      );
    }
  });
});
