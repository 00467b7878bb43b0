// tuneDescription with scripted models: a description naming the missed tasks raises held-out
// recall and is kept; one that takes another skill's tasks is refused; the budget stops every call.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSuite, tuneDescription, type TuneOptions } from "../../src/index.js";
import {
  SHOUT_DESCRIBER,
  scriptedModel,
  shoutAgent,
  writeShoutSkill,
  type Script,
} from "../../src/testing/index.js";

const PRICE = { inputPerMTok: 1, outputPerMTok: 5 };

async function setup(describer: Script = SHOUT_DESCRIBER) {
  const root = mkdtempSync(path.join(tmpdir(), "tune-"));
  const dir = writeShoutSkill(root, 4);
  const suite = (await loadSuite(dir)).suite!;
  const agent = scriptedModel(shoutAgent, "agent");
  const writer = scriptedModel(describer, "proposer");
  const options: TuneOptions = {
    skillDir: dir,
    suite,
    models: [{ name: "agent", model: agent }],
    proposer: { name: "proposer", model: writer },
    prices: { agent: PRICE, proposer: PRICE },
    maxCostUsd: 10,
    rounds: 1,
    workDir: path.join(root, "work"),
  };
  return { root, dir, agent, writer, options };
}

/** A folder holding a "newsletter" skill whose own task mentions an announcement. */
function newsletterSource(
  task = "Draft the announcement section of the newsletter.",
  description = "Drafts the team newsletter.",
): string {
  const root = mkdtempSync(path.join(tmpdir(), "others-"));
  const dir = path.join(root, "newsletter");
  mkdirSync(path.join(dir, "evals"), { recursive: true });
  writeFileSync(
    path.join(dir, "SKILL.md"),
    `---\nname: newsletter\ndescription: ${description}\n---\n\nDraft it.\n`,
  );
  writeFileSync(
    path.join(dir, "evals", "evals.json"),
    JSON.stringify({
      skill_name: "newsletter",
      trigger: {
        should_trigger: [task],
        should_not_trigger: ["What time is it?"],
      },
    }),
  );
  return root;
}

describe("tuneDescription", () => {
  it("keeps a description that raises held-out recall, split 60/40 with the seed", async () => {
    const { options } = await setup();
    const result = await tuneDescription(options);
    expect(result.split.heldOut.shouldTrigger).toHaveLength(4);
    expect(result.split.train.shouldTrigger).toHaveLength(6);
    expect(result.split.heldOut.shouldNotTrigger).toHaveLength(2);
    expect(result.current.heldOut).toMatchObject({ recall: 0, specificity: 1, score: 0.5 });
    expect(result.current.heldOut.trials).toBe(6 * 3);
    const [round] = result.rounds;
    expect(round?.candidates.map((c) => c.outcome)).toEqual(["kept", "not better"]);
    expect(result.best?.heldOut).toMatchObject({ recall: 1, specificity: 1, score: 1 });
    expect(result.best?.description).toContain("announcement");
    expect(result.best?.diff).toMatch(/^-description: Formats answers in a house style/m);
    expect(result.best?.text).toContain("name: shout");
    expect(result.warnings.join("\n")).toMatch(/nothing to check stealing against/);
    expect(result.cost.spentUsd).toBeLessThanOrEqual(10);
  });

  it("refuses a description that takes another skill's task, and keeps one that does not", async () => {
    const safe = "Formats answers and launch posts in a house style.";
    const { options } = await setup(() => ({
      text: JSON.stringify([
        "Formats answers and announcements in a house style. Use for any announcement.",
        safe,
      ]),
    }));
    const result = await tuneDescription({
      ...options,
      host: { skills: { sources: [{ scope: "team", root: newsletterSource() }] } },
    });
    const [stealing, kept] = result.rounds[0]!.candidates;
    expect(stealing?.outcome).toBe("steals");
    expect(stealing?.steal?.checked).toBe(1);
    expect(stealing?.steal?.agent.current).toBe(0);
    expect(stealing?.steal?.agent.candidate).toBeGreaterThan(0);
    expect(kept?.outcome).toBe("kept");
    expect(kept?.steal).toMatchObject({ steals: false, router: [] });
    expect(result.best?.description).toBe(safe);
  });

  it("refuses a description our router would give another skill's task to, even if the agent does not", async () => {
    // Words of five letters or fewer: the scripted agent never activates on them; the router does.
    const { options } = await setup(() => ({
      text: JSON.stringify([
        "Formats answers and launch posts in a house style, and jots a memo.",
        "Formats answers and launch posts in a house style.",
      ]),
    }));
    const result = await tuneDescription({
      ...options,
      host: { skills: { sources: [{ scope: "team", root: newsletterSource("Jot a memo.") }] } },
    });
    const [stealing, kept] = result.rounds[0]!.candidates;
    expect(stealing?.steal).toMatchObject({
      router: ["Jot a memo."],
      agent: { current: 0, candidate: 0 },
      steals: true,
    });
    expect(stealing?.outcome).toBe("steals");
    expect(kept?.outcome).toBe("kept");
  });

  it("refuses descriptions that are too long or hold angle brackets, without scoring them", async () => {
    const { options, agent } = await setup(() => ({
      text: JSON.stringify(["x".repeat(1100), "Use for <announcements>."]),
    }));
    const result = await tuneDescription(options);
    const callsForBaseline = agent.calls;
    expect(result.rounds[0]?.candidates.map((c) => c.outcome)).toEqual(["invalid", "invalid"]);
    expect(result.rounds[0]?.candidates[0]?.problem?.code).toMatch(
      /DESCRIPTION_TOO_LONG|INVALID_SKILL/,
    );
    expect(agent.calls).toBe(callsForBaseline);
    expect(result.best).toBeUndefined();
  });

  it("with no money, no model is called", async () => {
    const { options, agent, writer } = await setup();
    const result = await tuneDescription({ ...options, maxCostUsd: 0 });
    expect(agent.calls + writer.calls).toBe(0);
    expect(result.stopped).toBe("budget");
  });

  it("stops before the candidates' scoring it cannot pay for", async () => {
    const { options } = await setup(() => ({ text: "no descriptions" }));
    const only = await tuneDescription({
      ...options,
      prices: { agent: PRICE, proposer: { inputPerMTok: 0.0001, outputPerMTok: 0.0001 } },
    });
    expect(only.rounds[0]?.candidates).toEqual([]);
    const baseline = only.cost.byRole.evaluation; // the current description's scoring alone
    const second = await setup();
    // A nearly free proposer: the budget runs out at the candidates' scoring, not before.
    const cheap = { agent: PRICE, proposer: { inputPerMTok: 0.0001, outputPerMTok: 0.0001 } };
    const result = await tuneDescription({
      ...second.options,
      prices: cheap,
      maxCostUsd: baseline * 1.6,
    });
    expect(second.writer.calls).toBe(1);
    expect(result.rounds[0]?.candidates[0]?.outcome).toBe("budget");
    expect(result.stopped).toBe("budget");
    expect(result.cost.spentUsd).toBeLessThanOrEqual(result.cost.limitUsd);
  });

  it("refuses a suite without a trigger set, and a shadowed skill, before spending", async () => {
    const { options, agent, root } = await setup();
    const { trigger: _none, ...suite } = options.suite;
    await expect(tuneDescription({ ...options, suite })).rejects.toMatchObject({
      code: "NO_TRIGGERS",
    });
    const first = mkdtempSync(path.join(tmpdir(), "namesake-"));
    writeShoutSkill(first, 2);
    await expect(
      tuneDescription({
        ...options,
        host: {
          skills: {
            sources: [
              { scope: "project", root: first },
              { scope: "team", root },
            ],
          },
        },
      }),
    ).rejects.toMatchObject({ code: "SKILL_SHADOWED" });
    expect(agent.calls).toBe(0);
  });
});
