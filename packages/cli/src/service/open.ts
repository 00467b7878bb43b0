// The service as CLI commands use it: workspace (trust), config, history, the SQLite queue and state
// at `.skillflow/service.db`, the catalog, and `createService` (started only by `skillflow serve`).
import path from "node:path";
import {
  createService,
  openSqliteRunQueue,
  openSqliteServiceState,
  safeParseServiceConfig,
  type Service,
  type ServiceConfig,
  type ServiceOptions,
} from "@skillflow/service";
import { secretValuesOf, type ToolAdapter } from "@skillflow/workflow";
import type { CommandContext } from "../command.js";
import { CliError } from "../errors.js";
import { openHistory } from "../history.js";
import { printable } from "../terminal-text.js";
import { loadWorkspace, type Workspace } from "../trust/workspace.js";
import type { CliTools } from "../tools.js";
import { createWorkflowCatalog } from "./catalog.js";
import { problemPath } from "../config-service.js";

/** The config keys whose project settings the service uses (named when trust ignores them). */
export const SERVICE_USES = ["schedules", "hooks", "notifications", "service."] as const;

/** The service and what it holds open. */
export interface CliService {
  service: Service;
  config: ServiceConfig;
  workspace: Workspace;
  /** The history file and the service's state file (queue and state, next to the history). */
  historyFile: string;
  stateFile: string;
  close(): Promise<void>;
}

/** Tools for commands that never run anything (list, pause, trigger): the runs happen in `serve`. */
const NO_TOOLS: ToolAdapter = {
  has: () => false,
  invoke: () => Promise.reject(new Error("runs are executed by skillflow serve")),
};

/** The service's part of the configuration, checked with the real environment (hook secrets). */
export function serviceConfigOf(workspace: Workspace): ServiceConfig {
  const result = safeParseServiceConfig(workspace.config.service ?? {}, workspace.env);
  if (result.ok) return result.config;
  const file = workspace.config.file ?? "config";
  const lines = result.problems.map(
    (p) => `${file}: ${problemPath(p.path).join(".")}: ${p.message} [${p.code}]`,
  );
  throw new CliError("INVALID_CONFIG", lines.join("\n"));
}

/** The state file of the service: `service.db` in the history's folder. */
export const stateFileOf = (historyFile: string): string =>
  path.join(path.dirname(historyFile), "service.db");

/**
 * Opens the service for this project (not started): the workspace (trust applied; ignored settings
 * named on stderr unless `quiet`), the service config checked with the real environment, the
 * history, and the queue and state at `service.db` beside it. Only `serve` builds tools.
 */
export async function openCliService(
  context: CommandContext,
  options: {
    config?: string | undefined;
    /** Builds the tools runs get from the workspace (serve); they are closed with the service. */
    tools?: (workspace: Workspace) => Promise<CliTools>;
    quiet?: boolean;
  } = {},
): Promise<CliService> {
  const { io } = context;
  const workspace = await loadWorkspace(io, {
    config: options.config,
    uses: SERVICE_USES,
    ...(options.quiet === true ? { quiet: true } : {}),
  });
  const config = serviceConfigOf(workspace);
  const tools = options.tools ? await options.tools(workspace) : undefined;
  let history;
  try {
    history = openHistory(io, workspace.config, context.openStore);
  } catch (error) {
    await tools?.close();
    throw error;
  }
  const stateFile = stateFileOf(history.file);
  const queue = openSqliteRunQueue({ path: stateFile });
  const state = openSqliteServiceState({ path: stateFile });
  const settings = config.settings;
  const serviceOptions: ServiceOptions = {
    store: history.store,
    queue,
    state,
    workflows: createWorkflowCatalog(io, workspace.config),
    tools: tools?.adapter ?? NO_TOOLS,
    schedules: config.schedules,
    scheduleNotifications: config.scheduleNotifications,
    hooks: config.hooks,
    ...(config.notifications ? { notifications: config.notifications } : {}),
    limits: { global: settings.concurrency, perWorkflow: settings.perWorkflow },
    secrets: [...secretValuesOf(workspace.env), ...config.hooks.map((h) => h.secret)],
    ...(settings.baseUrl !== undefined ? { baseUrl: settings.baseUrl } : {}),
    allowPrivateNotifications: settings.allowPrivateNotifications,
    graceMs: settings.graceMs,
    leaseMs: settings.leaseMs,
    // What the service recovered from (a failed notification, a skipped fire) goes to the log.
    onProblem: (problem) =>
      io.stderr.write(
        `${problem.code}${problem.runId !== undefined ? ` run ${problem.runId.slice(0, 8)}` : ""}` +
          `${problem.schedule !== undefined ? ` schedule ${problem.schedule}` : ""}: ` +
          `${printable(problem.message)}\n`,
      ),
  };
  const service = createService(serviceOptions);
  return {
    service,
    config,
    workspace,
    historyFile: history.file,
    stateFile,
    async close() {
      await state.close();
      await queue.close();
      history.store.close();
      await tools?.close();
    },
  };
}
