// dryRunWorkflow: fixtures (in order, by argument), recorded runs, unanswered calls, llm, approvals.
import { describe, expect, it } from "vitest";
import { runWorkflowSkill, MockToolAdapter, type RunLog } from "@skillflow/workflow";
import { dryRunWorkflow, DryRunError, MAX_BOUNDED_CHARS, unmapOutput } from "../../src/index.js";
import { catalog, PAGE_CHECK } from "./_docs.js";

const PAGE = { title: "News", text: "v2.0 released" };

/** Fetches every url of a list (an `each` step), then returns the titles. */
const EACH_FETCH = `\`\`\`workflow
inputs:
  urls: { type: array, default: ["https://a.test", "https://b.test", "https://c.test"] }
outputs:
  titles: { type: array, value: $steps.fetch.output }
steps:
  - id: fetch
    type: tool
    tool: web_fetch
    each: $inputs.urls
    inputs:
      url: { type: string, value: $item }
    outputs:
      title: { type: string, value: $result.title }
\`\`\`
`;

describe("dryRunWorkflow", () => {
  it("answers the page fetch and the llm step from fixtures, never calling a real tool", async () => {
    const result = await dryRunWorkflow(PAGE_CHECK, {
      tools: catalog(),
      fixtures: { web_fetch: { output: PAGE }, llm: { output: { verdict: "release" } } },
    });
    expect(result).toMatchObject({ ok: true, status: "success", unanswered: [], problems: [] });
    expect(result.log?.outputs).toEqual({ title: "News", verdict: "release" });
    expect(result.log?.steps.map((s) => [s.id, s.status])).toEqual([
      ["fetch", "success"],
      ["judge", "success"],
    ]);
    expect(result.log?.steps[1]?.inputs).toEqual({ prompt: "v2.0 released" });
  });

  it("consumes a list of answers in order, one per call", async () => {
    const result = await dryRunWorkflow(EACH_FETCH, {
      fixtures: {
        web_fetch: [
          { output: { title: "A" } },
          { output: { title: "B" } },
          { output: { title: "C" } },
        ],
      },
    });
    expect(result.log?.outputs).toEqual({
      titles: [{ title: "A" }, { title: "B" }, { title: "C" }],
    });
  });

  it("matches answers on arguments with `when`, whatever their order in the list", async () => {
    const result = await dryRunWorkflow(EACH_FETCH, {
      fixtures: {
        web_fetch: [
          { when: { url: "https://c.test" }, output: { title: "C" } },
          { when: { url: "https://a.test" }, output: { title: "A" } },
          { when: { url: "https://b.test" }, output: { title: "B" } },
        ],
      },
    });
    expect(result.log?.outputs).toEqual({
      titles: [{ title: "A" }, { title: "B" }, { title: "C" }],
    });
  });

  it("reports an exhausted list as an unanswered call naming tool, step and the fixture to add", async () => {
    const result = await dryRunWorkflow(EACH_FETCH, {
      fixtures: { web_fetch: [{ output: { title: "A" } }, { output: { title: "B" } }] },
    });
    expect(result.ok).toBe(false);
    expect(result.status).toBe("failed");
    expect(result.unanswered).toEqual([
      expect.objectContaining({
        tool: "web_fetch",
        step: "fetch",
        iteration: 2,
        call: 3,
        arguments: { url: "https://c.test" },
      }),
    ]);
    expect(result.unanswered[0]?.message).toContain('fixtures["web_fetch"]');
    expect(result.log?.steps[0]?.error).toContain('tool "web_fetch"');
  });

  it("reports a call without any fixture, even when the step ignores errors", async () => {
    const text = PAGE_CHECK.replace("    tool: llm\n", "    tool: llm\n    on_error: ignore\n");
    const result = await dryRunWorkflow(text, {
      tools: catalog(),
      fixtures: { web_fetch: { output: PAGE } },
    });
    expect(result.ok).toBe(false);
    expect(result.unanswered.map((u) => [u.tool, u.step, u.call])).toEqual([["llm", "judge", 1]]);
  });

  it("restricts answers to a step with `step`, and a single answer with `when` to matching calls", async () => {
    const byStep = await dryRunWorkflow(PAGE_CHECK, {
      fixtures: {
        web_fetch: { step: "fetch", output: PAGE },
        llm: [
          { step: "other", output: { verdict: "wrong step" } },
          { step: "judge", output: { verdict: "release" } },
        ],
      },
    });
    expect(byStep.log?.outputs).toEqual({ title: "News", verdict: "release" });
    const noMatch = await dryRunWorkflow(PAGE_CHECK, {
      fixtures: { web_fetch: { when: { url: "https://elsewhere.test" }, output: PAGE } },
    });
    expect(noMatch.unanswered.map((u) => [u.tool, u.step, u.arguments])).toEqual([
      ["web_fetch", "fetch", { url: "https://example.com/news" }],
    ]);
  });

  it("retries a failing answer without waiting for the retry delay (virtual time)", async () => {
    const text = PAGE_CHECK.replace(
      "    tool: web_fetch\n",
      '    tool: web_fetch\n    retry: { max: 2, delay: "1h", backoff: 2 }\n',
    );
    const result = await dryRunWorkflow(text, {
      fixtures: {
        web_fetch: [{ error: "HTTP 503" }, { output: PAGE }],
        llm: { output: { verdict: "release" } },
      },
    });
    expect(result.status).toBe("success");
    expect(result.log?.steps[0]?.retries).toEqual({ attempts: 1, errors: ["HTTP 503"] });
  });

  it("answers a fixture error as the tool's failure", async () => {
    const result = await dryRunWorkflow(PAGE_CHECK, {
      fixtures: { web_fetch: { error: "HTTP 503", retryable: false } },
    });
    expect(result.status).toBe("failed");
    expect(result.unanswered).toEqual([]);
    expect(result.log?.steps[0]?.error).toContain("HTTP 503");
  });

  it("does not run an invalid document; its problems come back located with hints", async () => {
    const text = PAGE_CHECK.replace("tool: web_fetch", "tool: fetch_page");
    const result = await dryRunWorkflow(text, {
      tools: catalog(),
      fixtures: { fetch_page: { output: PAGE } },
    });
    expect(result).toMatchObject({ ok: false, status: "invalid" });
    expect(result.log).toBeUndefined();
    expect(result.problems[0]).toMatchObject({ code: "UNKNOWN_TOOL" });
    expect(result.problems[0]?.line).toBeTypeOf("number");
  });

  it("refuses inputs of the wrong type as problems", async () => {
    const result = await dryRunWorkflow(PAGE_CHECK, { inputs: { url: 42 }, fixtures: {} });
    expect(result.status).toBe("invalid");
    expect(result.problems.map((p) => p.code)).toEqual(["INPUT_TYPE"]);
  });

  it("throws a coded error naming the field for fixtures not in the format", async () => {
    const error = await dryRunWorkflow(PAGE_CHECK, {
      fixtures: { web_fetch: { title: "raw value" } } as never,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DryRunError);
    expect(error).toMatchObject({ code: "INVALID_FIXTURES", field: "fixtures.web_fetch" });
  });

  it("suspends on an undecided approval and reports it; a decision from `approvals` continues", async () => {
    const text = `\`\`\`workflow
steps:
  - id: confirm
    type: approval
    message: "Publish?"
  - id: publish
    type: tool
    tool: post
    condition: $steps.confirm.output.approved
\`\`\`
`;
    const waiting = await dryRunWorkflow(text, { fixtures: { post: { output: { ok: true } } } });
    expect(waiting.status).toBe("waiting");
    expect(waiting.pending?.map((p) => p.key)).toEqual(["confirm"]);
    const decided = await dryRunWorkflow(text, {
      fixtures: { post: { output: { ok: true } } },
      approvals: { confirm: { approved: true, by: "test" } },
    });
    expect(decided.status).toBe("success");
    expect(decided.log?.steps.map((s) => [s.id, s.status])).toEqual([
      ["confirm", "success"],
      ["publish", "success"],
    ]);
  });

  it("bounds long values in the log", async () => {
    const result = await dryRunWorkflow(PAGE_CHECK, {
      fixtures: {
        web_fetch: { output: { title: "T", text: "x".repeat(50_000) } },
        llm: { output: { verdict: "no" } },
      },
    });
    expect(result.ok).toBe(true);
    expect(result.truncated).toBe(true);
    expect(JSON.stringify(result).length).toBeLessThan(10_000);
  });
});

describe("dry-run logs stay bounded", () => {
  it("tightens the limits when many items near the default limits add up", async () => {
    const pages = Array.from({ length: 25 }, (_, i) => ({ title: `P${i}`, text: "y".repeat(900) }));
    const text = EACH_FETCH.replace(
      "    outputs:\n      title: { type: string, value: $result.title }\n",
      "",
    ).replace(
      /default: \[[^\]]*\]/,
      `default: ${JSON.stringify(pages.map((_, i) => `https://${i}.test`))}`,
    );
    const result = await dryRunWorkflow(text, {
      fixtures: { web_fetch: pages.map((p) => ({ output: { ...p, more: pages } })) },
    });
    expect(result.status).toBe("success");
    expect(result.truncated).toBe(true);
    expect(JSON.stringify(result.log).length).toBeLessThanOrEqual(MAX_BOUNDED_CHARS);
  });
});

describe("dryRunWorkflow with a recorded run", () => {
  async function recorded(): Promise<RunLog> {
    const real = new MockToolAdapter()
      .register("web_fetch", () => ({ output: { ...PAGE, status: 200 } }))
      .register("llm", () => ({ output: { verdict: "release", confidence: 0.9 } }));
    return runWorkflowSkill({ content: PAGE_CHECK, toolAdapter: real });
  }

  it("answers each tool step with what it returned in the recorded run", async () => {
    const log = await recorded();
    expect(log.status).toBe("success");
    const result = await dryRunWorkflow(PAGE_CHECK, { tools: catalog(), recordedRun: log });
    expect(result).toMatchObject({ ok: true, status: "success", notes: [] });
    expect(result.log?.outputs).toEqual(log.outputs);
    expect(result.log?.steps.map((s) => s.output)).toEqual(log.steps.map((s) => s.output));
  });

  it("lets fixtures win over the recording", async () => {
    const result = await dryRunWorkflow(PAGE_CHECK, {
      recordedRun: await recorded(),
      fixtures: { llm: { output: { verdict: "nothing new" } } },
    });
    expect(result.log?.outputs).toEqual({ title: "News", verdict: "nothing new" });
  });

  it("reports a step the recording does not have as unanswered, saying why", async () => {
    const text = PAGE_CHECK.replaceAll("judge", "decide");
    const result = await dryRunWorkflow(text, { recordedRun: await recorded() });
    expect(result.unanswered.map((u) => [u.tool, u.step])).toEqual([["llm", "decide"]]);
    expect(result.unanswered[0]?.message).toContain('no tool step "decide"');
  });

  it("undoes plain $result paths of an output mapping and notes what it cannot undo", () => {
    expect(unmapOutput({ t: { type: "string", value: "$result.page.title" } }, { t: "x" })).toEqual(
      {
        raw: { page: { title: "x" } },
      },
    );
    expect(
      unmapOutput({ n: { type: "int", value: "$result.items.length" } }, { n: 3 }).note,
    ).toMatch(/^outputs n /);
    expect(unmapOutput({ n: { type: "int", value: "$result.count + 1" } }, { n: 3 }).note).toMatch(
      /^outputs n /,
    );
    expect(unmapOutput({}, { any: 1 })).toEqual({ raw: { any: 1 } });
  });
});
