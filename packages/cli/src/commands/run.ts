// `skillflow run <file | skill folder>`: runs a workflow with the standard tools and shows it live.
import path from "node:path";
import {
  parseWorkflowFromMd,
  runWorkflowSkill,
  validateWorkflowSkill,
  type RunLog,
  type RuntimeEvent,
} from "@skillflow/workflow";
import { loadConfig } from "../config.js";
import { CliError, EXIT } from "../errors.js";
import {
  printJson,
  stringFlag,
  stringsFlag,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from "../command.js";
import { readWorkflowFile, type SourceFile } from "../files.js";
import { createStyle } from "../style.js";
import { buildTools } from "../tools.js";
import { environmentWithDotenv } from "../run/dotenv.js";
import { collectInputs, readAll } from "../run/inputs.js";
import { liveView, plainView, type RunView } from "../run/view.js";
import { writeProblems, writeSummary } from "../run/summary.js";

const help = `usage: skillflow run <file | skill folder> [options]

Runs a workflow with the standard tools (web, llm, files; shell only for commands allowed in
skillflow.config.json). Variables from ./.env fill the tools' environment; existing ones win.

Options:
  -i, --input key=value   one input, converted to its declared type (repeatable)
      --inputs <json>     inputs as a JSON object
      --input-file <file> inputs from a JSON or YAML file
                          (piped stdin is read as JSON or YAML inputs too)
      --config <file>     configuration file (default: ./skillflow.config.{json,yaml,yml})
      --json              print only the run log (JSON)
  -q, --quiet             print only the outputs (JSON)
  -h, --help              show this help

Precedence: stdin < --input-file < --inputs < -i.
Exit status: 0 success, 1 the workflow failed, 2 invalid document or call, 130 cancelled (Ctrl-C).

Examples:
  skillflow run examples/repo-activity
  skillflow run examples/repo-activity -i limit=5 --quiet
  echo '{"url": "https://example.com"}' | skillflow run examples/page-digest --json`;

/** The view for this call: nothing for --json/--quiet, live on a TTY, plain lines otherwise. */
function chooseView(args: ParsedArgs, { io }: CommandContext): RunView | undefined {
  if (args.values.json === true || args.values.quiet === true) return undefined;
  return io.isTTY ? liveView(io.stderr, createStyle(io.colors)) : plainView(io.stderr);
}

/** The run's name when the document has no valid frontmatter name: the folder or the file name. */
function fallbackName(source: SourceFile): string {
  const base = path.basename(source.absolute, path.extname(source.absolute));
  return base === "SKILL" ? path.basename(path.dirname(source.absolute)) : base;
}

/** Declared inputs of a valid document; empty when it is invalid (the run then reports why). */
function declaredInputs(content: string) {
  return validateWorkflowSkill({ content }).valid ? parseWorkflowFromMd(content).inputs : undefined;
}

async function gatherInputs(args: ParsedArgs, context: CommandContext, source: SourceFile) {
  const declared = declaredInputs(source.content);
  if (declared === undefined) return {};
  const stdinText = context.io.stdin ? await readAll(context.io.stdin) : undefined;
  const inputFile = stringFlag(args, "input-file");
  const inputsJson = stringFlag(args, "inputs");
  return collectInputs(
    context.io.cwd,
    {
      pairs: stringsFlag(args, "input"),
      ...(stdinText !== undefined && stdinText.trim() !== "" ? { stdinText } : {}),
      ...(inputFile !== undefined ? { inputFile } : {}),
      ...(inputsJson !== undefined ? { inputsJson } : {}),
    },
    declared,
  );
}

function report(
  args: ParsedArgs,
  context: CommandContext,
  log: RunLog,
  source: SourceFile,
): number {
  const { io } = context;
  const beforeRun = log.error !== undefined && log.error.phase !== "execute";
  if (args.values.json === true) printJson(io, log);
  else if (args.values.quiet === true) {
    if (!beforeRun && log.status === "success") printJson(io, log.outputs);
  }
  if (beforeRun && args.values.json !== true)
    writeProblems(io.stderr, log, source.content, source.display);
  else if (args.values.json !== true && args.values.quiet !== true) {
    writeSummary(io.stdout, log, createStyle(io.colors));
  } else if (args.values.quiet === true && log.error) io.stderr.write(`${log.error.message}\n`);
  if (beforeRun) return EXIT.usage;
  if (log.status === "success") return EXIT.ok;
  return io.signal?.aborted === true ? EXIT.cancelled : EXIT.failed;
}

async function execute(args: ParsedArgs, context: CommandContext): Promise<number> {
  const [target, ...rest] = args.positionals;
  if (target === undefined || rest.length > 0) {
    throw new CliError("BAD_ARGUMENTS", "run needs exactly one file or skill folder", help);
  }
  const { io, history } = context;
  const source = await readWorkflowFile(io.cwd, target);
  const config = await loadConfig(io.cwd, stringFlag(args, "config"));
  const inputs = await gatherInputs(args, context, source);
  const env = await environmentWithDotenv(io.cwd, io.env);
  const tools = await buildTools(io.cwd, env, config);
  const view = chooseView(args, context);
  const onEvent = (event: RuntimeEvent) => {
    view?.onEvent(event);
    history?.onEvent?.(event);
  };
  let log: RunLog;
  try {
    log = await runWorkflowSkill({
      content: source.content,
      inputs,
      toolAdapter: tools.adapter,
      onEvent,
      workflowName: fallbackName(source),
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } finally {
    view?.finish();
    await tools.close();
  }
  await history?.record?.(log, { file: source.absolute });
  return report(args, context, log, source);
}

/** The `run` command. */
export const runCommand: Command = {
  name: "run",
  summary: "run a workflow and show its steps live",
  help,
  options: {
    input: { type: "string", short: "i", multiple: true },
    inputs: { type: "string" },
    "input-file": { type: "string" },
    config: { type: "string" },
    json: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
  },
  execute,
};
