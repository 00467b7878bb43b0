// The `hooks` list: webhook triggers whose secret comes from the environment variable they name.
import { parseBodyPath } from "../hooks/mapping.js";
import { SCHEDULE_NAME } from "../schedule/declaration.js";
import type { HookDeclaration } from "../service/types.js";
import { checkKeys, isRecord, own, readEnvSecret, type Env } from "./_read.js";
import type { Report } from "./problems.js";

const KEYS = ["name", "workflow", "secretEnv", "inputs", "defaults", "github", "toleranceSeconds"];
/** The longest replay window a hook may declare: one day. */
export const MAX_HOOK_TOLERANCE_SECONDS = 86_400;

/** Reads the `hooks` list (undefined means none); hooks with problems are left out (each reported). */
export function parseHooks(value: unknown, env: Env, report: Report): HookDeclaration[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    report("HOOKS_NOT_A_LIST", "hooks", "`hooks` must be a list of hook declarations");
    return [];
  }
  const hooks: HookDeclaration[] = [];
  const names = new Set<string>();
  value.forEach((entry: unknown, index) => {
    const at = `hooks[${index}]`;
    const hook = parseHook(entry, at, env, report);
    if (hook === undefined) return;
    if (names.has(hook.name)) {
      const message = `hook name "${hook.name}" is used twice; give each hook its own name (it is the URL /hooks/<name>)`;
      report("HOOK_NAME_DUPLICATE", `${at}.name`, message);
      return;
    }
    names.add(hook.name);
    hooks.push(hook);
  });
  return hooks;
}

function parseHook(
  entry: unknown,
  at: string,
  env: Env,
  report: Report,
): HookDeclaration | undefined {
  if (!isRecord(entry)) {
    const message = "each hook must be a mapping with at least name, workflow and secretEnv";
    report("HOOK_NOT_AN_OBJECT", at, message);
    return undefined;
  }
  const secretKey = own(entry, "secret") !== undefined;
  if (secretKey) {
    const message =
      "a hook's secret is never written in the config (it is reviewed in git); put it in an environment variable and name that variable with `secretEnv`";
    report("SECRET_IN_CONFIG", `${at}.secret`, message);
  }
  const keys = Object.keys(entry).filter((key) => key !== "secret");
  checkKeys(keys, KEYS, at, "HOOK_UNKNOWN_KEY", report, "a hook");
  const name = readName(entry, at, report);
  const workflow = readWorkflow(entry, at, report);
  const secret = readSecret(entry, at, env, report);
  const inputs = readInputs(entry, at, report);
  const defaults = readDefaults(entry, at, report);
  const github = readGithub(entry, at, report);
  const toleranceMs = readTolerance(entry, at, report);
  if (
    secretKey ||
    name === undefined ||
    workflow === undefined ||
    secret === undefined ||
    inputs === undefined ||
    defaults === null ||
    github === null ||
    toleranceMs === null
  ) {
    return undefined;
  }
  const hook: HookDeclaration = { name, workflow, secret, inputs };
  if (defaults !== undefined) hook.defaults = defaults;
  if (github !== undefined) hook.github = github;
  if (toleranceMs !== undefined) hook.toleranceMs = toleranceMs;
  return hook;
}

function readString(
  entry: Record<string, unknown>,
  key: string,
  at: string,
  report: Report,
): string | undefined {
  const value = own(entry, key);
  if (value === undefined) {
    report("HOOK_FIELD_MISSING", `${at}.${key}`, `\`${key}\` is required`);
    return undefined;
  }
  if (typeof value !== "string") {
    report("HOOK_FIELD_TYPE", `${at}.${key}`, `\`${key}\` must be a string`);
    return undefined;
  }
  return value;
}

function readName(entry: Record<string, unknown>, at: string, report: Report): string | undefined {
  const name = readString(entry, "name", at, report);
  if (name === undefined) return undefined;
  if (!SCHEDULE_NAME.test(name) || name.length > 64) {
    const message = `hook name "${name}" must be 1-64 lower-case letters, digits or dashes, starting with a letter or digit (e.g. "github-release")`;
    report("HOOK_NAME_INVALID", `${at}.name`, message);
    return undefined;
  }
  return name;
}

function readWorkflow(
  entry: Record<string, unknown>,
  at: string,
  report: Report,
): string | undefined {
  const workflow = readString(entry, "workflow", at, report);
  if (workflow !== undefined && workflow.trim() === "") {
    const message = "`workflow` is empty; give a skill name or a workflow file path";
    report("HOOK_WORKFLOW_EMPTY", `${at}.workflow`, message);
    return undefined;
  }
  return workflow;
}

function readSecret(
  entry: Record<string, unknown>,
  at: string,
  env: Env,
  report: Report,
): string | undefined {
  const name = own(entry, "secretEnv");
  if (name === undefined) {
    const message =
      "`secretEnv` is required: the name of the environment variable that holds the hook's HMAC secret";
    report("HOOK_FIELD_MISSING", `${at}.secretEnv`, message);
    return undefined;
  }
  return readEnvSecret(name, `${at}.secretEnv`, env, report, "the hook's HMAC secret");
}

function readInputs(
  entry: Record<string, unknown>,
  at: string,
  report: Report,
): Readonly<Record<string, string>> | undefined {
  const value = own(entry, "inputs");
  if (value === undefined) return Object.freeze({});
  if (!isRecord(value)) {
    const message =
      '`inputs` must map input names to body paths, e.g. { tag: "$.release.tag_name" }';
    report("HOOK_FIELD_TYPE", `${at}.inputs`, message);
    return undefined;
  }
  let ok = true;
  for (const [input, path] of Object.entries(value)) {
    if (typeof path === "string" && parseBodyPath(path) !== undefined) continue;
    const message = `the path of input "${input}" must be a body path such as "$.release.tag_name", "$.items[0].name" or '$["odd key"]'`;
    report("HOOK_INPUT_PATH_INVALID", `${at}.inputs.${input}`, message);
    ok = false;
  }
  // Object.fromEntries defines own properties, so an input named `__proto__` stays data.
  return ok
    ? Object.freeze(Object.fromEntries(Object.entries(value) as Array<[string, string]>))
    : undefined;
}

/** The defaults, undefined when absent, null when they are a problem. */
function readDefaults(
  entry: Record<string, unknown>,
  at: string,
  report: Report,
): Readonly<Record<string, unknown>> | undefined | null {
  const value = own(entry, "defaults");
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    report(
      "HOOK_FIELD_TYPE",
      `${at}.defaults`,
      "`defaults` must be a mapping of input names to values",
    );
    return null;
  }
  return Object.freeze(Object.fromEntries(Object.entries(value)));
}

function readGithub(
  entry: Record<string, unknown>,
  at: string,
  report: Report,
): boolean | undefined | null {
  const value = own(entry, "github");
  if (value === undefined || typeof value === "boolean") return value;
  report("HOOK_FIELD_TYPE", `${at}.github`, "`github` must be true or false");
  return null;
}

function readTolerance(
  entry: Record<string, unknown>,
  at: string,
  report: Report,
): number | undefined | null {
  const value = own(entry, "toleranceSeconds");
  if (value === undefined) return undefined;
  if (
    typeof value === "number" &&
    Number.isFinite(value) &&
    value > 0 &&
    value <= MAX_HOOK_TOLERANCE_SECONDS
  ) {
    return Math.round(value * 1000);
  }
  const message = `\`toleranceSeconds\` must be a number of seconds above 0 and at most ${MAX_HOOK_TOLERANCE_SECONDS} (default 300)`;
  report("HOOK_TOLERANCE_INVALID", `${at}.toleranceSeconds`, message);
  return null;
}
