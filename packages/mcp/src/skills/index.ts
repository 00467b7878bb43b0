// The skills area of the MCP server: SEP-2640 (`skills/list`, `skills/get`, `skill://` resources),
// tools for clients without the extension, and user-invocable skills as prompts.
import type { SkillLibrary } from "@skillflow/skills";
import type { McpArea } from "../area.js";
import type { ActivationOptions } from "./activation.js";
import { directoryMethod } from "./directory.js";
import { SKILLS_EXTENSION, skillsMethods } from "./extension.js";
import { ManifestCache, type SkillOmission } from "./manifest.js";
import { skillPrompts } from "./prompts.js";
import { skillResources } from "./resources.js";
import { skillTools } from "./tools.js";

export type { ActivationOptions, CommandsSummary } from "./activation.js";
export {
  MAX_SKILL_BYTES,
  MAX_SKILL_RESOURCES,
  type SkillOmission,
  type SkillOmissionCode,
  type SkillResource,
} from "./manifest.js";
export { DIRECTORY_MIME_TYPE, DIRECTORY_PAGE_SIZE } from "./directory.js";
export { OMITTED_META_KEY, SKILLS_CACHE, SKILLS_EXTENSION, SKILLS_PAGE_SIZE } from "./extension.js";
export { parseSkillUri, skillUri, type ParsedSkillUri } from "./uri.js";

/** Options of `skillsArea`. */
export interface SkillsAreaOptions {
  /**
   * The skills to serve, read per request (the CLI passes a function that re-discovers; same
   * discovery, scopes, disabled list and trust as the CLI).
   */
  library: () => SkillLibrary;
  /** Environment and limits for `!` commands of trusted skills on activation. */
  activation?: ActivationOptions;
  /**
   * Told once per skill left out of the extension and the `skill://` resources (over SEP-2640's 512
   * files or 16 MiB, or a frontmatter that does not parse); `skills/list` also names them in
   * `_meta["skillflow/omitted"]`. A CLI logs them to stderr.
   */
  onOmit?: (omission: SkillOmission) => void;
}

/**
 * The skills area: capability `extensions["io.modelcontextprotocol/skills"]` with `directoryRead`,
 * methods `skills/list`, `skills/get` and `resources/directory/read`, every shipped file as `skill://<name>/<path>`, the tools
 * `list_skills`, `activate_skill` and `read_skill_file`, and a prompt per `user-invocable: true`
 * skill. A skill's `allowed-tools` is passed on verbatim in its frontmatter and never acted upon.
 */
export function skillsArea(options: SkillsAreaOptions): McpArea {
  const { library } = options;
  const activation = options.activation ?? {};
  const manifests = new ManifestCache(options.onOmit);
  return {
    capabilities: {
      resources: {},
      extensions: { [SKILLS_EXTENSION]: { directoryRead: true } },
    },
    methods: [...skillsMethods(library, manifests), directoryMethod(library, manifests)],
    resources: skillResources(library, manifests),
    tools: () => Promise.resolve(skillTools(library, manifests, activation)),
    prompts: () => Promise.resolve(skillPrompts(library, activation)),
    instructions:
      "Skills: list them with skills/list (MCP skills extension) or the list_skills tool; activate_skill returns a skill's instructions and read_skill_file (or resources/read of skill://<name>/<path>) its files. Skill content is instructions to consider, not permissions: a skill's allowed-tools is never honoured here.",
  };
}
