// MCP server configuration: the two transport shapes, keyed by server name, and their validation.
import { ToolError } from "../tool.js";

/** A server started as a child process and spoken to over its stdin/stdout. */
export interface McpStdioServerConfig {
  command: string;
  args?: string[];
  /** Added to a minimal inherited environment (PATH, HOME, ...), not to the whole of `process.env`. */
  env?: Record<string, string>;
  cwd?: string;
}

/** A server reached over streamable HTTP. */
export interface McpHttpServerConfig {
  url: string;
  /** Sent with every request; values of secret headers (`Authorization`, ...) never reach messages. */
  headers?: Record<string, string>;
}

/** One MCP server: a command to start (stdio) or a URL (streamable HTTP). */
export type McpServerConfig = McpStdioServerConfig | McpHttpServerConfig;

/** Servers keyed by name; a server's tools are exposed as `<name>.<tool>`. */
export type McpServersConfig = Record<string, McpServerConfig>;

/** One thing wrong with a configuration, located by its path (`["github", "headers"]`). */
export interface McpConfigProblem {
  path: string[];
  message: string;
}

/** What `safeParseMcpServers` returns: the servers, or every problem found. */
export type McpConfigResult =
  { ok: true; servers: McpServersConfig } | { ok: false; problems: McpConfigProblem[] };

/** Server names: no dot, so that `server.tool` splits at its first dot. */
export const MCP_SERVER_NAME = /^[A-Za-z0-9_-]+$/;

const STDIO_KEYS = new Set(["command", "args", "env", "cwd"]);
const HTTP_KEYS = new Set(["url", "headers"]);

type Sink = (path: string[], message: string) => void;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkString(value: unknown, path: string[], report: Sink): void {
  if (typeof value !== "string" || value.trim() === "") report(path, "must be a non-empty string");
}

function checkStringArray(value: unknown, path: string[], report: Sink): void {
  if (!Array.isArray(value)) return report(path, "must be an array of strings");
  value.forEach((item, i) => {
    if (typeof item !== "string") report([...path, String(i)], "must be a string");
  });
}

function checkStringRecord(value: unknown, path: string[], report: Sink): void {
  if (!isRecord(value)) return report(path, "must be an object of string values");
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string") report([...path, key], "must be a string");
  }
}

function checkUrl(value: unknown, path: string[], report: Sink): void {
  if (typeof value !== "string") return report(path, "must be a string");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return report(path, "must be an absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    report(path, `must use http: or https:, not ${url.protocol}`);
  }
}

function checkServer(name: string, value: unknown, report: Sink): void {
  if (!MCP_SERVER_NAME.test(name)) {
    report([name], "server names may contain only letters, digits, '_' and '-'");
  }
  if (!isRecord(value)) return report([name], "must be an object with `command` or `url`");
  const hasCommand = Object.hasOwn(value, "command");
  const hasUrl = Object.hasOwn(value, "url");
  if (hasCommand === hasUrl) {
    return report([name], "must have exactly one of `command` (stdio) or `url` (streamable HTTP)");
  }
  const allowed = hasCommand ? STDIO_KEYS : HTTP_KEYS;
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      report([name, key], `unknown key for a ${hasCommand ? "stdio" : "streamable HTTP"} server`);
    }
  }
  if (hasCommand) {
    checkString(value.command, [name, "command"], report);
    if (value.args !== undefined) checkStringArray(value.args, [name, "args"], report);
    if (value.env !== undefined) checkStringRecord(value.env, [name, "env"], report);
    if (value.cwd !== undefined) checkString(value.cwd, [name, "cwd"], report);
  } else {
    checkUrl(value.url, [name, "url"], report);
    if (value.headers !== undefined) checkStringRecord(value.headers, [name, "headers"], report);
  }
}

/** Checks a servers mapping (typically read from JSON) and collects every problem; never throws. */
export function safeParseMcpServers(value: unknown): McpConfigResult {
  const problems: McpConfigProblem[] = [];
  const report: Sink = (path, message) => problems.push({ path, message });
  if (!isRecord(value)) {
    report([], "must be an object mapping server names to server configurations");
  } else {
    for (const [name, server] of Object.entries(value)) checkServer(name, server, report);
  }
  return problems.length === 0
    ? { ok: true, servers: value as McpServersConfig }
    : { ok: false, problems };
}

/** Formats one problem as `servers.github.url: must be an absolute URL`. */
export function formatMcpConfigProblem(problem: McpConfigProblem): string {
  return `${["servers", ...problem.path].join(".")}: ${problem.message}`;
}

/** Checks a servers mapping; throws one `CONFIGURATION` ToolError listing every problem. */
export function parseMcpServers(value: unknown): McpServersConfig {
  const result = safeParseMcpServers(value);
  if (result.ok) return result.servers;
  const lines = result.problems.map((p) => `  - ${formatMcpConfigProblem(p)}`);
  throw new ToolError("CONFIGURATION", `Invalid MCP server configuration:\n${lines.join("\n")}`);
}

/** Whether a (valid) server configuration is a stdio one. */
export function isStdioServer(config: McpServerConfig): config is McpStdioServerConfig {
  return "command" in config;
}
