// Every shipped skill file as a resource `skill://<name>/<path>`; `resources/list` shows each
// skill's SKILL.md, a template covers the rest, and refusals are -32602 errors saying what and why.
import { SkillResourceError, readResourceBytes, type SkillLibrary } from "@skillflow/skills";
import type { Resource } from "@modelcontextprotocol/sdk/types.js";
import type { McpResources } from "../area.js";
import { resourceContents } from "./content.js";
import { MAX_SKILL_BYTES, type ManifestCache } from "./manifest.js";
import { invalidParams, servedSkill } from "./served.js";
import { SKILLS_CACHE } from "./extension.js";
import { parseSkillUri, skillUri } from "./uri.js";

/** The `skill://` resources of the library `library()` gives at each request. */
export function skillResources(
  library: () => SkillLibrary,
  manifests: ManifestCache,
): McpResources {
  return {
    async list() {
      const resources: Resource[] = [];
      for (const skill of library().skills) {
        const result = await manifests.get(skill);
        if (!result.ok) continue;
        const size = result.manifest.resources[0]?.size;
        resources.push({
          uri: skillUri(skill.name),
          name: skill.name,
          description: skill.description,
          mimeType: "text/markdown",
          ...(size !== undefined ? { size } : {}),
        });
      }
      return resources;
    },
    templates: () => [
      {
        uriTemplate: "skill://{skill}/{+path}",
        name: "skill-file",
        description:
          "A file of a served skill, relative to its folder (skill://<skill>/<path>); each skill's files are listed by skills/list or activate_skill.",
      },
    ],
    async read(uri) {
      const parsed = parseSkillUri(uri);
      if (parsed === undefined) return undefined;
      if (!parsed.ok)
        throw invalidParams(`Refused ${uri}: ${parsed.message}`, { uri, reason: "BAD_URI" });
      const { skill, manifest } = await servedSkill(library(), manifests, parsed.name, uri);
      let bytes: Buffer;
      try {
        bytes = await readResourceBytes(skill.dir, parsed.path, MAX_SKILL_BYTES);
      } catch (error) {
        if (!(error instanceof SkillResourceError)) throw error;
        throw invalidParams(`Refused ${uri}: ${error.message}`, { uri, reason: error.code });
      }
      // Exactly the manifest: a file deeper than the listing reaches is not served either.
      if (!manifest.files.has(parsed.path))
        throw invalidParams(
          `Refused ${uri}: ${parsed.path} is not one of the files skill "${skill.name}" ships; skills/get lists them`,
          { uri, reason: "NOT_SHIPPED" },
        );
      return {
        contents: [resourceContents(uri, parsed.path, bytes)],
        resultType: "complete",
        ...SKILLS_CACHE,
      };
    },
  };
}
