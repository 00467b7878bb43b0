// Tools for clients without the skills extension: list_skills, activate_skill, read_skill_file.
import {
  SkillResourceError,
  readResourceBytes,
  type DiscoveredSkill,
  type SkillLibrary,
} from "@skillflow/skills";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { McpTool } from "../area.js";
import { toolError, toolResult } from "../results.js";
import {
  activate,
  isInterpolationError,
  summarizeCommands,
  type ActivationOptions,
} from "./activation.js";
import { inputSchemaOf, parseArgs } from "./args.js";
import { resourceContents } from "./content.js";
import type { ManifestCache } from "./manifest.js";
import { notServedMessage, visibleSkill } from "./served.js";
import { skillUri } from "./uri.js";

/** The most `read_skill_file` returns: 1 MiB, as a skill's activation reads. */
export const MAX_TOOL_FILE_BYTES = 1 << 20;

const ListArgs = z.strictObject({
  query: z.string().min(1).optional().describe("A task in words: the skills are ranked for it"),
  limit: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe("At most this many skills (default all, or 10 with a query)"),
});
const ActivateArgs = z.strictObject({
  name: z.string().min(1).describe("The skill's name, as list_skills shows it"),
  arguments: z
    .string()
    .optional()
    .describe("What follows the skill name, as typed: $ARGUMENTS, $0…, named arguments"),
});
const ReadArgs = z.strictObject({
  name: z.string().min(1).describe("The skill's name"),
  path: z
    .string()
    .min(1)
    .describe("A file of the skill, relative to its folder (e.g. references/guide.md)"),
});

const modelVisible = (s: DiscoveredSkill) => s.frontmatter.disableModelInvocation !== true;

function entry(skill: DiscoveredSkill) {
  const fm = skill.frontmatter;
  return {
    name: skill.name,
    description: skill.description,
    uri: skillUri(skill.name),
    ...(fm.arguments !== undefined ? { arguments: fm.arguments } : {}),
    ...(fm.argumentHint !== undefined ? { argumentHint: fm.argumentHint } : {}),
  };
}

/**
 * The skill a model may use by `name`, or the tool error saying why not. Only the visible skill of a
 * name, as skills/list serves: a `scope:name` id would reach a shadowed or disabled one.
 */
function lookup(library: SkillLibrary, name: string): DiscoveredSkill | CallToolResult {
  const skill = visibleSkill(library, name);
  if (skill !== undefined) return skill;
  const why = notServedMessage(library, name);
  return toolError(why.reason, why.message, "name");
}

const isResult = (value: DiscoveredSkill | CallToolResult): value is CallToolResult =>
  "content" in value;

function listSkills(library: () => SkillLibrary): McpTool {
  return {
    definition: {
      name: "list_skills",
      description:
        "Lists the skills this server serves (name, description); with `query`, ranked for that task. Activate one with activate_skill.",
      inputSchema: inputSchemaOf(ListArgs),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    call(args) {
      const parsed = parseArgs(ListArgs, args);
      if (!parsed.ok) return Promise.resolve(parsed.error);
      const { query, limit } = parsed.value;
      const lib = library();
      const visible = lib.skills.filter(modelVisible);
      let skills = visible;
      if (query !== undefined) {
        const byId = new Map(visible.map((s) => [s.id, s]));
        skills = lib
          .route(query, { k: limit ?? 10 })
          .matches.map((m) => byId.get(m.id))
          .filter((s): s is DiscoveredSkill => s !== undefined);
      } else if (limit !== undefined) skills = skills.slice(0, limit);
      return Promise.resolve(toolResult({ skills: skills.map(entry) }));
    },
  };
}

function activateSkill(
  library: () => SkillLibrary,
  manifests: ManifestCache,
  options: ActivationOptions,
): McpTool {
  return {
    definition: {
      name: "activate_skill",
      description:
        "Activates a skill by name: returns its instructions (arguments substituted) and lists its files. `!` commands run only for skills the user trusts; the result says whether they ran.",
      inputSchema: inputSchemaOf(ActivateArgs),
      annotations: { readOnlyHint: false, openWorldHint: false },
    },
    async call(args, extra) {
      const parsed = parseArgs(ActivateArgs, args);
      if (!parsed.ok) return parsed.error;
      const lib = library();
      const found = lookup(lib, parsed.value.name);
      if (isResult(found)) return found;
      if (!modelVisible(found))
        return toolError(
          "MODEL_INVOCATION_DISABLED",
          `skill "${found.name}" sets disable-model-invocation: only the user invokes it (as a prompt)`,
          "name",
        );
      try {
        const activation = await activate(lib, found, parsed.value.arguments, options, extra);
        const commands = summarizeCommands(found, activation.commands);
        // The files read_skill_file serves: a link leading out is listed by activation, not served.
        const manifest = await manifests.get(found);
        const files = manifest.ok
          ? [...manifest.manifest.files].filter((f) => f !== "SKILL.md")
          : activation.resources;
        const data = {
          name: activation.name,
          uri: skillUri(activation.name),
          trusted: activation.trusted,
          commands,
          files,
          filesTruncated: activation.resourcesTruncated,
        };
        const result = toolResult({ ...data, body: activation.body });
        // The body first as plain text (what a model reads), then the rest as JSON.
        result.content = [
          { type: "text", text: activation.body },
          { type: "text", text: JSON.stringify(data, null, 2) },
        ];
        return result;
      } catch (error) {
        if (!isInterpolationError(error)) throw error;
        const field = error.code === "UNSAFE_ARGUMENT" ? "arguments" : undefined;
        return toolError(error.code, error.message, field);
      }
    },
  };
}

function readSkillFile(library: () => SkillLibrary): McpTool {
  return {
    definition: {
      name: "read_skill_file",
      description:
        "Reads one file a skill ships (relative to its folder, as activate_skill lists them). Text comes as text, other files as base64.",
      inputSchema: inputSchemaOf(ReadArgs),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async call(args) {
      const parsed = parseArgs(ReadArgs, args);
      if (!parsed.ok) return parsed.error;
      const { name, path } = parsed.value;
      const found = lookup(library(), name);
      if (isResult(found)) return found;
      let bytes: Buffer;
      try {
        bytes = await readResourceBytes(found.dir, path, MAX_TOOL_FILE_BYTES);
      } catch (error) {
        if (!(error instanceof SkillResourceError)) throw error;
        return toolError(error.code, error.message, "path");
      }
      const uri = skillUri(found.name, path);
      const contents = resourceContents(uri, path, bytes);
      return toolResult({
        name: found.name,
        path,
        size: bytes.length,
        ...("text" in contents
          ? { mimeType: contents.mimeType, text: contents.text }
          : { mimeType: contents.mimeType, encoding: "base64", blob: contents.blob }),
      });
    },
  };
}

/** The three tools, over the library `library()` gives at each call. */
export function skillTools(
  library: () => SkillLibrary,
  manifests: ManifestCache,
  options: ActivationOptions,
): McpTool[] {
  return [listSkills(library), activateSkill(library, manifests, options), readSkillFile(library)];
}
