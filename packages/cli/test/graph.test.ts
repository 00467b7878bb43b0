// skillflow graph: Mermaid structure for steps, branches, loops, guards and exits.
import { describe, expect, it } from "vitest";
import { REPO_ROOT, cli } from "./helpers.js";

describe("skillflow graph", () => {
  it("draws branches with then/else edges, each loops and exits as terminal nodes", async () => {
    const result = await cli(["graph", "branches.md"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n").map((l) => l.trim());
    expect(lines[0]).toBe("flowchart TD");
    expect(lines).toEqual(
      expect.arrayContaining([
        "start --> s_route",
        "s_route -->|then| s_fetch",
        "s_fetch --> s_after",
        "s_route -->|else| s_nothing",
        "s_after --> done",
      ]),
    );
    expect(result.stdout).toMatch(/s_route\{".*conditional/);
    expect(result.stdout).toMatch(/s_fetch\[".*↻ each \$inputs\.urls/);
    expect(result.stdout).toMatch(/s_nothing\(\[".*exit: success/);
    expect(lines).not.toContain("s_nothing --> s_after");
  });

  it("draws guards as dashed edges", async () => {
    const result = await cli(["graph", "examples/repo-activity"], { cwd: REPO_ROOT });
    expect(result.stdout).toContain("s_not_a_repository -.->|guard false| s_per_kind");
    expect(result.stdout).toContain("s_latest --> s_not_a_repository");
  });

  it("exits 2 with located problems for an invalid document or a bad call", async () => {
    const result = await cli(["graph", "broken.md"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("broken.md:12:21 UNDECLARED_INPUT");
    expect((await cli(["graph"])).code).toBe(2);
  });
});
