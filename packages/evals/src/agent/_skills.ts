// The skill side of the harness: the system prompt (catalog, loaded skills) and the two skill tools.
import { jsonSchema, tool, type ToolSet } from "ai";
import { renderCatalog, type Activation, type SkillLibrary } from "@skillflow/skills";
import type { Transcript } from "./transcript.js";

/** What the skill tools need of a run. */
export interface SkillContext {
  library: SkillLibrary;
  /** Skills whose instructions are in the system prompt already (not in the catalog). */
  loaded: readonly string[];
  transcript: Transcript;
  signal?: AbortSignal | undefined;
  /** Runs a `context: fork` skill's body in a sub-agent; undefined when no more forks are allowed. */
  fork?: ((skill: string, body: string) => Promise<string>) | undefined;
}

export const SKILL_GUIDE =
  "Skills hold instructions for specific tasks. When a task matches a skill's description, call activate_skill with its name before answering, then follow its instructions; read its bundled files with read_skill_resource when it tells you to.";

/** The catalog entries offered: every model-invocable skill but the loaded ones. */
function offered(context: Pick<SkillContext, "library" | "loaded">) {
  return context.library.entries().filter((e) => !context.loaded.includes(e.name));
}

/** What activation hands the model: the body, then the bundled files it may read. */
export function activationText(activation: Activation): string {
  const files =
    activation.resources.length > 0
      ? `\n\nBundled files (read with read_skill_resource): ${activation.resources.join(", ")}`
      : "";
  return `${activation.body}${files}`;
}

/**
 * The skills part of the system prompt: how to use skills and the catalog (empty when nothing is
 * offered, so a harness with and one without a skill differ by its entry alone), then the loaded
 * skills' activations.
 */
export async function skillsPrompt(
  context: Pick<SkillContext, "library" | "loaded" | "signal">,
): Promise<string> {
  const parts = [SKILL_GUIDE, renderCatalog(offered(context), "xml")];
  for (const name of context.loaded) {
    const activation = await context.library.activate(name, {
      ...(context.signal ? { signal: context.signal } : {}),
    });
    parts.push(
      `The skill "${name}" is loaded already; follow its instructions:\n<skill_content name="${name}">\n${activationText(activation)}\n</skill_content>`,
    );
  }
  return parts.join("\n\n");
}

/** Refuses a name that is not offered (not in the catalog nor loaded): no hidden skill is reachable. */
function available(context: SkillContext, name: string, verb: string): string {
  const names = [...offered(context).map((e) => e.name), ...context.loaded];
  if (!names.includes(name))
    throw new Error(
      `cannot ${verb} "${name}": not an available skill (available: ${names.join(", ") || "none"})`,
    );
  return name;
}

/**
 * `activate_skill` and `read_skill_resource`. Their definitions never depend on which skills are
 * offered (names are checked when called), so two harnesses that differ by one skill offer the
 * same tools.
 */
export function skillTools(context: SkillContext): ToolSet {
  const { library, transcript } = context;
  return {
    activate_skill: tool({
      description:
        "Loads a skill's instructions (its SKILL.md body) and lists its bundled files. `name` is the name of a skill in <available_skills>.",
      inputSchema: jsonSchema<{ name: string; arguments?: string }>({
        type: "object",
        properties: {
          name: { type: "string" },
          arguments: {
            type: "string",
            description: "Arguments for the skill, as a user would type them",
          },
        },
        required: ["name"],
        additionalProperties: false,
      }),
      execute: async ({ name, arguments: args }) => {
        available(context, name, "activate");
        transcript.activatedSkills.push(name);
        const skill = library.get(name);
        const activation = await library.activate(name, {
          ...(args !== undefined ? { arguments: args } : {}),
          ...(context.signal ? { signal: context.signal } : {}),
        });
        if (skill.frontmatter.context === "fork" && context.fork)
          return context.fork(name, activation.body);
        return activationText(activation);
      },
    }),
    read_skill_resource: tool({
      description:
        "Reads one bundled file of a skill (one its activation listed), by its path relative to the skill folder.",
      inputSchema: jsonSchema<{ name: string; path: string }>({
        type: "object",
        properties: { name: { type: "string" }, path: { type: "string" } },
        required: ["name", "path"],
        additionalProperties: false,
      }),
      execute: async ({ name, path }) =>
        library.readResource(available(context, name, "read a file of"), path),
    }),
  };
}
