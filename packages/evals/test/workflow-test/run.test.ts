// runWorkflowTests and loadWorkflowTests on skill folders written to a temporary directory.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorkflowTests, runWorkflowTests } from "../../src/index.js";

const FLOW = `\`\`\`workflow
inputs:
  q: { type: string, default: "x" }
outputs:
  title: { type: string, value: $steps.get.output.title }
  size: { type: int, value: $steps.get.output.size }
steps:
  - id: get
    type: tool
    tool: api
    inputs:
      q: { type: string, value: $inputs.q }
    outputs:
      title: { type: string, value: $result.title }
      size: { type: int, value: $result.size }
  - id: confirm
    type: approval
    condition: $inputs.q == "ask"
    message: "Go on?"
\`\`\`
`;

/** A skill folder holding FLOW and these test files (name → JSON value or raw text). */
function skill(tests: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "wft-"));
  writeFileSync(path.join(dir, "SKILL.md"), FLOW);
  mkdirSync(path.join(dir, "tests"));
  for (const [name, value] of Object.entries(tests))
    writeFileSync(
      path.join(dir, "tests", name),
      typeof value === "string" ? value : JSON.stringify(value, null, 2),
    );
  return dir;
}

const answer = { api: { output: { title: "T", size: 3 } } };
const run = (skillDir: string, update = false) =>
  runWorkflowTests({ skillDir, content: FLOW, ...(update ? { update } : {}) });

describe("runWorkflowTests", () => {
  it("passes when the outputs equal the expectations, fails with the differences otherwise", async () => {
    const dir = skill({
      "ok.json": { fixtures: answer, expect: { outputs: { title: "T", size: 3 } } },
      "off.json": { fixtures: answer, expect: { outputs: { title: "U", size: 3 } } },
    });
    const report = await run(dir);
    expect(report.tests.map((t) => [t.name, t.passed, t.failure])).toEqual([
      ["off", false, "OUTPUTS_DIFFER"],
      ["ok", true, undefined],
    ]);
    expect(report.tests[0]!.differences).toEqual([
      { path: "outputs.title", kind: "changed", expected: "U", actual: "T" },
    ]);
    expect([report.passed, report.failed]).toEqual([1, 1]);
  });

  it("a call nothing answers fails the test, naming the tool, the step and the fixture to add", async () => {
    const report = await run(skill({ "t.json": { expect: { outputs: {} } } }));
    const [t] = report.tests;
    expect(t!.failure).toBe("UNANSWERED_CALL");
    expect(t!.reasons[0]).toContain('tool "api" (step "get")');
    expect(t!.reasons[0]).toContain('fixtures["api"]');
  });

  it("a run waiting on an approval without a decision fails, naming the approval; a decision lets it pass", async () => {
    const dir = skill({
      "waits.json": {
        inputs: { q: "ask" },
        fixtures: answer,
        expect: { outputs: { title: "T", size: 3 } },
      },
      "decided.json": {
        inputs: { q: "ask" },
        fixtures: answer,
        approvals: { confirm: { approved: true } },
        expect: { outputs: { title: "T", size: 3 } },
      },
      "expects-waiting.json": {
        inputs: { q: "ask" },
        fixtures: answer,
        expect: { status: "waiting", outputs: {} },
      },
    });
    const report = await run(dir);
    const byName = Object.fromEntries(report.tests.map((t) => [t.name, t]));
    expect(byName.waits!.failure).toBe("WRONG_STATUS");
    expect(byName.waits!.status).toBe("waiting");
    expect(byName.waits!.reasons[0]).toContain('"confirm"');
    expect(byName.decided!.passed).toBe(true);
    expect(byName["expects-waiting"]!.passed).toBe(true);
  });

  it("a failed run fails the test with the run's error; a test may expect the failure", async () => {
    const failing = { api: { error: "quota exceeded", retryable: false } };
    const report = await run(
      skill({
        "fails.json": { fixtures: failing, expect: { outputs: {} } },
        "expected.json": {
          fixtures: failing,
          expect: { status: "failed", match: "subset", outputs: {} },
        },
      }),
    );
    const byName = Object.fromEntries(report.tests.map((t) => [t.name, t]));
    expect(byName.fails!.failure).toBe("WRONG_STATUS");
    expect(byName.fails!.reasons[0]).toContain("quota exceeded");
    expect(byName.expected!.reasons).toEqual([]);
  });

  it("without expected outputs the test fails until --update writes them; --update keeps the other fields", async () => {
    const dir = skill({
      "new.json": { description: "d", fixtures: answer, expect: { match: "subset" } },
    });
    expect((await run(dir)).tests[0]!.failure).toBe("NO_EXPECTATIONS");
    const updated = await run(dir, true);
    expect(updated.tests[0]).toMatchObject({ passed: true, updated: true });
    const file = JSON.parse(readFileSync(path.join(dir, "tests", "new.json"), "utf8"));
    expect(file).toEqual({
      description: "d",
      fixtures: answer,
      expect: { match: "subset", outputs: { title: "T", size: 3 } },
    });
    expect((await run(dir)).tests[0]!.passed).toBe(true);
  });

  it("--update does not write when the run does not reach its expected status", async () => {
    const dir = skill({ "t.json": { expect: { outputs: { title: "old" } } } });
    const report = await run(dir, true);
    expect(report.tests[0]).toMatchObject({
      passed: false,
      updated: false,
      failure: "UNANSWERED_CALL",
    });
    const file = JSON.parse(readFileSync(path.join(dir, "tests", "t.json"), "utf8"));
    expect(file.expect.outputs).toEqual({ title: "old" });
  });
});

describe("loadWorkflowTests", () => {
  it("places a wrong field at its line and column and names it", async () => {
    const text = '{\n  "fixtures": {},\n  "expect": {\n    "outputs": 3\n  }\n}\n';
    const { tests, diagnostics } = await loadWorkflowTests(skill({ "bad.json": text }));
    expect(tests).toEqual([]);
    expect(diagnostics).toMatchObject([
      { code: "INVALID_FIELD", path: "expect.outputs", line: 4, column: 16 },
    ]);
    expect(diagnostics[0]!.file).toMatch(/tests[/\\]bad\.json$/);
  });

  it("names unknown fields, fixture answers without output or error, and bad ignore paths", async () => {
    const { diagnostics } = await loadWorkflowTests(
      skill({
        "a.json": { expected: {} },
        "b.json": { fixtures: { api: [{ output: 1 }, { when: {} }] } },
        "c.json": { expect: { ignore: ["title"] } },
      }),
    );
    expect(diagnostics.map((d) => [path.basename(d.file), d.code, d.path])).toEqual([
      ["a.json", "INVALID_FIELD", "expected"],
      ["b.json", "INVALID_FIELD", "fixtures.api[1]"],
      ["c.json", "INVALID_FIELD", "expect.ignore[0]"],
    ]);
    expect(diagnostics[0]!.message).toBe('unknown field "expected"');
  });

  it("reports a syntax error at its line, and a recording outside the skill folder or missing", async () => {
    const outside = mkdtempSync(path.join(tmpdir(), "wft-out-"));
    writeFileSync(path.join(outside, "rec.json"), "{}");
    const { diagnostics } = await loadWorkflowTests(
      skill({
        "syntax.json": '{\n  "inputs": {,\n}',
        "out.json": {
          recording: path.relative(
            path.join(tmpdir(), "x", "tests"),
            path.join(outside, "rec.json"),
          ),
        },
        "missing.json": { recording: "recordings/none.json" },
      }),
    );
    expect(diagnostics.map((d) => [path.basename(d.file), d.code, d.path])).toEqual([
      ["missing.json", "MISSING_FILE", "recording"],
      ["out.json", "PATH_OUTSIDE_SKILL", "recording"],
      ["syntax.json", "INVALID_SYNTAX", ""],
    ]);
    expect(diagnostics[2]!.line).toBe(2);
  });

  it("a recording that is not one is INVALID_RECORDING naming its field", async () => {
    const dir = skill({ "t.json": { recording: "recordings/r.json" } });
    mkdirSync(path.join(dir, "tests", "recordings"));
    writeFileSync(
      path.join(dir, "tests", "recordings", "r.json"),
      JSON.stringify({
        format: "skillflow-recording",
        version: 1,
        workflow: "w",
        recorded_at: "t",
        status: "success",
        inputs: {},
        outputs: {},
        calls: [{ tool: "api" }],
      }),
    );
    const { diagnostics } = await loadWorkflowTests(dir);
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["INVALID_RECORDING", "calls[0].step"],
      ["INVALID_RECORDING", "calls[0].arguments"],
    ]);
    expect(diagnostics[0]!.file).toMatch(/r\.json$/);
  });

  it("a recording put where tests go is refused with what to do instead", async () => {
    const { diagnostics } = await loadWorkflowTests(
      skill({ "rec.json": { format: "skillflow-recording", version: 1 } }),
    );
    expect(diagnostics).toMatchObject([{ code: "INVALID_FIELD", path: "" }]);
    expect(diagnostics[0]!.message).toContain("--from-record");
  });
});
