// `skillflow eval <skill>`, `eval init <skill>` and `eval history <skill>`: does a skill help, per model, over time?
import { stat } from "node:fs/promises";
import path from "node:path";
import {
  evaluateSkill,
  evalsDir,
  fileCache,
  formatHistory,
  formatSuiteDiagnostic,
  loadSuite,
  readHistory,
  type CacheMode,
  type EvalHost,
} from "@skillflow/evals";
import {
  printJson,
  stringFlag,
  stringsFlag,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from "../command.js";
import type { CliConfig } from "../config.js";
import { CliError, EXIT } from "../errors.js";
import { initSuite } from "../evals/init.js";
import { progress, render, triggers } from "../evals/output.js";
import { keepReport } from "../evals/save.js";
import { skillDir } from "../evals/skill-dir.js";
import { judgeFor } from "../evals/judge.js";
import { cliModel } from "../evals/models.js";
import { writeAtomically } from "../files.js";
import type { Io } from "../io.js";
import { libraryOptions } from "../skills/load.js";
import { buildTools, type CliTools } from "../tools.js";
import { loadWorkspace } from "../trust/workspace.js";
import { FALLBACK_MODEL } from "./agent.js";

const help = `usage: skillflow eval <skill folder | skill name> [options]
       skillflow eval init <skill folder | skill name> [--force]
       skillflow eval history <skill> [--json]

Runs the cases of the skill's evals/evals.json (or .yaml) with the skill, without it (baseline) and,
with --previous, with its previous version; each --repeat times on each --model. Every condition
runs in the same harness as skillflow agent: the same system prompt, the standard tools (and MCP
servers) and the other skills found here; they differ only in whether the skill under test is
available. Reports pass rates with Wilson intervals, pass^k, the paired with − without difference
(bootstrap interval, sign test) and a verdict per model: helps, hurts, no clear effect, or no data
(every trial errored; the errors are shown). Every result is added to the evaluation history, and
the full report is saved as JSON in .skillflow/evals/reports/ (or $SKILLFLOW_HOME/evals/reports/),
where skillflow serve's dashboard reads it; --no-save skips that file (the history is still kept).

A skill name is looked up among the skills found here (skillflow skills list) and in --source
folders: from a clone of skillflow, pass examples/commit-message or --source examples.

Options:
  -m, --model <provider:model>  repeatable; default model.default of the configuration
      --mode <mode>             catalog (default): the model must find and activate the skill;
                                loaded: the skill's instructions are in the prompt from the start
      --repeat <n>              trials per case and condition (default 3)
  -j, --jobs <n>                trials run at once (default 1); the report is the same for any n
      --previous <folder>       also evaluate this previous version of the skill
      --judge-model <model>     the model grading llm-judge assertions (default: another --model,
                                else model.default, else the model itself, with a warning)
      --triggers                also score the suite's trigger set (precision and recall)
      --fail-on <verdict>       exit 1 when any model's verdict is hurts (or "no-clear-effect");
                                "no data" matches either
      --format <f>              text (default), json, markdown or html
  -o, --out <file>              write the report to a file (atomically) instead of stdout
      --no-save                 do not save the JSON report under .skillflow/evals/reports/
      --record                  cache every model call under .skillflow/evals-cache (reused later)
      --replay                  answer only from that cache: rebuild a report offline (its history
                                lines are marked as replays)
      --source <folder>         also look for skills in this folder (repeatable)
      --no-skills               no other skills in the catalog (only the skill under test)
      --no-tools                offer no tools besides the skill tools
      --trust                   let the skill run its !\`commands\` while evaluated
      --force                   eval init: replace an existing evals/evals.json
      --config <file>           project configuration file
  -h, --help                    show this help

Keys come from the environment and ./.env (ANTHROPIC_API_KEY, OPENAI_API_KEY, ...), as for the
llm tool; a missing one is named before anything runs.

Exit status: 0 done, 1 --fail-on matched, 2 bad call, missing key or invalid suite (problems located).

Examples:
  skillflow eval init examples/my-skill
  skillflow eval examples/commit-message --model anthropic:claude-haiku-4-5 --repeat 5
  skillflow eval commit-message --source examples -m openai:gpt-5-mini -m anthropic:claude-sonnet-4-5 --fail-on hurts
  skillflow eval examples/commit-message --mode loaded -j 4 --format html -o report.html
  skillflow eval history commit-message`;

/** Where evaluation data lives: next to the run history (.skillflow/evals or $SKILLFLOW_HOME/evals). */
const evalsOf = (io: Io) => evalsDir({ cwd: io.cwd, env: { ...io.env } });

const historyFile = (io: Io) => path.join(evalsOf(io), "history.jsonl");

async function history(args: ParsedArgs, { io }: CommandContext): Promise<number> {
  const [, skill] = args.positionals;
  const records = await readHistory(historyFile(io), skill);
  if (args.values.json === true) printJson(io, records);
  else io.stdout.write(formatHistory(records));
  return EXIT.ok;
}

async function init(args: ParsedArgs, { io }: CommandContext): Promise<number> {
  const [, target, ...rest] = args.positionals;
  if (target === undefined || rest.length > 0)
    throw new CliError("BAD_ARGUMENTS", "eval init needs one skill folder or name", help);
  const { config } = await loadWorkspace(io, { config: stringFlag(args, "config") });
  const dir = await skillDir(io, config, target, stringsFlag(args, "source"));
  const file = await initSuite(dir, args.values.force === true);
  io.stdout.write(
    `wrote ${path.relative(io.cwd, file) || file}: replace the placeholder case with real ones (6 or more for a verdict), then run skillflow eval ${target}\n`,
  );
  return EXIT.ok;
}

const FORMATS = ["text", "json", "markdown", "html"];
const FAIL_ON = ["hurts", "no-clear-effect"];
const MODES = ["catalog", "loaded"] as const;

const wholeNumber = (flag: string, value: string) => {
  if (!/^[1-9]\d*$/.test(value))
    throw new CliError("BAD_ARGUMENTS", `--${flag} ${value}: expected a whole number >= 1`, help);
  return Number(value);
};

/** The flags of an evaluation, checked before anything is loaded. */
function checkedFlags(args: ParsedArgs) {
  const format = stringFlag(args, "format") ?? "text";
  if (!FORMATS.includes(format))
    throw new CliError("BAD_ARGUMENTS", `--format ${format}: expected ${FORMATS.join(", ")}`, help);
  const failOn = stringFlag(args, "fail-on");
  if (failOn !== undefined && !FAIL_ON.includes(failOn))
    throw new CliError(
      "BAD_ARGUMENTS",
      `--fail-on ${failOn}: expected ${FAIL_ON.join(" or ")}`,
      help,
    );
  const mode = stringFlag(args, "mode") ?? "catalog";
  if (!(MODES as readonly string[]).includes(mode))
    throw new CliError("BAD_ARGUMENTS", `--mode ${mode}: expected ${MODES.join(" or ")}`, help);
  if (args.values.record === true && args.values.replay === true)
    throw new CliError("BAD_ARGUMENTS", "--record and --replay exclude each other", help);
  return {
    format,
    failOn,
    mode: mode as (typeof MODES)[number],
    repeat: wholeNumber("repeat", stringFlag(args, "repeat") ?? "3"),
    jobs: wholeNumber("jobs", stringFlag(args, "jobs") ?? "1"),
  };
}

/**
 * The host every condition shares, as `agent` has it: the skills found here and the standard tools.
 * The file tools never reach the evaluated skills' `evals/` folders (the answer key), as disclosure
 * never serves them; shell commands could, so allowing any is a warning.
 */
async function hostOf(
  args: ParsedArgs,
  io: Io,
  config: CliConfig,
  env: Record<string, string | undefined>,
  skillDirs: readonly string[],
): Promise<{ host: EvalHost; tools: CliTools | undefined }> {
  const host: EvalHost = {};
  if (args.values["no-skills"] !== true)
    host.skills = await libraryOptions(io, config, stringsFlag(args, "source"));
  const tools =
    args.values["no-tools"] === true
      ? undefined
      : await buildTools(io.cwd, env, config, {
          hidden: skillDirs.map((dir) => path.join(dir, "evals")),
        });
  if (tools) host.tools = tools.adapter;
  if (tools && (config.shell?.allow?.length ?? 0) > 0)
    io.stderr.write(
      "warning: shell commands are allowed (shell.allow), and a command can read the skill's evals/ " +
        "(the answer key): pass --no-tools for an evaluation the model cannot peek at\n",
    );
  return { host, tools };
}

/** The skill's suite; an invalid one is INVALID_INPUT after every problem is printed, located. */
async function loadedSuite(io: Io, dir: string, target: string) {
  const loaded = await loadSuite(dir);
  if (loaded.suite) return loaded.suite;
  for (const d of loaded.diagnostics) io.stderr.write(`${formatSuiteDiagnostic(d)}\n`);
  throw new CliError(
    "INVALID_INPUT",
    `${path.join(target, "evals")}: no valid eval suite (${loaded.diagnostics.length} problems); skillflow eval init ${target} writes a starter`,
  );
}

/** Verdicts `--fail-on` matches: "no data" matches any (nothing was measured). */
const FAILING: Readonly<Record<string, readonly string[]>> = {
  hurts: ["hurts", "no data"],
  "no-clear-effect": ["hurts", "no clear effect", "no data"],
};

/** `-o` naming a folder is refused before any model is called, not after the evaluation. */
async function checkOut(io: Io, out: string | undefined): Promise<void> {
  if (out === undefined) return;
  const entry = await stat(path.resolve(io.cwd, out)).catch(() => undefined);
  if (entry?.isDirectory() === true)
    throw new CliError(
      "BAD_ARGUMENTS",
      `-o ${out} is a folder: name the report file, e.g. -o ${path.join(out, "report.html")}`,
      help,
    );
}

async function evaluate(args: ParsedArgs, context: CommandContext): Promise<number> {
  const { io } = context;
  const [target, ...rest] = args.positionals;
  if (target === undefined || rest.length > 0)
    throw new CliError("BAD_ARGUMENTS", "eval needs one skill folder or name", help);
  const flags = checkedFlags(args);
  await checkOut(io, stringFlag(args, "out"));
  const { config, env } = await loadWorkspace(io, { config: stringFlag(args, "config") });
  const dir = await skillDir(io, config, target, stringsFlag(args, "source"));
  const suite = await loadedSuite(io, dir, target);
  const names = stringsFlag(args, "model");
  if (names.length === 0) names.push(config.model?.default ?? FALLBACK_MODEL);
  // Every key is checked before anything runs: a missing one is a user error naming the variable.
  const cacheMode: CacheMode | undefined =
    args.values.replay === true ? "replay" : args.values.record === true ? "record" : undefined;
  const replay = cacheMode === "replay";
  const models = names.map((name) => ({ name, model: cliModel(name, env, { replay }) }));
  const previous = stringFlag(args, "previous");
  const cache = cacheMode
    ? { store: fileCache(path.join(path.dirname(evalsOf(io)), "evals-cache")), mode: cacheMode }
    : undefined;
  const onProgress = progress(io);
  const previousDir = previous === undefined ? undefined : path.resolve(io.cwd, previous);
  const { host, tools } = await hostOf(args, io, config, env, [
    dir,
    ...(previousDir === undefined ? [] : [previousDir]),
  ]);
  try {
    const report = await evaluateSkill({
      skillDir: dir,
      suite,
      models,
      mode: flags.mode,
      host,
      repeat: flags.repeat,
      concurrency: flags.jobs,
      env,
      judgeFor: judgeFor({
        explicit: stringFlag(args, "judge-model"),
        candidates: [
          ...names,
          ...(config.model?.default ? [config.model.default] : []),
          FALLBACK_MODEL,
        ],
        env,
        signal: io.signal,
      }),
      trustSkill: args.values.trust === true,
      ...(previousDir !== undefined ? { previousDir } : {}),
      ...(cache ? { cache } : {}),
      ...(onProgress ? { onProgress } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    });
    const stored = await keepReport(io, report, {
      dir: evalsOf(io),
      skillDir: dir,
      env,
      save: args.values["no-save"] !== true,
    });
    const out = stringFlag(args, "out");
    // JSON is the saved report itself (id, schemaVersion, skillPath; outputs capped).
    const text =
      flags.format === "json"
        ? `${JSON.stringify(stored, null, 2)}\n`
        : render(report, flags.format);
    if (out !== undefined) {
      await writeAtomically(path.resolve(io.cwd, out), text);
      io.stderr.write(`report written to ${out}\n`);
    } else io.stdout.write(text);
    if (args.values.triggers === true) await triggers(io, models, dir, suite, cache);
    const failing = flags.failOn === undefined ? [] : (FAILING[flags.failOn] ?? []);
    return report.models.some((m) => failing.includes(m.verdict)) ? EXIT.failed : EXIT.ok;
  } finally {
    await tools?.close();
  }
}

/** The `eval` command. */
export const evalCommand: Command = {
  name: "eval",
  help,
  options: {
    model: { type: "string", short: "m", multiple: true },
    mode: { type: "string" },
    repeat: { type: "string" },
    jobs: { type: "string", short: "j" },
    previous: { type: "string" },
    "judge-model": { type: "string" },
    triggers: { type: "boolean" },
    "fail-on": { type: "string" },
    format: { type: "string" },
    out: { type: "string", short: "o" },
    record: { type: "boolean" },
    replay: { type: "boolean" },
    source: { type: "string", multiple: true },
    "no-skills": { type: "boolean" },
    "no-tools": { type: "boolean" },
    "no-save": { type: "boolean" },
    trust: { type: "boolean" },
    force: { type: "boolean" },
    json: { type: "boolean" },
    config: { type: "string" },
  },
  execute: (args, context) =>
    args.positionals[0] === "history"
      ? history(args, context)
      : args.positionals[0] === "init"
        ? init(args, context)
        : evaluate(args, context),
};
