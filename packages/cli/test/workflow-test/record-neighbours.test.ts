// --record and skillflow test around the edges: sub-workflows, approvals decided on the terminal,
// a run left waiting, a recording that cannot be written.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Io } from "../../src/io.js";
import { cli } from "../helpers.js";
import { project, SECRET, startApi } from "./_project.js";

let api: Awaited<ReturnType<typeof startApi>>;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.server.close());

const PARENT = `---
name: parent
description: Calls the child workflow for two item ids.
---

\`\`\`workflow
inputs:
  base: { type: string }
  ids: { type: array, default: [1, 2] }
outputs:
  notes: { type: array, value: $steps.each_item.output }
steps:
  - id: each_item
    type: workflow
    workflow: ../child/SKILL.md
    each: $inputs.ids
    inputs:
      base: { type: string, value: $inputs.base }
      id: { type: int, value: $item }
\`\`\`
`;

const CHILD = `---
name: child
description: Fetches one item's note.
---

\`\`\`workflow
inputs:
  base: { type: string }
  id: { type: int }
outputs:
  note: { type: string, value: $steps.get.output.note }
steps:
  - id: get
    type: tool
    tool: http
    inputs:
      url: { type: string, value: "\${inputs.base}/items/\${inputs.id}" }
    outputs:
      note: { type: string, value: $result.body.note }
\`\`\`
`;

const GATED = `---
name: digest
description: Lists items, then asks before going on.
---

\`\`\`workflow
inputs:
  base: { type: string }
outputs:
  count: { type: int, value: $steps.list.output.count }
  note: { type: string, value: $steps.confirm.output.response.note }
steps:
  - id: list
    type: tool
    tool: http
    inputs:
      url: { type: string, value: "\${inputs.base}/items" }
    outputs:
      count: { type: int, value: $result.body.items.length }
  - id: confirm
    type: approval
    message: "Go on with \${steps.list.output.count} items?"
    response:
      note: { type: string, nullable: true }
\`\`\`
`;

/** A terminal whose person answers `answers` in turn. */
function terminal(answers: string[]): Partial<Io> {
  return {
    isTTY: true,
    ask: async () => {
      const next = answers.shift();
      if (next === undefined) throw new Error("unexpected question");
      return next;
    },
  };
}

describe("--record with sub-workflows and approvals", () => {
  it("records a sub-workflow's calls (naming it) and the test replays them offline", async () => {
    const p = await project(PARENT);
    mkdirSync(path.join(p.cwd, "skills", "child"));
    writeFileSync(path.join(p.cwd, "skills", "child", "SKILL.md"), CHILD);
    const run = await p.run([
      "run",
      "skills/digest",
      "-i",
      `base=${api.base}`,
      "--record",
      "rec.json",
    ]);
    expect(run.code).toBe(0);
    const recording = JSON.parse(readFileSync(path.join(p.cwd, "rec.json"), "utf8"));
    expect(
      recording.calls.map((c: Record<string, unknown>) => [c.tool, c.step, c.workflow]),
    ).toEqual([
      ["http", "get", "child"],
      ["http", "get", "child"],
    ]);
    expect(recording.outputs).toEqual({ notes: [{ note: "note 1" }, { note: "note 2" }] });
    expect(
      (await p.run(["test", "skills/digest", "--init", "sub", "--from-record", "rec.json"])).code,
    ).toBe(0);
    const before = api.hits.length;
    const test = await p.run(["test", "skills/digest"]);
    expect(test.code).toBe(0);
    expect(api.hits.length).toBe(before);
    // The child changes what it returns: the parent's test sees it.
    writeFileSync(
      path.join(p.cwd, "skills", "child", "SKILL.md"),
      CHILD.replace("value: $result.body.note }", 'value: "${result.body.note}?" }'),
    );
    const changed = await p.run(["test", "skills/digest"]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('outputs.notes[0].note: expected "note 1", got "note 1?"');
  });

  it("records the decision given on the terminal; the test replays it", async () => {
    const p = await project(GATED);
    const run = await cli(
      ["run", "skills/digest", "-i", `base=${api.base}`, "--record", "rec.json", "--by", "ana"],
      { cwd: p.cwd, env: p.env, ...terminal(["y", "looks fine"]) },
    );
    expect(run.code).toBe(0);
    const recording = JSON.parse(readFileSync(path.join(p.cwd, "rec.json"), "utf8"));
    expect(recording.approvals).toEqual({
      confirm: { approved: true, by: "ana", response: { note: "looks fine" } },
    });
    expect(
      (await p.run(["test", "skills/digest", "--init", "gate", "--from-record", "rec.json"])).code,
    ).toBe(0);
    const test = await p.run(["test", "skills/digest", "--json"]);
    expect(JSON.parse(test.stdout).tests[0]).toMatchObject({
      passed: true,
      outputs: { count: 3, note: "looks fine" },
    });
    // Without the decision the test names the approval to decide.
    const file = path.join(p.dir, "tests", "recordings", "gate.json");
    const stored = JSON.parse(readFileSync(file, "utf8"));
    delete stored.approvals;
    writeFileSync(file, JSON.stringify(stored));
    const undecided = await p.run(["test", "skills/digest", "--json"]);
    expect(undecided.code).toBe(1);
    const [result] = JSON.parse(undecided.stdout).tests;
    expect(result).toMatchObject({ failure: "WRONG_STATUS", status: "waiting" });
    expect(result.reasons[0]).toContain('"approvals": { "confirm": { "approved": true } }');
  });

  it("a run left waiting (--no-prompt) is recorded as waiting, and its test expects that", async () => {
    const p = await project(GATED);
    const run = await p.run([
      "run",
      "skills/digest",
      "-i",
      `base=${api.base}`,
      "--no-prompt",
      "--record",
      "rec.json",
    ]);
    expect(run.code).toBe(4);
    const recording = JSON.parse(readFileSync(path.join(p.cwd, "rec.json"), "utf8"));
    expect([recording.status, recording.calls.length]).toEqual(["waiting", 1]);
    expect(
      (await p.run(["test", "skills/digest", "--init", "waits", "--from-record", "rec.json"])).code,
    ).toBe(0);
    const test = JSON.parse(readFileSync(path.join(p.dir, "tests", "waits.json"), "utf8"));
    expect(test.expect.status).toBe("waiting");
    expect((await p.run(["test", "skills/digest"])).code).toBe(0);
  });

  it("a recording that cannot be written is a usage error naming the file; no secret in any output", async () => {
    const p = await project(GATED);
    mkdirSync(path.join(p.cwd, "taken"));
    const run = await p.run([
      "run",
      "skills/digest",
      "-i",
      `base=${api.base}`,
      "--no-prompt",
      "--record",
      "taken",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot write");
    expect(run.stderr).toContain("taken");
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });
});
