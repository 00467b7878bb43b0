// The CLI as a pure function: run(argv, io) dispatches to a command and returns the exit code.
import { createRequire } from "node:module";
import { parseCommandArgs, type Command, type CommandContext } from "./command.js";
import { CliError, EXIT } from "./errors.js";
import { printable } from "./terminal-text.js";
import { asUserError } from "./user-errors.js";
import type { OpenStore } from "./history.js";
import type { Io } from "./io.js";

/**
 * The commands, loaded on use: a command's module pulls in the tools (AI SDK, MCP, DOM libraries)
 * or the store, which `--version`, `--help` and the other commands should not pay for.
 */
const COMMANDS: readonly { name: string; summary: string; load: () => Promise<Command> }[] = [
  {
    name: "run",
    summary: "run a workflow and show its steps live",
    load: async () => (await import("./commands/run.js")).runCommand,
  },
  {
    name: "approve",
    summary: "decide a waiting run's approval and continue the run",
    load: async () => (await import("./commands/approve.js")).approveCommand,
  },
  {
    name: "runs",
    summary: "list, show, resume, delete, export and prune recorded runs",
    load: async () => (await import("./commands/runs.js")).runsCommand,
  },
  {
    name: "validate",
    summary: "check workflow files and show located problems",
    load: async () => (await import("./commands/validate.js")).validateCommand,
  },
  {
    name: "graph",
    summary: "print a workflow as a Mermaid flowchart",
    load: async () => (await import("./commands/graph.js")).graphCommand,
  },
  {
    name: "skills",
    summary: "find, check, route, activate, pack, install and scan Agent Skills",
    load: async () => (await import("./commands/skills.js")).skillsCommand,
  },
  {
    name: "agent",
    summary: "run a task with a model, the skills found here and the standard tools",
    load: async () => (await import("./commands/agent.js")).agentCommand,
  },
  {
    name: "author",
    summary: "have a model write a checked workflow skill from a sentence, a transcript or a run",
    load: async () => (await import("./commands/author.js")).authorCommand,
  },
  {
    name: "eval",
    summary: "evaluate a skill: with vs without it, per model, with statistics and history",
    load: async () => (await import("./commands/eval.js")).evalCommand,
  },
  {
    name: "test",
    summary: "run a workflow's tests offline against recorded tool results, with a diff",
    load: async () => (await import("./commands/test.js")).testCommand,
  },
  {
    name: "improve",
    summary: "propose a better SKILL.md or description, kept only if it wins on held-out cases",
    load: async () => (await import("./commands/improve.js")).improveCommand,
  },
  {
    name: "serve",
    summary: "run this project's schedules, webhooks and HTTP API until stopped",
    load: async () => (await import("./commands/serve.js")).serveCommand,
  },
  {
    name: "dashboard",
    summary: "print a new one-time login link to the dashboard of the running serve",
    load: async () => (await import("./commands/dashboard.js")).dashboardCommand,
  },
  {
    name: "schedules",
    summary: "list, add, remove, pause, resume and trigger scheduled workflows",
    load: async () => (await import("./commands/schedules.js")).schedulesCommand,
  },
  {
    name: "mcp",
    summary: "serve this project's skills, workflows and authoring tools to MCP clients (stdio)",
    load: async () => (await import("./commands/mcp.js")).mcpCommand,
  },
  {
    name: "trust",
    summary: "let this project's privileged settings apply (shell, MCP, skill commands, .env URLs)",
    load: async () => (await import("./commands/trust.js")).trustCommand,
  },
  {
    name: "tools",
    summary: "list the available tools and their input schemas",
    load: async () => (await import("./commands/tools.js")).toolsCommand,
  },
];

/** The package version, read from package.json next to src/ and dist/. */
export const VERSION = (createRequire(import.meta.url)("../package.json") as { version: string })
  .version;

const USAGE = `usage: skillflow <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n")}

Options:
  -h, --help     show help (also: skillflow <command> --help)
  -v, --version  print the version

Examples:
  skillflow run examples/repo-activity
  skillflow runs list --since 7d
  skillflow validate examples/*/SKILL.md
  skillflow graph examples/repo-activity > flow.mmd
  skillflow schedules add daily --workflow page-digest --cron "0 9 * * *"
  skillflow serve`;

/** Extra collaborators of `run`. */
export interface RunOptions {
  /** Opens the run history (default: the SQLite store of `@skillflow/store`). */
  openStore?: OpenStore;
}

async function dispatch(argv: string[], context: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  const { io } = context;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    (name === undefined ? io.stderr : io.stdout).write(`${USAGE}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry === undefined) {
    const what = name.startsWith("-") ? `unknown option ${name}` : `unknown command "${name}"`;
    throw new CliError("UNKNOWN_COMMAND", what, USAGE);
  }
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(`${command.help}\n`);
    return EXIT.ok;
  }
  const argv_ = command.normalize?.(rest) ?? rest;
  return command.execute(parseCommandArgs(argv_, command.options, command.help), context);
}

/**
 * Runs the CLI for `argv` (without node and script) against `io` and resolves the exit code:
 * 0 success, 1 failed run, 2 bad call or invalid document, 130 cancelled. It never rejects: user
 * errors print their code, message and usage; anything else is a bug and prints its stack.
 */
export async function run(argv: string[], io: Io, options: RunOptions = {}): Promise<number> {
  const context: CommandContext = {
    io,
    ...(options.openStore ? { openStore: options.openStore } : {}),
  };
  try {
    return await dispatch(argv, context);
  } catch (error) {
    const user = await asUserError(error);
    if (user) {
      io.stderr.write(`error ${user.code}: ${printable(user.message)}\n`);
      if (user.usage !== undefined) io.stderr.write(`\n${user.usage}\n`);
      return EXIT.usage;
    }
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`skillflow: internal error (please report it)\n${text}\n`);
    return EXIT.failed;
  }
}
