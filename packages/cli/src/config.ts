// Project configuration (skillflow.config.{json,yaml,yml}): read, checked with located errors.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, isMap, isScalar, parseDocument, type Document } from "yaml";
import { safeParseMcpServers, type AllowRule, type McpServersConfig } from "@skillflow/tools";
import type { Retention, Verbosity } from "@skillflow/store";
import { formatDiagnostic } from "@skillflow/workflow";
import { CliError } from "./errors.js";

/** The checked configuration; every part optional. */
export interface CliConfig {
  /** The file it came from, relative to the working folder; absent when there is none. */
  file?: string;
  shell?: { allow: AllowRule[]; timeoutMs?: number };
  network?: { allowPrivate: boolean };
  mcp?: McpServersConfig;
  model?: { default?: string };
  history?: HistoryConfig;
}

/** Where and how runs are recorded (`history` in the configuration). */
export interface HistoryConfig {
  /** The history file, relative to the working folder. */
  path?: string;
  verbosity?: Verbosity;
  maxValueBytes?: number;
  retention?: Retention;
}

/** Looked for in this order in the working folder. */
export const CONFIG_FILES = [
  "skillflow.config.json",
  "skillflow.config.yaml",
  "skillflow.config.yml",
];

interface Problem {
  path: (string | number)[];
  message: string;
  /** Point at the key itself rather than its value (unknown keys). */
  atKey?: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function checkKeys(
  value: Record<string, unknown>,
  at: string[],
  allowed: string[],
  out: Problem[],
) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      out.push({
        path: [...at, key],
        message: `unknown key "${key}" (allowed: ${allowed.join(", ")})`,
        atKey: true,
      });
  }
}

/** An args pattern from JSON: a string, or `{ "regex": "..." }` (anchored by the author). */
function argsPattern(
  value: unknown,
  at: (string | number)[],
  out: Problem[],
): string | RegExp | undefined {
  if (typeof value === "string") return value;
  if (isRecord(value) && typeof value.regex === "string" && Object.keys(value).length === 1) {
    try {
      return new RegExp(value.regex);
    } catch (error) {
      out.push({
        path: [...at, "regex"],
        message: `invalid regular expression: ${(error as Error).message}`,
      });
      return undefined;
    }
  }
  out.push({ path: at, message: 'must be a string of exact arguments or { "regex": "^...$" }' });
  return undefined;
}

function allowRule(value: unknown, at: (string | number)[], out: Problem[]): AllowRule | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (!isRecord(value) || typeof value.command !== "string" || value.command === "") {
    out.push({
      path: at,
      message: 'must be a command name or { "command": "...", "args": [...] }',
    });
    return undefined;
  }
  checkKeys(value, at.map(String), ["command", "args"], out);
  if (value.args === undefined) return { command: value.command };
  const raw = Array.isArray(value.args) ? value.args : [value.args];
  const args = raw.map((p, i) =>
    argsPattern(p, Array.isArray(value.args) ? [...at, "args", i] : [...at, "args"], out),
  );
  return { command: value.command, args: args.filter((a) => a !== undefined) };
}

function checkShell(value: unknown, out: Problem[]): CliConfig["shell"] {
  if (!isRecord(value) || !Array.isArray(value.allow)) {
    out.push({ path: ["shell"], message: 'must be { "allow": [rules...] }' });
    return undefined;
  }
  checkKeys(value, ["shell"], ["allow", "timeoutMs"], out);
  const allow = value.allow.map((rule, i) => allowRule(rule, ["shell", "allow", i], out));
  const timeout = value.timeoutMs;
  if (timeout !== undefined && (typeof timeout !== "number" || timeout <= 0)) {
    out.push({
      path: ["shell", "timeoutMs"],
      message: "must be a positive number of milliseconds",
    });
  }
  return {
    allow: allow.filter((r) => r !== undefined),
    ...(typeof timeout === "number" ? { timeoutMs: timeout } : {}),
  };
}

const VERBOSITIES: readonly Verbosity[] = ["minimal", "standard", "debug"];

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

function checkRetention(value: unknown, out: Problem[]): Retention | undefined {
  const at = ["history", "retention"];
  if (!isRecord(value)) {
    out.push({ path: at, message: 'must be { "maxRuns"?: n, "maxAgeDays"?: n }' });
    return undefined;
  }
  checkKeys(value, at, ["maxRuns", "maxAgeDays"], out);
  const retention: Retention = {};
  if (value.maxRuns !== undefined) {
    if (isCount(value.maxRuns)) retention.maxRuns = value.maxRuns;
    else out.push({ path: [...at, "maxRuns"], message: "must be an integer >= 0" });
  }
  if (value.maxAgeDays !== undefined) {
    if (typeof value.maxAgeDays === "number" && value.maxAgeDays >= 0)
      retention.maxAgeDays = value.maxAgeDays;
    else out.push({ path: [...at, "maxAgeDays"], message: "must be a number >= 0" });
  }
  return retention;
}

function checkHistory(value: unknown, out: Problem[]): HistoryConfig | undefined {
  if (!isRecord(value)) {
    out.push({
      path: ["history"],
      message: 'must be { "path"?, "verbosity"?, "maxValueBytes"?, "retention"? }',
    });
    return undefined;
  }
  checkKeys(value, ["history"], ["path", "verbosity", "maxValueBytes", "retention"], out);
  const history: HistoryConfig = {};
  if (value.path !== undefined) {
    if (typeof value.path === "string" && value.path !== "") history.path = value.path;
    else out.push({ path: ["history", "path"], message: "must be a non-empty file path" });
  }
  if (value.verbosity !== undefined) {
    const v = VERBOSITIES.find((x) => x === value.verbosity);
    if (v) history.verbosity = v;
    else
      out.push({
        path: ["history", "verbosity"],
        message: `must be one of ${VERBOSITIES.join(", ")}`,
      });
  }
  if (value.maxValueBytes !== undefined) {
    if (isCount(value.maxValueBytes)) history.maxValueBytes = value.maxValueBytes;
    else out.push({ path: ["history", "maxValueBytes"], message: "must be an integer >= 0" });
  }
  if (value.retention !== undefined) {
    const retention = checkRetention(value.retention, out);
    if (retention) history.retention = retention;
  }
  return history;
}

/** Checks the parsed value, collecting every problem. */
function check(value: unknown, out: Problem[]): Omit<CliConfig, "file"> {
  if (!isRecord(value)) {
    out.push({ path: [], message: "the configuration must be a mapping" });
    return {};
  }
  checkKeys(value, [], ["shell", "network", "mcp", "model", "history"], out);
  const config: Omit<CliConfig, "file"> = {};
  if (value.shell !== undefined) {
    const shell = checkShell(value.shell, out);
    if (shell) config.shell = shell;
  }
  if (value.network !== undefined) {
    if (isRecord(value.network) && typeof value.network.allowPrivate === "boolean") {
      checkKeys(value.network, ["network"], ["allowPrivate"], out);
      config.network = { allowPrivate: value.network.allowPrivate };
    } else out.push({ path: ["network"], message: 'must be { "allowPrivate": true | false }' });
  }
  if (value.mcp !== undefined) {
    const result = safeParseMcpServers(value.mcp);
    if (result.ok) config.mcp = result.servers;
    else
      out.push(...result.problems.map((p) => ({ path: ["mcp", ...p.path], message: p.message })));
  }
  if (value.model !== undefined) {
    if (
      isRecord(value.model) &&
      (value.model.default === undefined || typeof value.model.default === "string")
    ) {
      checkKeys(value.model, ["model"], ["default"], out);
      if (typeof value.model.default === "string") config.model = { default: value.model.default };
    } else out.push({ path: ["model"], message: 'must be { "default": "provider:model" }' });
  }
  if (value.history !== undefined) {
    const history = checkHistory(value.history, out);
    if (history) config.history = history;
  }
  return config;
}

/** The deepest node of `at` that exists, so a problem under a missing key points at its parent. */
function offsetOf(doc: Document, at: (string | number)[], atKey = false): number | undefined {
  if (atKey) {
    const parent = doc.getIn(at.slice(0, -1), true) ?? doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === at.at(-1));
      if (isScalar(pair?.key) && pair.key.range) return pair.key.range[0];
    }
  }
  for (let n = at.length; n >= 0; n -= 1) {
    const node = doc.getIn(at.slice(0, n), true) as
      { range?: [number, number, number] } | undefined;
    if (node?.range) return node.range[0];
  }
  return undefined;
}

/** Parses and checks configuration text; throws INVALID_CONFIG with every located problem. */
export function parseConfig(text: string, file: string): CliConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const located: { message: string; code: string; line?: number; column?: number }[] = [];
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    located.push({
      code: "CONFIG_SYNTAX",
      message: error.message.split("\n")[0] ?? error.message,
      line: pos.line,
      column: pos.col,
    });
  }
  const problems: Problem[] = [];
  const config = located.length === 0 ? check(doc.toJS(), problems) : {};
  for (const problem of problems) {
    const offset = offsetOf(doc, problem.path, problem.atKey);
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
    const where = problem.path.join(".");
    located.push({
      code: "INVALID_CONFIG",
      message: where === "" ? problem.message : `${where}: ${problem.message}`,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    });
  }
  if (located.length > 0) {
    throw new CliError(
      "INVALID_CONFIG",
      located.map((p) => formatDiagnostic(p, text, file)).join("\n"),
    );
  }
  return { file, ...config };
}

/** Reads `explicit` (from --config), or the first project config file in `cwd`; none is `{}`. */
export async function loadConfig(cwd: string, explicit?: string): Promise<CliConfig> {
  const candidates = explicit === undefined ? CONFIG_FILES : [explicit];
  for (const name of candidates) {
    let text: string;
    try {
      text = await readFile(path.resolve(cwd, name), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      if (explicit !== undefined)
        throw new CliError("FILE_NOT_FOUND", `${explicit}: no such config file`);
      continue;
    }
    return parseConfig(text, name);
  }
  return {};
}
