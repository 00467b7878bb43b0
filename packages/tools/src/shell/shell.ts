// createShellTool: the `shell` tool, which runs allowlisted commands in argv form inside the workspace.
import { stat } from "node:fs/promises";
import path from "node:path";
import { timeoutOption } from "../_options.js";
import { ToolError, type ToolDefinition } from "../tool.js";
import { realRoot, resolveExisting } from "../files/_confine.js";
import { assertAllowed, compileAllowlist, type AllowRule } from "./allowlist.js";
import { assertSafeGit } from "./_git.js";
import { gitEnvironment, isGitCommand } from "./_git-env.js";
import { runProcess, type ProcessResult } from "./_process.js";

/** Options of `createShellTool`. */
export interface ShellToolOptions {
  /** The commands workflows may run; nothing runs when it is empty. */
  allow: readonly AllowRule[];
  /** The folder commands run in (and below); `cwd` arguments must stay inside it. */
  workspaceRoot: string;
  /** Wall-clock limit per command; default 30 s. The whole process tree is killed when it passes. */
  timeoutMs?: number;
  /** Bytes kept of stdout and of stderr each; default 1 MiB. The rest is read and dropped. */
  maxOutputBytes?: number;
  /** Variables added to (or replacing) the minimal environment of PATH, HOME and LANG. */
  env?: Record<string, string>;
}

/** Arguments of `shell`. */
export type ShellArgs = {
  command: string;
  args?: string[];
  cwd?: string;
  stdin?: string;
};

/** Result of `shell`: a non-zero exit code is a result, not a tool failure. */
export type ShellResult = ProcessResult;

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

/** PATH without empty or relative entries, which would resolve commands from the working folder. */
function safePath(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value
    .split(path.delimiter)
    .filter((entry) => entry !== "" && path.isAbsolute(entry))
    .join(path.delimiter);
}

/** The minimal environment: PATH (sanitised), HOME and LANG from this process, then the host's. */
function minimalEnv(extra: Record<string, string> | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  const base = { PATH: safePath(process.env.PATH), HOME: process.env.HOME, LANG: process.env.LANG };
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  return { ...env, ...extra };
}

function assertNoNul(args: ShellArgs): void {
  const all = [args.command, ...(args.args ?? []), args.cwd ?? ""];
  if (all.some((value) => value.includes("\0"))) {
    throw new ToolError("INVALID_ARGUMENTS", "command, args and cwd must not contain NUL bytes");
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new ToolError("CONFIGURATION", `createShellTool: ${name} must be a positive number`);
  }
  return value;
}

/**
 * The `shell` tool. It runs a command only when the host's `allow` list permits it with those
 * arguments, as argv (`shell: false`: no interpolation, globbing or pipes), in a working folder that
 * must resolve (realpath) inside `workspaceRoot`, with a minimal environment, a timeout that kills
 * the process tree, output caps, and the invocation's abort signal honoured. Git (any path whose
 * base name is `git`) runs with overrides that keep repository configuration from running programs,
 * and is refused where such configuration cannot be overridden (see `_git.ts`).
 */
export function createShellTool(options: ShellToolOptions): ToolDefinition<ShellArgs, ShellResult> {
  const allowlist = compileAllowlist(options.allow);
  const timeoutMs = timeoutOption(
    "createShellTool",
    "timeoutMs",
    options.timeoutMs,
    DEFAULT_TIMEOUT_MS,
  );
  const maxOutputBytes = positive(
    "maxOutputBytes",
    options.maxOutputBytes,
    DEFAULT_MAX_OUTPUT_BYTES,
  );
  const env = minimalEnv(options.env);
  const gitEnv = gitEnvironment(env);
  const allowed = [...allowlist.commands.keys()];
  return {
    name: "shell",
    description:
      allowed.length === 0
        ? "Runs allowlisted commands; this host allows none."
        : `Runs an allowlisted command (${allowed.join(", ")}) with arguments, inside the workspace. No shell syntax: pipes, globs and variables are passed literally.`,
    inputSchema: {
      type: "object",
      properties: {
        command: { type: "string", minLength: 1, description: "The program to run" },
        args: {
          type: "array",
          items: { type: "string" },
          description: "Its arguments, one per item",
        },
        cwd: { type: "string", description: "Working folder relative to the workspace root" },
        stdin: { type: "string", description: "Text written to the command's standard input" },
      },
      required: ["command"],
      additionalProperties: false,
    },
    outputSchema: {
      type: "object",
      properties: {
        exitCode: { type: "integer" },
        stdout: { type: "string" },
        stderr: { type: "string" },
        truncated: { type: "boolean" },
      },
      required: ["exitCode", "stdout", "stderr", "truncated"],
    },
    run: async (args, context) => {
      context.signal.throwIfAborted();
      assertNoNul(args);
      const argv = args.args ?? [];
      assertAllowed(allowlist, args.command, argv);
      const cwd = await resolveExisting(options.workspaceRoot, args.cwd ?? ".");
      if (!(await stat(cwd.absolute)).isDirectory()) {
        throw new ToolError("INVALID_ARGUMENTS", `cwd "${args.cwd ?? "."}" is not a folder`);
      }
      const git = isGitCommand(args.command);
      if (git) {
        await assertSafeGit({
          command: args.command,
          args: argv,
          cwd: cwd.absolute,
          rootReal: await realRoot(options.workspaceRoot),
          env: gitEnv,
          timeoutMs,
          signal: context.signal,
        });
      }
      return runProcess({
        command: args.command,
        args: argv,
        cwd: cwd.absolute,
        env: git ? gitEnv : env,
        stdin: args.stdin,
        timeoutMs,
        maxOutputBytes,
        signal: context.signal,
      });
    },
  };
}
