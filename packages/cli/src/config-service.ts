// The service's keys of the configuration (schedules, hooks, notifications, service): kept as
// written, checked at load by the service's own parser, with problems located like the others.
import type { Problem } from "./config-check.js";
import {
  safeParseServiceConfig,
  type ServiceConfigInput,
  type ServiceConfigProblem,
} from "@skillflow/service";

/** The top-level keys the service reads. */
export const SERVICE_KEYS = ["schedules", "hooks", "notifications", "service"] as const;

/** The service's part of a configuration file, as written (parsed again by `skillflow serve`). */
export type ServiceSection = ServiceConfigInput;

/** Problems whose line may hold a secret (a literal URL or secret, or a pasted value as a name). */
const SECRET_CODES: ReadonlySet<string> = new Set(["SECRET_IN_CONFIG", "ENV_NAME_INVALID"]);

/** `schedules[2].cron` (or a path array) as a key path. */
export function problemPath(at: ServiceConfigProblem["path"]): (string | number)[] {
  if (typeof at !== "string") return [...at];
  const out: (string | number)[] = [];
  for (const match of at.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) out.push(Number(match[2]));
    else if (match[1] !== undefined) out.push(match[1]);
  }
  return out;
}

/** The service's keys of `value`, checked with the service's parser; problems go to `out`. */
export function checkServiceSection(
  value: Record<string, unknown>,
  out: Problem[],
): ServiceSection | undefined {
  const section: ServiceSection = {};
  for (const key of SERVICE_KEYS) if (value[key] !== undefined) section[key] = value[key];
  if (Object.keys(section).length === 0) return undefined;
  // At load a hook's secret or a target's URL variable is not read yet (a command that does not
  // serve must not fail on it): they are checked for real by `skillflow serve`.
  const result = safeParseServiceConfig(section, {});
  if (!result.ok)
    for (const problem of result.problems.filter((p) => p.code !== "ENV_MISSING"))
      out.push({
        path: problemPath(problem.path),
        message: problem.message,
        // The line of a secret written in the file is not echoed back (terminals, CI logs).
        ...(SECRET_CODES.has(problem.code) ? { secret: true } : {}),
      });
  return section;
}

/** The user's section under the project's: schedules and hooks by name, the rest key by key. */
export function mergeServiceSections(
  user: ServiceSection | undefined,
  project: ServiceSection | undefined,
): ServiceSection | undefined {
  if (user === undefined || project === undefined) return project ?? user;
  const byName = (a: unknown, b: unknown): unknown => {
    if (!Array.isArray(a) || !Array.isArray(b)) return b ?? a;
    const names = new Set(b.map((entry) => (entry as { name?: unknown } | null)?.name));
    return [...a.filter((entry) => !names.has((entry as { name?: unknown } | null)?.name)), ...b];
  };
  const settings =
    typeof user.service === "object" && typeof project.service === "object"
      ? { ...(user.service as object), ...(project.service as object) }
      : (project.service ?? user.service);
  const merged: ServiceSection = {};
  const schedules = byName(user.schedules, project.schedules);
  const hooks = byName(user.hooks, project.hooks);
  const notifications = project.notifications ?? user.notifications;
  if (schedules !== undefined) merged.schedules = schedules;
  if (hooks !== undefined) merged.hooks = hooks;
  if (notifications !== undefined) merged.notifications = notifications;
  if (settings !== undefined) merged.service = settings;
  return merged;
}
