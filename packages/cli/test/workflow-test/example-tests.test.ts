// The workflow tests shipped with the examples pass, offline: they are what docs/testing.md shows.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, REPO_ROOT } from "../helpers.js";

describe("examples' workflow tests", () => {
  it("skillflow test examples/triage-issues passes against its recording", async () => {
    const result = await cli(["test", "examples/triage-issues", "--json"], { cwd: REPO_ROOT });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.folder).toBe(path.join(REPO_ROOT, "examples", "triage-issues", "tests"));
    expect(report.tests.map((t: { name: string; passed: boolean }) => [t.name, t.passed])).toEqual([
      ["sync-top-3", true],
    ]);
  });
});
