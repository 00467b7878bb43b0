// Crash and resume through the real CLI (§13.6): a `skillflow run` process is SIGKILLed in the
// middle of an `each`, then `skillflow runs resume` finishes it. A counter script logs every tool
// invocation, so "nothing ran twice except the step in flight" is measured, not assumed.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { RunRow, StoredRun } from "@skillflow/store";
import { REPO_ROOT, cli, freshHome, temp, trustedEnv } from "./helpers.js";

const BIN = path.join(REPO_ROOT, "packages/cli/bin/skillflow.js");
const DIST = path.join(REPO_ROOT, "packages/cli/dist/main.js");
const ITEMS = 12;

/** Appends its argument to counts.txt (one line per invocation), then takes a while to answer. */
const COUNTER = `const fs = require("node:fs");
const i = process.argv[2];
fs.appendFileSync("counts.txt", i + "\\n");
setTimeout(() => process.stdout.write("item " + i), 150);
`;

const WORKFLOW = `---
name: counted
---

\`\`\`workflow
inputs:
  items: { type: array, default: [${Array.from({ length: ITEMS }, (_, i) => `"${i}"`).join(", ")}] }
outputs:
  results: { type: array, value: $steps.count.output }
  later: { type: array, value: $steps.last.output.items }
steps:
  - id: count
    type: tool
    tool: shell
    each: $inputs.items
    inputs:
      command: { type: string, value: node }
      args: { type: array, value: ["count.cjs", "\${item}"] }
    outputs:
      text: { type: string, value: $result.stdout }
  - id: last
    type: transform
    operation: filter
    where: $index > 5
    inputs:
      items: { type: array, value: $steps.count.output }
    outputs:
      items: { type: array }
\`\`\`
`;

/** A trusted project allowing only `node count.cjs <n>`, with its own history. */
async function project() {
  const cwd = temp("skillflow-crash-");
  writeFileSync(path.join(cwd, "count.cjs"), COUNTER);
  writeFileSync(path.join(cwd, "counted.md"), WORKFLOW);
  writeFileSync(
    path.join(cwd, "skillflow.config.json"),
    JSON.stringify({
      shell: { allow: [{ command: "node", args: [{ regex: "^count\\.cjs \\d{1,2}$" }] }] },
    }),
  );
  const env = {
    ...(await trustedEnv(cwd)),
    SKILLFLOW_HOME: freshHome(),
    NO_COLOR: "1",
    // The shell tool finds `node` on PATH: put this very node first.
    PATH: [path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
  };
  const counts = () => {
    const file = path.join(cwd, "counts.txt");
    return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
  };
  const call = (...argv: string[]) => cli(argv, { cwd, env });
  return { cwd, env, counts, call };
}

type Project = Awaited<ReturnType<typeof project>>;

/** Starts `skillflow run counted.md` as a process and SIGKILLs it once `killAt` items have started. */
async function runAndKill(p: Project, killAt: number): Promise<void> {
  const child = spawn(process.execPath, [BIN, "run", "counted.md"], {
    cwd: p.cwd,
    env: { ...process.env, ...p.env },
  });
  let stderr = "";
  child.stdout.resume();
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => (stderr += chunk));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      resolve();
    }),
  );
  while (p.counts().length < killAt) {
    if (exited) throw new Error(`the run ended before it was killed:\n${stderr}`);
    await sleep(10);
  }
  child.kill("SIGKILL");
  await exit;
}

/** The outputs of the same workflow run without interruption, in a project of its own. */
let baseline: Record<string, unknown> | undefined;
async function uninterrupted(): Promise<Record<string, unknown>> {
  if (baseline) return baseline;
  const p = await project();
  const result = await p.call("run", "counted.md", "--quiet");
  expect(result.code, result.stderr).toBe(0);
  expect(p.counts()).toEqual(Array.from({ length: ITEMS }, (_, i) => String(i)));
  baseline = JSON.parse(result.stdout) as Record<string, unknown>;
  return baseline;
}

describe("SIGKILL in the middle of an each, then runs resume", () => {
  it.each([2, 6, 10])(
    "killed once %i items started: only the item in flight runs twice",
    async (killAt) => {
      expect(existsSync(DIST), "packages/cli/dist is missing: run `npm run build` first").toBe(
        true,
      );
      const expected = await uninterrupted();
      const p = await project();
      await runAndKill(p, killAt);
      const before = p.counts().length;
      expect(before).toBeGreaterThanOrEqual(killAt);
      expect(before).toBeLessThan(ITEMS);

      const listed = await p.call("runs", "list", "--json");
      const rows = JSON.parse(listed.stdout) as RunRow[];
      expect(rows.map((r) => r.status)).toEqual(["interrupted"]);
      const id = rows[0]!.id;

      // An interrupted run waits for no decision: approve points at runs resume.
      const approve = await p.call("approve", id.slice(0, 8));
      expect(approve.code).toBe(2);
      expect(approve.stderr).toContain("error NOT_RESUMABLE");
      expect(approve.stderr).toContain("skillflow runs resume");

      const resumed = await p.call("runs", "resume", id.slice(0, 8), "--quiet");
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toEqual(expected);

      const counts = p.counts();
      const times = new Map<string, number>();
      for (const line of counts) times.set(line, (times.get(line) ?? 0) + 1);
      // Every item ran; every one exactly once except at most the one in flight at the kill.
      expect([...times.keys()].sort((a, b) => Number(a) - Number(b))).toEqual(
        Array.from({ length: ITEMS }, (_, i) => String(i)),
      );
      const twice = [...times].filter(([, n]) => n > 1);
      expect(twice.length, counts.join(",")).toBeLessThanOrEqual(1);
      for (const [item, n] of twice) {
        expect(n).toBe(2);
        // The one run again was in flight at the kill: the last one started (items run in order),
        // or the next one if the kill landed just as it was being started.
        expect(Number(item)).toBeGreaterThanOrEqual(killAt - 1);
        expect(Number(item)).toBeLessThanOrEqual(killAt);
      }
      expect(counts.length).toBe(ITEMS + twice.length);

      const shown = await p.call("runs", "show", id, "--json");
      const run = JSON.parse(shown.stdout) as StoredRun;
      expect(run.status).toBe("success");
      expect(run.outputs).toEqual(expected);
    },
    60_000,
  );
});
