// Issue 13: skill-used scored with the skill only, "no data" when all errored, -j N equals -j 1,
// replays marked in history, a model grading itself warned about, and an escaped HTML report.
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  evaluateSkill,
  formatHistory,
  formatHtml,
  formatText,
  historyRecords,
  fileCache,
  modelJudge,
  type EvaluateOptions,
} from "../../src/index.js";
import { loadSuite, type EvalSuite } from "../../src/suite/index.js";
import { COMMIT_SCRIPTS, scriptedModel } from "../../src/testing/index.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const SKILL = path.resolve(import.meta.dirname, "../../../../examples/commit-message");

async function commitSuite(): Promise<EvalSuite> {
  return (await loadSuite(SKILL)).suite!;
}

/** Two cases: one checks the answer and the activation, one only the activation. */
const usedSuite: EvalSuite = {
  skillName: "commit-message",
  cases: [
    {
      id: "answer",
      prompt: "Write a commit message: fixed a typo in the README.",
      files: [],
      assertions: [{ type: "contains", value: "docs" }, { type: "skill-used" }],
    },
    {
      id: "trigger",
      prompt: "Commit message for a typo fix in the README.",
      files: [],
      assertions: [{ type: "skill-used" }],
    },
  ],
};

describe("skill-used assertions", () => {
  it("are scored with the skill only, never in the baseline nor the paired difference", async () => {
    // Answers "docs: change" with or without the skill: the skill changes nothing but its use.
    const report = await evaluateSkill({
      skillDir: SKILL,
      suite: usedSuite,
      models: [{ name: "same", model: scriptedModel(COMMIT_SCRIPTS.same, "same") }],
      repeat: 2,
    });
    const without = report.trials.filter((t) => t.condition === "without");
    expect(without.map((t) => t.caseId)).toEqual(["answer", "answer"]);
    expect(without.flatMap((t) => t.assertions.map((a) => a.type))).toEqual([
      "contains",
      "contains",
    ]);
    const withSkill = report.trials.filter((t) => t.condition === "with");
    expect(withSkill.map((t) => [t.caseId, t.outcome, t.assertions.length])).toEqual([
      ["answer", "pass", 2],
      ["answer", "pass", 2],
      ["trigger", "pass", 1],
      ["trigger", "pass", 1],
    ]);
    const result = report.models[0]!;
    expect(result.comparison).toMatchObject({ cases: 1, meanDifference: 0 });
    expect(result.comparison.signTest).toMatchObject({ positive: 0, negative: 0, ties: 1 });
    expect(result.conditions[1]!.cases[1]!.summary.trials).toBe(0);
  });
});

describe("a model whose every trial errored", () => {
  it("gets no data, with the error text in the terminal report", async () => {
    const down = scriptedModel(() => {
      throw new Error("401 invalid x-api-key");
    }, "down");
    const report = await evaluateSkill({
      skillDir: SKILL,
      suite: await commitSuite(),
      models: [
        { name: "fake:down", model: down },
        { name: "fake:helps", model: scriptedModel(COMMIT_SCRIPTS.helps) },
      ],
      repeat: 1,
    });
    expect(report.models.map((m) => m.verdict)).toEqual(["no data", "helps"]);
    expect(report.models[0]!.errors).toEqual([{ message: "401 invalid x-api-key", count: 16 }]);
    const text = formatText(report);
    expect(text).toContain("fake:down: NO DATA");
    expect(text).toContain("fake:down: 16 trial(s) errored: 401 invalid x-api-key");
    expect(historyRecords(report)[0]).toMatchObject({ verdict: "no data" });
  });

  it("shows a provider's control characters as visible codes, never sends them to the terminal", async () => {
    const down = scriptedModel(() => {
      throw new Error("bad\u001b[2J\u001b]0;pwned\u0007 gateway");
    }, "down");
    const report = await evaluateSkill({
      skillDir: SKILL,
      suite: await commitSuite(),
      models: [{ name: "fake:down", model: down }],
      repeat: 1,
    });
    const text = formatText(report);
    expect(text).toContain("bad<U+001B>[2J<U+001B>]0;pwned<U+0007> gateway");
    expect(text).not.toContain("\u001b");
  });
});

/** A report without what differs between runs of the same evaluation (times). */
function comparable(report: Awaited<ReturnType<typeof evaluateSkill>>) {
  return {
    ...report,
    startedAt: "",
    trials: report.trials.map((t) => ({ ...t, durationMs: 0 })),
  };
}

describe("concurrent trials", () => {
  it("give the report sequential ones do, trial for trial", async () => {
    const suite = await commitSuite();
    // Errors in some trials, fails in others: the order of the trials must not matter.
    const flaky = () =>
      scriptedModel((v) => {
        if (/parser/.test(v.user) && v.system.includes("commit-message"))
          throw new Error("overloaded");
        return COMMIT_SCRIPTS.same(v);
      }, "flaky");
    const options = (concurrency: number): EvaluateOptions => ({
      skillDir: SKILL,
      suite,
      repeat: 3,
      concurrency,
      models: [
        { name: "helps", model: scriptedModel(COMMIT_SCRIPTS.helps, "helps") },
        { name: "flaky", model: flaky() },
      ],
    });
    const sequential = await evaluateSkill(options(1));
    const progress: number[] = [];
    const concurrent = await evaluateSkill({
      ...options(6),
      onProgress: (p) => progress.push(p.done),
    });
    expect(comparable(concurrent)).toEqual(comparable(sequential));
    expect(concurrent.trials).toHaveLength(2 * 2 * 8 * 3);
    expect(progress.at(-1)).toBe(96);
  });

  it("replay the same answers whatever the concurrency that recorded them", async () => {
    const store = fileCache(mkdtempSync(path.join(tmpdir(), "eval-cache-j-")));
    const base = { skillDir: SKILL, suite: await commitSuite(), repeat: 2 };
    const recorded = await evaluateSkill({
      ...base,
      concurrency: 8,
      models: [{ name: "helps", model: scriptedModel(COMMIT_SCRIPTS.helps, "helps") }],
      cache: { store, mode: "record" },
    });
    const offline = scriptedModel(() => {
      throw new Error("must not be called");
    }, "helps");
    const replayed = await evaluateSkill({
      ...base,
      concurrency: 1,
      models: [{ name: "helps", model: offline }],
      cache: { store, mode: "replay" },
    });
    expect(offline.calls).toBe(0);
    expect(comparable({ ...replayed, replay: false })).toEqual(comparable(recorded));
    expect(replayed.replay).toBe(true);
    const history = historyRecords(replayed);
    expect(history[0]).toMatchObject({ replay: true, mode: "catalog" });
    expect(historyRecords(recorded)[0]).not.toHaveProperty("replay");
    expect(formatHistory(history)).toMatch(/helps\s+\(catalog, replay\)\n$/);
    expect(formatText(replayed)).toContain("replay: answers come from the recorded cache");
  });
});

const judgedSuite: EvalSuite = {
  skillName: "commit-message",
  cases: [
    {
      id: "j",
      prompt: "Write a commit message: fixed the login bug.",
      files: [],
      expectedOutput: "fix(auth): handle the login timeout",
      assertions: [],
    },
  ],
};

const judgeModel = (name: string) => ({
  name,
  judge: modelJudge(
    scriptedModel(() => ({ text: JSON.stringify({ scores: [1], reasoning: "ok" }) }), name),
  ),
});

describe("the judge", () => {
  it("is named per model, and a model that grades itself is warned about", async () => {
    const models = [
      { name: "a", model: scriptedModel(COMMIT_SCRIPTS.helps, "a") },
      { name: "b", model: scriptedModel(COMMIT_SCRIPTS.helps, "b") },
    ];
    const report = await evaluateSkill({
      skillDir: SKILL,
      suite: judgedSuite,
      models,
      repeat: 1,
      judgeFor: (model) => judgeModel(model === "a" ? "b" : "b"),
    });
    expect(report.judges).toEqual([
      { model: "a", judge: "b" },
      { model: "b", judge: "b" },
    ]);
    expect(report.warnings).toEqual([
      "b graded its own answers (llm-judge): pass --judge-model with another model",
    ]);
    expect(report.trials.every((t) => t.outcome === "pass")).toBe(true);
    expect(formatText(report)).toContain("warning: b graded its own answers");
    // No llm-judge assertion: nobody grades, nothing to warn about.
    const plain = await evaluateSkill({
      skillDir: SKILL,
      suite: usedSuite,
      models,
      repeat: 1,
      judgeFor: (model) => judgeModel(model),
    });
    expect(plain.judges).toEqual([]);
    expect(plain.warnings).toEqual([]);
  });
});

describe("the HTML report", () => {
  it("has a legend, an axis, per-case outputs side by side and errors, all escaped", async () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const model = scriptedModel((v) => {
      if (/README/.test(v.user)) throw new Error(`rate limited ${hostile}`);
      return v.system.includes("<name>commit-message</name>") &&
        !v.toolResults.some((r) => r.name === "activate_skill")
        ? { call: { name: "activate_skill", input: { name: "commit-message" } } }
        : { text: `<script>alert(1)</script> ${v.toolResults.length > 0 ? "with" : "without"}` };
    }, "hostile");
    const report = await evaluateSkill({
      skillDir: SKILL,
      suite: await commitSuite(),
      models: [{ name: `anthropic:claude-sonnet-4-5 ${hostile}`, model }],
      repeat: 1,
    });
    const html = formatHtml(report);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62; with");
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62; without");
    expect(html).toMatch(/class="legend">.*with the skill.*without \(baseline\).*95% Wilson/);
    for (const tick of ["0%", "25%", "50%", "75%", "100%"])
      expect(html).toContain(`text-anchor="middle">${tick}</text>`);
    expect(html).toContain("<th>Output with the skill</th><th>Output without</th>");
    expect(html).toContain("error: rate limited &#60;img");
    expect(html).toContain("<h2>Errors</h2>");
    expect(html).toContain("mode: catalog");
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});
