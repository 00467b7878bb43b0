// The parts of @skillflow/service built in parallel (issue 16), reached by name until they land:
// the CLI codes against these signatures; at merge they become plain imports from the package.
import * as service from "@skillflow/service";
import {
  safeParseSchedules,
  type Service,
  type ServiceConfig,
  type ServiceOptions,
  type ServiceStateStore,
} from "@skillflow/service";

/** The service's part of a config file, as written. */
export interface ServiceConfigInput {
  schedules?: unknown;
  hooks?: unknown;
  notifications?: unknown;
  service?: unknown;
}

/** One problem of the service's part of the config (`path` like `schedules[2].cron`). */
export interface ServiceConfigProblem {
  code: string;
  path: string | readonly (string | number)[];
  message: string;
}

/** What `safeParseServiceConfig` answers. */
export type ServiceConfigResult =
  | { ok: true; config: ServiceConfig; warnings: readonly ServiceConfigProblem[] }
  | { ok: false; problems: readonly ServiceConfigProblem[] };

/** A running HTTP server. */
export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Pending {
  safeParseServiceConfig?: (
    input: ServiceConfigInput,
    env: Readonly<Record<string, string | undefined>>,
  ) => ServiceConfigResult;
  createService?: (options: ServiceOptions) => Service;
  openSqliteServiceState?: (options: { path: string }) => ServiceStateStore;
  createApiApp?: (service: Service, options: { token: string; version: string }) => unknown;
  startApiServer?: (app: unknown, options: { host: string; port: number }) => Promise<ApiServer>;
  loadOrCreateToken?: (
    file: string,
  ) => Promise<{ token: string; created: boolean }> | { token: string; created: boolean };
}

const pending = service as unknown as Pending;

/** Whether the service core (createService and its SQLite state) is available. */
export const serviceCoreReady =
  typeof pending.createService === "function" &&
  typeof pending.openSqliteServiceState === "function";

/** Whether the HTTP API is available. */
export const serviceApiReady =
  typeof pending.createApiApp === "function" && typeof pending.startApiServer === "function";

function missing(name: string): never {
  throw new Error(`@skillflow/service does not export ${name} yet (issue 16 in progress)`);
}

const DEFAULT_SETTINGS: ServiceConfig["settings"] = {
  host: "127.0.0.1",
  port: service.DEFAULT_SERVICE_PORT,
  concurrency: 4,
  perWorkflow: 1,
  graceMs: 30_000,
  allowPrivateNotifications: false,
};

/** Until the config parser lands: schedules checked, the rest taken as defaults. */
function fallbackParse(input: ServiceConfigInput): ServiceConfigResult {
  const result = safeParseSchedules(input.schedules);
  if (!result.ok) return { ok: false, problems: result.problems };
  return {
    ok: true,
    warnings: [],
    config: {
      schedules: result.schedules,
      scheduleNotifications: new Map(),
      hooks: [],
      settings: DEFAULT_SETTINGS,
    },
  };
}

/** Validates the service's part of a config; secrets are read from `env`. */
export const safeParseServiceConfig = (
  input: ServiceConfigInput,
  env: Readonly<Record<string, string | undefined>>,
): ServiceConfigResult =>
  pending.safeParseServiceConfig
    ? pending.safeParseServiceConfig(input, env)
    : fallbackParse(input);

/** `createService` of @skillflow/service. */
export const createService = (options: ServiceOptions): Service =>
  (pending.createService ?? missing("createService"))(options);

/** `openSqliteServiceState` of @skillflow/service. */
export const openSqliteServiceState = (options: { path: string }): ServiceStateStore =>
  (pending.openSqliteServiceState ?? missing("openSqliteServiceState"))(options);

/** `createApiApp` of @skillflow/service. */
export const createApiApp = (svc: Service, options: { token: string; version: string }): unknown =>
  (pending.createApiApp ?? missing("createApiApp"))(svc, options);

/** `startApiServer` of @skillflow/service. */
export const startApiServer = (
  app: unknown,
  options: { host: string; port: number },
): Promise<ApiServer> => (pending.startApiServer ?? missing("startApiServer"))(app, options);

/** `loadOrCreateToken` of @skillflow/service. */
export const loadOrCreateToken = async (
  file: string,
): Promise<{ token: string; created: boolean }> =>
  (pending.loadOrCreateToken ?? missing("loadOrCreateToken"))(file);
