// improveSkill with scripted models: a general fix is kept, a fix for the shown cases only is
// refused, over-long and malformed proposals are refused, and the budget stops every call.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImproveError, improveSkill, loadSuite, type ImproveOptions } from "../../src/index.js";
import {
  SHOUT_PROPOSERS,
  SHOUT_RULE,
  scriptedModel,
  shoutAgent,
  writeShoutSkill,
} from "../../src/testing/index.js";

const PRICE = { inputPerMTok: 1, outputPerMTok: 5 };
const prices = { agent: PRICE, proposer: PRICE };

async function setup(proposer: keyof typeof SHOUT_PROPOSERS, cases = 16) {
  const root = mkdtempSync(path.join(tmpdir(), "improve-"));
  const dir = writeShoutSkill(root, cases);
  const suite = (await loadSuite(dir)).suite!;
  const agent = scriptedModel(shoutAgent, "agent");
  const writer = scriptedModel(SHOUT_PROPOSERS[proposer], "proposer");
  const options: ImproveOptions = {
    skillDir: dir,
    suite,
    models: [{ name: "agent", model: agent }],
    proposer: { name: "proposer", model: writer },
    prices,
    maxCostUsd: 10,
    repeat: 2,
    rounds: 1,
    workDir: path.join(root, "work"),
  };
  return { dir, root, agent, writer, options };
}

describe("improveSkill", () => {
  it("keeps a candidate that helps on the held-out cases, and reports both halves", async () => {
    const { dir, options } = await setup("general");
    const before = readFileSync(path.join(dir, "SKILL.md"), "utf8");
    const result = await improveSkill(options);
    expect(result.split.shown).toHaveLength(8);
    expect(result.split.heldOut).toHaveLength(8);
    expect(new Set([...result.split.shown, ...result.split.heldOut]).size).toBe(16);
    expect(result.seed).toBe(1);
    expect(result.before.heldOut[0]!.summary).toMatchObject({ passes: 0, failures: 16 });
    expect(result.rounds.map((r) => r.outcome)).toEqual(["kept"]);
    expect(result.best?.heldOut[0]).toMatchObject({ verdict: "helps", candidate: { passes: 16 } });
    expect(result.best?.shown[0]).toMatchObject({ verdict: "helps" });
    expect(result.best?.heldOut[0]!.comparison).toMatchObject({ cases: 8, meanDifference: 1 });
    expect(result.best?.diff).toContain(`+${SHOUT_RULE}`);
    expect(result.best?.diff).toMatch(/^--- a\/SKILL.md\n\+\+\+ b\/SKILL.md\n@@ /);
    expect(result.stopped).toBe("rounds");
    // Never written: the original is as it was.
    expect(readFileSync(path.join(dir, "SKILL.md"), "utf8")).toBe(before);
    expect(result.cost.spentUsd).toBeGreaterThan(0);
    expect(result.cost.byRole.proposer).toBeGreaterThan(0);
  });

  it("refuses a candidate that only helps on the cases it was shown (hard-coded answers)", async () => {
    const { options, writer } = await setup("overfit");
    const result = await improveSkill(options);
    expect(writer.calls).toBe(1);
    const [round] = result.rounds;
    expect(round?.outcome).toBe("refused");
    // Six failures are shown (the bound), so six of the eight shown cases are hard-coded.
    expect(round?.shown?.[0]).toMatchObject({ verdict: "helps", candidate: { passes: 12 } });
    expect(round?.heldOut?.[0]).toMatchObject({
      verdict: "no clear effect",
      candidate: { passes: 0 },
    });
    expect(round?.reason).toMatch(/only on the cases it was shown/);
    expect(result.best).toBeUndefined();
  });

  it("removes the candidates' temporary folder when no workDir is given", async () => {
    const { options } = await setup("general");
    const { workDir: _given, ...rest } = options;
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = mkdtempSync(path.join(tmpdir(), "improve-tmp-"));
    try {
      const result = await improveSkill(rest);
      expect(result.rounds[0]?.outcome).toBe("kept");
      expect(readdirSync(process.env.TMPDIR)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it("never shows the proposer a held-out case", async () => {
    const { options } = await setup("overfit");
    const seen: string[] = [];
    const spy = scriptedModel((v) => {
      seen.push(v.user);
      return SHOUT_PROPOSERS.overfit(v);
    }, "proposer");
    const result = await improveSkill({ ...options, proposer: { name: "proposer", model: spy } });
    // The transcript of each failure gives its tool calls.
    expect(seen[0]).toContain("Tool calls: activate_skill");
    for (const id of result.split.heldOut)
      expect(seen.join("\n")).not.toMatch(new RegExp(`topic-${id}\\b`));
    const topics = new Set(
      seen
        .join("\n")
        .match(/topic-\d+/g)!
        .map((t) => t.slice(6)),
    );
    expect(topics.size).toBe(6); // at most six failures are shown
    for (const id of topics) expect(result.split.shown).toContain(id);
  });

  it("the split is fixed by the seed, and another seed gives another split", async () => {
    const { options } = await setup("garbage");
    const a = await improveSkill({ ...options, seed: 7 });
    const b = await improveSkill({ ...options, seed: 7 });
    const c = await improveSkill({ ...options, seed: 8 });
    expect(a.split).toEqual(b.split);
    expect(c.split).not.toEqual(a.split);
    expect(a.seed).toBe(7);
  });

  it("refuses an over-long proposal without evaluating it, and says so", async () => {
    const { options, agent } = await setup("long");
    const result = await improveSkill(options);
    const callsAfterBaseline = 16 * 2 * 2; // activation and answer, per trial
    expect(agent.calls).toBe(callsAfterBaseline);
    expect(result.rounds[0]).toMatchObject({ outcome: "invalid", problem: { code: "TOO_LONG" } });
    expect(result.rounds[0]!.chars).toBeGreaterThan(result.rounds[0]!.limit);
  });

  it("refuses an answer with no SKILL.md, and a description longer than 1024 characters", async () => {
    const { options } = await setup("garbage");
    const result = await improveSkill(options);
    expect(result.rounds[0]).toMatchObject({
      outcome: "invalid",
      problem: { code: "NO_SKILL_TEXT" },
    });
    const long = scriptedModel(
      () => ({
        text: `<skill_md>\n---\nname: shout\ndescription: ${"x".repeat(1100)}\n---\n\nBody.\n</skill_md>`,
      }),
      "proposer",
    );
    const second = await improveSkill({ ...options, proposer: { name: "proposer", model: long } });
    expect(second.rounds[0]?.problem?.code).toMatch(/DESCRIPTION_TOO_LONG|INVALID_SKILL/);
  });

  it("feeds a refusal back to the proposer in the next round", async () => {
    const { options } = await setup("overfit");
    const prompts: string[] = [];
    const spy = scriptedModel((v) => {
      prompts.push(v.user);
      return prompts.length === 1 ? SHOUT_PROPOSERS.garbage(v) : SHOUT_PROPOSERS.general(v);
    }, "proposer");
    const result = await improveSkill({
      ...options,
      rounds: 2,
      proposer: { name: "proposer", model: spy },
    });
    expect(prompts[1]).toContain("Your previous proposal was refused");
    expect(result.rounds.map((r) => r.outcome)).toEqual(["invalid", "kept"]);
    expect(result.alpha).toBeCloseTo(0.025, 10);
  });
});

describe("the budget", () => {
  it("with no money, no model is called at all", async () => {
    const { options, agent, writer } = await setup("general");
    const result = await improveSkill({ ...options, maxCostUsd: 0 });
    expect(agent.calls).toBe(0);
    expect(writer.calls).toBe(0);
    expect(result.stopped).toBe("budget");
    expect(result.cost).toMatchObject({ spentUsd: 0, calls: 0 });
    expect(result.cost.refused).toBeGreaterThan(0);
  });

  it("stops before the proposer's call it cannot pay for, and before the candidate's evaluation", async () => {
    const { options } = await setup("general");
    const full = await improveSkill(options);
    const baseline = full.cost.byRole.evaluation / 2; // two evaluations of equal size
    const first = await setup("general");
    const short = await improveSkill({ ...first.options, maxCostUsd: baseline * 1.01 });
    expect(first.writer.calls).toBe(0);
    expect(short.stopped).toBe("budget");
    expect(short.rounds[0]).toMatchObject({ outcome: "budget" });
    expect(short.cost.spentUsd).toBeLessThanOrEqual(short.cost.limitUsd);
    const second = await setup("general");
    const limit = baseline + full.cost.byRole.proposer * 50;
    const cut = await improveSkill({
      ...second.options,
      maxCostUsd: Math.min(limit, baseline * 1.5),
    });
    expect(second.writer.calls).toBe(1);
    expect(second.agent.calls).toBe(16 * 2 * 2); // the baseline only: the candidate never ran
    expect(cut.rounds[0]).toMatchObject({ outcome: "budget" });
    expect(cut.rounds[0]!.reason).toMatch(/evaluating the candidate/);
    expect(cut.cost.spentUsd).toBeLessThanOrEqual(cut.cost.limitUsd);
  });

  it("makes no model call once a call was refused mid-evaluation", async () => {
    const { options, agent } = await setup("general");
    const full = await improveSkill(options);
    const perCall = full.cost.byRole.evaluation / (2 * 16 * 2 * 2);
    const { options: o2, agent: a2 } = await setup("general");
    const result = await improveSkill({ ...o2, maxCostUsd: perCall * 10.5 });
    expect(a2.calls).toBeLessThanOrEqual(10);
    expect(result.stopped).toBe("budget");
    expect(result.cost.spentUsd).toBeLessThanOrEqual(result.cost.limitUsd);
    expect(agent.calls).toBeGreaterThan(0);
  });

  it("charges the judge's calls to the budget too", async () => {
    const { options } = await setup("general");
    const judged = options.suite.cases.map((c) => ({
      ...c,
      assertions: [
        ...c.assertions,
        { type: "llm-judge" as const, criteria: [{ description: "is an answer", weight: 1 }] },
      ],
    }));
    const judge = scriptedModel(() => ({ text: '{"scores": [1]}' }), "judge");
    const result = await improveSkill({
      ...options,
      suite: { ...options.suite, cases: judged },
      judge: { name: "judge", model: judge },
      prices: { ...prices, judge: PRICE },
    });
    expect(judge.calls).toBe(2 * 16 * 2); // every graded trial of both versions
    expect(result.cost.byRole.judge).toBeGreaterThan(0);
    expect(result.rounds[0]?.outcome).toBe("kept");
    const total =
      result.cost.byRole.evaluation + result.cost.byRole.judge + result.cost.byRole.proposer;
    expect(result.cost.spentUsd).toBeCloseTo(total, 10);
  });

  it("refuses before spending anything when a model has no known price", async () => {
    const { options, agent } = await setup("general");
    await expect(improveSkill({ ...options, prices: { proposer: PRICE } })).rejects.toMatchObject({
      code: "PRICE_UNKNOWN",
    });
    expect(agent.calls).toBe(0);
  });
});

describe("guards", () => {
  it("refuses a skill shadowed by a namesake before spending anything", async () => {
    const { options, root, agent, writer } = await setup("general");
    const first = mkdtempSync(path.join(tmpdir(), "namesake-"));
    writeShoutSkill(first, 2, "Another skill with the same name.\n");
    const error = await improveSkill({
      ...options,
      host: {
        skills: {
          sources: [
            { scope: "project", root: first },
            { scope: "team", root },
          ],
        },
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImproveError);
    expect(error).toMatchObject({ code: "SKILL_SHADOWED" });
    expect((error as Error).message).toContain(path.join(first, "shout", "SKILL.md"));
    expect(agent.calls + writer.calls).toBe(0);
  });

  it("a namesake the skill shadows is a warning, not a refusal", async () => {
    const { options, root } = await setup("garbage");
    const later = mkdtempSync(path.join(tmpdir(), "namesake-"));
    writeShoutSkill(later, 2);
    const result = await improveSkill({
      ...options,
      host: {
        skills: {
          sources: [
            { scope: "project", root },
            { scope: "team", root: later },
          ],
        },
      },
    });
    expect(result.warnings.join("\n")).toContain(path.join(later, "shout", "SKILL.md"));
  });

  it("refuses a suite for another skill name, and a suite of one case", async () => {
    const { options, dir } = await setup("general");
    await expect(
      improveSkill({ ...options, suite: { ...options.suite, skillName: "other" } }),
    ).rejects.toMatchObject({ code: "SKILL_NOT_FOUND" });
    await expect(
      improveSkill({
        ...options,
        suite: { ...options.suite, cases: options.suite.cases.slice(0, 1) },
      }),
    ).rejects.toMatchObject({ code: "NO_CASES" });
    writeFileSync(path.join(dir, "SKILL.md"), "no frontmatter\n");
    await expect(improveSkill(options)).rejects.toMatchObject({ code: "SKILL_NOT_FOUND" });
  });
});
