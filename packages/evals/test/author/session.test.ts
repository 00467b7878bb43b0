// authorWorkflow: rounds driven by the harness's own check, the budget, and transcript/run sources.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MockToolAdapter, runWorkflowSkill } from "@skillflow/workflow";
import { createTestServices } from "@skillflow/workflow/testing";
import {
  authorWorkflow,
  AuthorSourceError,
  BudgetError,
  extractDraft,
  runSource,
  transcriptSource,
} from "../../src/index.js";
import { scriptedModel, type PromptView } from "../../src/testing/index.js";
import { catalog, PAGE_CHECK } from "./_docs.js";

const TRANSCRIPT = JSON.parse(
  readFileSync(new URL("./fixtures/agent-transcript.json", import.meta.url), "utf8"),
) as unknown;

const answer = (skill: string) => ({ text: `Here it is.\n<skill_md>\n${skill}</skill_md>` });

/** PAGE_CHECK with a misspelt tool and an undeclared input: two validation errors. */
const TWO_ERRORS = PAGE_CHECK.replace("tool: web_fetch", "tool: web_fetc").replace(
  "value: $inputs.url",
  "value: $inputs.address",
);

const PAGE = { web_fetch: { output: { title: "News", text: "v2.0 released" } } };
/** `model` reporting 90 input and 10 output tokens a call. */
function hundredTokens<M extends ReturnType<typeof scriptedModel>>(model: M): M {
  const generate = model.doGenerate.bind(model);
  model.doGenerate = async (options) => ({
    ...(await generate(options)),
    usage: {
      inputTokens: { total: 90, noCache: 90, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 10, text: 10, reasoning: 0 },
    },
  });
  return model;
}

const codes = (problems: readonly { code: string }[]) => problems.map((p) => p.code).sort();

describe("authorWorkflow", () => {
  it("sends the harness's problems back until the draft is valid and its dry run succeeds", async () => {
    const prompts: string[] = [];
    const model = scriptedModel((v: PromptView) => {
      if (v.step === 1) prompts.push(v.user);
      // Round 1: a draft with two validation errors, no tool used.
      if (!v.user.includes("The harness checked it")) return answer(TWO_ERRORS);
      // Round 2: validated, but the llm call has no fixture (the dry run's problem).
      if (!v.user.includes("UNANSWERED_CALL")) {
        if (v.step === 1)
          return { call: { name: "validate_workflow", input: { text: PAGE_CHECK } } };
        return answer(PAGE_CHECK);
      }
      // Round 3: proposes fixtures (its web_fetch answer loses to the user's), then answers.
      if (v.step === 1)
        return {
          call: {
            name: "dry_run_workflow",
            input: {
              text: PAGE_CHECK,
              fixtures: {
                llm: { output: { verdict: "release" } },
                web_fetch: { output: { title: "Made up", text: "" } },
              },
            },
          },
        };
      return answer(PAGE_CHECK);
    });
    const result = await authorWorkflow({
      request: "check a news page daily for a release",
      model,
      tools: catalog(),
      fixtures: PAGE,
    });
    expect(result.ok).toBe(true);
    expect(result.stopped).toBeUndefined();
    expect(result.rounds.map((r) => [r.round, r.valid, r.ok])).toEqual([
      [1, false, false],
      [2, true, false],
      [3, true, true],
    ]);
    expect(codes(result.rounds[0]!.problems)).toEqual(["UNDECLARED_INPUT", "UNKNOWN_TOOL"]);
    expect(
      result.rounds[0]!.problems.every((p) => p.line !== undefined && p.hint !== undefined),
    ).toBe(true);
    expect(codes(result.rounds[1]!.problems)).toEqual(["UNANSWERED_CALL"]);
    expect(result.rounds[2]!.problems).toEqual([]);
    expect(result.rounds[2]!.toolCalls).toEqual({ dry_run_workflow: 1 });
    // Round 2 was told round 1's problems with their lines.
    expect(prompts[1]).toMatch(/UNKNOWN_TOOL line \d+:\d+/);
    expect(result.skill).toBe(PAGE_CHECK);
    expect(result.name).toBe("page-check");
    expect(result.dryRun).toMatchObject({ ok: true, status: "success", unanswered: [] });
    expect(result.dryRun?.log?.outputs).toEqual({ title: "News", verdict: "release" });
    expect(result.usage.modelCalls).toBe(model.calls);
    expect(result.usage.totalTokens).toBeGreaterThan(0);
    expect(result.cost).toBeUndefined();
  });

  it("stops at max rounds, keeping the last draft and saying why", async () => {
    const model = scriptedModel(() => answer(TWO_ERRORS));
    const result = await authorWorkflow({ request: "x", model, tools: catalog(), maxRounds: 2 });
    expect(result.ok).toBe(false);
    expect(result.stopped?.code).toBe("MAX_ROUNDS");
    expect(result.rounds).toHaveLength(2);
    expect(result.skill).toBe(TWO_ERRORS);
    expect(model.calls).toBe(2);
  });

  it("requires the name asked for", async () => {
    const model = scriptedModel(() => answer(PAGE_CHECK));
    const result = await authorWorkflow({
      request: "x",
      model,
      name: "news-check",
      fixtures: { ...PAGE, llm: { output: { verdict: "no" } } },
      maxRounds: 1,
    });
    expect(codes(result.rounds[0]!.problems)).toEqual(["NAME_MISMATCH"]);
  });

  it("never passes a name that is not a skill name (a path, capitals)", async () => {
    for (const name of ["../escape", "Page-Check"]) {
      const model = scriptedModel(() =>
        answer(PAGE_CHECK.replace("name: page-check", `name: ${name}`)),
      );
      const result = await authorWorkflow({
        request: "x",
        model,
        fixtures: { ...PAGE, llm: { output: { verdict: "no" } } },
        maxRounds: 1,
      });
      expect(result.ok).toBe(false);
      expect(codes(result.rounds[0]!.problems)).toEqual(["INVALID_NAME"]);
    }
  });

  it("stops with MODEL_FAILED when no call of a round is answered (a provider error)", async () => {
    const model = scriptedModel(() => {
      throw new Error("provider down");
    });
    const result = await authorWorkflow({ request: "x", model });
    expect(result.stopped).toEqual({ code: "MODEL_FAILED", message: "provider down" });
    expect(result.rounds).toHaveLength(1);
  });

  it("says NO_DRAFT when an answer holds no SKILL.md", async () => {
    const model = scriptedModel(() => ({ text: "I cannot." }));
    const result = await authorWorkflow({ request: "x", model, maxRounds: 1 });
    expect(result.rounds[0]).toMatchObject({ draftFrom: "none", problems: [{ code: "NO_DRAFT" }] });
    expect(result.skill).toBeUndefined();
  });
});

describe("the budget", () => {
  it("stops the session once the token budget is spent: no model call after it", async () => {
    const model = scriptedModel(() => answer(TWO_ERRORS));
    const result = await authorWorkflow({
      request: "x",
      model,
      tools: catalog(),
      budget: { maxTokens: 1 },
    });
    expect(model.calls).toBe(1);
    expect(result.stopped?.code).toBe("BUDGET_EXHAUSTED");
    expect(result.rounds).toHaveLength(1);
    expect(result.usage.modelCalls).toBe(1);
    expect(result.usage.totalTokens).toBeGreaterThanOrEqual(1);
  });

  it("ends a round mid-way when the budget is spent: the next call is refused, not made", async () => {
    // A model that never stops calling tools, 100 tokens a call: calls start at 0, 100, 200.
    const model = hundredTokens(scriptedModel(() => ({ call: { name: "list_tools", input: {} } })));
    const result = await authorWorkflow({
      request: "x",
      model,
      budget: { maxTokens: 250 },
      stepsPerRound: 50,
    });
    expect(model.calls).toBe(3);
    expect(result.refusedCalls).toBe(1);
    expect(result.usage).toMatchObject({ modelCalls: 3, totalTokens: 300 });
    expect(result.stopped?.code).toBe("BUDGET_EXHAUSTED");
    expect(result.rounds).toHaveLength(1);
    expect(result.rounds[0]!.error).toContain("token budget is spent");
  });

  it("enforces a cost budget with the model's price", async () => {
    const model = scriptedModel(() => answer(TWO_ERRORS));
    const result = await authorWorkflow({
      request: "x",
      model,
      price: { inputPerMTok: 1_000_000, outputPerMTok: 1_000_000 },
      budget: { maxCostUsd: 1 },
    });
    expect(model.calls).toBe(1);
    expect(result.stopped?.code).toBe("BUDGET_EXHAUSTED");
    expect(result.usage.costUsd).toBeGreaterThanOrEqual(1);
    expect(result.stopped?.message).toContain("--max-cost");
  });

  it("refuses a cost budget it cannot enforce (no price), before any call", async () => {
    const model = scriptedModel(() => answer(PAGE_CHECK));
    const session = authorWorkflow({ request: "x", model, budget: { maxCostUsd: 1 } });
    await expect(session).rejects.toBeInstanceOf(BudgetError);
    await expect(session).rejects.toMatchObject({ code: "UNKNOWN_PRICE" });
    expect(model.calls).toBe(0);
  });
});

describe("from a transcript", () => {
  it("shows the recorded calls, replays their outputs in the dry run and compares the cost", async () => {
    const source = transcriptSource(TRANSCRIPT);
    expect(source.recordedFixtures).toEqual({
      web_fetch: [
        {
          output: { title: "News", text: "v2.0 released" },
          when: { url: "https://example.com/news" },
        },
      ],
    });
    let seen = "";
    const model = scriptedModel((v) => {
      seen = v.user;
      if (v.step === 1)
        return {
          call: {
            name: "dry_run_workflow",
            input: {
              text: PAGE_CHECK,
              fixtures: {
                llm: { output: { verdict: "release" } },
                web_fetch: { output: { title: "Made up", text: "nothing" } },
              },
            },
          },
        };
      return answer(PAGE_CHECK);
    });
    const result = await authorWorkflow({
      request: source.task!,
      model,
      tools: catalog(),
      from: source,
    });
    expect(seen).toContain('web_fetch {"url":"https://example.com/news"}');
    expect(seen).not.toContain("activate_skill");
    expect(result.ok).toBe(true);
    // The recorded output, not the model's made-up one.
    expect(result.dryRun?.log?.steps[0]?.output).toEqual({ title: "News", text: "v2.0 released" });
    expect(result.cost).toEqual({
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
  });

  it("answers only calls with the recorded arguments: another url is an unanswered call", async () => {
    const other = PAGE_CHECK.replace("https://example.com/news", "https://example.com/blog");
    const model = scriptedModel(() => answer(other));
    const result = await authorWorkflow({
      request: "x",
      model,
      tools: catalog(),
      fixtures: { llm: { output: { verdict: "x" } } },
      from: transcriptSource(TRANSCRIPT),
      maxRounds: 1,
    });
    expect(codes(result.rounds[0]!.problems)).toEqual(["UNANSWERED_CALL"]);
  });

  it("refuses what is not a transcript, naming the field", () => {
    expect(() => transcriptSource({ prompt: "x", toolCalls: "no" })).toThrow(AuthorSourceError);
    try {
      transcriptSource({ prompt: "x", toolCalls: [], usage: { inputTokens: -1 } });
    } catch (error) {
      expect(error).toMatchObject({ code: "INVALID_TRANSCRIPT", field: "usage.inputTokens" });
    }
  });
});

describe("from a run", () => {
  it("replays the run's tool steps by step id and reports its llm usage", async () => {
    const tools = new MockToolAdapter()
      .register("web_fetch", () => ({ output: { title: "News", text: "v2.0 released" } }))
      .register("llm", () => ({
        output: { verdict: "release" },
        usage: { calls: 1, inputTokens: 300, outputTokens: 20, costUsd: 0.001 },
      }));
    const log = await runWorkflowSkill({
      content: PAGE_CHECK,
      toolAdapter: tools,
      services: createTestServices({ idPrefix: "run" }),
    });
    const source = runSource(log);
    const model = scriptedModel(() => answer(PAGE_CHECK));
    const result = await authorWorkflow({ request: "same", model, from: source, maxRounds: 1 });
    expect(result.ok).toBe(true);
    expect(result.dryRun?.log?.outputs).toEqual({ title: "News", verdict: "release" });
    expect(result.cost?.recorded.kind).toBe("run");
  });

  it("refuses what is not a run, naming the field", () => {
    expect(() => runSource({ id: "r", workflow: "w", status: "success", steps: [{}] })).toThrow(
      expect.objectContaining({ code: "INVALID_RUN", field: "steps.0.id" }),
    );
  });
});

describe("extractDraft", () => {
  it("takes the tagged block, the whole answer, a four-backtick fence, then the tools' last text", () => {
    expect(extractDraft("a <skill_md>\n---\nx\n</skill_md> b", "t")).toEqual({
      text: "---\nx\n",
      from: "answer",
    });
    expect(extractDraft("---\nname: a\n---\n", undefined).from).toBe("answer");
    expect(extractDraft("see:\n````markdown\n---\ny\n````\n", undefined).text).toBe("---\ny\n");
    expect(extractDraft("done", "tool text")).toEqual({ text: "tool text", from: "tool" });
    expect(extractDraft("done", undefined)).toEqual({ from: "none" });
  });
});
