// The workspace: configuration and environment in effect here, with a project's privileged settings
// applied only when the user trusts the project. Every command gets its configuration through here.
import { realpath } from "node:fs/promises";
import { visible } from "@skillflow/workflow";
import path from "node:path";
import type { CliConfig } from "../config.js";
import { loadConfigFiles } from "../config-files.js";
import { mergeConfigs } from "../config-merge.js";
import type { Io } from "../io.js";
import { environmentWith, readDotenv } from "../run/dotenv.js";
import {
  isPrivilegedVariable,
  privilegedSettings,
  privilegedVariables,
  withoutPrivileged,
  type PrivilegedSetting,
} from "./privileged.js";
import { serviceVariables } from "./privileged-service.js";
import { digestSettings, readTrustRecords, trustFile, type TrustRecord } from "./records.js";

/** Set to 1 in the environment (never in .env) to trust the project for one call, as CI does. */
export const TRUST_VARIABLE = "SKILLFLOW_TRUST_WORKSPACE";

/**
 * Whether the project's privileged settings apply: `none` (it has none), `trusted` (recorded with
 * the same digest, or `SKILLFLOW_TRUST_WORKSPACE=1`), `changed` (recorded, but they changed since)
 * or `untrusted`.
 */
export type TrustState = "none" | "trusted" | "changed" | "untrusted";

/** The trust decision for one project folder. */
export interface WorkspaceTrust {
  /** The project folder's real path (what a record names). */
  root: string;
  state: TrustState;
  /** Every privileged setting of the project's files, applied or not. */
  settings: PrivilegedSetting[];
  digest: string;
  /** The record that matched or no longer matches. */
  record?: TrustRecord;
  /** Where records are kept; undefined without a user config folder. */
  file?: string;
  /** Trusted through the environment variable rather than a record. */
  byEnvironment: boolean;
}

/** The configuration and environment a command works with. */
export interface Workspace {
  /** The user's configuration under the project's, privileged project settings only when trusted. */
  config: CliConfig;
  /** The environment tools see: `io.env` over the project's `.env` (privileged variables only when trusted). */
  env: Record<string, string | undefined>;
  trust: WorkspaceTrust;
}

/** Options of `loadWorkspace`. */
export interface WorkspaceOptions {
  /** A project configuration file named with --config. */
  config?: string | undefined;
  /** Do not print the settings that were ignored (for commands that report trust themselves). */
  quiet?: boolean;
  /** Name only ignored settings whose id starts with one of these (the ones the command uses). */
  uses?: readonly string[];
}

async function projectRoot(cwd: string): Promise<string> {
  try {
    return await realpath(cwd);
  } catch {
    return path.resolve(cwd);
  }
}

async function decide(
  io: Io,
  root: string,
  settings: PrivilegedSetting[],
): Promise<WorkspaceTrust> {
  const digest = digestSettings(settings);
  const byEnvironment = io.env[TRUST_VARIABLE] === "1";
  const file = trustFile(io);
  const base = { root, settings, digest, byEnvironment, ...(file ? { file } : {}) };
  if (settings.length === 0) return { ...base, state: "none" };
  if (byEnvironment) return { ...base, state: "trusted" };
  const record = file === undefined ? undefined : (await readTrustRecords(file)).get(root);
  if (record === undefined) return { ...base, state: "untrusted" };
  return { ...base, record, state: record.digest === digest ? "trusted" : "changed" };
}

/**
 * The user's config, narrowed to what is the user's: a bare name in `skills.trusted` trusts only
 * the user's own skill of that name (`user:name`), never a same-named one a cloned project brings;
 * package trust (`trust.package`, `package:name`) is dropped, because package skills come from the
 * project's node_modules: a project trusts them in its own configuration.
 */
function userScoped(user: CliConfig, notes: string[]): CliConfig {
  user = userScopedService(user);
  const skills = user.skills;
  if (skills === undefined) return user;
  const out = { ...skills };
  const dropped: string[] = [];
  if (skills.trusted !== undefined) {
    dropped.push(...skills.trusted.filter((name) => name.startsWith("package:")));
    out.trusted = skills.trusted
      .filter((name) => !name.startsWith("package:"))
      .map((name) => (name.includes(":") ? name : `user:${name}`));
  }
  if (skills.trust?.package === true) {
    const { package: _package, ...trust } = skills.trust;
    out.trust = trust;
    dropped.push("trust.package");
  }
  if (dropped.length > 0)
    notes.push(
      `skillflow: ignored skills ${dropped.join(", ")} from ${user.file ?? "your config"}: package skills come from the project's node_modules, so only a trusted project's configuration can trust them`,
    );
  return { ...user, skills: out };
}

/** A bare skill name: what a cloned project could shadow with a skill of its own. */
const BARE_SKILL = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The user's schedules and hooks run the user's own skill: a bare `workflow: greet` in the user's
 * config means `user:greet`, never a same-named skill a cloned project brings (it would then run
 * unattended, with the user's secrets).
 */
function userScopedService(user: CliConfig): CliConfig {
  const section = user.service;
  if (section === undefined) return user;
  const scope = (list: unknown): unknown =>
    Array.isArray(list)
      ? list.map((entry: unknown) => {
          if (typeof entry !== "object" || entry === null) return entry;
          const workflow = (entry as { workflow?: unknown }).workflow;
          return typeof workflow === "string" && BARE_SKILL.test(workflow)
            ? { ...entry, workflow: `user:${workflow}` }
            : entry;
        })
      : list;
  const scoped = { ...section };
  if (section.schedules !== undefined) scoped.schedules = scope(section.schedules);
  if (section.hooks !== undefined) scoped.hooks = scope(section.hooks);
  return { ...user, service: scoped };
}

/** The project's config with the folders it names as skill sources in the project's scope. */
function projectScoped(project: CliConfig): CliConfig {
  const sources = project.skills?.sources;
  if (sources === undefined) return project;
  const scoped = sources.map((source) => ({ ...source, scope: "project" as const }));
  return { ...project, skills: { ...project.skills, sources: scoped } };
}

/** One line per ignored setting: what, from where, why, and how to allow it. */
export function ignoredLines(trust: WorkspaceTrust, uses?: readonly string[]): string[] {
  if (trust.state !== "untrusted" && trust.state !== "changed") return [];
  const why =
    trust.state === "changed"
      ? "the project's privileged settings changed since you trusted it; review them (skillflow trust status), then run `skillflow trust`"
      : "this project is not trusted; review (skillflow trust status), then run `skillflow trust` to allow it";
  return trust.settings
    .filter((s) => uses === undefined || uses.some((prefix) => s.id.startsWith(prefix)))
    .map((s) => `skillflow: ignored ${visible(s.id)} from ${visible(s.file)}: ${why}`);
}

/**
 * Loads the configuration (the user's, then the project's) and the project's `.env`, and decides
 * trust: a project's privileged settings (see docs/security.md) take effect only in a project the
 * user trusted with `skillflow trust` and whose privileged settings have not changed since. Each
 * ignored setting is named on stderr, with how to allow it.
 */
export async function loadWorkspace(io: Io, options: WorkspaceOptions = {}): Promise<Workspace> {
  const { user, project } = await loadConfigFiles(io, options.config);
  const dotenv = await readDotenv(io.cwd);
  const root = await projectRoot(io.cwd);
  // A variable the configuration reads as a notification URL or a hook secret is the user's to set.
  const named = serviceVariables(user.service, project.service);
  const settings = [
    ...privilegedSettings(project, io.cwd),
    ...privilegedVariables(dotenv, ".env", named),
  ];
  const trust = await decide(io, root, settings);
  const applies = trust.state === "trusted" || trust.state === "none";
  const notes: string[] = [];
  const config = mergeConfigs(
    userScoped(user, notes),
    projectScoped(applies ? project : withoutPrivileged(project, io.cwd)),
  );
  const vars = applies
    ? dotenv
    : new Map([...dotenv].filter(([name]) => !isPrivilegedVariable(name) && !named.has(name)));
  if (options.quiet !== true)
    for (const line of [...notes, ...ignoredLines(trust, options.uses)])
      io.stderr.write(`${line}\n`);
  return { config, env: environmentWith(vars, io.env), trust };
}
