// Approvals through the CLI (§13.4): `run` suspends (exit 4) or asks on a terminal, `approve`
// decides a waiting run, `runs resume` applies an expired deadline, `runs list | show` show them.
import { appendFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { RunRow, StoredRun } from "@skillflow/store";
import type { Io } from "../src/io.js";
import { UNRECORDED_WAITING } from "../src/run/approvals.js";
import { cli, freshHome, temp } from "./helpers.js";

const doc = (body: string) => `---\nname: x\n---\n\n\`\`\`workflow\n${body}\`\`\`\n`;

/** An approval with two optional typed response fields, then a step after it. */
const ASK = doc(`inputs:
  count: { type: int, default: 3 }
outputs:
  approved: { type: boolean, value: $steps.confirm.output.approved }
  by: { type: string, nullable: true, value: $steps.confirm.output.by }
  note: { type: string, nullable: true, value: $steps.confirm.output.response.note ?? null }
  level: { type: int, nullable: true, value: $steps.confirm.output.response.level ?? null }
  after: { type: array, value: $steps.after.output.items }
steps:
  - id: confirm
    type: approval
    message: "Send \${inputs.count} emails?"
    timeout: 24h
    on_timeout: reject
    response:
      note: { type: string, nullable: true }
      level: { type: int, nullable: true }
  - id: after
    type: transform
    operation: filter
    where: $item > 1
    inputs:
      items: { type: array, value: [1, 2] }
    outputs:
      items: { type: array }
`);

/** An approval whose response field is required (not nullable). */
const STRICT = doc(`outputs:
  reason: { type: string, nullable: true, value: $steps.confirm.output.response.reason ?? null }
steps:
  - id: confirm
    type: approval
    message: "Why?"
    response:
      reason: { type: string }
`);

/**
 * An approval whose deadline passes soon; on_timeout rejects. Long enough for the run to suspend
 * before it (a deadline already passed when the run would suspend applies on_timeout at once).
 */
const EXPIRE = doc(`outputs:
  approved: { type: boolean, value: $steps.confirm.output.approved }
  timed_out: { type: boolean, value: $steps.confirm.output.timed_out }
steps:
  - id: confirm
    type: approval
    message: "Quick!"
    timeout: 1s
    on_timeout: reject
`);

/** A project folder with the fixture workflows and its own empty history. */
function project() {
  const cwd = temp("skillflow-approvals-");
  writeFileSync(path.join(cwd, "ask.md"), ASK);
  writeFileSync(path.join(cwd, "strict.md"), STRICT);
  writeFileSync(path.join(cwd, "expire.md"), EXPIRE);
  const env = { SKILLFLOW_HOME: freshHome(), USER: "tester" };
  const call = (argv: string[], overrides: Partial<Io> = {}) =>
    cli(argv, { cwd, ...overrides, env: { ...env, ...overrides.env } });
  const list = async (...filters: string[]) => {
    const result = await call(["runs", "list", "--json", ...filters]);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as RunRow[];
  };
  const show = async (id: string) => {
    const result = await call(["runs", "show", id, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as StoredRun;
  };
  /** Runs `file` until it suspends; returns the short id printed in the approve hint. */
  const suspend = async (file: string, ...flags: string[]) => {
    const result = await call(["run", file, ...flags]);
    expect(result.code, result.stderr).toBe(4);
    const short = /skillflow approve ([0-9a-f]{8})\b/.exec(result.stdout)?.[1];
    expect(short, result.stdout).toBeDefined();
    return short!;
  };
  /** Suspends expire.md and waits (polling the history) until its deadline has passed. */
  const suspendExpired = async () => {
    const short = await suspend("expire.md");
    while (!(await call(["runs", "list"])).stdout.includes("(expired)")) await sleep(50);
    return short;
  };
  return { cwd, call, list, show, suspend, suspendExpired };
}

/** A terminal that answers the prompts in order. */
function terminal(...answers: string[]): Partial<Io> & { asked: string[] } {
  const asked: string[] = [];
  return {
    isTTY: true,
    asked,
    ask: (question: string) => {
      asked.push(question);
      const answer = answers.shift();
      if (answer === undefined) return Promise.reject(new Error(`unexpected prompt ${question}`));
      return Promise.resolve(answer);
    },
  };
}

describe("a run that reaches an approval without a terminal", () => {
  it("suspends (exit 4); runs list --status waiting and runs show describe what it waits for", async () => {
    const p = project();
    const short = await p.suspend("ask.md", "-i", "count=5");
    const waiting = await p.list("--status", "waiting");
    expect(waiting.map((r) => r.id.slice(0, 8))).toEqual([short]);
    expect(await p.list("--status", "success")).toEqual([]);

    const run = await p.show(short);
    expect(run.status).toBe("waiting");
    expect(run.pending).toHaveLength(1);
    expect(run.pending![0]).toMatchObject({ key: "confirm", message: "Send 5 emails?" });
    expect(run.pending![0]!.expires_at).toMatch(/^\d{4}-\d\d-\d\dT/);

    const text = await p.call(["runs", "show", short]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Waiting for");
    expect(text.stdout).toContain("Send 5 emails?");
    expect(text.stdout).toContain(`expires ${run.pending![0]!.expires_at}`);
    expect(text.stdout).toContain("note (string, optional)");
    expect(text.stdout).toContain("level (int, optional)");
    expect(text.stdout).toContain(`skillflow approve ${short}`);
    const table = await p.call(["runs", "list"]);
    expect(table.stdout).toMatch(new RegExp(`${short}.*\\bwaiting\\b`));
    expect(table.stdout).not.toContain("(expired)");
  });

  it("--json prints a parseable log with status waiting and the pending approval", async () => {
    const p = project();
    const result = await p.call(["run", "ask.md", "--json"]);
    expect(result.code).toBe(4);
    const log = JSON.parse(result.stdout) as {
      status: string;
      pending: { key: string; response: Record<string, unknown> }[];
    };
    expect(log.status).toBe("waiting");
    expect(log.pending.map((a) => a.key)).toEqual(["confirm"]);
    expect(Object.keys(log.pending[0]!.response)).toEqual(["note", "level"]);
  });

  it("--quiet keeps stdout for outputs: nothing there, the approve command on stderr", async () => {
    const p = project();
    const result = await p.call(["run", "ask.md", "--quiet"]);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/skillflow approve [0-9a-f]{8}/);
  });

  it("approve continues it to the end, with typed --set fields and --by", async () => {
    const p = project();
    const short = await p.suspend("ask.md");
    const result = await p.call([
      "approve",
      short,
      "--set",
      "note=ship it",
      "--set",
      "level=2",
      "--by",
      "alice",
      "--quiet",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      approved: true,
      by: "alice",
      note: "ship it",
      level: 2,
      after: [2],
    });
    const run = await p.show(short);
    expect(run.status).toBe("success");
    expect(run.pending ?? []).toEqual([]);
  });

  it("approve --reject needs no fields; --by defaults to $USER", async () => {
    const p = project();
    const short = await p.suspend("ask.md");
    const result = await p.call(["approve", short, "--reject", "--quiet"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ approved: false, by: "tester", note: null });
  });
});

describe("approve refuses, and the run keeps waiting", () => {
  it("an unknown --set field: BAD_ARGUMENTS naming the declared fields", async () => {
    const p = project();
    const short = await p.suspend("ask.md");
    const result = await p.call(["approve", short, "--set", "colour=red"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error BAD_ARGUMENTS");
    expect(result.stderr).toContain("note, level");
    expect((await p.show(short)).status).toBe("waiting");
  });

  it("a value of the wrong type for an int field: INVALID_INPUT", async () => {
    const p = project();
    const short = await p.suspend("ask.md");
    const result = await p.call(["approve", short, "--set", "level=high"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error INVALID_INPUT");
    expect((await p.show(short)).status).toBe("waiting");
  });

  it("--set with --reject, and --step naming no pending approval: BAD_ARGUMENTS", async () => {
    const p = project();
    const short = await p.suspend("ask.md");
    const both = await p.call(["approve", short, "--reject", "--set", "note=x"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("error BAD_ARGUMENTS");
    const step = await p.call(["approve", short, "--step", "other"]);
    expect(step.code).toBe(2);
    expect(step.stderr).toContain("error BAD_ARGUMENTS");
    expect(step.stderr).toContain("confirm");
    expect((await p.show(short)).status).toBe("waiting");
  });

  it("a decision the runtime refuses (a required response field missing): exit 2, still waiting", async () => {
    const p = project();
    const short = await p.suspend("strict.md");
    const result = await p.call(["approve", short]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("reason");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const run = await p.show(short);
    expect(run.status).toBe("waiting");
    expect(run.pending?.map((a) => a.key)).toEqual(["confirm"]);
    // The same run can then be decided properly.
    const fixed = await p.call(["approve", short, "--set", "reason=because", "--quiet"]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout)).toEqual({ reason: "because" });
  });

  it("approving an unknown id: UNKNOWN_RUN; a finished run or twice: NOT_RESUMABLE", async () => {
    const p = project();
    const unknown = await p.call(["approve", "0123abcd"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error UNKNOWN_RUN");

    const short = await p.suspend("ask.md");
    expect((await p.call(["approve", short])).code).toBe(0);
    const twice = await p.call(["approve", short]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("error NOT_RESUMABLE");
    expect(twice.stderr).toContain("success");
    expect((await p.call(["runs", "resume", short])).stderr).toContain("error NOT_RESUMABLE");
  });

  it("a workflow file changed since the run started: WORKFLOW_CHANGED, still waiting; --allow-changed continues", async () => {
    const p = project();
    const short = await p.suspend("ask.md");
    appendFileSync(path.join(p.cwd, "ask.md"), "\nEdited after the run started.\n");
    const refused = await p.call(["approve", short]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("error WORKFLOW_CHANGED");
    expect(refused.stderr).toContain("--allow-changed");
    expect((await p.show(short)).status).toBe("waiting");
    const allowed = await p.call(["approve", short, "--allow-changed", "--quiet"]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ approved: true });
  });

  it("the same holds for runs resume, and a workflow file that is gone is FILE_NOT_FOUND", async () => {
    const p = project();
    const short = await p.suspendExpired();
    appendFileSync(path.join(p.cwd, "expire.md"), "\nEdited.\n");
    const changed = await p.call(["runs", "resume", short]);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain("error WORKFLOW_CHANGED");
    rmSync(path.join(p.cwd, "expire.md"));
    const gone = await p.call(["runs", "resume", short]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain("error FILE_NOT_FOUND");
    const run = await p.show(short);
    expect(run.status).toBe("waiting");
  });

  it("runs resume of a waiting run whose deadline has not passed refuses with the approve hint", async () => {
    const p = project();
    const short = await p.suspend("ask.md");
    const result = await p.call(["runs", "resume", short]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error NOT_RESUMABLE");
    expect(result.stderr).toContain(`skillflow approve ${short}`);
    expect((await p.show(short)).status).toBe("waiting");
  });
});

describe("the terminal prompt", () => {
  it("asks yes/no then each field, and finishes the run in one call", async () => {
    const p = project();
    const tty = terminal("y", "looks good", "7");
    const result = await p.call(["run", "ask.md", "--quiet", "--by", "carol"], tty);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      approved: true,
      by: "carol",
      note: "looks good",
      level: 7,
      after: [2],
    });
    expect(tty.asked).toHaveLength(3);
    expect(result.stderr).toContain("Send 3 emails?");
    expect((await p.list())[0]?.status).toBe("success");
  });

  it("asks a typed field again after a bad answer; an empty answer is null for an optional one", async () => {
    const p = project();
    const tty = terminal("yes", "", "many", "4");
    const result = await p.call(["run", "ask.md", "--quiet"], tty);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ approved: true, note: null, level: 4 });
    expect(tty.asked).toHaveLength(4);
  });

  it('"n" rejects: no fields are asked', async () => {
    const p = project();
    const tty = terminal("n");
    const result = await p.call(["run", "ask.md", "--quiet"], tty);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ approved: false, note: null, level: null });
    expect(tty.asked).toHaveLength(1);
  });

  it("a question nobody answers before the deadline: on_timeout applies in the same call", async () => {
    const p = project();
    const asked: string[] = [];
    const silent: Partial<Io> = {
      isTTY: true,
      ask: (question: string, signal?: AbortSignal) => {
        asked.push(question);
        return new Promise((_resolve, reject) =>
          signal?.addEventListener("abort", () => reject(new Error("aborted")), { once: true }),
        );
      },
    };
    const result = await p.call(["run", "expire.md", "--quiet"], silent);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ approved: false, timed_out: true });
    expect(asked).toHaveLength(1);
    expect((await p.list())[0]?.status).toBe("success");
  });

  it("Ctrl-C while asking cancels the run (exit 130), recorded cancelled", async () => {
    const p = project();
    const controller = new AbortController();
    const interrupted: Partial<Io> = {
      isTTY: true,
      signal: controller.signal,
      ask: (_question: string, signal?: AbortSignal) => {
        const pending = new Promise<string>((_resolve, reject) =>
          signal?.addEventListener("abort", () => reject(new Error("aborted")), { once: true }),
        );
        controller.abort(new Error("Interrupted"));
        return pending;
      },
    };
    const result = await p.call(["run", "ask.md"], interrupted);
    expect(result.code).toBe(130);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect((await p.list()).map((r) => r.status)).toEqual(["cancelled"]);
  });

  it("--no-prompt on a terminal suspends without asking", async () => {
    const p = project();
    const tty = terminal();
    const result = await p.call(["run", "ask.md", "--no-prompt"], tty);
    expect(result.code).toBe(4);
    expect(tty.asked).toEqual([]);
    expect((await p.list("--status", "waiting")).length).toBe(1);
  });
});

describe("an approval whose deadline passed", () => {
  it("shows as waiting (expired); runs resume applies on_timeout", async () => {
    const p = project();
    const short = await p.suspendExpired();
    const table = await p.call(["runs", "list"]);
    expect(table.stdout).toMatch(new RegExp(`${short}.*waiting \\(expired\\)`));
    expect(table.stderr).toContain(`skillflow runs resume ${short}`);
    const shown = await p.call(["runs", "show", short]);
    expect(shown.stdout).toContain("expired ");

    const resumed = await p.call(["runs", "resume", short, "--quiet"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toEqual({ approved: false, timed_out: true });
    expect((await p.show(short)).status).toBe("success");
  });

  it("a decision given by approve after the deadline is refused (it would not be used); resume applies on_timeout", async () => {
    const p = project();
    const short = await p.suspendExpired();
    const refused = await p.call(["approve", short, "--quiet"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("APPROVAL_EXPIRED");
    expect(refused.stderr).toContain(`skillflow runs resume ${short}`);
    const result = await p.call(["runs", "resume", short, "--quiet"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ approved: false, timed_out: true });
  });
});

describe("--no-history", () => {
  it("a run that suspends unrecorded says it cannot be continued, and prints no approve command", async () => {
    const p = project();
    const result = await p.call(["run", "ask.md", "--no-history"]);
    expect(result.code).toBe(4);
    expect(result.stdout).not.toContain("skillflow approve");
    expect(result.stdout).toContain("Send 3 emails?");
    expect(result.stderr).toContain(UNRECORDED_WAITING);
    expect(await p.list()).toEqual([]);
  });

  it("a run recorded nowhere because the history is unavailable says so too", async () => {
    const p = project();
    const blocker = path.join(p.cwd, "not-a-folder");
    writeFileSync(blocker, "x");
    const result = await p.call(["run", "ask.md"], { env: { SKILLFLOW_HOME: blocker } });
    expect(result.code).toBe(4);
    expect(result.stdout).not.toContain("skillflow approve");
    expect(result.stderr).toContain(UNRECORDED_WAITING);
  });
});
