// Builds the tools a run gets: the standard set (shell per config) plus any MCP servers in config.
import {
  combineAdapters,
  connectMcpServers,
  createStandardTools,
  type StandardToolsOptions,
} from "@skillflow/tools";
import { withPreviousRun } from "@skillflow/service";
import { MemoryRunStore } from "@skillflow/store";
import type { ToolAdapter } from "@skillflow/workflow";
import type { CliConfig } from "./config.js";
import { CliError } from "./errors.js";

/** An adapter with a catalog and a way to release what it holds (MCP connections). */
export interface CliTools {
  adapter: ToolAdapter;
  close(): Promise<void>;
}

/**
 * `adapter` with the standard tool `previous_run` listed, for commands that check or list tools
 * without running anything (`validate`, `tools`); a run gets it over its own history (session.ts).
 */
export function withPreviousRunListed(tools: CliTools): CliTools {
  return {
    adapter: withPreviousRun(tools.adapter, {
      store: new MemoryRunStore(),
      workflow: "",
      runId: "",
    }),
    close: () => tools.close(),
  };
}

/** The standard tools for `cwd`, configured from `config`; `env` is what they read keys from. */
export async function buildTools(
  cwd: string,
  env: Record<string, string | undefined>,
  config: CliConfig,
  files: { hidden?: readonly string[] } = {},
): Promise<CliTools> {
  const toolEnv = config.network?.allowPrivate
    ? { ...env, SKILLFLOW_ALLOW_PRIVATE_NETWORK: "1" }
    : env;
  const options: StandardToolsOptions = { workspaceRoot: cwd, env: toolEnv };
  if (files.hidden !== undefined) options.files = { hidden: files.hidden };
  const allow = config.shell?.allow ?? [];
  if (allow.length > 0)
    options.shell = {
      allow,
      ...(config.shell?.timeoutMs !== undefined ? { timeoutMs: config.shell.timeoutMs } : {}),
    };
  if (config.model?.default !== undefined) options.llm = { defaultModel: config.model.default };
  let standard: ToolAdapter;
  try {
    standard = createStandardTools(options);
  } catch (error) {
    throw new CliError("INVALID_CONFIG", `${config.file ?? "config"}: ${(error as Error).message}`);
  }
  if (config.mcp === undefined || Object.keys(config.mcp).length === 0) {
    return { adapter: standard, close: async () => {} };
  }
  const mcp = await connectMcpServers(config.mcp);
  return { adapter: combineAdapters(standard, mcp), close: () => mcp.close() };
}
