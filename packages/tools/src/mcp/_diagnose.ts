// Why a server could not be connected (a closed set of reasons) and what the user should check.
import { existsSync } from "node:fs";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type McpServerConfig, isStdioServer } from "./config.js";
import { isRequestTimeout } from "./_describe.js";
import type { McpConnectFailure } from "./errors.js";

/** How a stdio server's process ended, when it did. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** What is known besides the error. */
export interface FailureFacts {
  /** How the server's process ended on its own (before it was stopped), if it did. */
  exited: ExitStatus | undefined;
  connectTimeoutMs: number;
}

/** The reason, and one sentence saying what to check. */
export interface Diagnosis {
  reason: McpConnectFailure;
  hint: string;
}

function spawnCode(error: unknown): string | undefined {
  const { syscall, code } = (error ?? {}) as { syscall?: unknown; code?: unknown };
  if (typeof syscall !== "string" || !syscall.startsWith("spawn")) return undefined;
  return typeof code === "string" ? code : "";
}

function exitText({ code, signal }: ExitStatus): string {
  return signal !== null ? `killed by ${signal}` : `exit code ${String(code)}`;
}

/** A word as a POSIX shell reads it back, so the command line can be pasted into a terminal. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function commandLine(config: { command: string; args?: string[] }): string {
  return [config.command, ...(config.args ?? [])].map(shellWord).join(" ");
}

function stdioDiagnosis(
  error: unknown,
  config: Extract<McpServerConfig, { command: string }>,
  facts: FailureFacts,
): Diagnosis | undefined {
  const spawn = spawnCode(error);
  const { command, cwd } = config;
  if (spawn === "ENOENT" && cwd !== undefined && !existsSync(cwd))
    return { reason: "CWD_NOT_FOUND", hint: `Check "cwd": the folder ${cwd} does not exist.` };
  if (spawn === "ENOENT")
    return {
      reason: "COMMAND_NOT_FOUND",
      hint:
        `Check "command": the program ${command} was not found. Install it, or give its ` +
        `absolute path (a bare name is looked up on PATH).`,
    };
  if (spawn === "EACCES" || spawn === "EISDIR")
    return {
      reason: "COMMAND_NOT_EXECUTABLE",
      hint: `Check "command": ${command} is not an executable program (a folder, or a script without chmod +x).`,
    };
  if (spawn !== undefined)
    return { reason: "START_FAILED", hint: `Check "command", "args" and "cwd" of this server.` };
  if (facts.exited)
    return {
      reason: "EXITED",
      hint:
        `The server exited (${exitText(facts.exited)}) before it was ready: run ` +
        `\`${commandLine(config)}\` yourself to see why.`,
    };
  return undefined;
}

function httpDiagnosis(error: unknown, url: string): Diagnosis | undefined {
  if (error instanceof StreamableHTTPError && error.code !== undefined && error.code >= 400) {
    const denied = error.code === 401 || error.code === 403;
    return {
      reason: "REJECTED",
      hint: denied
        ? `Check the credentials in "headers" of this server.`
        : `Check that ${url} is the server's MCP (streamable HTTP) endpoint.`,
    };
  }
  if (error instanceof TypeError && error.message === "fetch failed")
    return {
      reason: "UNREACHABLE",
      hint: `Check that the server is running and that ${url} is its address.`,
    };
  return undefined;
}

/** Why connecting to (or listing the tools of) a server failed, and what to check. */
export function diagnoseConnectFailure(
  error: unknown,
  config: McpServerConfig,
  facts: FailureFacts,
): Diagnosis {
  const stdio = isStdioServer(config);
  const specific = stdio ? stdioDiagnosis(error, config, facts) : httpDiagnosis(error, config.url);
  if (specific) return specific;
  if (isRequestTimeout(error))
    return {
      reason: "TIMEOUT",
      hint:
        `It did not answer within ${facts.connectTimeoutMs} ms: check that it is an MCP server ` +
        (stdio ? "speaking on stdin/stdout and not waiting for other input." : "at that URL."),
    };
  return {
    reason: "PROTOCOL",
    hint: stdio
      ? `Check that \`${commandLine(config)}\` starts an MCP server on stdin/stdout.`
      : `Check that ${config.url} is an MCP (streamable HTTP) endpoint.`,
  };
}
