// Failed `each` items through the CLI: `run` records them and `runs show` names every failed item.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { StoredRun } from "@skillflow/store";
import { showRun } from "../src/runs/format.js";
import { createStyle } from "../src/style.js";
import { cli, freshHome } from "./helpers.js";

const WORKFLOW = `---
name: read-all
---

\`\`\`workflow
inputs:
  files: { type: array, default: [here.txt, gone-1.txt, here.txt, gone-3.txt] }
steps:
  - id: read
    type: tool
    tool: file_read
    each: $inputs.files
    on_error: ignore
    inputs:
      path: { type: string, value: $item }
\`\`\`
`;

describe("failed each items in the history", () => {
  it("run records iteration_errors and runs show lists each failed item by index", async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), "skillflow-each-"));
    await writeFile(path.join(cwd, "read-all.md"), WORKFLOW);
    await writeFile(path.join(cwd, "here.txt"), "hi");
    const env = { SKILLFLOW_HOME: freshHome() };
    const ran = await cli(["run", "read-all.md"], { cwd, env });
    const id = /run ([0-9a-f-]{36}) recorded/.exec(ran.stdout)?.[1];
    expect(id, ran.stdout + ran.stderr).toBeDefined();
    expect(ran.stdout).toContain("step read: 2 of 4 items failed");
    expect(ran.stdout).toMatch(/^ {2}item 3: .*gone-3\.txt/m);

    const json = await cli(["runs", "show", id!, "--json"], { cwd, env });
    const run = JSON.parse(json.stdout) as StoredRun;
    const step = run.steps.find((s) => s.id === "read");
    expect(step?.iteration_errors?.map((e) => e.index)).toEqual([1, 3]);
    expect(step?.iteration_errors?.[0]?.error).toContain("gone-1.txt");
    expect(step?.error).toContain("gone-3.txt");

    const text = await cli(["runs", "show", id!], { cwd, env });
    expect(text.stdout).toContain("step read: 2 of 4 items failed");
    expect(text.stdout).toMatch(/^ {2}item 1: .*gone-1\.txt/m);
    expect(text.stdout).toMatch(/^ {2}item 3: .*gone-3\.txt/m);
  });
});

it("the run summary lists a few failed items and points to runs show for the rest", async () => {
  const cwd = await mkdtemp(path.join(tmpdir(), "skillflow-each-"));
  await writeFile(path.join(cwd, "read-all.md"), WORKFLOW);
  const files = JSON.stringify(Array.from({ length: 8 }, (_, i) => `gone-${i}.txt`));
  const ran = await cli(["run", "read-all.md", "--inputs", `{"files": ${files}}`], {
    cwd,
    env: { SKILLFLOW_HOME: freshHome() },
  });
  expect(ran.stdout).toContain("step read: 8 of 8 items failed");
  expect(ran.stdout).toMatch(/^ {2}item 4: .*gone-4\.txt/m);
  expect(ran.stdout).not.toMatch(/^ {2}item 5:/m);
  expect(ran.stdout).toMatch(/… and 3 more \(skillflow runs show [0-9a-f]{8}\)/);
});

describe("showRun error lines", () => {
  const base: StoredRun = {
    id: "r1",
    workflow: "w",
    status: "failed",
    startedAt: "2026-01-01T00:00:00.000Z",
    stepsExecuted: 1,
    stepsSkipped: 0,
    verbosity: "standard",
    steps: [],
  };
  const style = createStyle(false);

  it("keeps the single error line of a step without iteration errors", () => {
    const run = { ...base, steps: [{ id: "a", status: "failed" as const, error: "boom" }] };
    expect(showRun(run, style)).toContain("step a: boom");
  });

  it("lists the failed items of an each step (iterations unknown in older records)", () => {
    const run = {
      ...base,
      steps: [
        {
          id: "a",
          status: "failed" as const,
          error: "late",
          iteration_errors: [
            { index: 0, error: "early" },
            { index: 5, error: "late" },
          ],
        },
      ],
    };
    const text = showRun(run, style);
    expect(text).toContain("step a: 2 items failed\n  item 0: early\n  item 5: late");
  });
});
