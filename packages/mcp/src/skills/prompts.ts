// Skills marked `user-invocable: true` as MCP prompts: their declared `arguments` are the prompt's
// arguments, and getting the prompt activates the skill (trust decides its commands, as everywhere).
import { shellQuote, type DiscoveredSkill, type SkillLibrary } from "@skillflow/skills";
import type { McpPrompt } from "../area.js";
import {
  activate,
  isInterpolationError,
  summarizeCommands,
  type ActivationOptions,
} from "./activation.js";
import { invalidParams } from "./served.js";

/** The prompt argument of a skill that declares none: the raw text after its name (`$ARGUMENTS`). */
export const RAW_ARGUMENTS = "arguments";

/** The raw argument string: declared arguments in order, each quoted as one word. */
function rawArguments(skill: DiscoveredSkill, args: Record<string, string>): string {
  // Names come from the skill's file: only the client's own values count, never `{}`'s members.
  const value = (name: string) => (Object.hasOwn(args, name) ? String(args[name]) : "");
  const declared = skill.frontmatter.arguments;
  if (declared === undefined || declared.length === 0) return value(RAW_ARGUMENTS);
  const values = declared.map(value);
  // Trailing empty values are dropped, so that `$ARGUMENTS` is not padded with ''.
  while (values.length > 0 && values.at(-1) === "") values.pop();
  return values.map(shellQuote).join(" ");
}

function prompt(
  library: () => SkillLibrary,
  skill: DiscoveredSkill,
  options: ActivationOptions,
): McpPrompt {
  const declared = skill.frontmatter.arguments ?? [];
  const hint = skill.frontmatter.argumentHint;
  const args =
    declared.length > 0
      ? declared.map((name) => ({
          name,
          description: `The skill's "${name}" argument ($${name})`,
          required: false,
        }))
      : [
          {
            name: RAW_ARGUMENTS,
            description: `What follows the skill name ($ARGUMENTS)${hint !== undefined ? `: ${hint}` : ""}`,
            required: false,
          },
        ];
  return {
    definition: { name: skill.name, description: skill.description, arguments: args },
    async get(values, extra) {
      const lib = library();
      try {
        const activation = await activate(lib, skill, rawArguments(skill, values), options, extra);
        const commands = summarizeCommands(skill, activation.commands);
        const note =
          commands.status === "withheld"
            ? ` (${commands.withheld} command(s) not run: ${commands.howToAllow})`
            : "";
        return {
          description: `${skill.description}${note}`,
          messages: [{ role: "user", content: { type: "text", text: activation.body } }],
        };
      } catch (error) {
        if (!isInterpolationError(error)) throw error;
        throw invalidParams(`skill "${skill.name}" could not be activated: ${error.message}`, {
          reason: error.code,
        });
      }
    },
  };
}

/** A prompt per visible skill that sets `user-invocable: true`. */
export function skillPrompts(library: () => SkillLibrary, options: ActivationOptions): McpPrompt[] {
  return library()
    .skills.filter((s) => s.frontmatter.userInvocable === true)
    .map((s) => prompt(library, s, options));
}
