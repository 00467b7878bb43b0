// SEP-2640's `skills/list` (paginated) and `skills/get`, with the fields of protocol 2026-07-28
// (`resultType`, `ttlMs`, `cacheScope`) added by hand: the SDK knows only 2025-11-25.
import type { SkillLibrary } from "@skillflow/skills";
import type { McpMethod } from "../area.js";
import type { ManifestCache, SkillOmission } from "./manifest.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { invalidParams, servedSkill } from "./served.js";
import { parseSkillUri, skillUri } from "./uri.js";

/** The extension's name in `capabilities.extensions`. */
export const SKILLS_EXTENSION = "io.modelcontextprotocol/skills";

/** Skills per `skills/list` page. */
export const SKILLS_PAGE_SIZE = 50;

/**
 * How long a client may keep a listing: skills are re-read on every request, so a minute keeps an
 * edit visible soon. `private`: the listing is this user's (user scope, trust), never shared.
 */
export const SKILLS_CACHE = { ttlMs: 60_000, cacheScope: "private" } as const;

/** `_meta` key of `skills/list` naming the skills left out and why (first page only). */
export const OMITTED_META_KEY = "skillflow/omitted";

/** `skills/list` and `skills/get` over the library `library()` gives at each request. */
export function skillsMethods(library: () => SkillLibrary, manifests: ManifestCache): McpMethod[] {
  const list: McpMethod = {
    method: "skills/list",
    async handle(params) {
      const offset = decodeCursor(params.cursor, "skills");
      const skills: Record<string, unknown>[] = [];
      const omitted: SkillOmission[] = [];
      for (const skill of library().skills) {
        const result = await manifests.get(skill);
        if (!result.ok) omitted.push(result.omission);
        else
          skills.push({
            uri: skillUri(skill.name),
            frontmatter: result.manifest.frontmatter,
            resources: result.manifest.resources,
          });
      }
      const page = skills.slice(offset, offset + SKILLS_PAGE_SIZE);
      const next = offset + SKILLS_PAGE_SIZE < skills.length;
      return {
        resultType: "complete",
        skills: page,
        ...(next ? { nextCursor: encodeCursor(offset + SKILLS_PAGE_SIZE, "skills") } : {}),
        ...SKILLS_CACHE,
        ...(offset === 0 && omitted.length > 0 ? { _meta: { [OMITTED_META_KEY]: omitted } } : {}),
      };
    },
  };
  const get: McpMethod = {
    method: "skills/get",
    async handle(params) {
      const uri = params.uri;
      if (typeof uri !== "string")
        throw invalidParams("params.uri must be the URI of a skill's SKILL.md (a string)", {
          field: "uri",
        });
      const parsed = parseSkillUri(uri);
      if (parsed === undefined || !parsed.ok || parsed.path !== "SKILL.md")
        throw invalidParams(
          `No skill is served at ${uri}: params.uri must be the URI of a skill's SKILL.md (skill://<name>/SKILL.md)`,
          { uri, reason: "NOT_A_SKILL_URI" },
        );
      const { skill, manifest } = await servedSkill(library(), manifests, parsed.name, uri);
      return {
        resultType: "complete",
        skill: {
          uri: skillUri(skill.name),
          frontmatter: manifest.frontmatter,
          resources: manifest.resources,
        },
        ...SKILLS_CACHE,
      };
    },
  };
  return [list, get];
}
