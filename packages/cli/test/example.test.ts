// The README's first command: examples/repo-activity runs offline on this repository's git history.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, cli } from "./helpers.js";

const isGitRepo = (() => {
  try {
    execFileSync("git", ["rev-parse", "--git-dir"], { cwd: REPO_ROOT, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(isGitRepo)("examples/repo-activity", () => {
  it("summarises recent commits, grouped by kind", async () => {
    const result = await cli(["run", "examples/repo-activity", "--quiet"], { cwd: REPO_ROOT });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const outputs = JSON.parse(result.stdout) as {
      latest: string;
      by_kind: { title: string; commits: string }[];
    };
    expect(outputs.latest.split("\n").length).toBeGreaterThan(0);
    expect(outputs.latest).toMatch(/^\d{4}-\d\d-\d\d [0-9a-f]{7,} /);
    expect(outputs.by_kind.map((k) => k.title)).toEqual([
      "Features",
      "Fixes",
      "Documentation",
      "Performance",
      "Refactors",
    ]);
  });

  it("cannot run git with arguments outside the allowlist", async () => {
    const result = await cli(
      [
        "run",
        "examples/repo-activity",
        "--json",
        "--inputs",
        '{"kinds": [{"title": "x", "args": ["log", "--output=/tmp/x"]}]}',
      ],
      { cwd: REPO_ROOT },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("not allowed");
  });
});
