// Review (issue 12): agent transcripts, evaluation reports, history and cache hold no secret of the environment.
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MockToolAdapter, REDACTED } from "@skillflow/workflow";
import {
  agentSecrets,
  appendHistory,
  evaluateSkill,
  fileCache,
  formatHtml,
  formatMarkdown,
  formatText,
  runAgent,
} from "../../src/index.js";
import { loadSuite } from "../../src/suite/index.js";
import { COMMIT_SCRIPTS, scriptedModel, type PromptView } from "../../src/testing/index.js";

const SECRET = "s3cr3t-token-value-42";
const PASSWORD = "hunter2-password";
const ENV = { MY_API_TOKEN: SECRET, DB_PASSWORD: PASSWORD, HOME: "/home/me" };
const SKILL = path.resolve(import.meta.dirname, "../../../../examples/commit-message");

/** Every file under `dir`, read as text. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => readFileSync(file, "utf8"));
}

describe("agentSecrets", () => {
  it("is the environment's secret values plus the given ones", () => {
    expect(agentSecrets({ env: ENV, secrets: ["extra-1234"] }).sort()).toEqual(
      ["extra-1234", PASSWORD, SECRET].sort(),
    );
  });
});

describe("runAgent keeps secrets of its environment out of the transcript", () => {
  it("in the answer, in tool results and errors, and under secret-named tool arguments", async () => {
    const tools = new MockToolAdapter()
      .register("lookup", async () => ({ output: { note: `the key is ${SECRET}` } }), {
        description: "Looks something up",
        inputSchema: { type: "object" },
      })
      .register("fail", async () => ({ output: null, error: `denied for ${PASSWORD}` }), {
        description: "Fails",
        inputSchema: { type: "object" },
      });
    const script = (v: PromptView) =>
      v.toolResults.length === 0
        ? { call: { name: "lookup", input: { headers: { Authorization: "Bearer literal-77" } } } }
        : v.toolResults.length === 1
          ? { call: { name: "fail", input: { password: "typed-in-9876" } } }
          : { text: `Done: ${SECRET} and ${PASSWORD}` };
    const run = await runAgent({ model: scriptedModel(script), prompt: "go", tools, env: ENV });
    const text = JSON.stringify(run);
    for (const secret of [SECRET, PASSWORD, "literal-77", "typed-in-9876"])
      expect(text).not.toContain(secret);
    expect(run.output).toBe(`Done: ${REDACTED} and ${REDACTED}`);
    expect(run.toolCalls).toMatchObject([
      { name: "lookup", input: { headers: { Authorization: REDACTED } } },
      { name: "fail", input: { password: REDACTED }, error: `denied for ${REDACTED}` },
    ]);
  });

  it("an error of the provider quoting the key is redacted too", async () => {
    const failing = scriptedModel(() => {
      throw new Error(`401: invalid x-api-key ${SECRET}`);
    });
    const run = await runAgent({ model: failing, prompt: "x", env: ENV });
    expect(run.error).toBe(`401: invalid x-api-key ${REDACTED}`);
  });
});

describe("evaluateSkill keeps secrets out of the report, the history and the cache", () => {
  it("a model that repeats an environment secret in every answer", async () => {
    const loaded = await loadSuite(SKILL);
    const leaky = (v: PromptView) => {
      const reply = COMMIT_SCRIPTS.helps(v);
      return "text" in reply ? { text: `${reply.text} (token ${SECRET})` } : reply;
    };
    const cacheDir = mkdtempSync(path.join(tmpdir(), "eval-cache-"));
    const report = await evaluateSkill({
      skillDir: SKILL,
      suite: loaded.suite!,
      models: [{ name: "fake:leaky", model: scriptedModel(leaky, "leaky") }],
      repeat: 1,
      env: ENV,
      cache: { store: fileCache(cacheDir), mode: "record" },
    });
    expect(report.trials.length).toBeGreaterThan(0);
    expect(report.trials.every((t) => !t.output.includes(SECRET))).toBe(true);
    expect(report.trials.some((t) => t.output.includes(REDACTED))).toBe(true);
    const historyDir = mkdtempSync(path.join(tmpdir(), "eval-history-"));
    await appendHistory(path.join(historyDir, "history.jsonl"), report);
    const outputs = [
      JSON.stringify(report),
      formatText(report),
      formatMarkdown(report),
      formatHtml(report),
      ...filesUnder(historyDir),
    ];
    const cached = filesUnder(cacheDir);
    expect(cached.length).toBeGreaterThan(0);
    for (const text of [...outputs, ...cached]) expect(text).not.toContain(SECRET);
    expect(cached.some((text) => text.includes(REDACTED))).toBe(true);
  });
});
