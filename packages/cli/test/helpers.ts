// A fake Io with string buffers, and the paths tests use.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Io } from "../src/io.js";
import { run, type RunOptions } from "../src/main.js";

/** The repository root (examples and skillflow.config.json live there). */
export const REPO_ROOT = path.resolve(fileURLToPath(import.meta.url), "../../../..");
/** Fixture documents. */
export const FIXTURES = path.resolve(fileURLToPath(import.meta.url), "../fixtures");

/** A fresh, empty folder to use as SKILLFLOW_HOME (the run history), outside the repository. */
export const freshHome = (): string => mkdtempSync(path.join(tmpdir(), "skillflow-home-"));

/** A fresh temporary folder named after `prefix`. */
export const temp = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix));

/** Git with a fixed identity and no user configuration, for repositories tests make. */
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@x",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@x",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** Runs git in `cwd` and returns its trimmed output. */
export const git = (cwd: string, ...args: string[]): string =>
  execFileSync("git", args, { cwd, env: gitEnv, encoding: "utf8" }).trim();

/** The history of every `cli()` call that sets no SKILLFLOW_HOME: tests never write in the repo. */
export const TEST_HOME = freshHome();

/** The user config folder of every `cli()` call that sets no SKILLFLOW_CONFIG_HOME: empty. */
export const TEST_CONFIG_HOME = mkdtempSync(path.join(tmpdir(), "skillflow-config-"));

/** What a call printed and returned. */
export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI against an in-memory io; `overrides` change the defaults (not a TTY, no colours).
 * `SKILLFLOW_HOME` defaults to `TEST_HOME` and `SKILLFLOW_CONFIG_HOME` to `TEST_CONFIG_HOME` (so the
 * user's own configuration is never read) unless `overrides.env` sets them.
 */
export async function cli(
  argv: string[],
  overrides: Partial<Io> = {},
  options: RunOptions = {},
): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    cwd: FIXTURES,
    colors: false,
    ...overrides,
    env: { SKILLFLOW_HOME: TEST_HOME, SKILLFLOW_CONFIG_HOME: TEST_CONFIG_HOME, ...overrides.env },
  };
  const code = await run(argv, io, options);
  return { code, stdout, stderr };
}

/**
 * A fresh user config folder in which the user ran `skillflow trust` (with `args`, e.g. --config)
 * in `cwd`: pass the result as `env` so the project's privileged settings apply.
 */
export async function trustedEnv(
  cwd: string,
  ...args: string[]
): Promise<{ SKILLFLOW_CONFIG_HOME: string }> {
  const home = mkdtempSync(path.join(tmpdir(), "skillflow-config-"));
  const result = await cli(["trust", ...args], { cwd, env: { SKILLFLOW_CONFIG_HOME: home } });
  if (result.code !== 0) throw new Error(`skillflow trust failed: ${result.stderr}`);
  return { SKILLFLOW_CONFIG_HOME: home };
}

/** What a fake Anthropic model answers: content blocks and a stop reason. */
export interface FakeAnthropicReply {
  content: unknown[];
  stop_reason: "end_turn" | "tool_use";
}

/**
 * A local server speaking just enough of the Anthropic Messages API (POST /v1/messages) for the
 * AI SDK; `reply` decides each answer from the request body. Bodies received are kept in `received`.
 */
export async function fakeAnthropic(
  reply: (body: Record<string, unknown> & { model: string }) => FakeAnthropicReply,
  usage = { input_tokens: 100, output_tokens: 20 },
) {
  const received: string[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      received.push(raw);
      const body = JSON.parse(raw) as Record<string, unknown> & { model: string };
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          type: "message",
          id: `msg_${received.length}`,
          role: "assistant",
          model: body.model,
          stop_sequence: null,
          usage,
          ...reply(body),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
