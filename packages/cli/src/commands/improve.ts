// `skillflow improve <skill>`: a revised SKILL.md (or description), kept only if it wins on cases
// it was not shown, within rounds and a cost budget; written only with --write.
import path from "node:path";
import {
  ImproveError,
  improveSkill,
  loadSuite,
  formatSuiteDiagnostic,
  tuneDescription,
  type EvalHost,
  type EvalSuite,
  type ImproveOptions,
} from "@skillflow/evals";
import {
  printJson,
  stringFlag,
  stringsFlag,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from "../command.js";
import { CliError, EXIT, type CliErrorCode } from "../errors.js";
import { judgeName } from "../evals/judge.js";
import { cliModel } from "../evals/models.js";
import { skillDir } from "../evals/skill-dir.js";
import { formatImprove, formatTune } from "../improve/format.js";
import { writeSkill } from "../improve/write.js";
import type { Io } from "../io.js";
import { libraryOptions } from "../skills/load.js";
import { buildTools } from "../tools.js";
import { printable } from "../terminal-text.js";
import { loadWorkspace } from "../trust/workspace.js";
import { FALLBACK_MODEL } from "./agent.js";

const help = `usage: skillflow improve <skill folder | skill name> [options]

The skill-creator loop, with statistics. The skill's eval cases are split in two halves with a
fixed seed: a shown half and a held-out half. The current SKILL.md is evaluated; the failing
trials of the shown half (their tasks, answers, failed checks and tool calls, bounded) go to a
proposer model, which writes a revised SKILL.md (at most 25% or 400 characters longer, description
at most 1024 characters; longer proposals are refused, not trimmed). The candidate is evaluated,
and kept only if it beats the current version on the held-out half for every model (paired by
case: bootstrap interval above 0 and sign test p below 0.05 divided by --rounds). Repeats up to
--rounds times within --max-cost, which is always enforced: no model call starts that the budget
cannot pay for. Nothing is written without --write.

With --description, the description alone is tuned for triggering instead: the suite's trigger
sentences are split 60/40 (train/held out), each is run --repeat times (at least 3), the proposer
writes --candidates descriptions from the train misses, and the one scoring best on the held-out
sentences is kept if it beats the current one and takes no other skill's tasks (by our router and
by the agent, on the other skills' trigger sentences and eval prompts).

A skill shadowed by another of the same name (agents never see it) is refused before anything is
spent. Run docs: docs/improve.md.

Options:
  -m, --model <provider:model>  models to evaluate with (repeatable; default model.default)
      --proposer <provider:model> the model that writes revisions (default: the first --model)
      --judge-model <model>     grades llm-judge assertions (default: another --model)
      --rounds <n>              proposals at most (default 3)
      --max-cost <usd>          the budget for every model call, evaluations included (default 1)
      --seed <n>                seed of the split (default 1)
      --repeat <n>              trials per case (or per sentence) and version (default 3)
      --description             tune the description for triggering instead of the body
      --candidates <n>          --description: descriptions per round (default 3)
      --mode <mode>             catalog (default) or loaded, as for skillflow eval
  -j, --jobs <n>                trials run at once (default 1)
      --write                   replace SKILL.md with the kept candidate (atomically; refused if
                                the file changed since the run started)
      --json                    print the result as JSON
      --source <folder>         also look for skills in this folder (repeatable)
      --no-skills               no other skills (nor stealing checks)
      --no-tools                offer no tools besides the skill tools
      --trust                   let the skill run its !\`commands\` while evaluated
      --config <file>           project configuration file
  -h, --help                    show this help

Exit status: 0 a better version was found (and written with --write); 1 none was kept (the
report says why: not better on held-out cases, budget, no failures to learn from); 2 bad call,
missing key, invalid suite, shadowed skill, unknown model price, or SKILL.md changed before --write.

Examples:
  skillflow improve examples/commit-message -m anthropic:claude-haiku-4-5 --max-cost 0.50
  skillflow improve commit-message --source examples --rounds 2 --write
  skillflow improve examples/commit-message --description --repeat 5 --json`;

const whole = (flag: string, value: string | undefined, fallback: number, min = 1) => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new CliError(
      "BAD_ARGUMENTS",
      `--${flag} ${value}: expected a whole number >= ${min}`,
      help,
    );
  return Number(value);
};

function maxCost(value: string | undefined): number {
  if (value === undefined) return 1;
  const usd = Number(value.replace(/^\$/, ""));
  if (value.trim() === "" || !Number.isFinite(usd) || usd < 0)
    throw new CliError(
      "BAD_ARGUMENTS",
      `--max-cost ${value}: expected an amount in USD, e.g. 0.50`,
      help,
    );
  return usd;
}

/** The skill's suite; an invalid one is INVALID_INPUT after every problem is printed, located. */
async function suiteOf(io: Io, dir: string, target: string): Promise<EvalSuite> {
  const loaded = await loadSuite(dir);
  if (loaded.suite) return loaded.suite;
  for (const d of loaded.diagnostics) io.stderr.write(`${formatSuiteDiagnostic(d)}\n`);
  throw new CliError(
    "INVALID_INPUT",
    `${path.join(target, "evals")}: no valid eval suite; skillflow eval init ${target} writes a starter`,
  );
}

const needsJudge = (suite: EvalSuite) =>
  suite.cases.some(
    (c) =>
      c.assertions.some((a) => a.type === "llm-judge") ||
      (c.assertions.length === 0 && c.expectedOutput !== undefined),
  );

const CODES: Record<ImproveError["code"], CliErrorCode> = {
  SKILL_SHADOWED: "SKILL_SHADOWED",
  SKILL_NOT_FOUND: "UNKNOWN_SKILL",
  NO_CASES: "INVALID_INPUT",
  NO_TRIGGERS: "INVALID_INPUT",
  PRICE_UNKNOWN: "PRICE_UNKNOWN",
  BAD_OPTIONS: "BAD_ARGUMENTS",
};

/** The options of the run the flags describe; keys and the suite are checked before any call. */
async function optionsOf(args: ParsedArgs, io: Io) {
  const [target, ...rest] = args.positionals;
  if (target === undefined || rest.length > 0)
    throw new CliError("BAD_ARGUMENTS", "improve needs one skill folder or name", help);
  const mode = stringFlag(args, "mode") ?? "catalog";
  if (mode !== "catalog" && mode !== "loaded")
    throw new CliError("BAD_ARGUMENTS", `--mode ${mode}: expected catalog or loaded`, help);
  const flags = {
    rounds: whole("rounds", stringFlag(args, "rounds"), 3),
    seed: whole("seed", stringFlag(args, "seed"), 1, 0),
    repeat: whole("repeat", stringFlag(args, "repeat"), 3),
    candidates: whole("candidates", stringFlag(args, "candidates"), 3),
    jobs: whole("jobs", stringFlag(args, "jobs"), 1),
    maxCostUsd: maxCost(stringFlag(args, "max-cost")),
  };
  const { config, env } = await loadWorkspace(io, { config: stringFlag(args, "config") });
  const dir = await skillDir(io, config, target, stringsFlag(args, "source"));
  const suite = await suiteOf(io, dir, target);
  const names = stringsFlag(args, "model");
  if (names.length === 0) names.push(config.model?.default ?? FALLBACK_MODEL);
  // Every key is checked before anything runs: a missing one is a user error naming the variable.
  const models = names.map((name) => ({ name, model: cliModel(name, env) }));
  const proposerName = stringFlag(args, "proposer") ?? names[0]!;
  const proposer = { name: proposerName, model: cliModel(proposerName, env) };
  // Description tuning grades no answers: no judge (nor its price) is needed.
  const judgeModel =
    args.values.description !== true && needsJudge(suite)
      ? judgeName(names[0]!, {
          explicit: stringFlag(args, "judge-model"),
          candidates: [
            ...names,
            ...(config.model?.default ? [config.model.default] : []),
            FALLBACK_MODEL,
          ],
          env,
        })
      : undefined;
  const judge = judgeModel ? { name: judgeModel, model: cliModel(judgeModel, env) } : undefined;
  const host: EvalHost = {};
  if (args.values["no-skills"] !== true)
    host.skills = await libraryOptions(io, config, stringsFlag(args, "source"));
  const tools =
    args.values["no-tools"] === true
      ? undefined
      : await buildTools(io.cwd, env, config, { hidden: [path.join(dir, "evals")] });
  if (tools) host.tools = tools.adapter;
  const options: ImproveOptions = {
    skillDir: dir,
    suite,
    models,
    proposer,
    rounds: flags.rounds,
    maxCostUsd: flags.maxCostUsd,
    seed: flags.seed,
    repeat: flags.repeat,
    mode,
    concurrency: flags.jobs,
    host,
    env,
    trustSkill: args.values.trust === true,
    ...(judge ? { judge } : {}),
    onProgress: ({ round, label }) =>
      io.stderr.write(`${round === 0 ? "baseline" : `round ${round}`}: ${label}\n`),
    ...(io.signal ? { signal: io.signal } : {}),
  };
  return { options, dir, tools, candidates: flags.candidates };
}

async function improve(args: ParsedArgs, { io }: CommandContext): Promise<number> {
  const { options, dir, tools, candidates } = await optionsOf(args, io);
  try {
    const tune = args.values.description === true;
    const result = tune
      ? await tuneDescription({ ...options, candidates })
      : await improveSkill(options);
    const best = result.best;
    let written: string | undefined;
    if (best && args.values.write === true)
      written = await writeSkill(dir, result.original, best.text);
    if (args.values.json === true)
      printJson(io, {
        kind: tune ? "description" : "skill",
        skillDir: dir,
        written: written ?? null,
        ...result,
      });
    else {
      // The diff and the descriptions are a model's text: no control sequence reaches the terminal.
      io.stdout.write(
        printable(
          tune
            ? formatTune(result as Awaited<ReturnType<typeof tuneDescription>>)
            : formatImprove(result as Awaited<ReturnType<typeof improveSkill>>),
        ),
      );
      io.stdout.write(
        best === undefined
          ? ""
          : written !== undefined
            ? `written to ${path.relative(io.cwd, written) || written}\n`
            : `nothing written: apply the diff above by hand, or run again with --write (a new run; same --seed)\n`,
      );
    }
    return best ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (error instanceof ImproveError) throw new CliError(CODES[error.code], error.message);
    throw error;
  } finally {
    await tools?.close();
  }
}

/** The `improve` command. */
export const improveCommand: Command = {
  name: "improve",
  help,
  options: {
    model: { type: "string", short: "m", multiple: true },
    proposer: { type: "string" },
    "judge-model": { type: "string" },
    rounds: { type: "string" },
    "max-cost": { type: "string" },
    seed: { type: "string" },
    repeat: { type: "string" },
    description: { type: "boolean" },
    candidates: { type: "string" },
    mode: { type: "string" },
    jobs: { type: "string", short: "j" },
    write: { type: "boolean" },
    json: { type: "boolean" },
    source: { type: "string", multiple: true },
    "no-skills": { type: "boolean" },
    "no-tools": { type: "boolean" },
    trust: { type: "boolean" },
    config: { type: "string" },
  },
  execute: improve,
};
