// The configuration in effect from the user's file and the project's: lists add up, restrictions
// from either file hold, and the project's other keys win within a section.
import type { CliConfig } from "./config.js";
import type { SkillsConfig } from "./config-skills.js";
import { mergeServiceSections } from "./config-service.js";

/** `value` without its undefined entries (optional keys stay absent rather than undefined). */
function defined<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const union = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] | undefined =>
  a === undefined && b === undefined ? undefined : [...new Set([...(a ?? []), ...(b ?? [])])];

const smaller = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

/** A switch that either file can turn off: false when either says false. */
const bothAllow = (a: boolean | undefined, b: boolean | undefined): boolean | undefined =>
  a === false || b === false ? false : (b ?? a);

function mergeSkills(user: SkillsConfig, project: SkillsConfig): SkillsConfig {
  const trust: NonNullable<SkillsConfig["trust"]> = {};
  for (const scope of ["project", "user", "team", "package"] as const) {
    const value = bothAllow(user.trust?.[scope], project.trust?.[scope]);
    if (value !== undefined) trust[scope] = value;
  }
  const limits = defined<NonNullable<SkillsConfig["limits"]>>({
    maxDownloadBytes: smaller(user.limits?.maxDownloadBytes, project.limits?.maxDownloadBytes),
    maxUnpackedBytes: smaller(user.limits?.maxUnpackedBytes, project.limits?.maxUnpackedBytes),
    maxFiles: smaller(user.limits?.maxFiles, project.limits?.maxFiles),
  });
  const sources = [...(user.sources ?? []), ...(project.sources ?? [])];
  return defined<SkillsConfig>({
    disabled: union(user.disabled, project.disabled),
    trusted: union(user.trusted, project.trusted),
    ignore: union(user.ignore, project.ignore),
    sources: sources.length > 0 ? sources : undefined,
    trust: Object.keys(trust).length > 0 ? trust : undefined,
    commands: bothAllow(user.commands, project.commands),
    packages: bothAllow(user.packages, project.packages),
    maxDepth: smaller(user.maxDepth, project.maxDepth),
    maxFolders: smaller(user.maxFolders, project.maxFolders),
    limits: Object.keys(limits).length > 0 ? limits : undefined,
  });
}

function mergeShell(user: CliConfig["shell"], project: CliConfig["shell"]): CliConfig["shell"] {
  if (user === undefined && project === undefined) return undefined;
  return defined<NonNullable<CliConfig["shell"]>>({
    allow: union(user?.allow, project?.allow),
    timeoutMs: project?.timeoutMs ?? user?.timeoutMs,
  });
}

/**
 * The user's configuration under the project's. Lists add up (`shell.allow`, skill `sources`,
 * `disabled`, `trusted`, `ignore`); a restriction in either file holds (`skills.trust.<scope>: false`,
 * `skills.commands: false`, `skills.packages: false`, the smaller limit); elsewhere the project's
 * keys win within a section and the user's other keys stay (`history.path` from the user,
 * `history.verbosity` from the project). What the project may widen at all is decided before, by
 * workspace trust.
 */
export function mergeConfigs(user: CliConfig, project: CliConfig): CliConfig {
  const skills =
    user.skills === undefined && project.skills === undefined
      ? undefined
      : mergeSkills(user.skills ?? {}, project.skills ?? {});
  const section = <K extends "network" | "mcp" | "model" | "history">(key: K) =>
    user[key] === undefined && project[key] === undefined
      ? undefined
      : { ...user[key], ...project[key] };
  return defined<CliConfig>({
    file: project.file ?? user.file,
    shell: mergeShell(user.shell, project.shell),
    network: section("network"),
    mcp: section("mcp"),
    model: section("model"),
    history: section("history"),
    skills,
    service: mergeServiceSections(user.service, project.service),
  });
}
