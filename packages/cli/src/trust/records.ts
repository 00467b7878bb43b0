// The user's trust records: which project folders they trusted, with a digest of the privileged settings.
import { createHash } from "node:crypto";
import path from "node:path";
import { userConfigDir, type ConfigContext } from "../config-files.js";
import { CliError } from "../errors.js";
import { writeAtomically } from "../files.js";
import { readSettingsFile } from "../settings-file.js";
import type { PrivilegedSetting } from "./privileged.js";

/** The file in the user's config folder that holds the records. */
export const TRUST_FILE = "trusted-projects.json";

/** One trusted project folder. */
export interface TrustRecord {
  /** The folder's real path. */
  path: string;
  /** `digestSettings` of the privileged settings as they were when trusted. */
  digest: string;
  /** The ids of those settings, to say what changed. */
  settings: string[];
  trustedAt: string;
}

/** Where the records live; undefined when no user config folder is known. */
export function trustFile(context: ConfigContext): string | undefined {
  const folder = userConfigDir(context);
  return folder === undefined ? undefined : path.join(folder, TRUST_FILE);
}

/**
 * A value as tagged JSON, so that no two different values meet: every node says its type (a
 * regular expression `/x/` and the string "/x/" differ), object keys sorted.
 */
function canonical(value: unknown): unknown {
  if (value instanceof RegExp) return ["regexp", value.source, value.flags];
  if (Array.isArray(value)) return ["array", ...value.map(canonical)];
  if (typeof value === "object" && value !== null)
    return [
      "object",
      ...Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    ];
  return [typeof value, value ?? null];
}

/** A digest of settings: any change of id, file or value changes it. */
export function digestSettings(settings: readonly PrivilegedSetting[]): string {
  const entries = settings
    .map((s) => [s.id, s.file, canonical(s.value)])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return createHash("sha256").update(JSON.stringify(entries)).digest("hex");
}

function isRecord(value: unknown): value is TrustRecord {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.path === "string" &&
    typeof v.digest === "string" &&
    typeof v.trustedAt === "string" &&
    Array.isArray(v.settings) &&
    v.settings.every((s) => typeof s === "string")
  );
}

/** Reads the records, keyed by folder; a missing file is none, a damaged one an INVALID_CONFIG error. */
export async function readTrustRecords(file: string): Promise<Map<string, TrustRecord>> {
  const text = await readSettingsFile(file);
  if (text === undefined) return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw damaged(file, (error as Error).message);
  }
  const projects = (parsed as { projects?: unknown } | null)?.projects;
  if (!Array.isArray(projects) || !projects.every(isRecord))
    throw damaged(
      file,
      'expected { "version": 1, "projects": [{ path, digest, settings, trustedAt }] }',
    );
  return new Map(projects.map((r) => [r.path, r]));
}

function damaged(file: string, why: string): CliError {
  return new CliError(
    "INVALID_CONFIG",
    `${file}: the list of trusted projects is damaged (${why}); fix it, or delete it and run \`skillflow trust\` again in each project you trust`,
  );
}

/** Writes the records atomically, sorted by folder. */
export async function writeTrustRecords(
  file: string,
  records: ReadonlyMap<string, TrustRecord>,
): Promise<void> {
  const projects = [...records.values()].sort((a, b) => a.path.localeCompare(b.path));
  await writeAtomically(file, `${JSON.stringify({ version: 1, projects }, null, 2)}\n`);
}
