// `skillflow agent "<task>"`: runs a task with a model, the skills found here, and the standard tools.
import { runAgent } from "@skillflow/evals";
import { visible } from "@skillflow/workflow";
import { printJson, stringFlag, stringsFlag, type Command } from "../command.js";
import { CliError, EXIT } from "../errors.js";
import { cliModel } from "../evals/models.js";
import { loadLibrary } from "../skills/load.js";
import { buildTools } from "../tools.js";
import { loadWorkspace } from "../trust/workspace.js";

/** The model when neither --model nor model.default of the configuration says. */
export const FALLBACK_MODEL = "anthropic:claude-sonnet-4-5";

const help = `usage: skillflow agent "<task>" [options]

Runs the task with a model in a tool-calling loop: the skills found here (see skillflow skills list)
are offered as a catalog the model activates with activate_skill, next to the standard tools
(and MCP servers) a workflow run would get. Keys come from the environment and ./.env
(ANTHROPIC_API_KEY, OPENAI_API_KEY, ...), as for the llm tool; a missing one is named (exit 2).
From a clone of skillflow, --source examples offers the example skills (commit-message, ...).

Options:
  -m, --model <provider:model>  default: model.default of the configuration, else ${FALLBACK_MODEL}
      --max-steps <n>           model calls at most (default 20)
      --source <folder>         also offer the skills of this folder (repeatable)
      --no-skills               offer no skills
      --no-tools                offer no tools besides the skill tools
      --json                    print the transcript (messages, tool calls, skills, tokens, cost)
      --config <file>           project configuration file
  -h, --help                    show this help

Exit status: 0 answered, 1 the run failed (provider error, step limit), 2 bad call or missing key.

Examples:
  skillflow agent "write a commit message for: fixed the login timeout" --source examples
  skillflow agent "summarise this week's changes" --model openai:gpt-5-mini --json`;

/** The `agent` command. */
export const agentCommand: Command = {
  name: "agent",
  help,
  options: {
    model: { type: "string", short: "m" },
    "max-steps": { type: "string" },
    source: { type: "string", multiple: true },
    "no-skills": { type: "boolean" },
    "no-tools": { type: "boolean" },
    json: { type: "boolean" },
    config: { type: "string" },
  },
  async execute(args, { io }) {
    const task = args.positionals.join(" ").trim();
    if (task === "") throw new CliError("BAD_ARGUMENTS", "agent needs a task", help);
    const maxSteps = stringFlag(args, "max-steps");
    if (maxSteps !== undefined && !/^[1-9]\d*$/.test(maxSteps))
      throw new CliError(
        "BAD_ARGUMENTS",
        `--max-steps ${maxSteps}: expected a whole number >= 1`,
        help,
      );
    const { config, env } = await loadWorkspace(io, { config: stringFlag(args, "config") });
    const model = stringFlag(args, "model") ?? config.model?.default ?? FALLBACK_MODEL;
    // Checked before anything starts: a missing key or base URL is a user error naming the variable.
    cliModel(model, env);
    const library =
      args.values["no-skills"] === true
        ? undefined
        : await loadLibrary(io, config, stringsFlag(args, "source"));
    const tools =
      args.values["no-tools"] === true ? undefined : await buildTools(io.cwd, env, config);
    try {
      const transcript = await runAgent({
        model,
        prompt: task,
        env,
        // No skill to offer: no skill tools either.
        ...(library && library.entries().length > 0 ? { library } : {}),
        ...(tools ? { tools: tools.adapter } : {}),
        ...(maxSteps !== undefined ? { maxSteps: Number(maxSteps) } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
      });
      if (args.values.json === true) printJson(io, transcript);
      else {
        if (transcript.output !== "") io.stdout.write(`${transcript.output}\n`);
        const cost =
          transcript.usage.costUsd === null
            ? "cost unknown"
            : `$${transcript.usage.costUsd.toFixed(4)}`;
        const skills =
          transcript.activatedSkills.length > 0
            ? `skills ${transcript.activatedSkills.join(", ")}; `
            : "";
        io.stderr.write(
          `${skills}${transcript.toolCalls.length} tool calls, ${transcript.steps} steps, ${transcript.usage.totalTokens} tokens, ${cost}, ${transcript.durationMs} ms\n`,
        );
        if (transcript.error !== undefined)
          io.stderr.write(`error AGENT_FAILED ${visible(transcript.error)}\n`);
      }
      return transcript.error === undefined ? EXIT.ok : EXIT.failed;
    } finally {
      await tools?.close();
    }
  },
};
