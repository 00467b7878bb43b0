// `skillflow eval <skill>` and `skillflow eval history <skill>`: does a skill help, per model, over time?
import { stat } from "node:fs/promises";
import path from "node:path";
import {
  appendHistory,
  evaluateSkill,
  evaluateTriggers,
  fileCache,
  formatHistory,
  formatHtml,
  formatMarkdown,
  formatSuiteDiagnostic,
  formatText,
  loadSuite,
  modelJudge,
  readHistory,
  resolveAgentModel,
  type EvalReport,
} from "@skillflow/evals";
import { defaultHistoryPath } from "@skillflow/store";
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
import { writeAtomically } from "../files.js";
import type { Io } from "../io.js";
import { loadLibrary } from "../skills/load.js";
import { loadWorkspace } from "../trust/workspace.js";
import { FALLBACK_MODEL } from "./agent.js";

const help = `usage: skillflow eval <skill folder | skill name> [options]
       skillflow eval history <skill> [--json]

Runs the cases of the skill's evals/evals.json (or .yaml) with the skill, without it (baseline) and,
with --previous, with its previous version; each --repeat times on each --model. Reports pass rates
with Wilson intervals, pass^k, the paired with − without difference (bootstrap interval, sign test)
and a verdict per model: helps, hurts or no clear effect. Errors (provider down, timeouts) are
counted apart from failures. Every result is added to the evaluation history.

Options:
  -m, --model <provider:model>  repeatable; default model.default of the configuration
      --repeat <n>              trials per case and condition (default 3)
      --previous <folder>       also evaluate this previous version of the skill
      --judge-model <model>     the model grading llm-judge assertions (default: the first --model)
      --triggers                also score the suite's trigger set (precision and recall)
      --fail-on <verdict>       exit 1 when any model's verdict is hurts (or "no-clear-effect")
      --format <f>              text (default), json, markdown or html
  -o, --out <file>              write the report to a file (atomically) instead of stdout
      --record                  cache every model call under .skillflow/evals-cache (reused later)
      --replay                  answer only from that cache: rebuild a report offline
      --trust                   let the skill run its !\`commands\` while evaluated
      --config <file>           project configuration file
  -h, --help                    show this help

Exit status: 0 done, 1 --fail-on matched, 2 bad call or invalid suite (problems located).

Examples:
  skillflow eval examples/commit-message --model anthropic:claude-haiku-4-5 --repeat 5
  skillflow eval commit-message -m openai:gpt-5-mini -m anthropic:claude-sonnet-4-5 --fail-on hurts
  skillflow eval commit-message --format html -o report.html
  skillflow eval history commit-message`;

/** Where evaluation data lives: next to the run history (.skillflow/ or $SKILLFLOW_HOME). */
function dataDir(io: Io): string {
  return path.dirname(defaultHistoryPath({ cwd: io.cwd, env: { ...io.env } }));
}

async function skillDir(io: Io, config: CliConfig, target: string): Promise<string> {
  const direct = path.resolve(io.cwd, target);
  if (
    await stat(path.join(direct, "SKILL.md")).then(
      () => true,
      () => false,
    )
  )
    return direct;
  try {
    return (await loadLibrary(io, config)).get(target, { includeDisabled: true }).dir;
  } catch (error) {
    throw new CliError(
      "FILE_NOT_FOUND",
      `${target}: no skill folder, and ${(error as Error).message}`,
    );
  }
}

function render(report: EvalReport, format: string): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "markdown":
      return formatMarkdown(report);
    case "html":
      return formatHtml(report);
    default:
      return formatText(report);
  }
}

/** A progress bar on a terminal, nothing otherwise. */
function progress(io: Io) {
  if (!io.isTTY) return undefined;
  return ({ done, total, label }: { done: number; total: number; label: string }) => {
    const width = 24;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    io.stderr.write(
      `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${label}`.padEnd(90),
    );
    if (done === total) io.stderr.write("\n");
  };
}

async function history(args: ParsedArgs, { io }: CommandContext): Promise<number> {
  const [, skill] = args.positionals;
  const records = await readHistory(path.join(dataDir(io), "evals", "history.jsonl"), skill);
  if (args.values.json === true) printJson(io, records);
  else io.stdout.write(formatHistory(records));
  return EXIT.ok;
}

const FORMATS = ["text", "json", "markdown", "html"];
const FAIL_ON = ["hurts", "no-clear-effect"];

async function evaluate(args: ParsedArgs, context: CommandContext): Promise<number> {
  const { io } = context;
  const [target, ...rest] = args.positionals;
  if (target === undefined || rest.length > 0)
    throw new CliError("BAD_ARGUMENTS", "eval needs one skill folder or name", help);
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
  const repeat = stringFlag(args, "repeat") ?? "3";
  if (!/^[1-9]\d*$/.test(repeat))
    throw new CliError("BAD_ARGUMENTS", `--repeat ${repeat}: expected a whole number >= 1`, help);
  if (args.values.record === true && args.values.replay === true)
    throw new CliError("BAD_ARGUMENTS", "--record and --replay exclude each other", help);
  const { config, env } = await loadWorkspace(io, { config: stringFlag(args, "config") });
  const dir = await skillDir(io, config, target);
  const loaded = await loadSuite(dir);
  if (!loaded.suite) {
    for (const d of loaded.diagnostics) io.stderr.write(`${formatSuiteDiagnostic(d)}\n`);
    throw new CliError(
      "INVALID_INPUT",
      `${path.join(target, "evals")}: no valid eval suite (${loaded.diagnostics.length} problems)`,
    );
  }
  const models = stringsFlag(args, "model");
  if (models.length === 0) models.push(config.model?.default ?? FALLBACK_MODEL);
  const judgeName = stringFlag(args, "judge-model") ?? models[0]!;
  const previous = stringFlag(args, "previous");
  const cacheMode =
    args.values.replay === true ? "replay" : args.values.record === true ? "record" : undefined;
  const onProgress = progress(io);
  const report = await evaluateSkill({
    skillDir: dir,
    suite: loaded.suite,
    models,
    repeat: Number(repeat),
    env,
    judge: modelJudge(resolveAgentModel(judgeName, { env })),
    trustSkill: args.values.trust === true,
    ...(previous !== undefined ? { previousDir: path.resolve(io.cwd, previous) } : {}),
    ...(cacheMode
      ? { cache: { store: fileCache(path.join(dataDir(io), "evals-cache")), mode: cacheMode } }
      : {}),
    ...(onProgress ? { onProgress } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  await appendHistory(path.join(dataDir(io), "evals", "history.jsonl"), report);
  const out = stringFlag(args, "out");
  const text = render(report, format);
  if (out !== undefined) {
    await writeAtomically(path.resolve(io.cwd, out), text);
    io.stderr.write(`report written to ${out}\n`);
  } else io.stdout.write(text);
  if (args.values.triggers === true && loaded.suite.trigger) {
    for (const name of models) {
      const model = resolveAgentModel(name, { env });
      const triggers = await evaluateTriggers({
        skillDir: dir,
        skill: loaded.suite.skillName,
        trigger: loaded.suite.trigger,
        model: { name, model },
      });
      const p = (x: number) => `${(100 * x).toFixed(0)}%`;
      io.stdout.write(
        `triggers on ${name}: routing precision ${p(triggers.routing.precision)} recall ${p(triggers.routing.recall)}; activation precision ${p(triggers.activation.precision)} recall ${p(triggers.activation.recall)}\n`,
      );
    }
  }
  const wanted = failOn === "no-clear-effect" ? ["hurts", "no clear effect"] : ["hurts"];
  return failOn !== undefined && report.models.some((m) => wanted.includes(m.verdict))
    ? EXIT.failed
    : EXIT.ok;
}

/** The `eval` command. */
export const evalCommand: Command = {
  name: "eval",
  help,
  options: {
    model: { type: "string", short: "m", multiple: true },
    repeat: { type: "string" },
    previous: { type: "string" },
    "judge-model": { type: "string" },
    triggers: { type: "boolean" },
    "fail-on": { type: "string" },
    format: { type: "string" },
    out: { type: "string", short: "o" },
    record: { type: "boolean" },
    replay: { type: "boolean" },
    trust: { type: "boolean" },
    json: { type: "boolean" },
    config: { type: "string" },
  },
  execute: (args, context) =>
    args.positionals[0] === "history" ? history(args, context) : evaluate(args, context),
};
