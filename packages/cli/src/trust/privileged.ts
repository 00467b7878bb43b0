// Privileged settings: what a project's own files (config, .env) may set only once the user trusts the project.
import { lstatSync, readlinkSync } from "node:fs";
import path from "node:path";
import { DEFAULT_ARCHIVE_LIMITS } from "@skillflow/skills";
import type { AllowRule, McpServerConfig } from "@skillflow/tools";
import type { CliConfig } from "../config.js";
import { isSecretVariable } from "@skillflow/workflow";
import type { SkillsConfig } from "../config-skills.js";
import { privilegedServiceSettings, untrustedServiceSection } from "./privileged-service.js";

/**
 * One privileged setting found in a project file. `value` feeds the trust digest (never shown: an
 * environment value can be a credential); `summary` is what people see.
 */
export interface PrivilegedSetting {
  /** The setting's path, e.g. `shell.allow`, `mcp.github`, or the variable name for `.env`. */
  id: string;
  /** The file it comes from, as shown to the user. */
  file: string;
  /** What it would do, in a few words. */
  summary: string;
  value: unknown;
}

/**
 * Variables of a project's `.env` that change where requests go, which code loads or what a guard
 * allows: names matched exactly or by prefix/suffix, case-insensitively. Anything else (API keys,
 * the workflow's own variables) loads from an untrusted project too: a key the project supplies is
 * the project's, and it can no longer be sent anywhere but the provider's default endpoint.
 */
const PRIVILEGED_ENV = [
  /^SKILLFLOW_/i,
  /_BASE_?URL$/i,
  /^(HTTPS?|ALL|NO|FTP)_PROXY$/i,
  /^(NODE_OPTIONS|NODE_PATH|NODE_EXTRA_CA_CERTS|NODE_TLS_REJECT_UNAUTHORIZED)$/i,
  /^(SSL_CERT_FILE|SSL_CERT_DIR|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE)$/i,
  /^(PATH|HOME|SHELL|ENV|BASH_ENV|IFS|PS4|PROMPT_COMMAND|CDPATH|TMPDIR|EDITOR|VISUAL|PAGER)$/i,
  /^(LD_|DYLD_|GIT_|SSH_|NPM_CONFIG_|PYTHON|PERL5|RUBY|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|XDG_)/i,
];

/** Whether a variable from a project's `.env` takes effect only in a trusted project. */
export function isPrivilegedVariable(name: string): boolean {
  return PRIVILEGED_ENV.some((pattern) => pattern.test(name));
}

/**
 * The privileged variables of a project's `.env`, in file order: those `isPrivilegedVariable`
 * names, and those in `named` (variables the configuration reads as a notification URL or a hook
 * secret: a project's `.env` must not choose where your run summaries go, nor a hook's secret).
 */
export function privilegedVariables(
  vars: ReadonlyMap<string, string>,
  file: string,
  named: ReadonlySet<string> = new Set(),
): PrivilegedSetting[] {
  return [...vars]
    .filter(([name]) => isPrivilegedVariable(name) || named.has(name))
    .map(([name, value]) => ({
      id: name,
      file,
      summary: named.has(name)
        ? "= (a notification URL or hook secret the configuration names, not shown)"
        : `= ${isSecretVariable(name) ? "(a secret, not shown)" : JSON.stringify(value)}`,
      value,
    }));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A rule as people read it: exact arguments quoted, a regular expression marked as one. */
function ruleText(rule: AllowRule): string {
  if (typeof rule === "string") return `${rule} (any arguments)`;
  if (rule.args === undefined) return `${rule.command} (any arguments)`;
  const args: readonly (string | RegExp)[] = Array.isArray(rule.args) ? rule.args : [rule.args];
  const shown = args.map((a) => (a instanceof RegExp ? `regex ${String(a)}` : JSON.stringify(a)));
  return `${rule.command} ${shown.join(" | ")}`;
}

function skillsSettings(skills: SkillsConfig, file: string): PrivilegedSetting[] {
  const found: PrivilegedSetting[] = [];
  for (const [scope, on] of Object.entries(skills.trust ?? {}))
    if (on === true)
      found.push({
        id: `skills.trust.${scope}`,
        file,
        summary: `${scope} skills run their !\`commands\``,
        value: true,
      });
  if (skills.trusted !== undefined && skills.trusted.length > 0)
    found.push({
      id: "skills.trusted",
      file,
      summary: `run the !\`commands\` of ${skills.trusted.join(", ")}`,
      value: skills.trusted,
    });
  for (const key of raisedLimits(skills))
    found.push({
      id: `skills.limits.${key}`,
      file,
      summary: `raise the ${key} of downloads and archives above ${DEFAULT_ARCHIVE_LIMITS[key]}`,
      value: skills.limits?.[key],
    });
  (skills.sources ?? []).forEach((source, index) => {
    if (source.trusted === true)
      found.push({
        id: `skills.sources.${index}.trusted`,
        file,
        summary: `skills in ${source.path} run their !\`commands\``,
        value: source.path,
      });
  });
  return found;
}

/** An MCP server as the user must see it to judge it: the whole command, or the URL and headers. */
function serverText(server: McpServerConfig): string {
  if ("command" in server) {
    const words = [server.command, ...(server.args ?? [])].map((w) => JSON.stringify(w));
    const env = Object.keys(server.env ?? {});
    return [
      `start ${words.join(" ")}`,
      ...(server.cwd !== undefined ? [`in ${server.cwd}`] : []),
      ...(env.length > 0 ? [`with ${env.join(", ")} set`] : []),
    ].join(" ");
  }
  const headers = Object.keys(server.headers ?? {});
  return `connect to ${server.url}${headers.length > 0 ? ` sending ${headers.join(", ")}` : ""}`;
}

/**
 * Where writing to `target` would land: every link on the way followed, dangling ones included
 * (a link to a file that does not exist yet is where SQLite would create it); undefined for a loop.
 */
function realTarget(target: string): string | undefined {
  let parts = path.resolve(target).split(path.sep).filter(Boolean);
  let resolved = path.parse(path.resolve(target)).root;
  for (let hops = 0, i = 0; i < parts.length; i++) {
    const next = path.join(resolved, parts[i]!);
    let link: string | undefined;
    try {
      if (lstatSync(next).isSymbolicLink()) link = readlinkSync(next);
    } catch {
      return path.join(next, ...parts.slice(i + 1)); // The rest does not exist yet.
    }
    if (link === undefined) {
      resolved = next;
      continue;
    }
    if (++hops > 40) return undefined;
    const restart = path.resolve(resolved, link);
    parts = [...restart.split(path.sep).filter(Boolean), ...parts.slice(i + 1)];
    resolved = path.parse(restart).root;
    i = -1;
  }
  return resolved;
}

/**
 * Whether `target` (relative to `root`) lands outside `root` once links are followed, or inside a
 * `.git` folder (where a file can become a hook).
 */
function escapes(root: string, target: string): boolean {
  const absolute = path.resolve(root, target);
  if (absolute.split(path.sep).some((part) => part.toLowerCase() === ".git")) return true;
  const [from, to] = [realTarget(root), realTarget(absolute)];
  if (from === undefined || to === undefined) return true;
  const relative = path.relative(from, to);
  return relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/**
 * The privileged settings of a project's configuration: shell commands it allows, MCP servers (their
 * commands run, their headers can carry your keys), the private-network switch, skill trust, and a
 * history file outside the project, and the service's schedules, hooks and notification targets.
 */
export function privilegedSettings(config: CliConfig, root: string): PrivilegedSetting[] {
  const file = config.file ?? "config";
  const found: PrivilegedSetting[] = [];
  const allow = config.shell?.allow ?? [];
  if (allow.length > 0)
    found.push({
      id: "shell.allow",
      file,
      summary: `run ${allow.map(ruleText).join("; ")}`,
      value: allow.map((rule) => (typeof rule === "string" ? rule : { ...rule })),
    });
  if (config.network?.allowPrivate === true)
    found.push({
      id: "network.allowPrivate",
      file,
      summary: "let tools and skill sources reach private and local network addresses",
      value: true,
    });
  for (const [name, server] of Object.entries(config.mcp ?? {}))
    found.push({
      id: `mcp.${name}`,
      file,
      summary: serverText(server),
      value: server,
    });
  if (config.skills !== undefined) found.push(...skillsSettings(config.skills, file));
  const history = config.history?.path;
  if (history !== undefined && escapes(root, history))
    found.push({
      id: "history.path",
      file,
      summary: `write run history to ${history}, outside the project (or into .git)`,
      value: history,
    });
  found.push(...privilegedServiceSettings(config.service, file));
  return found;
}

/** `config` without the settings `privilegedSettings` finds (what an untrusted project gets). */
export function withoutPrivileged(config: CliConfig, root: string): CliConfig {
  const { mcp: _mcp, ...rest } = config;
  const out: CliConfig = { ...rest };
  if (out.shell !== undefined) {
    const { allow: _allow, ...shell } = out.shell;
    out.shell = shell;
  }
  if (out.network?.allowPrivate === true) delete out.network;
  if (out.history?.path !== undefined && escapes(root, out.history.path)) {
    const { path: _path, ...history } = out.history;
    out.history = history;
  }
  if (out.skills !== undefined) out.skills = untrustedSkills(out.skills);
  const service = untrustedServiceSection(out.service);
  if (service === undefined) delete out.service;
  else out.service = service;
  return out;
}

/** The archive limits a project sets above the defaults (lowering them is never privileged). */
function raisedLimits(skills: SkillsConfig): (keyof typeof DEFAULT_ARCHIVE_LIMITS)[] {
  const limits = skills.limits ?? {};
  return (["maxDownloadBytes", "maxUnpackedBytes", "maxFiles"] as const).filter(
    (key) => (limits[key] ?? 0) > DEFAULT_ARCHIVE_LIMITS[key],
  );
}

function untrustedSkills(skills: SkillsConfig): SkillsConfig {
  const { trusted: _trusted, trust, sources, ...rest } = skills;
  const out: SkillsConfig = { ...rest };
  const raised = raisedLimits(skills);
  if (raised.length > 0 && out.limits !== undefined)
    out.limits = Object.fromEntries(
      Object.entries(out.limits).filter(([key]) => !raised.some((r) => r === key)),
    );
  if (trust !== undefined)
    out.trust = Object.fromEntries(Object.entries(trust).filter(([, on]) => on === false));
  if (sources !== undefined)
    out.sources = sources.map(({ trusted, ...source }) =>
      trusted === false ? { ...source, trusted } : source,
    );
  return out;
}

/** A count of settings for one-line summaries. */
export const countSettings = (n: number) => plural(n, "privileged setting");
