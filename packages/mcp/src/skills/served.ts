// Which skill a name or URI reaches, and the protocol errors (-32602) for those it does not.
import type { DiscoveredSkill, SkillLibrary } from "@skillflow/skills";
import type { ManifestCache, SkillManifest } from "./manifest.js";

/** JSON-RPC "Invalid params": SEP-2640's code for a skill, file or directory not served. */
export const INVALID_PARAMS = -32602;

/**
 * A protocol error with a clean message (the SDK's McpError would prefix "MCP error -32602: ") and
 * `data` saying what was refused: `{ uri, reason }`.
 */
export function invalidParams(message: string, data?: Record<string, unknown>): Error {
  return Object.assign(new Error(message), {
    code: INVALID_PARAMS,
    ...(data !== undefined ? { data } : {}),
  });
}

/** Why no skill called `name` is served: unknown, or disabled in config. */
export function notServedMessage(
  library: SkillLibrary,
  name: string,
): { reason: string; message: string } {
  const disabled = library.all.some((s) => s.name === name && s.disabled);
  return disabled
    ? {
        reason: "SKILL_DISABLED",
        message: `skill "${name}" is disabled (skills.disabled in config), so it is not served; enable it with \`skillflow skills enable ${name}\``,
      }
    : {
        reason: "SKILL_NOT_FOUND",
        message: `no skill "${name}" is served here; skills/list, list_skills or resources/list name the skills this server has`,
      };
}

/** The visible skill called `name`, or undefined. */
export function visibleSkill(library: SkillLibrary, name: string): DiscoveredSkill | undefined {
  return library.skills.find((s) => s.name === name);
}

/**
 * The served skill `name` and its manifest, or a -32602 error naming `uri` and why: no such skill,
 * disabled, or over the extension's limits.
 */
export async function servedSkill(
  library: SkillLibrary,
  manifests: ManifestCache,
  name: string,
  uri: string,
): Promise<{ skill: DiscoveredSkill; manifest: SkillManifest }> {
  const skill = visibleSkill(library, name);
  if (skill === undefined) {
    const why = notServedMessage(library, name);
    throw invalidParams(`No skill is served at ${uri}: ${why.message}`, {
      uri,
      reason: why.reason,
    });
  }
  const result = await manifests.get(skill);
  if (!result.ok)
    throw invalidParams(`No skill is served at ${uri}: ${result.omission.message}`, {
      uri,
      reason: result.omission.code,
    });
  return { skill, manifest: result.manifest };
}
