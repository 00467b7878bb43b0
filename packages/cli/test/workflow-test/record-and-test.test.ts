// `skillflow run --record` against a local API, then `skillflow test` offline: pass, diff, update, JSON.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { project, SECRET, SKILL, startApi } from "./_project.js";

let api: Awaited<ReturnType<typeof startApi>>;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.server.close());

const readdir = (dir: string): string[] => readdirSync(dir).sort();

/** A project whose skill has one test, `basic`, made from a recording of a real run. */
async function recorded() {
  const p = await project();
  const record = await p.run([
    "run",
    "skills/digest",
    "-i",
    `base=${api.base}`,
    "-i",
    `token=${SECRET}`,
    "--record",
    "rec.json",
  ]);
  expect(record.code).toBe(0);
  const init = await p.run([
    "test",
    "skills/digest",
    "--init",
    "basic",
    "--from-record",
    "rec.json",
  ]);
  expect(init.code).toBe(0);
  return p;
}

const edit = (dir: string, from: string, to: string) => {
  const file = path.join(dir, "SKILL.md");
  const text = readFileSync(file, "utf8");
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
};

describe("skillflow run --record", () => {
  it("writes every tool call of the real run: tool, step, iteration, arguments, output", async () => {
    const p = await project();
    const result = await p.run([
      "run",
      "skills/digest",
      "-i",
      `base=${api.base}`,
      "-i",
      `token=${SECRET}`,
      "--record",
      "out/rec.json",
      "--json",
    ]);
    expect(result.code).toBe(0);
    // --json keeps stdout the run log; the note about the recording goes to stderr.
    expect(JSON.parse(result.stdout).status).toBe("success");
    expect(result.stderr).toContain("recorded 4 tool call(s) to out/rec.json");
    const recording = JSON.parse(readFileSync(path.join(p.cwd, "out", "rec.json"), "utf8"));
    expect(recording).toMatchObject({
      format: "skillflow-recording",
      version: 1,
      workflow: "digest",
      status: "success",
    });
    expect(
      recording.calls.map((c: Record<string, unknown>) => [c.tool, c.step, c.iteration]),
    ).toEqual([
      ["http", "list", undefined],
      ["http", "detail", 0],
      ["http", "detail", 1],
      ["http", "detail", 2],
    ]);
    expect(recording.calls[1].arguments).toEqual({ url: `${api.base}/items/1` });
    expect(recording.calls[1].output.body).toEqual({ id: 1, note: "note 1" });
    expect(recording.outputs.count).toBe(3);
    // No temporary file is left beside it.
    expect(readdir(path.join(p.cwd, "out"))).toEqual(["rec.json"]);
  });

  it("never writes a secret: the token input, the header it fills and the API's echo read [REDACTED]", async () => {
    const p = await project();
    await p.run([
      "run",
      "skills/digest",
      "-i",
      `base=${api.base}`,
      "-i",
      `token=${SECRET}`,
      "--record",
      "rec.json",
    ]);
    const text = readFileSync(path.join(p.cwd, "rec.json"), "utf8");
    expect(text).not.toContain(SECRET);
    const recording = JSON.parse(text);
    expect(recording.inputs.token).toBe("[REDACTED]");
    expect(recording.calls[0].arguments.headers).toEqual({ authorization: "[REDACTED]" });
    expect(recording.calls[0].output.body.seen).toContain("[REDACTED]");
  });

  it("a run that does not start writes no recording and says why", async () => {
    const p = await project();
    const result = await p.run([
      "run",
      "skills/digest",
      "-i",
      `base=${api.base}`,
      "--record",
      "rec.json",
    ]);
    expect(result.code).toBe(2);
    expect(existsSync(path.join(p.cwd, "rec.json"))).toBe(false);
    expect(result.stderr).toContain("nothing recorded");
  });
});

describe("skillflow test", () => {
  it("passes against a recorded run, offline: no request reaches the API", async () => {
    const p = await recorded();
    const before = api.hits.length;
    const result = await p.run(["test", "skills/digest"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("PASS basic");
    expect(result.stdout).toContain("1 test(s): 1 passed, 0 failed");
    expect(api.hits.length).toBe(before);
    const test = JSON.parse(readFileSync(path.join(p.dir, "tests", "basic.json"), "utf8"));
    expect(test.recording).toBe("recordings/basic.json");
    expect(
      readFileSync(path.join(p.dir, "tests", "recordings", "basic.json"), "utf8"),
    ).not.toContain(SECRET);
  });

  it("fails with a readable diff by path when the workflow's outputs change (exit 1)", async () => {
    const p = await recorded();
    edit(p.dir, "expression: { title: $item.title }", "expression: { title: $item.id }");
    const result = await p.run(["test", "skills/digest"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("FAIL basic");
    expect(result.stdout).toContain('outputs.titles[0].title: expected "a", got 1');
    expect(result.stdout).toContain('outputs.titles[2].title: expected "c", got 3');
    expect(result.stdout).toContain("1 test(s): 0 passed, 1 failed");
  });

  it("names missing and extra outputs", async () => {
    const p = await recorded();
    edit(p.dir, "  count: { type: int", "  total: { type: int");
    const result = await p.run(["test", "skills/digest"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("outputs.count: missing (expected 3)");
    expect(result.stdout).toContain("outputs.total: unexpected (got 3)");
  });

  it("--json: the results as data, with each difference's path and values", async () => {
    const p = await recorded();
    edit(p.dir, "expression: { title: $item.title }", "expression: { title: $item.id }");
    const result = await p.run(["test", "skills/digest", "--json"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report).sort()).toEqual(["failed", "folder", "passed", "problems", "tests"]);
    expect(report).toMatchObject({ passed: 0, failed: 1, problems: [] });
    const [test] = report.tests;
    expect(test).toMatchObject({
      name: "basic",
      passed: false,
      failure: "OUTPUTS_DIFFER",
      status: "success",
      expectedStatus: "success",
    });
    expect(test.differences[0]).toEqual({
      path: "outputs.titles[0].title",
      kind: "changed",
      expected: "a",
      actual: 1,
    });
    expect(test.differences).toHaveLength(3);
  });

  it("a call the recording does not answer fails the test naming the step and the fixture to add", async () => {
    const p = await recorded();
    edit(p.dir, '"${inputs.base}/items/${item.id}"', '"${inputs.base}/items/${item.id}?full=1"');
    const before = api.hits.length;
    const result = await p.run(["test", "skills/digest", "--json"]);
    expect(result.code).toBe(1);
    expect(api.hits.length).toBe(before);
    const [test] = JSON.parse(result.stdout).tests;
    expect(test.failure).toBe("UNANSWERED_CALL");
    expect(test.reasons[0]).toContain('tool "http" (step "detail", iteration 0)');
    expect(test.reasons[0]).toContain('fixtures["http"]');
  });

  it("--update writes the new outputs as the expectations; the test then passes", async () => {
    const p = await recorded();
    edit(p.dir, "expression: { title: $item.title }", "expression: { title: $item.id }");
    const update = await p.run(["test", "skills/digest", "--update"]);
    expect(update.code).toBe(0);
    expect(update.stdout).toContain("PASS basic (expectations updated)");
    const test = JSON.parse(readFileSync(path.join(p.dir, "tests", "basic.json"), "utf8"));
    expect(test.expect.outputs.titles[0]).toEqual({ title: 1 });
    expect(test.recording).toBe("recordings/basic.json");
    expect(readdir(path.join(p.dir, "tests"))).toEqual(["basic.json", "recordings"]);
    expect((await p.run(["test", "skills/digest"])).code).toBe(0);
  });

  it("a bad test file is named with its line and field (exit 2); the good ones still run", async () => {
    const p = await recorded();
    writeFileSync(
      path.join(p.dir, "tests", "bad.json"),
      '{\n  "expect": {\n    "outputs": 3\n  }\n}\n',
    );
    const result = await p.run(["test", "skills/digest"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/tests[/\\]bad\.json:3:16 error INVALID_FIELD expect\.outputs: /);
    expect(result.stdout).toContain("PASS basic");
    const only = await p.run(["test", "skills/digest", "-t", "basic"]);
    expect(only.code).toBe(0);
  });

  it("-t with a name no test has is a usage error listing nothing run", async () => {
    const p = await recorded();
    const result = await p.run(["test", "skills/digest", "-t", "nope"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no test named nope");
  });

  it("a skill without tests says how to make one (exit 3)", async () => {
    const p = await project(SKILL);
    const result = await p.run(["test", "skills/digest"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("skillflow run skills/digest --record run.json");
    expect(result.stderr).toContain(
      "skillflow test skills/digest --init <name> --from-record run.json",
    );
  });

  it("--init never overwrites a test", async () => {
    const p = await recorded();
    const again = await p.run([
      "test",
      "skills/digest",
      "--init",
      "basic",
      "--from-record",
      "rec.json",
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("exists");
  });
});
