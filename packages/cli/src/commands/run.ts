// `skillflow run <file | skill folder | skill name>`: runs a workflow with the standard tools and shows it live.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { openSqliteRunStore } from "@skillflow/store";
import {
  parseWorkflowFromMd,
  runWorkflowSkill,
  secretValuesOf,
  validateWorkflowSkill,
  type RunLog,
  type RuntimeEvent,
} from "@skillflow/workflow";
import { historyOptions } from "../history.js";
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
import { loadWorkspace } from "../trust/workspace.js";
import { collectInputs, readAll } from "../run/inputs.js";
import { liveView, plainView, type RunView } from "../run/view.js";
import { writeProblems, writeSummary } from "../run/summary.js";
import { RunRecording } from "../runs/recording.js";

const help = `usage: skillflow run <file | skill folder | skill name> [options]

Runs a workflow with the standard tools (web, llm, files; shell only for commands allowed in
the configuration). Variables from ./.env fill the tools' environment; existing ones win. A
project's privileged settings (shell commands, MCP servers, private network, base URLs in .env)
apply only once you trust the project: see \`skillflow trust\`.

Options:
  -i, --input key=value   one input, converted to its declared type (repeatable)
      --inputs <json>     inputs as a JSON object
      --input-file <file> inputs from a JSON or YAML file
                          (piped stdin is read as JSON or YAML inputs too)
      --config <file>     project configuration file (default: ./skillflow.config.{json,yaml,yml});
                          the user's config.{json,yaml,yml} ($SKILLFLOW_CONFIG_HOME, else
                          ~/.config/skillflow or the platform's folder) lies under it
      --no-history        do not record this run in the run history
      --json              print only the run log (JSON)
  -q, --quiet             print only the outputs (JSON)
  -h, --help              show this help

Precedence: stdin < --input-file < --inputs < -i.
Every run is recorded in the run history (.skillflow/history.db of the project, or
$SKILLFLOW_HOME/history.db; see \`skillflow runs --help\`) unless --no-history is given.
Exit status: 0 success, 1 the workflow failed, 2 invalid document or call, 130 cancelled (Ctrl-C).

Examples:
  skillflow run examples/repo-activity
  skillflow run examples/triage-issues -i limit=3 --quiet
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
  recorded: boolean,
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
    const style = createStyle(io.colors);
    writeSummary(io.stdout, log, style);
    if (recorded)
      io.stdout.write(
        `\n${style.dim(`run ${log.id} recorded · skillflow runs show ${log.id.slice(0, 8)}`)}\n`,
      );
  } else if (args.values.quiet === true && log.error) io.stderr.write(`${log.error.message}\n`);
  if (beforeRun) return EXIT.usage;
  if (log.status === "success") return EXIT.ok;
  return io.signal?.aborted === true ? EXIT.cancelled : EXIT.failed;
}

async function execute(args: ParsedArgs, context: CommandContext): Promise<number> {
  const [target, ...rest] = args.positionals;
  if (target === undefined || rest.length > 0) {
    throw new CliError(
      "BAD_ARGUMENTS",
      "run needs exactly one file, skill folder or skill name",
      help,
    );
  }
  const { io } = context;
  const { config, env } = await loadWorkspace(io, { config: stringFlag(args, "config") });
  const source = await readWorkflowFile(io, target, config);
  const inputs = await gatherInputs(args, context, source);
  const tools = await buildTools(io.cwd, env, config);
  const secrets = secretValuesOf(env);
  const runId = randomUUID();
  // History never changes how a run goes or ends: a failing one is one warning (see RunRecording).
  const recording =
    args.values["no-history"] === true
      ? undefined
      : new RunRecording(
          context.openStore ?? openSqliteRunStore,
          () => historyOptions(io, config),
          {
            id: runId,
            source: source.absolute,
            inputs,
            startedAt: new Date().toISOString(),
            secrets,
          },
          io.stderr,
        );
  const view = chooseView(args, context);
  const onEvent = (event: RuntimeEvent) => {
    view?.onEvent(event);
    recording?.event(event);
  };
  let log: RunLog;
  try {
    log = await runWorkflowSkill({
      content: source.content,
      inputs,
      toolAdapter: tools.adapter,
      onEvent,
      workflowName: fallbackName(source),
      // The id is chosen here so the history can name the run before it ends.
      services: { newId: () => runId },
      secrets,
      // Failed `each` steps say which items failed, in the log and in `runs show`.
      iterationErrors: true,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    recording?.finish(log);
  } finally {
    view?.finish();
    recording?.close();
    await tools.close();
  }
  return report(args, context, log, source, recording?.ok === true);
}

/** The `run` command. */
export const runCommand: Command = {
  name: "run",
  help,
  options: {
    input: { type: "string", short: "i", multiple: true },
    inputs: { type: "string" },
    "input-file": { type: "string" },
    config: { type: "string" },
    "no-history": { type: "boolean" },
    json: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
  },
  execute,
};
