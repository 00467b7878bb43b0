// Configuration: what skillflow.config.{json,yaml,yml} and the user's config.{json,yaml,yml} may hold,
// parsed and checked with errors located in the file they come from.
import { LineCounter, isMap, isScalar, visit, type Document } from "yaml";
import {
  safeCompilePattern,
  safeParseMcpServers,
  type AllowRule,
  type McpServersConfig,
} from "@skillflow/tools";
import type { Retention, Verbosity } from "@skillflow/store";
import { formatDiagnostic, parseYamlDocument } from "@skillflow/workflow";
import { CliError } from "./errors.js";
import { checkKeys, isRecord, type Problem } from "./config-check.js";
import { checkSkills, type SkillsConfig } from "./config-skills.js";
import { SERVICE_KEYS, checkServiceSection, type ServiceSection } from "./config-service.js";

/** The checked configuration; every part optional. */
export interface CliConfig {
  /** The file it came from, relative to the working folder; absent when there is none. */
  file?: string;
  shell?: { allow?: AllowRule[]; timeoutMs?: number };
  network?: { allowPrivate: boolean };
  mcp?: McpServersConfig;
  model?: { default?: string };
  history?: HistoryConfig;
  skills?: SkillsConfig;
  /** `schedules`, `hooks`, `notifications` and `service` as written (checked; see config-service.ts). */
  service?: ServiceSection;
}

/** Where and how runs are recorded (`history` in the configuration). */
export interface HistoryConfig {
  /** The history file, relative to the working folder. */
  path?: string;
  verbosity?: Verbosity;
  maxValueBytes?: number;
  retention?: Retention;
  /** What happens to a finished run's checkpoint: `drop` (default) or `keep`. */
  checkpoints?: "keep" | "drop";
}

/** Looked for in this order in the working folder. */
export const CONFIG_FILES = [
  "skillflow.config.json",
  "skillflow.config.yaml",
  "skillflow.config.yml",
];

/** Looked for in this order in the user's config folder. */
export const USER_CONFIG_FILES = ["config.json", "config.yaml", "config.yml"];

function isJsPattern(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
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
    // The shell tool runs it on RE2 (linear time): what RE2 cannot run is refused here, located.
    const checked = safeCompilePattern(value.regex);
    if (checked.ok && isJsPattern(value.regex)) return new RegExp(value.regex);
    out.push({
      path: [...at, "regex"],
      message: checked.ok ? "invalid regular expression" : checked.error.message,
    });
    return undefined;
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
      message: 'must be { "path"?, "verbosity"?, "maxValueBytes"?, "retention"?, "checkpoints"? }',
    });
    return undefined;
  }
  checkKeys(
    value,
    ["history"],
    ["path", "verbosity", "maxValueBytes", "retention", "checkpoints"],
    out,
  );
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
  if (value.checkpoints !== undefined) {
    if (value.checkpoints === "keep" || value.checkpoints === "drop")
      history.checkpoints = value.checkpoints;
    else out.push({ path: ["history", "checkpoints"], message: 'must be "keep" or "drop"' });
  }
  return history;
}

/** Checks the parsed value, collecting every problem. */
function check(value: unknown, out: Problem[]): Omit<CliConfig, "file"> {
  if (!isRecord(value)) {
    out.push({ path: [], message: "the configuration must be a mapping" });
    return {};
  }
  checkKeys(
    value,
    [],
    ["shell", "network", "mcp", "model", "history", "skills", ...SERVICE_KEYS],
    out,
  );
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
  if (value.skills !== undefined) {
    const skills = checkSkills(value.skills, out);
    if (skills) config.skills = skills;
  }
  const service = checkServiceSection(value, out);
  if (service) config.service = service;
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

/** The document as a plain value; alias expansion is bounded (a YAML "billion laughs" is a located error). */
function toValue(doc: Document, lineCounter: LineCounter, located: Located[]): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    let offset: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0];
        return visit.BREAK;
      },
    });
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
    located.push({
      code: "CONFIG_SYNTAX",
      message: `${(error as Error).message}: its YAML aliases (*name) expand to too much data`,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    });
    return {};
  }
}

/** Problems of one configuration file printed at most; the count of the rest follows. */
const MAX_SHOWN = 50;

type Located = { message: string; code: string; line?: number; column?: number };

/** Parses and checks configuration text; throws INVALID_CONFIG with every located problem. */
export function parseConfig(text: string, file: string): CliConfig {
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, { lineCounter });
  const located: Located[] = [];
  // Locating a problem searches its mapping: only the ones shown are located (a hostile file can
  // hold tens of thousands).
  for (const error of doc.errors.slice(0, MAX_SHOWN)) {
    const pos = lineCounter.linePos(error.pos[0]);
    located.push({
      code: "CONFIG_SYNTAX",
      message: error.message.split("\n")[0] ?? error.message,
      line: pos.line,
      column: pos.col,
    });
  }
  const problems: Problem[] = [];
  // Lines holding a secret written in the file: no excerpt of them is printed, for any problem.
  const secretLines = new Set<number>();
  const config = located.length === 0 ? check(toValue(doc, lineCounter, located), problems) : {};
  for (const problem of problems.slice(0, MAX_SHOWN)) {
    const offset = offsetOf(doc, problem.path, problem.atKey);
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
    const where = problem.path.join(".");
    const entry: Located = {
      code: "INVALID_CONFIG",
      message: where === "" ? problem.message : `${where}: ${problem.message}`,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    };
    if (problem.secret === true && entry.line !== undefined) secretLines.add(entry.line);
    located.push(entry);
  }
  const unlocated =
    Math.max(0, doc.errors.length - MAX_SHOWN) + Math.max(0, problems.length - MAX_SHOWN);
  const total = located.length + unlocated;
  if (total > 0) {
    const shown = located
      .slice(0, MAX_SHOWN)
      .map((p) =>
        p.line !== undefined && secretLines.has(p.line)
          ? `${file}:${p.line}:${p.column ?? 1} ${p.code} ${p.message}`
          : formatDiagnostic(p, text, file),
      );
    if (total > shown.length) shown.push(`${file}: … and ${total - shown.length} more problems`);
    throw new CliError("INVALID_CONFIG", shown.join("\n"));
  }
  return { file, ...config };
}
