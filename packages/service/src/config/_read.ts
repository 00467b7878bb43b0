// Small readers shared by the service config's sections: own keys only, env variables, known keys.
import type { Report, ServiceSectionProblemCode } from "./problems.js";

/** The environment the config's `*Env` names are read from. */
export type Env = Readonly<Record<string, string | undefined>>;

/** An environment variable's name (the value itself is a secret and never goes in the config). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True for a mapping (not a list, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An own property only: a `__proto__` or `constructor` key of a file is never the prototype's. */
export function own(entry: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(entry, key) ? entry[key] : undefined;
}

/** Reports every key in `keys` outside `known` (a typo must not silently do nothing). */
export function checkKeys(
  keys: readonly string[],
  known: readonly string[],
  at: string,
  code: ServiceSectionProblemCode,
  report: Report,
  what: string,
): void {
  for (const key of keys) {
    if (known.includes(key)) continue;
    report(code, `${at}.${key}`, `unknown key "${key}"; ${what} takes ${known.join(", ")}`);
  }
}

/**
 * The value of the environment variable named at `entry[key]` (a secret). A missing or empty one is
 * `ENV_MISSING` naming the variable; an invalid name is `ENV_NAME_INVALID` (never echoed: it may be
 * the secret itself, pasted in the wrong place).
 */
export function readEnvSecret(
  name: unknown,
  at: string,
  env: Env,
  report: Report,
  purpose: string,
): string | undefined {
  if (typeof name !== "string" || !ENV_NAME.test(name)) {
    const message = `must name an environment variable (letters, digits and underscores, e.g. DEPLOY_HOOK_SECRET) that holds ${purpose}; the value itself goes in the environment, never in the config`;
    report("ENV_NAME_INVALID", at, `\`${at.split(".").at(-1) ?? at}\` ${message}`);
    return undefined;
  }
  const value = Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined;
  if (value === undefined || value === "") {
    const message = `environment variable ${name} is ${value === "" ? "empty" : "not set"}; set it to ${purpose} before starting the service`;
    report("ENV_MISSING", at, message);
    return undefined;
  }
  return value;
}
