// Review of §13 on the command line: what approvals print on a terminal, and Ctrl-C at the prompt.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { RunLog } from "@skillflow/workflow";
import { describe, expect, it } from "vitest";
import { PromptInterrupted, type Io } from "../src/io.js";
import { printable } from "../src/terminal-text.js";
import { cli, freshHome, temp } from "./helpers.js";

const DOC = `---
name: gate
description: One approval with a response field.
---

\`\`\`workflow
inputs:
  msg: { type: string, default: "hi" }
outputs:
  ok: { type: boolean, value: $steps.ok.output.approved }
steps:
  - id: ok
    type: approval
    message: "Approve \${inputs.msg}?"
    response:
      note: { type: string, nullable: true }
\`\`\`
`;

const SECRET = "sk-live-0123456789abcdef";
const HOSTILE = `${SECRET} \u001b]0;pwned\u0007\u001b[2J\u202e`;

/** A project folder with the document and its own history. */
function project(): { cwd: string; env: Record<string, string> } {
  const cwd = temp("skillflow-approve-");
  writeFileSync(path.join(cwd, "gate.md"), DOC);
  return { cwd, env: { SKILLFLOW_HOME: freshHome(), API_KEY: SECRET } };
}

/** A terminal whose person answers with `answers` in turn (a function may throw, as Ctrl-C does). */
function terminal(
  where: { cwd: string; env: Record<string, string> },
  answers: Array<string | (() => never)>,
  asked: string[] = [],
): Partial<Io> {
  return {
    ...where,
    isTTY: true,
    ask: async (question) => {
      asked.push(question);
      const next = answers.shift();
      if (next === undefined) throw new Error("unexpected question");
      return typeof next === "string" ? next : next();
    },
  };
}

// eslint-disable-next-line no-control-regex -- the test looks for the control characters themselves
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

describe("approval text on the terminal", () => {
  it("the prompt shows the message redacted and with control characters made visible", async () => {
    const where = project();
    const result = await cli(["run", "gate.md", "-i", `msg=${HOSTILE}`], terminal(where, ["n"]));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("approval ok: Approve [REDACTED] \\x1b]0;pwned\\x07");
    expect(result.stderr).not.toContain(SECRET);
    // The live view moves the cursor itself: what must not reach the terminal is the input's.
    for (const sequence of ["\u001b]0;", "\u0007", "\u001b[2J", "\u202e"])
      expect(result.stderr).not.toContain(sequence);
  });

  it("a waiting run's report, its plain progress and runs show print no control characters", async () => {
    const where = project();
    const run = await cli(["run", "gate.md", "--no-prompt", "-i", `msg=${HOSTILE}`], where);
    expect(run.code).toBe(4);
    expect(run.stdout + run.stderr).toContain("\\x1b]0;pwned\\x07\\x1b[2J\\u202e");
    expect(run.stdout + run.stderr).not.toMatch(CONTROL);
    const [id] = /approve ([0-9a-f]{8})/.exec(run.stdout)!.slice(1);
    const show = await cli(["runs", "show", id!], where);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("Approve [REDACTED] \\x1b]0;pwned");
    expect(show.stdout).not.toMatch(CONTROL);
  });

  it("printable keeps newlines and tabs and shows every other control character", () => {
    expect(printable("a\tb\nc")).toBe("a\tb\nc");
    expect(printable("\r\u0000\u007f\u0085\u2066")).toBe("\\x0d\\x00\\x7f\\x85\\u2066");
  });
});

describe("Ctrl-C at an approval prompt", () => {
  const interrupt = (): never => {
    throw new PromptInterrupted();
  };

  it("at the yes/no question leaves the run waiting (exit 4), to be decided with approve", async () => {
    const where = project();
    const result = await cli(["run", "gate.md", "--json"], terminal(where, [interrupt]));
    expect(result.code).toBe(4);
    const log = JSON.parse(result.stdout) as RunLog;
    expect(log.status).toBe("waiting");
    expect(log.pending?.map((p) => p.key)).toEqual(["ok"]);
    const decided = await cli(["approve", log.id.slice(0, 8), "--json"], where);
    expect(decided.code).toBe(0);
    expect((JSON.parse(decided.stdout) as RunLog).outputs).toEqual({ ok: true });
  });

  it("at a response field leaves it waiting too, and a later prompt is not asked", async () => {
    const where = project();
    const asked: string[] = [];
    const result = await cli(
      ["run", "gate.md", "--json"],
      terminal(where, ["y", interrupt], asked),
    );
    expect(result.code).toBe(4);
    expect(asked).toHaveLength(2);
    expect((JSON.parse(result.stdout) as RunLog).status).toBe("waiting");
  });

  it("a prompt that fails otherwise still fails the step (not a silent suspension)", async () => {
    const where = project();
    const broken = (): never => {
      throw new Error("terminal gone");
    };
    const result = await cli(["run", "gate.md", "--json"], terminal(where, [broken]));
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as RunLog).error?.message).toBe(
      "Approval callback failed: terminal gone",
    );
  });
});

describe("sub-workflow references on the terminal", () => {
  it("validate, graph and run show a reference's control characters as escapes", async () => {
    const cwd = temp("skillflow-ref-");
    const doc = [
      "---",
      "name: esc",
      "description: A reference with control characters.",
      "---",
      "```workflow",
      "steps:",
      "  - id: sub",
      "    type: workflow",
      '    workflow: "./\\e]0;pwned\\a\\e[2J"',
      "```",
      "",
    ].join("\n");
    writeFileSync(path.join(cwd, "esc.md"), doc);
    for (const command of ["validate", "graph", "run"]) {
      const result = await cli([command, "esc.md"], { cwd, env: { SKILLFLOW_HOME: freshHome() } });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("WORKFLOW_UNRESOLVED");
      expect(result.stderr).toContain("\\x1b]0;pwned\\x07");
      expect(result.stdout + result.stderr).not.toMatch(CONTROL);
    }
  });
});
