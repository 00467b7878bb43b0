// The service as CLI commands use it: workspace (trust), config, history, the SQLite queue and state
// at `.skillflow/service.db`, the catalog, and `createService` (started only by `skillflow serve`).
import path from "node:path";
import {
  createService,
  openSqliteRunQueue,
  openSqliteServiceState,
  safeParseServiceConfig,
  serviceConfigSecrets,
  ServiceError,
  type ServiceConfigProblem,
  type Service,
  type ServiceConfig,
  type ServiceOptions,
  type ServiceProblem,
  type WorkflowCatalog,
} from "@skillflow/service";
import type { RunStore } from "@skillflow/store";
import { redactText, secretValuesOf, type ToolAdapter } from "@skillflow/workflow";
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
  /** Warnings about the config (a host beyond this machine), for `serve` to print. */
  warnings: string[];
  /** Where the service finds workflows (serve checks the schedules' and hooks' at start). */
  catalog: WorkflowCatalog;
  config: ServiceConfig;
  workspace: Workspace;
  /** The history file and the service's state file (queue and state, next to the history). */
  historyFile: string;
  stateFile: string;
  /** The run history the service records into. */
  store: RunStore;
  /** The tools runs get (absent for commands that never run anything). */
  tools?: CliTools;
  /** Writes a problem the service or its API recovered from to stderr, secrets redacted. */
  report(problem: ServiceProblem): void;
  close(): Promise<void>;
}

/** Tools for commands that never run anything (list, pause, trigger): the runs happen in `serve`. */
const NO_TOOLS: ToolAdapter = {
  has: () => false,
  invoke: () => Promise.reject(new Error("runs are executed by skillflow serve")),
};

/**
 * Stands in for every environment variable: commands that never serve (`schedules list`, `pause`,
 * `trigger`) must not fail on a hook secret or a target URL that is set only where `serve` runs.
 */
const PLACEHOLDER_ENV: Readonly<Record<string, string>> = new Proxy(
  {},
  {
    get: (_target, key) => (typeof key === "string" ? "https://placeholder.invalid/" : undefined),
    getOwnPropertyDescriptor: (_target, key) =>
      typeof key === "string"
        ? { value: "https://placeholder.invalid/", enumerable: true, configurable: true }
        : undefined,
  },
);

/** The service's config with its warnings (e.g. a host beyond this machine). */
export interface CheckedServiceConfig {
  config: ServiceConfig;
  warnings: string[];
}

/**
 * The service's part of the configuration. With `serving`, hook secrets and target URLs are read
 * from the real environment (a missing one is an error); otherwise they are not needed.
 */
export function serviceConfigOf(workspace: Workspace, serving = true): CheckedServiceConfig {
  let result = safeParseServiceConfig(workspace.config.service ?? {}, workspace.env);
  if (!serving && !result.ok && result.problems.every((p) => p.code === "ENV_MISSING"))
    result = safeParseServiceConfig(workspace.config.service ?? {}, PLACEHOLDER_ENV);
  const file = workspace.config.file ?? "config";
  const line = (p: ServiceConfigProblem) =>
    `${file}: ${problemPath(p.path).join(".")}: ${p.message} [${p.code}]`;
  if (result.ok) return { config: result.config, warnings: result.warnings.map(line) };
  throw new CliError("INVALID_CONFIG", result.problems.map(line).join("\n"));
}

/** A state file the service cannot open (damaged, not SQLite, unwritable): the user's to fix. */
function stateFileProblem(error: unknown, file: string): unknown {
  if (!(error instanceof ServiceError)) return error;
  return new CliError(
    "SERVICE_FAILED",
    `${error.message}. Move it aside (mv "${file}" "${file}.damaged"): the next start makes a fresh one ` +
      "(queued runs and paused schedules in it are forgotten; the run history is kept)",
  );
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
  const { config, warnings } = serviceConfigOf(workspace, options.tools !== undefined);
  const tools = options.tools ? await options.tools(workspace) : undefined;
  let history;
  try {
    history = openHistory(io, workspace.config, context.openStore);
  } catch (error) {
    await tools?.close();
    throw error;
  }
  const stateFile = stateFileOf(history.file);
  let queue: ReturnType<typeof openSqliteRunQueue> | undefined;
  let state: ReturnType<typeof openSqliteServiceState>;
  try {
    queue = openSqliteRunQueue({ path: stateFile });
    state = openSqliteServiceState({ path: stateFile });
  } catch (error) {
    await queue?.close();
    history.store.close();
    await tools?.close();
    throw stateFileProblem(error, stateFile);
  }
  const settings = config.settings;
  const catalog = createWorkflowCatalog(io, workspace.config, {
    declared: [
      ...[...config.schedules.values()].map((schedule) => schedule.workflow),
      ...config.hooks.map((hook) => hook.workflow),
    ],
  });
  // Hook secrets and notification URLs (a Slack URL carries its token), whatever their names.
  const secrets = [...secretValuesOf(workspace.env), ...serviceConfigSecrets(config)];
  // What the service recovered from (a failed notification, a skipped fire, a failed request).
  const report = (problem: ServiceProblem): void => {
    const line =
      `${problem.code}${problem.runId !== undefined ? ` run ${problem.runId.slice(0, 8)}` : ""}` +
      `${problem.schedule !== undefined ? ` schedule ${problem.schedule}` : ""}: ${problem.message}`;
    io.stderr.write(`${printable(redactText(line, secrets))}\n`);
  };
  const serviceOptions: ServiceOptions = {
    store: history.store,
    queue,
    state,
    workflows: catalog,
    tools: tools?.adapter ?? NO_TOOLS,
    schedules: config.schedules,
    scheduleNotifications: config.scheduleNotifications,
    hooks: config.hooks,
    ...(config.notifications ? { notifications: config.notifications } : {}),
    limits: { global: settings.concurrency, perWorkflow: settings.perWorkflow },
    secrets,
    ...(settings.baseUrl !== undefined ? { baseUrl: settings.baseUrl } : {}),
    allowPrivateNotifications: settings.allowPrivateNotifications,
    graceMs: settings.graceMs,
    leaseMs: settings.leaseMs,
    maxQueued: settings.maxQueued,
    onProblem: report,
  };
  const service = createService(serviceOptions);
  return {
    service,
    catalog,
    config,
    warnings,
    workspace,
    historyFile: history.file,
    stateFile,
    store: history.store,
    ...(tools !== undefined ? { tools } : {}),
    report,
    async close() {
      await state.close();
      await queue.close();
      history.store.close();
      await tools?.close();
    },
  };
}
