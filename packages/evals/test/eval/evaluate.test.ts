// Real runs of the harness on examples/commit-message with scripted models that the skill helps,
// hurts or leaves alone: each verdict comes out of the statistics, not out of a stub.
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CacheMissError,
  appendHistory,
  evaluateSkill,
  evaluateTriggers,
  fileCache,
  formatHtml,
  formatMarkdown,
  formatText,
  modelJudge,
  readHistory,
} from "../../src/index.js";
import { loadSuite } from "../../src/suite/index.js";
import { COMMIT_SCRIPTS, scriptedModel } from "../../src/testing/index.js";

const SKILL = path.resolve(import.meta.dirname, "../../../../examples/commit-message");

const { helps, hurts, same } = COMMIT_SCRIPTS;

async function suite() {
  const loaded = await loadSuite(SKILL);
  expect(loaded.diagnostics).toEqual([]);
  return loaded.suite!;
}

describe("evaluateSkill", () => {
  it("finds that the skill helps one model, hurts another and does nothing for a third", async () => {
    const report = await evaluateSkill({
      skillDir: SKILL,
      suite: await suite(),
      models: [
        { name: "fake:helps", model: scriptedModel(helps, "helps") },
        { name: "fake:hurts", model: scriptedModel(hurts, "hurts") },
        { name: "fake:same", model: scriptedModel(same, "same") },
      ],
      repeat: 3,
    });
    expect(report.models.map((m) => [m.model, m.verdict])).toEqual([
      ["fake:helps", "helps"],
      ["fake:hurts", "hurts"],
      ["fake:same", "no clear effect"],
    ]);
    const helped = report.models[0]!;
    expect(
      helped.conditions.map((c) => [c.condition, c.summary.passes, c.summary.failures]),
    ).toEqual([
      ["with", 24, 0],
      ["without", 0, 24],
    ]);
    expect(helped.comparison).toMatchObject({ cases: 8, meanDifference: 1 });
    expect(helped.comparison.signTest.pValue).toBeCloseTo(0.0078125, 6);
    expect(report.trials).toHaveLength(3 * 2 * 8 * 3);
    expect(report.trials.find((t) => t.condition === "with")?.activatedSkills).toEqual([
      "commit-message",
    ]);
    expect(formatText(report)).toMatch(/fake:helps: HELPS — with − without \+100 pts over 8 cases/);
    expect(formatMarkdown(report)).toContain("| fake:hurts | with |");
    const html = formatHtml(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it("counts errors apart from failures", async () => {
    const flaky = scriptedModel((v) => {
      if (/parser/.test(v.user)) throw new Error("provider unavailable");
      return helps(v);
    });
    const report = await evaluateSkill({
      skillDir: SKILL,
      suite: await suite(),
      models: [{ name: "fake:flaky", model: flaky }],
      repeat: 1,
    });
    const withSkill = report.models[0]!.conditions[0]!.summary;
    expect(withSkill).toMatchObject({ errors: 2, passes: 6, failures: 0 });
    expect(report.trials.find((t) => t.outcome === "error")?.error).toContain(
      "provider unavailable",
    );
  });

  it("records model calls per trial and replays them offline", async () => {
    const store = fileCache(mkdtempSync(path.join(tmpdir(), "eval-cache-")));
    const model = scriptedModel(helps, "helps");
    const options = { skillDir: SKILL, suite: await suite(), repeat: 2 };
    const recorded = await evaluateSkill({
      ...options,
      models: [{ name: "fake", model }],
      cache: { store, mode: "record" },
    });
    const calls = model.calls;
    const offline = scriptedModel(() => {
      throw new Error("must not be called");
    }, "helps");
    const replayed = await evaluateSkill({
      ...options,
      models: [{ name: "fake", model: offline }],
      cache: { store, mode: "replay" },
    });
    expect(offline.calls).toBe(0);
    expect(replayed.models[0]!.verdict).toBe(recorded.models[0]!.verdict);
    expect(replayed.trials.map((t) => t.output)).toEqual(recorded.trials.map((t) => t.output));
    // A third trial was never recorded: replay says so instead of serving trial 1's answer.
    const more = await evaluateSkill({
      ...options,
      repeat: 3,
      models: [{ name: "fake", model: offline }],
      cache: { store, mode: "replay" },
    });
    expect(
      more.trials
        .filter((t) => t.trial === 3)
        .every((t) => t.outcome === "error" && /no recorded answer/.test(t.error ?? "")),
    ).toBe(true);
    expect(calls).toBeGreaterThan(0);
    expect(new CacheMissError("x").name).toBe("CacheMissError");
  });

  it("keeps a history of effects by model and skill hash", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "eval-history-")), "history.jsonl");
    const report = await evaluateSkill({
      skillDir: SKILL,
      suite: await suite(),
      models: [{ name: "fake:helps", model: scriptedModel(helps) }],
      repeat: 1,
    });
    await appendHistory(file, report);
    await appendHistory(file, report);
    const records = await readHistory(file, "commit-message");
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      skill: "commit-message",
      model: "fake:helps",
      verdict: "helps",
      skillHash: report.skillHash,
    });
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(2);
  });
});

describe("evaluateTriggers", () => {
  it("scores routing and activation precision and recall", async () => {
    const loaded = await suite();
    const report = await evaluateTriggers({
      skillDir: SKILL,
      skill: "commit-message",
      trigger: loaded.trigger!,
      model: { name: "fake", model: scriptedModel(helps) },
    });
    expect(report.activation).toMatchObject({
      precision: 1,
      recall: 1,
      truePositives: 9,
      falsePositives: 0,
    });
    expect(report.cases.every((c) => c.activated.length === 3)).toBe(true);
    expect(report.routing.recall).toBeGreaterThan(0);
  });
});

describe("previous versions and judges", () => {
  it("compares with the previous version of the skill", async () => {
    const previous = path.join(mkdtempSync(path.join(tmpdir(), "previous-")), "commit-message");
    cpSync(SKILL, previous, { recursive: true });
    const report = await evaluateSkill({
      skillDir: SKILL,
      previousDir: previous,
      suite: await suite(),
      models: [{ name: "fake:helps", model: scriptedModel(helps) }],
      repeat: 1,
    });
    const result = report.models[0]!;
    expect(result.conditions.map((c) => c.condition)).toEqual(["with", "without", "previous"]);
    expect(result.previous?.verdict).toBe("no clear effect");
    expect(report.previousHash).toBe(report.skillHash);
  });

  it("grades llm-judge assertions with a judge model of its own", async () => {
    const judged = {
      skillName: "commit-message",
      cases: [
        {
          id: "j1",
          prompt: "Write a commit message: fixed the login timeout bug.",
          files: [],
          assertions: [
            {
              type: "llm-judge" as const,
              criteria: [
                { description: "is one conventional line", weight: 2 },
                { description: "names the fix", weight: 1 },
              ],
              threshold: 0.7,
            },
          ],
        },
      ],
    };
    // The judge scores a conventional line high and anything else low.
    const judge = modelJudge(
      scriptedModel(
        (v) => ({
          text: JSON.stringify({
            scores: /fix\(core\)/.test(v.user) ? [1, 1] : [0, 0.5],
            reasoning: "checked",
          }),
        }),
        "judge",
      ),
    );
    const report = await evaluateSkill({
      skillDir: SKILL,
      suite: judged,
      models: [{ name: "fake:helps", model: scriptedModel(helps) }],
      repeat: 1,
      judge,
    });
    const [withSkill, without] = report.trials;
    expect(withSkill).toMatchObject({ condition: "with", outcome: "pass" });
    expect(withSkill?.assertions[0]).toMatchObject({ type: "llm-judge", passed: true, score: 1 });
    expect(without).toMatchObject({ condition: "without", outcome: "fail" });
    // Without a judge, the trial is an error of the evaluation, not a failure of the skill.
    const unjudged = await evaluateSkill({
      skillDir: SKILL,
      suite: judged,
      models: [{ name: "fake:helps", model: scriptedModel(helps) }],
      repeat: 1,
    });
    expect(unjudged.trials.every((t) => t.outcome === "error")).toBe(true);
  });
});
