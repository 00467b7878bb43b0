// The standard tool `previous_run` in `skillflow run`: the last successful run of the same workflow,
// read from the history the run is recorded in (as `skillflow serve` offers it).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, freshHome, temp } from "./helpers.js";

const DOC = `---
name: counter
description: Reports what the previous run said.
---

\`\`\`workflow
inputs:
  word: { type: string }
outputs:
  word: { type: string, value: $inputs.word }
  before: { type: object, value: $steps.prev.output }
steps:
  - id: prev
    type: tool
    tool: previous_run
    outputs:
      found: { type: boolean }
\`\`\`
`;

function project(): { cwd: string; env: Record<string, string> } {
  const cwd = temp("skillflow-previous-");
  writeFileSync(path.join(cwd, "counter.md"), DOC);
  return { cwd, env: { SKILLFLOW_HOME: freshHome() } };
}

describe("previous_run in skillflow run", () => {
  it("answers found: false first, then the last successful run's id and outputs", async () => {
    const p = project();
    const run = (word: string) => cli(["run", "counter.md", "-i", `word=${word}`, "--json"], p);
    const first = await run("one");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).outputs.before).toEqual({ found: false });
    const firstId = JSON.parse(first.stdout).id as string;
    const second = JSON.parse((await run("two")).stdout);
    expect(second.outputs.before).toMatchObject({
      found: true,
      run_id: firstId,
      outputs: { word: "one", before: { found: false } },
    });
  });

  it("is listed by skillflow tools and known to skillflow validate", async () => {
    const p = project();
    const tools = await cli(["tools", "--json"], p);
    expect(JSON.parse(tools.stdout).map((t: { name: string }) => t.name)).toContain("previous_run");
    expect((await cli(["validate", "counter.md"], p)).code).toBe(0);
  });

  it("is not offered without a history (--no-history): the run names the unknown tool", async () => {
    const p = project();
    const result = await cli(["run", "counter.md", "-i", "word=x", "--no-history", "--json"], p);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("previous_run");
  });
});
