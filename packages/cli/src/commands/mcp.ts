// `skillflow mcp`: this project's skills and workflows, and the authoring tools, for any MCP client
// over stdio; runs go through a running `skillflow serve`, else through a service in this process.
import {
  MemoryRunQueue,
  MemoryServiceState,
  createService,
  createServiceClient,
  loadOrCreateToken,
  type Service,
} from "@skillflow/service";
import { createMcpServer, serveStdio } from "@skillflow/mcp";
import { secretValuesOf } from "@skillflow/workflow";
import { stringFlag, type Command, type CommandContext, type ParsedArgs } from "../command.js";
import { CliError, EXIT } from "../errors.js";
import { openHistory } from "../history.js";
import { VERSION } from "../main.js";
import { cliMcpAreas } from "../mcp/areas.js";
import { createWorkflowCatalog } from "../service/catalog.js";
import { runningServe } from "../service/marker.js";
import { stateFileOf } from "../service/open.js";
import { tokenFile } from "../service/token-file.js";
import { printable } from "../terminal-text.js";
import { buildTools, withPreviousRunListed } from "../tools.js";
import { loadWorkspace } from "../trust/workspace.js";

const help = `usage: skillflow mcp [options]

Serves this project to an MCP client over stdio: what Claude Code, Claude Desktop, Cursor and VS Code
start from their configuration. It offers
  - the skills found here (same discovery, disabled list and trust as \`skillflow skills\`), through
    the MCP Skills extension (skills/list, skills/get, skill:// resources) and, for clients without
    it, the tools list_skills, activate_skill and read_skill_file, and prompts for user-invocable skills;
  - every runnable workflow as a tool, with workflow_status, workflow_approve and workflow_cancel;
  - the authoring tools list_tools, validate_workflow and dry_run_workflow, and the authoring guide.
A skill's \`allowed-tools\` is never honoured over MCP, and its \`!\` commands run only if you trust it.

With \`skillflow serve\` running for this project, runs go through it (its history, approvals and
limits); otherwise they run in this process and are recorded in the same run history.
stdout carries only the protocol; messages go to stderr.

Options:
      --wait <seconds>     how long a workflow call waits for its run before answering with the run
                           id and status (default 45; clients cut calls off after 1–4 minutes)
      --config <file>      project configuration file (default: ./skillflow.config.{json,yaml,yml})
  -h, --help               show this help

Examples:
  claude mcp add skillflow -- npx skillflow mcp
  npx @modelcontextprotocol/inspector --cli npx skillflow mcp --method tools/list

Reference: docs/mcp.md`;

function waitMs(args: ParsedArgs): number | undefined {
  const text = stringFlag(args, "wait");
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds > 3600)
    throw new CliError(
      "BAD_ARGUMENTS",
      `--wait must be a number of seconds from 0 to 3600 (got "${text}")`,
      help,
    );
  return seconds * 1000;
}

async function execute(args: ParsedArgs, context: CommandContext): Promise<number> {
  const { io } = context;
  if (args.positionals.length > 0)
    throw new CliError("BAD_ARGUMENTS", "mcp takes no arguments", help);
  const wait = waitMs(args);
  const streams = io.protocol;
  if (streams === undefined)
    throw new CliError("BAD_ARGUMENTS", "skillflow mcp speaks over the process's stdin and stdout");
  const workspace = await loadWorkspace(io, { config: stringFlag(args, "config") });
  const history = openHistory(io, workspace.config, context.openStore);
  const tools = await buildTools(io.cwd, workspace.env, workspace.config);
  let local: Service | undefined;
  try {
    const serve = await runningServe(stateFileOf(history.file));
    let runner;
    if (serve !== undefined) {
      const { token } = await loadOrCreateToken(tokenFile(context));
      runner = createServiceClient({ url: serve.url, token });
      io.stderr.write(
        `skillflow mcp: runs go through skillflow serve at ${printable(serve.url)}\n`,
      );
    } else {
      local = createService({
        store: history.store,
        queue: new MemoryRunQueue(),
        state: new MemoryServiceState(),
        workflows: createWorkflowCatalog(io, workspace.config),
        tools: tools.adapter,
        secrets: secretValuesOf(workspace.env),
        onProblem: (problem) => io.stderr.write(`${problem.code}: ${printable(problem.message)}\n`),
      });
      await local.start();
      runner = local;
    }
    const areas = await cliMcpAreas(io, workspace, {
      runner,
      tools: withPreviousRunListed(tools).adapter,
      store: history.store,
      ...(wait !== undefined ? { waitMs: wait } : {}),
    });
    const mcp = createMcpServer({ version: VERSION, areas });
    await serveStdio(mcp, { ...streams, ...(io.signal ? { signal: io.signal } : {}) });
    return EXIT.ok;
  } finally {
    await local?.stop({ now: true }).catch(() => undefined);
    await tools.close();
    history.store.close();
  }
}

/** The `mcp` command. */
export const mcpCommand: Command = {
  name: "mcp",
  help,
  options: {
    wait: { type: "string" },
    config: { type: "string" },
  },
  execute,
};
