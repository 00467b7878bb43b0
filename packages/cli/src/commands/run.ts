// `skillflow run <file | skill folder | skill name>`: runs a workflow with the standard tools and shows it live.
import { randomUUID } from "node:crypto";
import { openSqliteRunStore } from "@skillflow/store";
import { historyOptions, runSecrets } from "../history.js";
import { CliError } from "../errors.js";
import {
  stringFlag,
  stringsFlag,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from "../command.js";
import { readWorkflowFile, type SourceFile } from "../files.js";
import { loadWorkspace } from "../trust/workspace.js";
import { collectInputs, declaredInputs, readAll } from "../run/inputs.js";
import { runSession } from "../run/session.js";
import { RunRecording } from "../runs/recording.js";
import { recordRequest } from "../run/record.js";

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
      --no-history        do not record this run in the run history (nor its checkpoints: it
                          cannot then be approved later or resumed)
      --no-prompt         do not ask on the terminal when an approval is reached: suspend the
                          run instead (exit 4) and decide it later with \`skillflow approve\`
      --by <name>         who answers approvals asked here (default: $USER)
      --record <file>     write every tool call of the run (tool, step, iteration, arguments,
                          output or error; secrets redacted as in the history) to <file>, a
                          recording that \`skillflow test\` replays offline (see docs/testing.md)
      --json              print only the run log (JSON)
  -q, --quiet             print only the outputs (JSON)
  -h, --help              show this help

Precedence: stdin < --input-file < --inputs < -i.
Every run is recorded in the run history (.skillflow/history.db of the project, or
$SKILLFLOW_HOME/history.db; see \`skillflow runs --help\`) unless --no-history is given.
Secrets never are: the values of secret variables (*_TOKEN, *_API_KEY, ...) and of secret-named
inputs (api_token, password, apiKey, ...) read [REDACTED], so continuing a run started with a
secret input asks for it again (\`skillflow approve <id> -i api_token=...\`).
Every recorded run saves a checkpoint after each step, so a run whose process died can go on
with \`skillflow runs resume <id>\`, and a run waiting for an approval with \`skillflow approve\`.
Sub-workflows (\`workflow:\` steps) are found by relative path from the document (inside its
skill library folder) or by skill name, as \`skillflow skills list\` finds skills.

Exit status: 0 success, 1 the workflow failed, 2 invalid document or call, 4 waiting for an
approval (the run id and the command that decides it are printed), 130 cancelled (Ctrl-C).

Examples:
  skillflow run examples/repo-activity
  skillflow run examples/triage-issues -i limit=3 --quiet
  echo '{"url": "https://example.com"}' | skillflow run examples/page-digest --json`;

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
  const secrets = runSecrets(env, inputs);
  const runId = randomUUID();
  const record = stringFlag(args, "record");
  if (record === "") throw new CliError("BAD_ARGUMENTS", "--record needs a file name", help);
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
  return runSession(args, context, {
    source,
    config,
    env,
    inputs,
    runId,
    recording,
    ...(record !== undefined ? { record: recordRequest(io, record, secrets) } : {}),
    ...(stringFlag(args, "by") !== undefined ? { by: stringFlag(args, "by")! } : {}),
  });
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
    "no-prompt": { type: "boolean" },
    by: { type: "string" },
    record: { type: "string" },
    json: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
  },
  execute,
};
