// Test files and recordings from someone else: FIFOs and huge files are refused, never read.
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createWorkflowTest, loadWorkflowTests } from "../../src/index.js";

const FLOW = "```workflow\nsteps:\n  - id: get\n    type: tool\n    tool: api\n```\n";

function skill(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "wft-hostile-"));
  writeFileSync(path.join(dir, "SKILL.md"), FLOW);
  mkdirSync(path.join(dir, "tests", "recordings"), { recursive: true });
  return dir;
}

const test = (dir: string, name: string, value: unknown) =>
  writeFileSync(path.join(dir, "tests", `${name}.json`), JSON.stringify(value));

describe("loadWorkflowTests on hostile files", () => {
  it.skipIf(process.platform === "win32")(
    "refuses a recording that is a FIFO instead of blocking on it",
    async () => {
      const dir = skill();
      execFileSync("mkfifo", [path.join(dir, "tests", "recordings", "pipe.json")]);
      test(dir, "pipe", { recording: "recordings/pipe.json", expect: { outputs: {} } });
      const loaded = await loadWorkflowTests(dir);
      expect(loaded.tests).toEqual([]);
      expect(loaded.diagnostics.map((d) => [d.code, path.basename(d.file)])).toEqual([
        ["UNREADABLE", "pipe.json"],
      ]);
      expect(loaded.diagnostics[0]!.message).toContain("FIFO");
    },
  );

  it("refuses a huge recording and a huge test file without reading them", async () => {
    const dir = skill();
    const huge = path.join(dir, "tests", "recordings", "huge.json");
    writeFileSync(huge, "");
    truncateSync(huge, 64 * 1024 * 1024);
    test(dir, "a", { recording: "recordings/huge.json", expect: { outputs: {} } });
    const big = path.join(dir, "tests", "big.json");
    writeFileSync(big, "");
    truncateSync(big, 64 * 1024 * 1024);
    const loaded = await loadWorkflowTests(dir);
    expect(loaded.diagnostics.map((d) => [d.code, path.basename(d.file)]).sort()).toEqual([
      ["UNREADABLE", "big.json"],
      ["UNREADABLE", "huge.json"],
    ]);
  });

  it("refuses a test or recording nested deeper than any real one, located, without overflowing", async () => {
    const dir = skill();
    const deep = `${"[".repeat(200000)}${"]".repeat(200000)}`;
    writeFileSync(path.join(dir, "tests", "deep.json"), `{"expect":{"outputs":{"a":${deep}}}}`);
    writeFileSync(
      path.join(dir, "tests", "recordings", "deep.json"),
      `{"format":"skillflow-recording","calls":${deep}}`,
    );
    test(dir, "rec", { recording: "recordings/deep.json", expect: { outputs: {} } });
    const loaded = await loadWorkflowTests(dir);
    expect(loaded.tests).toEqual([]);
    expect(
      loaded.diagnostics.map((d) => [d.code, path.basename(path.dirname(d.file)), d.line]),
    ).toEqual([
      ["INVALID_SYNTAX", "tests", 1],
      ["INVALID_SYNTAX", "recordings", 1],
    ]);
  });

  it("reads no tests through a tests/ folder that a symlink leads outside the skill", async () => {
    const outside = mkdtempSync(path.join(tmpdir(), "wft-outside-"));
    writeFileSync(path.join(outside, "x.json"), JSON.stringify({ expect: { outputs: {} } }));
    const dir = mkdtempSync(path.join(tmpdir(), "wft-hostile-"));
    writeFileSync(path.join(dir, "SKILL.md"), FLOW);
    symlinkSync(outside, path.join(dir, "tests"));
    const loaded = await loadWorkflowTests(dir);
    expect(loaded.tests).toEqual([]);
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(["PATH_OUTSIDE_SKILL"]);
  });

  it("--init writes nothing through a tests/recordings/ that a symlink leads outside the skill", async () => {
    const outside = mkdtempSync(path.join(tmpdir(), "wft-outside-"));
    const dir = mkdtempSync(path.join(tmpdir(), "wft-hostile-"));
    writeFileSync(path.join(dir, "SKILL.md"), FLOW);
    mkdirSync(path.join(dir, "tests"));
    symlinkSync(outside, path.join(dir, "tests", "recordings"));
    const recording = path.join(mkdtempSync(path.join(tmpdir(), "wft-rec-")), "run.json");
    writeFileSync(
      recording,
      JSON.stringify({
        format: "skillflow-recording",
        version: 1,
        workflow: "w",
        recorded_at: "2026-01-01T00:00:00.000Z",
        status: "success",
        inputs: {},
        outputs: {},
        calls: [],
      }),
    );
    await expect(createWorkflowTest(dir, "mine", recording)).rejects.toMatchObject({
      code: "PATH_OUTSIDE_SKILL",
    });
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(path.join(dir, "tests"))).toEqual(["recordings"]);
  });
});
