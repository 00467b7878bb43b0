// `skillflow schedules list | add | rm | pause | resume | trigger`: the schedules of `skillflow.config.*`
// (add/rm edit the file) and their runtime state in the service's store (pause, resume, trigger).
import {
  compileCron,
  DEFAULT_TIMEZONE,
  isValidTimezone,
  MISSED_POLICIES,
  OVERLAP_POLICIES,
} from "@skillflow/service";
import type { WorkflowInput } from "@skillflow/workflow";
import { parseWorkflowFromMd } from "@skillflow/workflow";
import {
  printJson,
  stringFlag,
  stringsFlag,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from "../command.js";
import { CliError, EXIT } from "../errors.js";
import { collectInputs } from "../run/inputs.js";
import { createWorkflowCatalog } from "../service/catalog.js";
import { addSchedule, removeSchedule, type ScheduleEntry } from "../service/config-write.js";
import { formatSchedules } from "../service/format.js";
import { runningServe } from "../service/marker.js";
import { openCliService, type CliService } from "../service/open.js";
import { loadWorkspace } from "../trust/workspace.js";

const help = `usage: skillflow schedules <list | add | rm | pause | resume | trigger> [options]

Schedules start workflows on their own while \`skillflow serve\` runs. They are declared under
\`schedules\` in the project's skillflow.config.{json,yaml,yml} (reviewed in git): \`add\` and \`rm\`
edit that file (YAML comments kept); \`pause\` and \`resume\` are runtime state of the service
(.skillflow/service.db, next to the run history). A project's schedules take effect only once you
trust the project: see \`skillflow trust\`.

Subcommands:
  list                     each schedule's cron, timezone, next fire times and last run
  add <name>               declare a schedule (--workflow and --cron required)
  rm <name>                remove a schedule from the config file
  pause <name>             stop firing it (until resume); runs already started go on
  resume <name>            fire it again from the next fire time
  trigger <name>           queue a run of it now (\`skillflow serve\` runs it)

Options:
      --workflow <ref>     add: a runnable skill's name or a workflow file
      --cron <expr>        add: 5 fields (minute hour day month weekday), or 6 with seconds first
      --timezone <zone>    add: IANA timezone the cron is read in (default ${DEFAULT_TIMEZONE})
      --overlap <policy>   add: ${OVERLAP_POLICIES.join(" | ")} (default ${OVERLAP_POLICIES[0]})
      --missed <policy>    add: ${MISSED_POLICIES.join(" | ")} (default ${MISSED_POLICIES[0]})
      --inputs <json>      add: the inputs of every run; trigger: inputs of this run
  -i, --input key=value    trigger: one input, converted to its declared type (repeatable)
      --config <file>      project configuration file (default: ./skillflow.config.{json,yaml,yml})
      --json               machine-readable output
  -h, --help               show this help

Examples:
  skillflow schedules add daily-check --workflow page-digest --cron "0 9 * * *" --timezone Europe/Berlin
  skillflow schedules list
  skillflow schedules pause daily-check
  skillflow schedules trigger daily-check -i url=https://example.com
  skillflow schedules rm daily-check`;

type Sub = (args: ParsedArgs, context: CommandContext) => Promise<number>;

const bad = (message: string): never => {
  throw new CliError("BAD_ARGUMENTS", message, help);
};

/** The one schedule name a subcommand takes. */
function nameArg(args: ParsedArgs, sub: string): string {
  const [name, ...rest] = args.positionals;
  if (name === undefined || rest.length > 0)
    bad(`schedules ${sub} needs exactly one schedule name`);
  return name!;
}

/** Runs `use` with the service opened for this project, closing it after. */
async function withService<T>(
  args: ParsedArgs,
  context: CommandContext,
  use: (opened: CliService) => Promise<T>,
): Promise<T> {
  const opened = await openCliService(context, { config: stringFlag(args, "config") });
  try {
    return await use(opened);
  } finally {
    await opened.close();
  }
}

const list: Sub = async (args, context) =>
  withService(args, context, async ({ service }) => {
    const schedules = await service.listSchedules();
    if (args.values.json === true) printJson(context.io, schedules);
    else context.io.stdout.write(formatSchedules(schedules));
    return EXIT.ok;
  });

function choice(args: ParsedArgs, flag: string, choices: readonly string[]): string | undefined {
  const value = stringFlag(args, flag);
  if (value !== undefined && !choices.includes(value))
    bad(`--${flag} must be one of ${choices.join(", ")} (got "${value}")`);
  return value;
}

function inputsJson(args: ParsedArgs): Record<string, unknown> | undefined {
  const text = stringFlag(args, "inputs");
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError("INVALID_INPUT", `--inputs: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new CliError("INVALID_INPUT", "--inputs must be a JSON object");
  return value as Record<string, unknown>;
}

/** The entry `add` writes, each flag checked first (the cron with croner's reason). */
function entryOf(args: ParsedArgs, name: string): ScheduleEntry {
  const workflow = stringFlag(args, "workflow") ?? bad("schedules add needs --workflow <ref>");
  const cron = stringFlag(args, "cron") ?? bad('schedules add needs --cron "<expr>"');
  const timezone = stringFlag(args, "timezone");
  if (timezone !== undefined && !isValidTimezone(timezone))
    bad(
      `--timezone: unknown timezone "${timezone}"; use an IANA name such as Europe/Berlin or UTC`,
    );
  const compiled = compileCron(cron, timezone ?? DEFAULT_TIMEZONE);
  if (!compiled.ok)
    throw new CliError(
      "INVALID_CRON",
      `--cron "${cron}": ${compiled.reason}; use 5 fields (minute hour day month weekday) or 6 with seconds first`,
    );
  const overlap = choice(args, "overlap", OVERLAP_POLICIES);
  const missed = choice(args, "missed", MISSED_POLICIES);
  const inputs = inputsJson(args);
  return {
    name,
    workflow,
    cron,
    ...(timezone !== undefined ? { timezone } : {}),
    ...(overlap !== undefined ? { overlap } : {}),
    ...(missed !== undefined ? { missed } : {}),
    ...(inputs !== undefined ? { inputs } : {}),
  };
}

/** A note when the project's schedules do not apply (untrusted or changed since trusted). */
function trustNote(state: string, name: string): string | undefined {
  if (state !== "untrusted" && state !== "changed") return undefined;
  return `note: schedule ${name} takes effect once you trust this project: review (skillflow trust status), then run \`skillflow trust\`\n`;
}

const add: Sub = async (args, context) => {
  const { io } = context;
  const name = nameArg(args, "add");
  const entry = entryOf(args, name);
  const config = stringFlag(args, "config");
  const { config: current } = await loadWorkspace(io, { config, quiet: true });
  await createWorkflowCatalog(io, current).load(entry.workflow); // UNKNOWN_WORKFLOW with a hint
  const file = await addSchedule(io, config, entry);
  const { trust } = await loadWorkspace(io, { config, quiet: true });
  if (args.values.json === true) printJson(io, { schedule: name, file, added: true });
  io.stderr.write(`added schedule ${name} to ${file}\n`);
  io.stderr.write(trustNote(trust.state, name) ?? "");
  return EXIT.ok;
};

const rm: Sub = async (args, context) => {
  const name = nameArg(args, "rm");
  const file = await removeSchedule(context.io, stringFlag(args, "config"), name);
  if (args.values.json === true) printJson(context.io, { schedule: name, file, removed: true });
  context.io.stderr.write(`removed schedule ${name} from ${file}\n`);
  return EXIT.ok;
};

const pauseOrResume =
  (paused: boolean): Sub =>
  async (args, context) => {
    const name = nameArg(args, paused ? "pause" : "resume");
    return withService(args, context, async ({ service }) => {
      const info = paused ? await service.pauseSchedule(name) : await service.resumeSchedule(name);
      if (args.values.json === true) printJson(context.io, info);
      else context.io.stdout.write(formatSchedules([info]));
      return EXIT.ok;
    });
  };

/** The declared inputs of the schedule's workflow (for `-i` conversion); none when unknown. */
async function declaredInputs(
  opened: CliService,
  name: string,
  context: CommandContext,
): Promise<Record<string, WorkflowInput>> {
  const schedule = opened.config.schedules.get(name);
  if (schedule === undefined) return {};
  const catalog = createWorkflowCatalog(context.io, opened.workspace.config);
  try {
    return parseWorkflowFromMd((await catalog.load(schedule.workflow)).content).inputs ?? {};
  } catch {
    return {};
  }
}

const trigger: Sub = async (args, context) => {
  const { io } = context;
  const name = nameArg(args, "trigger");
  return withService(args, context, async (opened) => {
    const pairs = stringsFlag(args, "input");
    const text = stringFlag(args, "inputs");
    const hasInputs = pairs.length > 0 || text !== undefined;
    const inputs = hasInputs
      ? await collectInputs(
          io.cwd,
          { pairs, ...(text !== undefined ? { inputsJson: text } : {}) },
          await declaredInputs(opened, name, context),
        )
      : undefined;
    const ref = await opened.service.triggerSchedule(name, inputs ? { inputs } : {});
    const serving = await runningServe(opened.stateFile);
    if (args.values.json === true) printJson(io, { ...ref, schedule: name, serving: !!serving });
    else {
      io.stdout.write(`queued run ${ref.runId} of schedule ${name}\n`);
      io.stderr.write(
        serving
          ? `skillflow serve (${serving.url}) runs it; follow it with skillflow runs show ${ref.runId.slice(0, 8)}\n`
          : "no skillflow serve runs here: it will run when `skillflow serve` starts\n",
      );
    }
    return EXIT.ok;
  });
};

const SUBCOMMANDS: Record<string, Sub> = {
  list,
  add,
  rm,
  pause: pauseOrResume(true),
  resume: pauseOrResume(false),
  trigger,
};

/** The flags each subcommand takes (others are refused, not ignored). */
const FLAGS: Record<string, readonly string[]> = {
  list: ["json", "config"],
  add: ["workflow", "cron", "timezone", "overlap", "missed", "inputs", "json", "config"],
  rm: ["json", "config"],
  pause: ["json", "config"],
  resume: ["json", "config"],
  trigger: ["inputs", "input", "json", "config"],
};

/** The `schedules` command. */
export const schedulesCommand: Command = {
  name: "schedules",
  help,
  options: {
    workflow: { type: "string" },
    cron: { type: "string" },
    timezone: { type: "string" },
    overlap: { type: "string" },
    missed: { type: "string" },
    inputs: { type: "string" },
    input: { type: "string", short: "i", multiple: true },
    config: { type: "string" },
    json: { type: "boolean" },
  },
  async execute(args, context) {
    const [name, ...positionals] = args.positionals;
    if (name === undefined)
      bad(`schedules needs a subcommand: ${Object.keys(SUBCOMMANDS).join(", ")}`);
    const sub = Object.hasOwn(SUBCOMMANDS, name!) ? SUBCOMMANDS[name!] : undefined;
    if (sub === undefined) return bad(`unknown subcommand "${name}"`);
    const allowed = FLAGS[name!] ?? [];
    for (const flag of Object.keys(args.values))
      if (args.values[flag] !== undefined && !allowed.includes(flag))
        bad(`--${flag} does not apply to schedules ${name}`);
    return sub({ ...args, positionals }, context);
  },
};
