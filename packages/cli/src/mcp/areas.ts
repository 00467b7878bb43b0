// The MCP server's areas as the CLI builds them, for `skillflow mcp` and for serve's `/mcp`: skills
// with the CLI's discovery, disabled list and trust; workflows through a runner; authoring tools
// over the tools a run here gets; recorded runs from the history.
import {
  authoringArea,
  skillsArea,
  workflowsArea,
  type McpArea,
  type McpRunner,
} from "@skillflow/mcp";
import { SkillLibrary } from "@skillflow/skills";
import type { RunStore } from "@skillflow/store";
import type { ToolAdapter } from "@skillflow/workflow";
import type { Io } from "../io.js";
import { printable } from "../terminal-text.js";
import { libraryOptions } from "../skills/load.js";
import type { Workspace } from "../trust/workspace.js";

/** What the areas are built over. */
export interface CliMcpParts {
  /** Runs workflows: the service of `serve`, a client of a running one, or one in this process. */
  runner: McpRunner;
  /** The tools a run here gets (listed by `list_tools`, checked by `validate_workflow`). */
  tools: ToolAdapter;
  /** The run history (`dry_run_workflow` replays a recorded run's tool results). */
  store: RunStore;
  /** How long a workflow call waits before answering with its run id. */
  waitMs?: number;
}

/** Builds the areas; the skill library is discovered afresh per request (the index keeps it cheap). */
export async function cliMcpAreas(
  io: Io,
  workspace: Workspace,
  parts: CliMcpParts,
): Promise<McpArea[]> {
  const options = await libraryOptions(io, workspace.config);
  return [
    skillsArea({
      library: () => SkillLibrary.load(options),
      activation: { env: { ...workspace.env } },
      // A skill over the extension's limits is left out of skills/list: said once, on stderr.
      onOmit: (omitted) =>
        io.stderr.write(
          `warning: skill ${printable(omitted.name)} is not served over MCP: ${printable(omitted.message)} [${omitted.code}]\n`,
        ),
    }),
    workflowsArea({
      runner: parts.runner,
      ...(parts.waitMs !== undefined ? { waitMs: parts.waitMs } : {}),
    }),
    authoringArea({
      tools: parts.tools,
      recordedRun: (runId) => Promise.resolve(parts.store.get(runId)),
    }),
  ];
}
