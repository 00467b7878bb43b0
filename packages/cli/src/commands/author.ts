// `skillflow author "<what you need>"`: a model writes a SKILL.md with a workflow, checked by
// validation and a dry run, into the project's skills folder; also from a transcript or a run.
import { access } from "node:fs/promises";
import path from "node:path";
import {
  authorWorkflow,
  BudgetError,
  DEFAULT_MAX_ROUNDS,
  DEFAULT_MAX_TOKENS,
  type AuthorResult,
  type AuthorSource,
} from "@skillflow/evals";
import { LIMITS, NAME_PATTERN, scopePaths } from "@skillflow/skills";
import { printJson, stringFlag, type Command, type ParsedArgs } from "../command.js";
import { CliError, EXIT } from "../errors.js";
import { cliModel } from "../evals/models.js";
import { writeAtomically } from "../files.js";
import type { Io } from "../io.js";
import { buildTools } from "../tools.js";
import { printable } from "../terminal-text.js";
import { loadWorkspace } from "../trust/workspace.js";
import { readFixtures, readRun, readTranscript } from "../author/sources.js";
import { checkDefaultTarget } from "../author/target.js";
import {
  budgetLine,
  costLines,
  dryRunLines,
  graphOf,
  nextSteps,
  roundLine,
} from "../author/format.js";
import { FALLBACK_MODEL } from "./agent.js";

const help = `usage: skillflow author "<what you need>" [options]
       skillflow author --from-transcript <file> ["<what to change>"] [options]
       skillflow author --from-run <id> ["<what to change>"] [options]

A model writes a skill with a deterministic workflow for what you need. It reads the authoring
guide and uses three tools: list_tools (the tools a run here would have), validate_workflow
(problems with line, column and hint) and dry_run_workflow (a run with every tool call answered by
fixtures, never a real tool). After each round the harness checks the final SKILL.md itself: it
must validate and its dry run must succeed with every call answered; otherwise the problems go back
to the model for another round. The skill is written to .agents/skills/<name>/SKILL.md (or --dir),
never over an existing one without --force. See docs/authoring.md.

--from-transcript turns a recorded agent run (skillflow agent --json > t.json) into a workflow, and
--from-run a run of the history (skillflow runs list): the recorded tool outputs answer the dry
run, and the agentic run's token cost is reported against the workflow's.

Options:
  -m, --model <provider:model>  default: model.default of the configuration, else ${FALLBACK_MODEL}
      --name <name>             the skill's name (default: the model's choice)
      --fixtures <file>         JSON answers by tool name for the dry run; they win over the model's
      --max-rounds <n>          rounds at most (default ${DEFAULT_MAX_ROUNDS})
      --max-tokens <n>          tokens over every model call at most (default ${DEFAULT_MAX_TOKENS})
      --max-cost <usd>          USD at most (needs a model with a known price)
      --dir <folder>            write <folder>/<name>/SKILL.md (default: ./.agents/skills)
      --force                   replace an existing skill (and an existing --keep-draft file)
      --keep-draft <file>       when the session ends unfinished, write the last draft there
      --from-transcript <file>  convert a skillflow agent --json transcript
      --from-run <id>           convert a run of the history (an id or a unique prefix)
      --json                    print the result (skill, rounds, problems, usage, dry run, cost)
      --config <file>           project configuration file
  -h, --help                    show this help

Exit status: 0 the skill was written; 1 the session ended unfinished (rounds or budget spent, the
model failed; nothing written but --keep-draft); 2 bad call, missing key, or a skill that exists
(without --force); 130 cancelled.

Examples:
  skillflow author "check https://example.com/changelog daily and tell me about new releases"
  skillflow author "triage new GitHub issues" --name issue-triage --max-cost 0.50
  skillflow agent "summarise today's HN front page" --json > hn.json
  skillflow author --from-transcript hn.json --name hn-digest`;

function wholeNumber(args: ParsedArgs, flag: string): number | undefined {
  const value = stringFlag(args, flag);
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value))
    throw new CliError("BAD_ARGUMENTS", `--${flag} ${value}: expected a whole number >= 1`, help);
  return Number(value);
}

function dollars(args: ParsedArgs): number | undefined {
  const value = stringFlag(args, "max-cost");
  if (value === undefined) return undefined;
  const usd = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(usd > 0))
    throw new CliError(
      "BAD_ARGUMENTS",
      `--max-cost ${value}: expected an amount in USD > 0, e.g. 0.50`,
      help,
    );
  return usd;
}

function checkName(name: string | undefined): string | undefined {
  if (name === undefined || (name.length <= LIMITS.name && NAME_PATTERN.test(name))) return name;
  throw new CliError(
    "BAD_ARGUMENTS",
    `--name ${name}: not a valid skill name: lowercase letters, digits and single hyphens, at most ${LIMITS.name} characters, e.g. page-check`,
  );
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

function refuseExisting(file: string): CliError {
  return new CliError(
    "BAD_ARGUMENTS",
    `${file} exists already: skillflow author never replaces a skill; pass --force to replace it, or --name <another name>`,
  );
}

/** The request: the positional text, else what the recorded source was asked. */
function requestOf(args: ParsedArgs, from: AuthorSource | undefined, runRef: string | undefined) {
  const text = args.positionals.join(" ").trim();
  if (text !== "") return text;
  if (from?.task !== undefined) return `Turn this agent run into a workflow: ${from.task}`;
  if (runRef !== undefined) return `Turn run ${runRef} into a workflow that does the same.`;
  throw new CliError(
    "BAD_ARGUMENTS",
    'author needs what you need, e.g. skillflow author "check a page daily"',
    help,
  );
}

async function keepDraft(io: Io, result: AuthorResult, file: string, force: boolean) {
  if (result.skill === undefined) return undefined;
  const target = path.resolve(io.cwd, file);
  if (!(await writeAtomically(target, result.skill, { exclusive: !force })))
    throw new CliError(
      "BAD_ARGUMENTS",
      `--keep-draft ${file} exists already; pass --force to replace it`,
    );
  return target;
}

function report(io: Io, result: AuthorResult, written: string | undefined) {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  if (written !== undefined) out(`wrote ${path.relative(io.cwd, written) || written}`);
  const graph = result.skill !== undefined ? graphOf(result.skill) : undefined;
  if (graph !== undefined) out(printable(`\n\`\`\`mermaid\n${graph}\`\`\`\n`));
  for (const line of dryRunLines(result)) out(line);
  out(budgetLine(result));
  if (result.cost !== undefined) for (const line of costLines(result.cost)) out(line);
  if (written !== undefined && result.name !== undefined)
    for (const line of nextSteps(result.name)) out(line);
}

/** The `author` command. */
export const authorCommand: Command = {
  name: "author",
  help,
  options: {
    model: { type: "string", short: "m" },
    name: { type: "string" },
    fixtures: { type: "string" },
    "max-rounds": { type: "string" },
    "max-tokens": { type: "string" },
    "max-cost": { type: "string" },
    dir: { type: "string" },
    force: { type: "boolean" },
    "keep-draft": { type: "string" },
    "from-transcript": { type: "string" },
    "from-run": { type: "string" },
    json: { type: "boolean" },
    config: { type: "string" },
  },
  async execute(args, { io, openStore }) {
    const name = checkName(stringFlag(args, "name"));
    const maxRounds = wholeNumber(args, "max-rounds");
    const maxTokens = wholeNumber(args, "max-tokens");
    const maxCostUsd = dollars(args);
    const force = args.values.force === true;
    const transcriptFile = stringFlag(args, "from-transcript");
    const runRef = stringFlag(args, "from-run");
    if (transcriptFile !== undefined && runRef !== undefined)
      throw new CliError("BAD_ARGUMENTS", "give --from-transcript or --from-run, not both", help);
    const { config, env } = await loadWorkspace(io, { config: stringFlag(args, "config") });
    const model = stringFlag(args, "model") ?? config.model?.default ?? FALLBACK_MODEL;
    // Checked before anything starts: a missing key or base URL is a user error naming the variable.
    cliModel(model, env);
    const fixturesFile = stringFlag(args, "fixtures");
    const fixtures = fixturesFile !== undefined ? await readFixtures(io, fixturesFile) : undefined;
    const from =
      transcriptFile !== undefined
        ? await readTranscript(io, transcriptFile)
        : runRef !== undefined
          ? await readRun(io, config, runRef, openStore)
          : undefined;
    const request = requestOf(args, from, runRef);
    const dir = path.resolve(
      io.cwd,
      stringFlag(args, "dir") ?? scopePaths({ root: io.cwd, global: false }).skills,
    );
    const fileOf = (skill: string) => path.join(dir, skill, "SKILL.md");
    const chosenDir = stringFlag(args, "dir") !== undefined;
    if (!chosenDir) await checkDefaultTarget(io.cwd, dir);
    // Known up front: refused before a token is spent.
    if (name !== undefined && !force && (await exists(fileOf(name))))
      throw refuseExisting(fileOf(name));
    const tools = await buildTools(io.cwd, env, config);
    let result: AuthorResult;
    try {
      result = await authorWorkflow({
        request,
        model,
        env,
        tools: tools.adapter,
        ...(fixtures ? { fixtures } : {}),
        ...(name !== undefined ? { name } : {}),
        ...(from ? { from } : {}),
        ...(maxRounds !== undefined ? { maxRounds } : {}),
        budget: {
          ...(maxTokens !== undefined ? { maxTokens } : {}),
          ...(maxCostUsd !== undefined ? { maxCostUsd } : {}),
        },
        ...(io.signal ? { signal: io.signal } : {}),
        onRound: (round) =>
          io.stderr.write(`${roundLine(round, maxRounds ?? DEFAULT_MAX_ROUNDS)}\n`),
      });
    } catch (error) {
      if (error instanceof BudgetError) throw new CliError("BAD_ARGUMENTS", error.message, help);
      throw error;
    } finally {
      await tools.close();
    }
    const draftFile = stringFlag(args, "keep-draft");
    const keep = async () =>
      draftFile !== undefined ? keepDraft(io, result, draftFile, force) : undefined;
    let written: string | undefined;
    let draft: string | undefined;
    if (result.ok && result.skill !== undefined && result.name !== undefined) {
      // The session checked the name already; a folder name is checked here again all the same.
      const file = fileOf(checkName(result.name)!);
      if (!chosenDir)
        await checkDefaultTarget(io.cwd, path.dirname(file), { skillFolder: true }).catch(
          async (error: unknown) => {
            await keep();
            throw error;
          },
        );
      if (!(await writeAtomically(file, result.skill, { exclusive: !force }))) {
        await keep();
        throw refuseExisting(file);
      }
      written = file;
    } else draft = await keep();
    if (args.values.json === true)
      printJson(io, {
        ...result,
        ...(written !== undefined ? { file: written } : {}),
        ...(draft !== undefined ? { draft } : {}),
      });
    else report(io, result, written);
    if (result.ok) return EXIT.ok;
    const stop = result.stopped!;
    io.stderr.write(
      `error ${stop.code} ${stop.message}; nothing written${draft !== undefined ? ` but the draft, to ${draft}` : " (pass --keep-draft <file> to keep the last draft)"}\n`,
    );
    return stop.code === "ABORTED" ? EXIT.cancelled : EXIT.failed;
  },
};
