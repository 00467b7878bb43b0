// Activating a skill for MCP: `SkillLibrary.activate` decides trust as everywhere; this says what
// happened to the skill's `!` commands and how to let them run.
import {
  InterpolationError,
  type Activation,
  type CommandReport,
  type DiscoveredSkill,
  type SkillLibrary,
} from "@skillflow/skills";
import type { McpRequestExtra } from "../area.js";

/** Environment and limits of `!` commands of trusted skills on activation. */
export interface ActivationOptions {
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** What became of the skill's commands. */
export interface CommandsSummary {
  /** `none` (the skill has none), `ran` (all ran), `withheld` (none ran). */
  status: "none" | "ran" | "withheld";
  ran: number;
  withheld: number;
  /** Why they were withheld and how to allow them. */
  reason?: string;
  howToAllow?: string;
  commands: { command: string; line: number; ran: boolean; reason?: string }[];
}

/** The summary of an activation's command reports. */
export function summarizeCommands(
  skill: DiscoveredSkill,
  reports: readonly CommandReport[],
): CommandsSummary {
  const ran = reports.filter((c) => c.ran).length;
  const withheld = reports.length - ran;
  const commands = reports.map((c) => ({
    command: c.command,
    line: c.line,
    ran: c.ran,
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
  }));
  if (reports.length === 0) return { status: "none", ran, withheld, commands };
  if (withheld === 0) return { status: "ran", ran, withheld, commands };
  const reason = reports.find((c) => !c.ran)?.reason ?? "not run";
  const howToAllow =
    reason === "command execution is disabled"
      ? "commands are switched off for every skill (skills.commands: false in config); set it to true to let trusted skills run theirs"
      : `the skill is not trusted to run commands; the user can trust it with \`skillflow skills trust ${skill.name}\` (or mark its source trusted in config), then activate it again`;
  return { status: "withheld", ran, withheld, reason, howToAllow, commands };
}

/** `library.activate` with the area's environment and the request's abort signal. */
export function activate(
  library: SkillLibrary,
  skill: DiscoveredSkill,
  args: string | undefined,
  options: ActivationOptions,
  extra: McpRequestExtra,
): Promise<Activation> {
  return library.activate(skill.id, {
    ...(args !== undefined ? { arguments: args } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    signal: extra.signal,
  });
}

/** Whether `error` is a refusal or failure of the skill's own commands (reported, not thrown). */
export const isInterpolationError = (error: unknown): error is InterpolationError =>
  error instanceof InterpolationError;
