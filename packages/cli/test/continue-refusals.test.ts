// Review of §13 on the command line: approve and runs resume refuse a changed document or a damaged
// checkpoint before they claim the run, so the run can still be continued once the cause is fixed.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openSqliteRunStore } from "@skillflow/store";
import type { RunLog } from "@skillflow/workflow";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { checkpointDamage } from "@skillflow/workflow";
import { cli, freshHome, temp } from "./helpers.js";

const DOC = `---
name: gate
description: One approval.
---

\`\`\`workflow
outputs:
  ok: { type: boolean, value: $steps.ok.output.approved }
steps:
  - id: ok
    type: approval
    message: "Go?"
\`\`\`
`;

interface Project {
  cwd: string;
  env: Record<string, string>;
  home: string;
}

function project(): Project {
  const cwd = temp("skillflow-continue-");
  const home = freshHome();
  writeFileSync(path.join(cwd, "gate.md"), DOC);
  return { cwd, home, env: { SKILLFLOW_HOME: home } };
}

async function suspended(where: Project): Promise<string> {
  const run = await cli(["run", "gate.md", "--no-prompt", "--json"], where);
  expect(run.code).toBe(4);
  return (JSON.parse(run.stdout) as RunLog).id;
}

/** Rewrites the stored checkpoint of run `id` with `change`. */
function tamper(where: Project, id: string, change: (cp: Record<string, unknown>) => void): void {
  // The SQLite store keeps a checkpoint's records one row each and the rest in one row.
  const db = new Database(path.join(where.home, "history.db"));
  try {
    const row = db.prepare("SELECT checkpoint FROM checkpoints WHERE run_id = ?").get(id) as {
      checkpoint: string;
    };
    const records = db
      .prepare("SELECT record FROM checkpoint_records WHERE run_id = ? ORDER BY idx")
      .all(id) as { record: string }[];
    const checkpoint = JSON.parse(row.checkpoint) as Record<string, unknown>;
    checkpoint.records = records.map((r) => JSON.parse(r.record) as unknown);
    change(checkpoint);
    const { records: changed, ...rest } = checkpoint;
    const list = changed as unknown[];
    db.prepare("DELETE FROM checkpoint_records WHERE run_id = ?").run(id);
    list.forEach((record, idx) =>
      db
        .prepare("INSERT INTO checkpoint_records (run_id, idx, record) VALUES (?, ?, ?)")
        .run(id, idx, JSON.stringify(record)),
    );
    db.prepare("UPDATE checkpoints SET checkpoint = ?, records = ? WHERE run_id = ?").run(
      JSON.stringify(rest),
      list.length,
      id,
    );
  } finally {
    db.close();
  }
}

describe("continuing a run whose document changed", () => {
  it("refuses without touching the run, which --allow-changed then continues", async () => {
    const where = project();
    const id = await suspended(where);
    appendFileSync(path.join(where.cwd, "gate.md"), "\nMore prose.\n");
    const refused = await cli(["approve", id.slice(0, 8)], where);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("WORKFLOW_CHANGED");
    expect(refused.stderr).toContain("--allow-changed");
    const list = await cli(["runs", "list", "--json"], where);
    expect((JSON.parse(list.stdout) as Array<{ status: string }>)[0]?.status).toBe("waiting");
    const allowed = await cli(["approve", id.slice(0, 8), "--allow-changed", "--json"], where);
    expect(allowed.code).toBe(0);
    expect((JSON.parse(allowed.stdout) as RunLog).outputs).toEqual({ ok: true });
  });
});

const CHILD = `---
name: child
description: An approval in a sub-workflow.
---

\`\`\`workflow
outputs:
  ok: { type: boolean, value: $steps.gate.output.approved }
steps:
  - id: gate
    type: approval
    message: "Child go?"
\`\`\`
`;

const PARENT = `---
name: parent
description: Calls the child.
---

\`\`\`workflow
outputs:
  ok: { type: boolean, value: $steps.sub.output.ok }
steps:
  - id: sub
    type: workflow
    workflow: ../child
\`\`\`
`;

describe("continuing a run whose sub-workflow changed", () => {
  it("refuses, keeps the run waiting and says how to allow it", async () => {
    const where = project();
    for (const [name, text] of [
      ["child", CHILD],
      ["parent", PARENT],
    ] as const) {
      mkdirSync(path.join(where.cwd, "lib", name), { recursive: true });
      writeFileSync(path.join(where.cwd, "lib", name, "SKILL.md"), text);
    }
    const run = await cli(["run", "lib/parent", "--no-prompt", "--json"], where);
    expect(run.code).toBe(4);
    const id = (JSON.parse(run.stdout) as RunLog).id.slice(0, 8);
    appendFileSync(path.join(where.cwd, "lib", "child", "SKILL.md"), "\nMore prose.\n");
    const refused = await cli(["approve", id], where);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--allow-changed");
    expect(refused.stderr).not.toContain("internal error");
    const show = await cli(["runs", "show", id, "--json"], where);
    expect(JSON.parse(show.stdout)).toMatchObject({
      status: "waiting",
      pending: [{ key: "sub/gate" }],
    });
    const allowed = await cli(["approve", id, "--allow-changed", "--json"], where);
    expect(allowed.code).toBe(0);
    expect((JSON.parse(allowed.stdout) as RunLog).outputs).toEqual({ ok: true });
  });
});

describe("deciding an expired approval", () => {
  it("approve refuses (the decision would not be used) and runs resume applies on_timeout", async () => {
    const where = project();
    writeFileSync(
      path.join(where.cwd, "gate.md"),
      DOC.replace('message: "Go?"', 'message: "Go?"\n    timeout: 1h\n    on_timeout: approve'),
    );
    const id = await suspended(where);
    // An hour is long: move the stored deadline into the past instead of waiting for it.
    const past = "2000-01-01T00:00:00.000Z";
    tamper(
      where,
      id,
      (cp) => ((cp.pending as Array<{ expires_at: string }>)[0]!.expires_at = past),
    );
    const db = new Database(path.join(where.home, "history.db"));
    const row = db.prepare("SELECT pending FROM runs WHERE id = ?").get(id) as { pending: string };
    const pending = JSON.parse(row.pending) as Array<{ expires_at: string }>;
    pending[0]!.expires_at = past;
    db.prepare("UPDATE runs SET pending = ? WHERE id = ?").run(JSON.stringify(pending), id);
    db.close();
    const refused = await cli(["approve", id.slice(0, 8), "--reject"], where);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("APPROVAL_EXPIRED");
    expect(refused.stderr).toContain(`skillflow runs resume ${id.slice(0, 8)}`);
    const resumed = await cli(["runs", "resume", id.slice(0, 8), "--json"], where);
    expect(resumed.code).toBe(0);
    expect((JSON.parse(resumed.stdout) as RunLog).outputs).toEqual({ ok: true });
  });
});

describe("continuing from a damaged checkpoint", () => {
  it.each<[string, (cp: Record<string, unknown>) => void]>([
    ["records", (cp) => ((cp.records as unknown[])[0] = 5)],
    ["started_at", (cp) => (cp.started_at = "garbage")],
    ["pending", (cp) => (cp.pending = [{ key: "ok", response: "x" }])],
    ["inputs", (cp) => (cp.inputs = null)],
    ['children["x"].records', (cp) => (cp.children = { x: { ...cp, records: {} } })],
  ])("names %s, fails nothing and prints no internal error", async (part, change) => {
    const where = project();
    const id = await suspended(where);
    tamper(where, id, change);
    const refused = await cli(["approve", id], where);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("CHECKPOINT_DAMAGED");
    expect(refused.stderr).toContain(`(${part} is not`);
    expect(refused.stderr).not.toContain("internal error");
    const list = await cli(["runs", "list", "--json"], where);
    expect((JSON.parse(list.stdout) as Array<{ status: string }>)[0]?.status).toBe("waiting");
  });

  it("accepts every checkpoint the runtime writes (no false alarm)", async () => {
    const where = project();
    const id = await suspended(where);
    const store = openSqliteRunStore({ path: path.join(where.home, "history.db") });
    try {
      const checkpoint = store.checkpoint(id);
      expect(checkpoint?.records.length).toBeGreaterThan(0);
      expect(checkpointDamage(checkpoint)).toBeUndefined();
    } finally {
      store.close();
    }
  });
});
