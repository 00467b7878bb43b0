// Tests for finding commands in skill bodies and running them with markers, limits and errors.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  findCommands,
  interpolate,
  InterpolationError,
  shellQuote,
  type InterpolateOptions,
} from "../../src/activate/index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "skills-interpolate-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(body: string, options: Partial<InterpolateOptions> = {}) {
  return interpolate(body, { trusted: true, cwd: dir, ...options });
}

async function failureOf(promise: Promise<unknown>): Promise<InterpolationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InterpolationError);
  return error as InterpolationError;
}

describe("findCommands", () => {
  it("finds inline commands at line start or after whitespace only", () => {
    const body = "!`a`\nx !`b` and\t!`c`\nx!`no` `!`no` (!`no`)";
    expect(findCommands(body).map((found) => [found.command, found.line, found.column])).toEqual([
      ["a", 1, 1],
      ["b", 2, 3],
      ["c", 2, 12],
    ]);
  });

  it("records offsets of the whole placeholder", () => {
    const body = "see !`date` now";
    const [found] = findCommands(body);
    expect(body.slice(found!.start, found!.end)).toBe("!`date`");
  });

  it("finds ```! blocks and skips ordinary fenced blocks", () => {
    const body = [
      "```bash",
      "!`not-run`",
      "```",
      "~~~",
      "!`not-run`",
      "~~~",
      "```!",
      "echo one",
      "echo two",
      "```",
      "tail",
    ].join("\n");
    const found = findCommands(body);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: "block", command: "echo one\necho two", line: 7 });
    expect(body.slice(found[0]!.start, found[0]!.end)).toBe("```!\necho one\necho two\n```");
  });

  it("does not close a fence on a shorter or different fence", () => {
    const body = "````\n```\n!`x`\n~~~\n````\n!`y`";
    expect(findCommands(body).map((found) => found.command)).toEqual(["y"]);
  });

  it("runs an unclosed ```! block to the end of the body", () => {
    const [found] = findCommands("```!\necho a");
    expect(found).toMatchObject({ command: "echo a", start: 0, end: 11 });
  });

  it("adds lineOffset to line numbers and handles CRLF", () => {
    const body = "intro\r\n  !`x`\r\n   ```!\r\necho y\r\n```\r\n";
    expect(
      findCommands(body, { lineOffset: 4 }).map((found) => [
        found.kind,
        found.command,
        found.line,
        found.column,
      ]),
    ).toEqual([
      ["inline", "x", 6, 3],
      ["block", "echo y", 7, 4],
    ]);
  });
});

describe("interpolate without running", () => {
  const body = "A !`touch ran` B\n```!\ntouch ran2\n```";

  it.each([
    [{ trusted: false }, "untrusted skill"],
    [{ enabled: false }, "command execution is disabled"],
    [{ enabled: false, trusted: false, dryRun: true }, "command execution is disabled"],
    [{ trusted: false, dryRun: true }, "untrusted skill"],
  ])("marks commands for %j", async (options, reason) => {
    const result = await run(body, options);
    expect(result.text).toBe(`A [not run: ${reason}] B\n[not run: ${reason}]`);
    expect(result.commands.map((entry) => [entry.ran, entry.reason])).toEqual([
      [false, reason],
      [false, reason],
    ]);
    expect(existsSync(join(dir, "ran"))).toBe(false);
  });

  it("shows commands in a dry run", async () => {
    const result = await run(body, { dryRun: true });
    expect(result.text).toBe("A [dry run: touch ran] B\n[dry run: touch ran2]");
    expect(result.commands).toEqual([
      { command: "touch ran", kind: "inline", line: 1, column: 3, ran: false, reason: "dry run" },
      { command: "touch ran2", kind: "block", line: 2, column: 1, ran: false, reason: "dry run" },
    ]);
    expect(existsSync(join(dir, "ran"))).toBe(false);
  });
});

describe("interpolate running commands", () => {
  it("replaces inline commands with stdout minus one trailing newline", async () => {
    const result = await run("Hi !`echo hello`, !`printf 'a\\nb\\n\\n'`!");
    expect(result.text).toBe("Hi hello, a\nb\n!");
    expect(result.commands[0]).toMatchObject({ ran: true, exitCode: 0, outputBytes: 6 });
    expect(result.commands[0]!.truncated).toBe(false);
    expect(typeof result.commands[0]!.durationMs).toBe("number");
  });

  it("runs a ```! block as one script in cwd with the given env", async () => {
    const body = 'before\n```!\nX=1\necho "$X $GREETING"; pwd\n```\nafter';
    const result = await run(body, { env: { GREETING: "hey", PATH: process.env.PATH } });
    expect(result.text).toBe(`before\n1 hey\n${dir}\nafter`);
  });

  it("does not run commands inside ordinary fenced blocks", async () => {
    const result = await run("```bash\n!`touch ran`\n```\n```\n!`touch ran`\n```");
    expect(result.commands).toEqual([]);
    expect(existsSync(join(dir, "ran"))).toBe(false);
  });

  it("does not re-scan output for commands", async () => {
    const result = await run("```!\nprintf '%s\\n' '!`touch x`' '$0'\n```");
    expect(result.text).toBe("!`touch x`\n$0");
    expect(existsSync(join(dir, "x"))).toBe(false);
  });

  it("truncates long output at a character boundary with a marker", async () => {
    // "é" is two bytes, so a 5-byte cap would split the third character.
    const result = await run("!`printf 'ééééé'`", { maxOutputBytes: 5 });
    expect(result.text).toBe("éé\n[output truncated: 10 bytes, showing the first 4]");
    expect(result.commands[0]).toMatchObject({ outputBytes: 10, truncated: true });
  });

  it("uses the configured shell", async () => {
    const result = await run("!`echo $0`", { shell: "/bin/sh" });
    expect(result.text).toBe("/bin/sh");
  });
});

describe("interpolate failures", () => {
  it("fails on a non-zero exit with the exit code and stderr", async () => {
    const body = "ok !`echo fine`\n\n  !`echo broken >&2; exit 3`";
    const error = await failureOf(run(body, { lineOffset: 10 }));
    expect(error).toMatchObject({
      code: "COMMAND_FAILED",
      exitCode: 3,
      stderr: "broken",
      command: "echo broken >&2; exit 3",
      line: 13,
      column: 3,
    });
    expect(error.message).toContain("echo broken >&2; exit 3");
    expect(error.message).toContain("3");
    expect(error.message).toContain("broken");
  });

  it("caps stderr in the error", async () => {
    const error = await failureOf(run("!`head -c 50000 /dev/zero | tr '\\0' e >&2; exit 1`"));
    expect(error.stderr.length).toBeLessThanOrEqual(2001);
  });

  it("reports the signal when one ends the shell", async () => {
    const error = await failureOf(run("!`kill -9 $$`"));
    expect(error).toMatchObject({ code: "COMMAND_FAILED", exitCode: undefined, signal: "SIGKILL" });
  });

  it("fails instead of throwing when spawn rejects the command text", async () => {
    const args = { raw: shellQuote("a\0b"), skillDir: dir };
    const error = await failureOf(run("!`echo $0`", { arguments: args }));
    expect(error.code).toBe("COMMAND_FAILED");
  });

  it("fails when the shell cannot start", async () => {
    const error = await failureOf(run("!`true`", { shell: join(dir, "missing-shell") }));
    expect(error.code).toBe("COMMAND_FAILED");
  });

  it("kills a command that outlives its timeout", async () => {
    const started = Date.now();
    const error = await failureOf(run("!`sleep 5`", { timeoutMs: 200 }));
    expect(error.code).toBe("COMMAND_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("does not wait for background children", async () => {
    const started = Date.now();
    const result = await run("!`sleep 30 & echo started`", { timeoutMs: 10_000 });
    expect(result.text).toBe("started");
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("stops when the signal aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await failureOf(run("!`sleep 5`", { signal: controller.signal }));
    expect(error.code).toBe("COMMAND_ABORTED");
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("runs nothing when the signal is already aborted", async () => {
    const error = await failureOf(run("!`touch ran`", { signal: AbortSignal.abort() }));
    expect(error.code).toBe("COMMAND_ABORTED");
    expect(existsSync(join(dir, "ran"))).toBe(false);
  });
});
