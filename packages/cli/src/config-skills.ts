// The `skills` section of the configuration: sources, trust, disabled skills and scan bounds.
import { checkKeys, isRecord, type Problem } from "./config-check.js";

const SCOPES = ["project", "user", "team", "package"] as const;

/** A team folder or other source of skills (`skills.sources`). */
export interface SkillsSourceConfig {
  path: string;
  label?: string;
  trusted?: boolean;
  /**
   * Set by the CLI, never read from a file: a folder the project's own configuration names holds
   * the project's skills (scope `project`); the user's are team folders (scope `team`).
   */
  scope?: "team" | "project";
}

/** How skills are found and served (`skills` in the configuration). */
export interface SkillsConfig {
  /** Names or `scope:name` ids hidden from agents. */
  disabled?: string[];
  /** Installed skills the user trusts to run their commands (installs start untrusted). */
  trusted?: string[];
  sources?: SkillsSourceConfig[];
  /** Which scopes may run `` !`command` `` lines; by default only the user's. */
  trust?: Partial<Record<(typeof SCOPES)[number], boolean>>;
  /** Global switch for skill commands; default true. */
  commands?: boolean;
  /** gitignore-style patterns skipped in every source. */
  ignore?: string[];
  /** Look for skills in installed npm packages; default true. */
  packages?: boolean;
  maxDepth?: number;
  maxFolders?: number;
  /** Caps for downloads and archives on install (bytes, files). */
  limits?: { maxDownloadBytes?: number; maxUnpackedBytes?: number; maxFiles?: number };
}

const KEYS = [
  "disabled",
  "trusted",
  "sources",
  "trust",
  "commands",
  "ignore",
  "packages",
  "maxDepth",
  "maxFolders",
  "limits",
];

function strings(value: unknown, at: string, out: Problem[]): string[] | undefined {
  if (Array.isArray(value) && value.every((v) => typeof v === "string" && v !== "")) return value;
  out.push({ path: ["skills", at], message: "must be a list of non-empty strings" });
  return undefined;
}

function source(value: unknown, index: number, out: Problem[]): SkillsSourceConfig | undefined {
  const at = ["skills", "sources", index];
  if (typeof value === "string" && value !== "") return { path: value };
  if (!isRecord(value) || typeof value.path !== "string" || value.path === "") {
    out.push({ path: at, message: 'must be a folder path or { "path", "label"?, "trusted"? }' });
    return undefined;
  }
  checkKeys(value, at.map(String), ["path", "label", "trusted"], out);
  const found: SkillsSourceConfig = { path: value.path };
  if (typeof value.label === "string") found.label = value.label;
  else if (value.label !== undefined)
    out.push({ path: [...at, "label"], message: "must be a string" });
  if (typeof value.trusted === "boolean") found.trusted = value.trusted;
  else if (value.trusted !== undefined)
    out.push({ path: [...at, "trusted"], message: "must be true or false" });
  return found;
}

function trust(value: unknown, out: Problem[]): SkillsConfig["trust"] {
  if (!isRecord(value)) {
    out.push({
      path: ["skills", "trust"],
      message: `must map scopes (${SCOPES.join(", ")}) to true or false`,
    });
    return undefined;
  }
  checkKeys(value, ["skills", "trust"], [...SCOPES], out);
  const found: NonNullable<SkillsConfig["trust"]> = {};
  for (const scope of SCOPES) {
    const v = value[scope];
    if (typeof v === "boolean") found[scope] = v;
    else if (v !== undefined)
      out.push({ path: ["skills", "trust", scope], message: "must be true or false" });
  }
  return found;
}

function count(value: unknown, key: "maxDepth" | "maxFolders", out: Problem[]): number | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1) return value;
  out.push({ path: ["skills", key], message: "must be an integer >= 1" });
  return undefined;
}

const LIMIT_KEYS = ["maxDownloadBytes", "maxUnpackedBytes", "maxFiles"] as const;

function limits(value: unknown, out: Problem[]): SkillsConfig["limits"] {
  if (!isRecord(value)) {
    out.push({
      path: ["skills", "limits"],
      message: `must be a mapping with ${LIMIT_KEYS.join(", ")}`,
    });
    return undefined;
  }
  checkKeys(value, ["skills", "limits"], [...LIMIT_KEYS], out);
  const found: NonNullable<SkillsConfig["limits"]> = {};
  for (const key of LIMIT_KEYS) {
    const v = value[key];
    if (typeof v === "number" && Number.isInteger(v) && v >= 1) found[key] = v;
    else if (v !== undefined)
      out.push({ path: ["skills", "limits", key], message: "must be an integer >= 1" });
  }
  return found;
}

/** Checks the `skills` section, collecting every problem. */
export function checkSkills(value: unknown, out: Problem[]): SkillsConfig | undefined {
  if (!isRecord(value)) {
    out.push({ path: ["skills"], message: `must be a mapping with ${KEYS.join(", ")}` });
    return undefined;
  }
  checkKeys(value, ["skills"], KEYS, out);
  const config: SkillsConfig = {};
  const set = <K extends keyof SkillsConfig>(key: K, v: SkillsConfig[K] | undefined) => {
    if (v !== undefined) config[key] = v;
  };
  if (value.disabled !== undefined) set("disabled", strings(value.disabled, "disabled", out));
  if (value.trusted !== undefined) set("trusted", strings(value.trusted, "trusted", out));
  if (value.ignore !== undefined) set("ignore", strings(value.ignore, "ignore", out));
  if (value.sources !== undefined) {
    if (Array.isArray(value.sources))
      set(
        "sources",
        value.sources.map((s, i) => source(s, i, out)).filter((s) => s !== undefined),
      );
    else out.push({ path: ["skills", "sources"], message: "must be a list of folders" });
  }
  if (value.trust !== undefined) set("trust", trust(value.trust, out));
  for (const key of ["commands", "packages"] as const) {
    if (typeof value[key] === "boolean") config[key] = value[key];
    else if (value[key] !== undefined)
      out.push({ path: ["skills", key], message: "must be true or false" });
  }
  for (const key of ["maxDepth", "maxFolders"] as const)
    if (value[key] !== undefined) set(key, count(value[key], key, out));
  if (value.limits !== undefined) set("limits", limits(value.limits, out));
  return config;
}
