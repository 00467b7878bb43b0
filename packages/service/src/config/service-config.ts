// The service's part of `skillflow.config.*`: schedules (with `notify`), hooks, notifications, settings.
import { safeParseSchedules } from "../schedule/declaration.js";
import type { NotificationSettings, ServiceConfig } from "../service/types.js";
import { isRecord, own, type Env } from "./_read.js";
import { parseHooks } from "./hooks.js";
import { DEFAULT_NOTIFY_ON, parseNotificationSettings } from "./notifications.js";
import type { Report, ServiceConfigProblem } from "./problems.js";
import { parseServiceSettings } from "./settings.js";

/** The sections of a config file `safeParseServiceConfig` reads (each as written, unvalidated). */
export interface ServiceConfigInput {
  schedules?: unknown;
  hooks?: unknown;
  notifications?: unknown;
  service?: unknown;
}

/** The config, with warnings (e.g. a public host) for the CLI to print; or every problem found. */
export type ServiceConfigResult =
  | { ok: true; config: ServiceConfig; warnings: ServiceConfigProblem[] }
  | { ok: false; problems: ServiceConfigProblem[] };

/**
 * Validates the service's sections of a config and reads the secrets they name from `env` (the
 * config holds only variable names). Collects every problem with a code and a path such as
 * `hooks[1].secretEnv`; never throws.
 */
export function safeParseServiceConfig(input: ServiceConfigInput, env: Env): ServiceConfigResult {
  const problems: ServiceConfigProblem[] = [];
  const warnings: ServiceConfigProblem[] = [];
  const report: Report = (code, path, message) => problems.push({ code, path, message });
  const later: ServiceConfigProblem[] = [];
  const reportLater: Report = (code, path, message) => later.push({ code, path, message });

  // The default is read first (its `on` is the default of each schedule's list form), reported after.
  const notifications =
    input.notifications === undefined
      ? undefined
      : parseNotificationSettings(input.notifications, "notifications", {
          env,
          report: reportLater,
          defaultOn: DEFAULT_NOTIFY_ON,
        });
  const defaultOn = notifications?.on ?? DEFAULT_NOTIFY_ON;

  const parsed = safeParseSchedules(input.schedules);
  if (!parsed.ok) problems.push(...parsed.problems);
  const scheduleNotifications = readScheduleNotify(input.schedules, { env, report, defaultOn });
  const hooks = parseHooks(input.hooks, env, report);
  problems.push(...later);
  const settings = parseServiceSettings(input.service, report, (code, path, message) =>
    warnings.push({ code, path, message }),
  );
  if (!parsed.ok || settings === undefined || problems.length > 0) return { ok: false, problems };
  const config: ServiceConfig = {
    schedules: parsed.schedules,
    scheduleNotifications,
    hooks,
    settings,
  };
  if (notifications !== undefined) config.notifications = notifications;
  return { ok: true, config, warnings };
}

/** The `notify` of each schedule, by schedule name (a Map: names come from the file). */
function readScheduleNotify(
  schedules: unknown,
  context: { env: Env; report: Report; defaultOn: NotificationSettings["on"] },
): Map<string, NotificationSettings> {
  const found = new Map<string, NotificationSettings>();
  if (!Array.isArray(schedules)) return found;
  schedules.forEach((entry: unknown, index) => {
    if (!isRecord(entry)) return;
    const notify = own(entry, "notify");
    if (notify === undefined) return;
    const settings = parseNotificationSettings(notify, `schedules[${index}].notify`, context);
    const name = own(entry, "name");
    // The first declaration of a name wins, as in `safeParseSchedules` (a duplicate is refused there).
    if (settings !== undefined && typeof name === "string" && !found.has(name))
      found.set(name, settings);
  });
  return found;
}

/**
 * Every secret value of a parsed config (hook secrets, notification URLs), for the service's
 * `secrets` option: they are redacted from logs, checkpoints, notifications and errors.
 */
export function serviceConfigSecrets(config: ServiceConfig): string[] {
  const secrets = new Set<string>();
  for (const hook of config.hooks) secrets.add(hook.secret);
  const all = [config.notifications, ...config.scheduleNotifications.values()];
  for (const settings of all) for (const target of settings?.targets ?? []) secrets.add(target.url);
  return [...secrets];
}
