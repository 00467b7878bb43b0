// SEP-2640's `resources/directory/read`: the direct children of a folder of a served skill, built
// from its manifest, so a listing never shows a file `resources/read` would refuse.
import type { SkillLibrary } from "@skillflow/skills";
import type { McpMethod } from "../area.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { mimeTypeByName } from "./content.js";
import type { ManifestCache } from "./manifest.js";
import { invalidParams, servedSkill } from "./served.js";
import { parseSkillUri, skillUri } from "./uri.js";

/** Entries per `resources/directory/read` page. */
export const DIRECTORY_PAGE_SIZE = 100;

/** The media type SEP-2640 gives a directory resource. */
export const DIRECTORY_MIME_TYPE = "inode/directory";

interface Child {
  uri: string;
  name: string;
  mimeType?: string;
}

/** The direct children of `dir` (`""`: the skill folder) among the served `files`, or undefined. */
function childrenOf(skill: string, files: Iterable<string>, dir: string): Child[] | undefined {
  const prefix = dir === "" ? "" : `${dir}/`;
  const found = new Map<string, Child>();
  for (const file of files) {
    if (!file.startsWith(prefix)) continue;
    const rest = file.slice(prefix.length);
    const slash = rest.indexOf("/");
    const name = slash < 0 ? rest : rest.slice(0, slash);
    const child = prefix + name;
    const mimeType = slash < 0 ? mimeTypeByName(file) : DIRECTORY_MIME_TYPE;
    // A directory URI has no trailing slash (SEP-2640).
    found.set(name, { uri: skillUri(skill, child), name, ...(mimeType ? { mimeType } : {}) });
  }
  if (found.size === 0) return undefined;
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `resources/directory/read` over the library `library()` gives at each request. */
export function directoryMethod(library: () => SkillLibrary, manifests: ManifestCache): McpMethod {
  return {
    method: "resources/directory/read",
    async handle(params) {
      const uri = params.uri;
      if (typeof uri !== "string")
        throw invalidParams("params.uri must be the URI of a skill directory (a string)", {
          field: "uri",
        });
      const parsed = parseSkillUri(uri);
      if (parsed === undefined || !parsed.ok)
        throw invalidParams(`${uri} is not a directory resource of this server`, {
          uri,
          reason: "NOT_A_DIRECTORY",
        });
      const { skill, manifest } = await servedSkill(library(), manifests, parsed.name, uri);
      const children = childrenOf(skill.name, manifest.files, parsed.path);
      if (children === undefined)
        throw invalidParams(
          `${uri} is not a directory resource (no file of skill "${skill.name}" lies in it)`,
          {
            uri,
            reason: "NOT_A_DIRECTORY",
          },
        );
      const offset = decodeCursor(params.cursor, "directory");
      const page = children.slice(offset, offset + DIRECTORY_PAGE_SIZE);
      const next = offset + DIRECTORY_PAGE_SIZE < children.length;
      return {
        resultType: "complete",
        resources: page,
        ...(next ? { nextCursor: encodeCursor(offset + DIRECTORY_PAGE_SIZE, "directory") } : {}),
      };
    },
  };
}
