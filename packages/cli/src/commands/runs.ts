// `skillflow runs list | show | rm | export`: the run history recorded by `skillflow run`.
import path from "node:path";
import {
  STORED_RUN_STATUSES,
  type Retention,
  type RunFilter,
  type RunStore,
  type StoredRunStatus,
} from "@skillflow/store";
import type { CliConfig } from "../config.js";
import { CliError, EXIT } from "../errors.js";
import { writeAtomically } from "../files.js";
import { openHistory } from "../history.js";
import { loadWorkspace } from "../trust/workspace.js";
import {
  printJson,
  stringFlag,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from "../command.js";
import { parseAgeDays, parseWhen, runsTable, showRun } from "../runs/format.js";
import { resolveIds } from "../runs/ids.js";
import { continueRun } from "../run/continue.js";
import { hasExpired } from "../run/approvals.js";
import { historyProblem } from "../runs/problems.js";
import { createStyle } from "../style.js";

const help = `usage: skillflow runs <list | show | resume | rm | export | prune> [options]

The run history: every \`skillflow run\` is recorded in .skillflow/history.db of the project (or
$SKILLFLOW_HOME/history.db, or history.path of the configuration). An id may be shortened to any
prefix that names one run.

Subcommands:
  list                    runs, newest first: id, workflow, status, started, duration
  show <id>               one run: steps with durations and a timeline, inputs, outputs, errors,
                          and the approvals a waiting run waits for (message, deadline, fields)
  resume <id>             continues a run from its checkpoint in this process: an interrupted
                          run (its process died; steps that finished are not run again, the one
                          in flight runs again), or a waiting run whose approval deadline passed
                          (its on_timeout applies). Options as skillflow approve: --no-prompt,
                          --allow-changed, --by, -i (the secret inputs the history did not
                          keep, given again), --json, -q
  rm <id...>              deletes runs; or every run matching the filters with --all
  export [id...]          runs with their steps as JSON (all matching runs when no id is given)
  prune                   deletes finished runs beyond the retention (--max-runs, --max-age, else
                          history.retention of the configuration); running runs are kept

Options:
      --workflow <name>   only runs of this workflow            (list, rm --all, export)
      --status <status>   ${STORED_RUN_STATUSES.join(" | ")}
      --since <when>      started at or after: ISO date or age (30m, 12h, 7d, 2w)
      --until <when>      started at or before: ISO date (the whole day) or age
      --limit <n>         at most n runs                        (list, export)
      --offset <n>        skip the n newest matching runs       (list, export)
      --max-runs <n>      prune: keep the n newest finished runs
      --max-age <age>     prune: delete finished runs older than this (30d, 12h, 2w)
      --all               rm: every run matching the filters
  -y, --yes               rm --all: do not ask for confirmation (required when not on a terminal)
      --format <f>        export: json (an array, default) or ndjson (one run per line)
  -o, --out <file>        export: write to a file (atomically) instead of stdout
      --config <file>     project configuration file (default: ./skillflow.config.{json,yaml,yml});
                          the user's config.{json,yaml,yml} ($SKILLFLOW_CONFIG_HOME, else
                          ~/.config/skillflow or the platform's folder) lies under it
      --json              list, show: print JSON
  -h, --help              show this help

Exit status: 0 success, 2 bad call, unknown run id, or a history that is damaged, locked by another
process or on a full disk (the message says what to do). runs resume: as skillflow run (0, 1, 2,
4 waiting again, 130).

Examples:
  skillflow runs list --since 7d --status failed
  skillflow runs show 3f2a9c
  skillflow runs list --status waiting
  skillflow runs resume 3f2a9c
  skillflow runs list --limit 20 --offset 20
  skillflow runs rm --all --status failed --yes
  skillflow runs prune --max-runs 100 --max-age 30d
  skillflow runs export --format ndjson --out runs.ndjson`;

const SUBCOMMAND_FLAGS: Record<string, readonly string[]> = {
  resume: ["json", "quiet", "no-prompt", "allow-changed", "by", "input"],
  list: ["workflow", "status", "since", "until", "limit", "offset", "json"],
  show: ["json"],
  rm: ["workflow", "status", "since", "until", "all", "yes"],
  export: ["workflow", "status", "since", "until", "limit", "offset", "format", "out"],
  prune: ["max-runs", "max-age"],
};

function bad(message: string): never {
  throw new CliError("BAD_ARGUMENTS", message, help);
}

/** A whole-number flag (`--limit 10`), or undefined when absent. */
function countFlag(args: ParsedArgs, name: string): number | undefined {
  const value = stringFlag(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) bad(`--${name} ${value}: expected a whole number`);
  return Number(value);
}

/** The list filter given by the flags. */
function filterOf(args: ParsedArgs): RunFilter {
  const filter: RunFilter = {};
  const workflow = stringFlag(args, "workflow");
  if (workflow !== undefined) filter.workflow = workflow;
  const status = stringFlag(args, "status");
  if (status !== undefined) {
    const known = STORED_RUN_STATUSES.find((s) => s === status);
    if (known === undefined)
      bad(`--status ${status}: expected one of ${STORED_RUN_STATUSES.join(", ")}`);
    filter.status = known satisfies StoredRunStatus;
  }
  const since = stringFlag(args, "since");
  if (since !== undefined) filter.since = parseWhen(since, "since");
  const until = stringFlag(args, "until");
  if (until !== undefined) filter.until = parseWhen(until, "until");
  const limit = countFlag(args, "limit");
  if (limit !== undefined) filter.limit = limit;
  const offset = countFlag(args, "offset");
  if (offset !== undefined) filter.offset = offset;
  return filter;
}

async function list(args: ParsedArgs, context: CommandContext, store: RunStore) {
  const rows = store.list(filterOf(args));
  const { io } = context;
  if (args.values.json === true) printJson(io, rows);
  else if (rows.length === 0) io.stderr.write("no runs recorded (that match)\n");
  else {
    io.stdout.write(`${runsTable(rows, createStyle(io.colors))}\n`);
    // Listing never runs anything: an expired approval's on_timeout applies when the run is resumed.
    const expired = rows.filter((r) => r.status === "waiting" && hasExpired(r.pending ?? []));
    if (expired.length > 0)
      io.stderr.write(
        `${expired.length} waiting run${expired.length === 1 ? " has" : "s have"} an expired approval: ` +
          `skillflow runs resume ${expired[0]!.id.slice(0, 8)} applies its on_timeout\n`,
      );
  }
  return EXIT.ok;
}

async function show(args: ParsedArgs, context: CommandContext, store: RunStore) {
  const [ref, ...more] = args.positionals;
  if (ref === undefined || more.length > 0) bad("runs show needs exactly one run id");
  const [id] = resolveIds(store, [ref]);
  const run = store.get(id!);
  if (run === undefined) throw new CliError("UNKNOWN_RUN", `no run "${ref}" in the history`);
  if (args.values.json === true) printJson(context.io, run);
  else context.io.stdout.write(showRun(run, createStyle(context.io.colors)));
  return EXIT.ok;
}

async function remove(args: ParsedArgs, context: CommandContext, store: RunStore) {
  const { io } = context;
  let ids: string[];
  if (args.values.all === true) {
    if (args.positionals.length > 0) bad("runs rm takes ids or --all, not both");
    ids = store.list(filterOf(args)).map((r) => r.id);
    if (ids.length === 0) {
      io.stderr.write("no runs to delete\n");
      return EXIT.ok;
    }
    if (args.values.yes !== true) {
      const question = `Delete ${ids.length} run${ids.length === 1 ? "" : "s"}? [y/N] `;
      if (!io.isTTY || io.confirm === undefined)
        bad(`refusing to delete ${ids.length} runs without --yes (not on a terminal)`);
      if (!(await io.confirm(question))) {
        io.stderr.write("nothing deleted\n");
        return EXIT.ok;
      }
    }
  } else {
    if (args.positionals.length === 0) bad("runs rm needs run ids, or --all with filters");
    if (["workflow", "status", "since", "until"].some((f) => args.values[f] !== undefined))
      bad("filters of runs rm need --all");
    ids = resolveIds(store, args.positionals);
  }
  const removed = store.remove(ids);
  io.stderr.write(`deleted ${removed} run${removed === 1 ? "" : "s"}\n`);
  return EXIT.ok;
}

async function exportRuns(args: ParsedArgs, context: CommandContext, store: RunStore) {
  const format = stringFlag(args, "format") ?? "json";
  if (format !== "json" && format !== "ndjson") bad(`--format ${format}: expected json or ndjson`);
  const ids =
    args.positionals.length > 0
      ? resolveIds(store, args.positionals)
      : store.list(filterOf(args)).map((r) => r.id);
  const runs = ids.map((id) => store.get(id)).filter((r) => r !== undefined);
  const text =
    format === "json"
      ? `${JSON.stringify(runs, null, 2)}\n`
      : runs.map((r) => `${JSON.stringify(r)}\n`).join("");
  const out = stringFlag(args, "out");
  if (out === undefined) context.io.stdout.write(text);
  else {
    await writeAtomically(path.resolve(context.io.cwd, out), text);
    context.io.stderr.write(
      `exported ${runs.length} run${runs.length === 1 ? "" : "s"} to ${out}\n`,
    );
  }
  return EXIT.ok;
}

/** The retention of `runs prune`: the flags over history.retention of the configuration. */
function retentionOf(args: ParsedArgs, config: CliConfig): Retention {
  const retention: Retention = { ...config.history?.retention };
  const maxRuns = countFlag(args, "max-runs");
  if (maxRuns !== undefined) retention.maxRuns = maxRuns;
  const maxAge = stringFlag(args, "max-age");
  if (maxAge !== undefined) retention.maxAgeDays = parseAgeDays(maxAge, "max-age");
  return retention;
}

async function prune(
  args: ParsedArgs,
  context: CommandContext,
  store: RunStore,
  config: CliConfig,
) {
  if (args.positionals.length > 0) bad("runs prune takes no run ids (see runs rm)");
  const retention = retentionOf(args, config);
  if (retention.maxRuns === undefined && retention.maxAgeDays === undefined)
    bad(
      "runs prune needs a retention: pass --max-runs <n> and/or --max-age <age> (e.g. 30d), " +
        'or set history.retention ({ "maxRuns": n, "maxAgeDays": n }) in the configuration',
    );
  const removed = store.prune(retention);
  context.io.stderr.write(`pruned ${removed} run${removed === 1 ? "" : "s"}\n`);
  return EXIT.ok;
}

const SUBCOMMANDS = { list, show, rm: remove, export: exportRuns, prune } as const;

/** `runs resume <id>`: continues the run in this process (it opens the history itself). */
async function resume(args: ParsedArgs, context: CommandContext, positionals: string[]) {
  const [ref, ...more] = positionals;
  if (ref === undefined || more.length > 0) bad("runs resume needs exactly one run id");
  return continueRun(args, context, ref);
}

async function execute(args: ParsedArgs, context: CommandContext): Promise<number> {
  const [name, ...positionals] = args.positionals;
  if (name === undefined) bad("runs needs a subcommand: list, show, resume, rm, export or prune");
  if (name === "resume") {
    for (const [flag, value] of Object.entries(args.values))
      if (value !== undefined && flag !== "config" && !SUBCOMMAND_FLAGS.resume!.includes(flag))
        bad(`runs resume does not take --${flag}`);
    return resume(args, context, positionals);
  }
  const sub = Object.hasOwn(SUBCOMMANDS, name)
    ? SUBCOMMANDS[name as keyof typeof SUBCOMMANDS]
    : undefined;
  const allowed = SUBCOMMAND_FLAGS[name];
  if (sub === undefined || allowed === undefined)
    bad(`unknown subcommand "${name}" (list, show, resume, rm, export, prune)`);
  for (const [flag, value] of Object.entries(args.values))
    if (value !== undefined && flag !== "config" && !allowed.includes(flag))
      bad(`runs ${name} does not take --${flag}`);
  const { config } = await loadWorkspace(context.io, {
    config: stringFlag(args, "config"),
    uses: ["history."],
  });
  const { store, file } = openHistory(context.io, config, context.openStore);
  try {
    try {
      return await sub({ ...args, positionals }, context, store, config);
    } finally {
      store.close();
    }
  } catch (error) {
    // A damaged, locked or full history is the user's to fix, never an internal error.
    throw historyProblem(error, file) ?? error;
  }
}

/** The `runs` command. */
export const runsCommand: Command = {
  name: "runs",
  help,
  options: {
    workflow: { type: "string" },
    status: { type: "string" },
    since: { type: "string" },
    until: { type: "string" },
    limit: { type: "string" },
    offset: { type: "string" },
    "max-runs": { type: "string" },
    "max-age": { type: "string" },
    all: { type: "boolean" },
    yes: { type: "boolean", short: "y" },
    format: { type: "string" },
    out: { type: "string", short: "o" },
    config: { type: "string" },
    json: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
    "no-prompt": { type: "boolean" },
    input: { type: "string", short: "i", multiple: true },
    "allow-changed": { type: "boolean" },
    by: { type: "string" },
  },
  execute,
};
