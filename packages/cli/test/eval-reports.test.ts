// `skillflow eval` saves its full JSON report next to the history (redacted, outputs capped, atomically),
// unless --no-save; the readers of @skillflow/evals find it, as the dashboard will.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EVAL_REPORT_ID,
  MAX_STORED_OUTPUT_CHARS,
  evalsDir,
  listEvalReports,
  readEvalHistory,
  readEvalReport,
  type StoredEvalReport,
} from "@skillflow/evals";
import { commitTypeFor } from "@skillflow/evals/testing";
import { REPO_ROOT, cli, fakeAnthropic, freshHome, type FakeAnthropicReply } from "./helpers.js";

const SECRET = "tok-very-secret-4242";

type Block = { type: string; text?: string };
type Body = { system?: string | Block[]; messages: { content: string | Block[] }[] };

/**
 * Loaded mode (no activation call): with the skill a conventional message that quotes a secret;
 * without it prose; a task about the parser gets a very long answer.
 */
function answer(body: Body): FakeAnthropicReply {
  const system =
    typeof body.system === "string" ? body.system : (body.system ?? []).map((b) => b.text).join("");
  const blocks = body.messages.flatMap((m) =>
    typeof m.content === "string" ? [{ type: "text", text: m.content }] : m.content,
  );
  const task = blocks.find((b) => b.type === "text")?.text ?? "";
  const kind = commitTypeFor(task);
  const loaded = system.includes('<skill_content name="commit-message">');
  const long = /parser/.test(task) ? "z".repeat(MAX_STORED_OUTPUT_CHARS + 500) : "";
  const text = loaded ? `${kind}(core): update ${kind} handling (${SECRET})` : `Updated.${long}`;
  return { content: [{ type: "text", text }], stop_reason: "end_turn" };
}

let fake: Awaited<ReturnType<typeof fakeAnthropic>>;
beforeAll(async () => {
  fake = await fakeAnthropic((body) => answer(body as unknown as Body));
});
afterAll(() => fake.close());

/** A project holding a copy of the example skill, and a home for skillflow's files. */
function project() {
  const cwd = mkdtempSync(path.join(tmpdir(), "eval-reports-"));
  cpSync(path.join(REPO_ROOT, "examples/commit-message"), path.join(cwd, "skills/commit-message"), {
    recursive: true,
  });
  const home = freshHome();
  const env = {
    ANTHROPIC_API_KEY: "sk-test-123456",
    ANTHROPIC_BASE_URL: fake.url,
    MY_SERVICE_TOKEN: SECRET,
    SKILLFLOW_HOME: home,
  };
  return { cwd, home, env, dir: evalsDir({ cwd, env }) };
}

const evalArgs = [
  "eval",
  "skills/commit-message",
  "-m",
  "anthropic:fake-helps",
  "--mode",
  "loaded",
  "--repeat",
  "1",
  "--no-tools",
  "--no-skills",
];

describe("skillflow eval saves its report", () => {
  it("writes reports/<id>.json with everything the dashboard shows, and says where", async () => {
    const p = project();
    const result = await cli([...evalArgs, "--format", "json"], { cwd: p.cwd, env: p.env });
    expect(result.code).toBe(0);
    const said = /^report saved to (\S+)\n$/.exec(result.stderr);
    expect(said).not.toBeNull();
    const file = said![1]!;
    expect(path.dirname(file)).toBe(path.join(p.home, "evals", "reports"));
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("sk-test-123456");
    const saved = JSON.parse(text) as StoredEvalReport;
    // --format json prints the saved report itself.
    expect(JSON.parse(result.stdout)).toEqual(saved);
    expect(saved.id).toMatch(EVAL_REPORT_ID);
    expect(path.basename(file)).toBe(`${saved.id}.json`);
    expect(saved).toMatchObject({
      schemaVersion: 1,
      skill: "commit-message",
      skillPath: "skills/commit-message",
      mode: "loaded",
      replay: false,
      repeat: 1,
    });
    expect(saved.skillHash).toMatch(/^[0-9a-f]{12,}$/);
    const model = saved.models[0]!;
    expect(model).toMatchObject({ model: "anthropic:fake-helps", verdict: "helps" });
    expect(model.conditions.map((c) => [c.condition, c.summary.passes, c.summary.trials])).toEqual([
      ["with", 8, 8],
      ["without", 0, 8],
    ]);
    expect(model.conditions[0]!.summary.interval.high).toBe(1);
    // Per case per trial: both conditions' outputs, the assertions' results, timing.
    const first = saved.trials.filter((t) => t.caseId === "1");
    expect(first.map((t) => t.condition)).toEqual(["with", "without"]);
    expect(first[0]!.output).toBe("fix(core): update fix handling ([REDACTED])");
    expect(first[0]!.assertions.length).toBeGreaterThan(0);
    expect(first[1]!.assertions.some((a) => !a.passed)).toBe(true);
    expect(typeof first[0]!.durationMs).toBe("number");
    // The parser case's long answer is capped and marked.
    expect(first[1]!.output).toHaveLength(MAX_STORED_OUTPUT_CHARS);
    expect(first[1]!.outputTruncated).toEqual({ chars: MAX_STORED_OUTPUT_CHARS + 508 });
    // The readers find it; the history line names it.
    const list = await listEvalReports(p.dir);
    expect(list.map((r) => [r.id, r.skill, r.models[0]!.verdict])).toEqual([
      [saved.id, "commit-message", "helps"],
    ]);
    expect(list.problems).toEqual([]);
    expect(await readEvalReport(p.dir, saved.id!)).toEqual(saved);
    const history = await readEvalHistory(p.dir, "commit-message");
    expect(history.map((h) => h.reportId)).toEqual([saved.id]);
  });

  it("--no-save keeps the history but writes no report", async () => {
    const p = project();
    const result = await cli([...evalArgs, "--no-save", "--format", "json"], {
      cwd: p.cwd,
      env: p.env,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const printed = JSON.parse(result.stdout) as StoredEvalReport;
    expect(printed.id).toBeUndefined();
    expect(printed.schemaVersion).toBe(1);
    expect(existsSync(path.join(p.dir, "reports"))).toBe(false);
    const history = await readEvalHistory(p.dir, "commit-message");
    expect(history).toHaveLength(1);
    expect(history[0]!.reportId).toBeUndefined();
  });

  it("warns, prints the report and keeps the history when the report cannot be written", async () => {
    const p = project();
    mkdirSync(p.dir, { recursive: true });
    writeFileSync(path.join(p.dir, "reports"), "a file in the way");
    const result = await cli(evalArgs, { cwd: p.cwd, env: p.env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: the report was not saved in .*--no-save/);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.stdout).toContain("HELPS");
    expect(readdirSync(p.dir).sort()).toEqual(["history.jsonl", "reports"]);
    const history = await readEvalHistory(p.dir, "commit-message");
    expect(history.map((h) => h.reportId)).toEqual([undefined]);
  });
});
