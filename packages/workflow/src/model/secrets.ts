// Secret values never reach a run log: names that always hold secrets, and deep redaction of known values.
import { setOwn } from "./objects.js";

/** What a redacted secret reads as. */
export const REDACTED = "[REDACTED]";

/** Header and argument names whose values are always secret (compared case-insensitively). */
export const SECRET_NAMES: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "api_key",
  "apikey",
  "password",
  "secret",
  "token",
  "access_token",
  "client_secret",
]);

/** Whether a key name always holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase());
}

/** Argument names whose values often carry secrets inside them (a header map, a query, a URL). */
const CARRIERS: ReadonlySet<string> = new Set([
  "headers",
  "query",
  "params",
  "url",
  "uri",
  "href",
  "endpoint",
  "body",
  "auth",
  "credentials",
  "env",
]);

/** Whether step arguments under this name must be masked in the run log. */
export function mayCarrySecrets(name: string): boolean {
  return isSecretInputName(name) || CARRIERS.has(name.toLowerCase());
}

/** Query parameter names whose values are secret. */
const SECRET_PARAM =
  /(^|[_-])(token|key|secret|password|passwd|pwd|signature|sig|auth|credential)s?$/i;

/** A URL with its credentials and secret query values replaced; other strings unchanged. */
export function maskUrl(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  let changed = false;
  if (url.username !== "" || url.password !== "") {
    url.username = url.username === "" ? "" : "REDACTED";
    url.password = url.password === "" ? "" : "REDACTED";
    changed = true;
  }
  for (const [name] of url.searchParams) {
    if (isSecretName(name) || SECRET_PARAM.test(name)) {
      url.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  return changed ? url.toString().replace(/%5BREDACTED%5D/g, REDACTED) : text;
}

/**
 * Deepest level the secret walkers descend to. Deeper subtrees are replaced whole by REDACTED, never
 * left in clear (a password eight levels down used to be kept), and the walk never exhausts the stack.
 */
export const MAX_REDACT_DEPTH = 100;

/**
 * Copy-on-write walk shared by name masking and value redaction: `leaf` rewrites strings, `byKey`
 * may replace an entry from its key alone. Shared objects are rewritten once; a reference back to an
 * object still being walked (a cycle) and anything below MAX_REDACT_DEPTH read REDACTED.
 */
function rewriteDeep(
  root: unknown,
  leaf: (text: string) => string,
  byKey: (key: string, value: unknown) => boolean,
  secretNumber?: (value: number) => boolean,
): unknown {
  const done = new Map<object, unknown>();
  const open = new Set<object>();
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") return leaf(value);
    if (typeof value === "number" && secretNumber?.(value)) return REDACTED;
    if (value === null || typeof value !== "object") return value;
    if (depth > MAX_REDACT_DEPTH || open.has(value)) return REDACTED;
    if (done.has(value)) return done.get(value);
    open.add(value);
    const result = Array.isArray(value) ? rewriteArray(value, depth) : rewriteObject(value, depth);
    open.delete(value);
    done.set(value, result);
    return result;
  };
  const rewriteArray = (value: unknown[], depth: number): unknown[] => {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const next = walk(item, depth + 1);
      if (next !== item) (copy ??= [...value])[i] = next;
    }
    return copy ?? value;
  };
  const rewriteObject = (value: object, depth: number): object => {
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      const next = byKey(key, item) ? REDACTED : walk(item, depth + 1);
      if (next === item) continue;
      copy ??= copyOwn(value);
      // defineProperty: a key such as `__proto__` stays an own entry instead of setting a prototype.
      Object.defineProperty(copy, key, {
        value: next,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy ?? value;
  };
  return walk(root, 1);
}

/** A plain copy of an object's own enumerable entries (keys such as `__proto__` included). */
function copyOwn(value: object): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, {
      value: (value as Record<string, unknown>)[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

const secretEntry = (key: string, value: unknown): boolean =>
  isSecretInputName(key) && value !== undefined && value !== null;

function maskValue(value: unknown): unknown {
  return rewriteDeep(value, maskUrl, secretEntry);
}

/**
 * A copy of step arguments for the run log: values under secret names (at any depth of the
 * arguments that may carry secrets), URL credentials and secret query values read `[REDACTED]`.
 * Returns the same object when there is nothing to hide; the tool itself always gets the real values.
 */
export function maskSecretArguments(inputs: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(inputs)) {
    if (!mayCarrySecrets(key)) continue;
    const value = inputs[key];
    const masked =
      isSecretInputName(key) && value !== undefined && value !== null ? REDACTED : maskValue(value);
    if (masked !== value) {
      copy ??= { ...inputs };
      copy[key] = masked;
    }
  }
  return copy ?? inputs;
}

/**
 * Replaces every occurrence of the given secret values in strings, and every number that is one
 * of them (a PIN given as an `int` input) when it is long or large enough not to be a duration or
 * a count as well, deep, copying only what changes.
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const usable = usableSecrets(secrets);
  if (usable.length === 0) return value;
  const numbers = new Set(usable.filter(isLongNumber));
  return rewriteDeep(
    value,
    (text) => redactText(text, usable),
    () => false,
    numbers.size > 0 ? (n) => numbers.has(String(n)) : undefined,
  ) as T;
}

/** A number written with 8 characters or more, or one of 10 million or more (`1e+21`). */
function isLongNumber(text: string): boolean {
  const n = Number(text);
  return Number.isFinite(n) && String(n) === text && (text.length >= 8 || Math.abs(n) >= 1e7);
}

/** Secret values long enough to redact (shorter ones would hide ordinary text), longest first. */
function usableSecrets(secrets: readonly string[]): string[] {
  return [...new Set(secrets.filter((s) => typeof s === "string" && s.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
}

/** `text` with every occurrence of each secret (at least 4 characters long) replaced by REDACTED. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Environment variable names whose values are secrets (API keys, tokens, passwords). */
const SECRET_ENV = /(^|_)(API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?|AUTH)$/i;

/** Whether an environment variable's name says its value is a secret (`*_TOKEN`, `*_API_KEY`, ...). */
export function isSecretVariable(name: string): boolean {
  return SECRET_ENV.test(name);
}

/**
 * The secret values of an environment (`*_API_KEY`, `*_TOKEN`, `*_PASSWORD`, `*_SECRET`, …), to
 * redact from every output: run logs and history, agent transcripts, evaluation reports and caches.
 */
export function secretValuesOf(env: Readonly<Record<string, string | undefined>>): string[] {
  const values = Object.entries(env)
    .filter(([name, value]) => SECRET_ENV.test(name) && value !== undefined && value.length >= 4)
    .map(([, value]) => value!);
  return [...new Set(values)];
}

/**
 * Workflow input names whose values are secrets: the names of `SECRET_NAMES`, and names ending in
 * `token`, `secret`, `password`, `passwd`, `credential(s)` or a kind of key (`api_key`,
 * `access_key`, `private_key`, `secret_key`) in snake_case, kebab-case or camelCase. A bare `key`
 * is not one: `sort_key` or `cache_key` name ordinary values.
 */
const SECRET_INPUT =
  /(^|_)(api_?key|access_?key|private_?key|secret_?key|token|secret|password|passwd|credentials?)$/i;

/**
 * The shortest value of a secret-named input that is redacted wherever it appears. Shorter ones
 * (`waiting`, a PIN of `2026`) would hide a run's status or its timestamps; the inputs themselves
 * still read `[REDACTED]` by name.
 */
export const MIN_INPUT_SECRET = 8;

/** Whether a workflow input's name says its value is a secret (`api_token`, `githubToken`, `db-password`, …). */
export function isSecretInputName(name: string): boolean {
  const snake = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/-/g, "_");
  return isSecretName(name) || SECRET_INPUT.test(snake);
}

/**
 * The values given to secret-named workflow inputs (`isSecretInputName`): every string and number
 * at any depth of them, for a host to add to the secrets it redacts from run logs, events, history
 * and checkpoints. Values shorter than `MIN_INPUT_SECRET` are left out: the inputs themselves still
 * read `[REDACTED]` by name (`maskSecretInputs`).
 */
export function secretInputValues(inputs: Readonly<Record<string, unknown>>): string[] {
  const values = new Set<string>();
  const seen = new Set<object>();
  const collect = (value: unknown, depth: number): void => {
    if (typeof value === "string") {
      if (value.length >= MIN_INPUT_SECRET && value !== REDACTED) values.add(value);
    } else if (typeof value === "number" || typeof value === "bigint") {
      // 1e21 is written "1e+21": a number counts by its size too.
      const text = String(value);
      if (typeof value === "bigint" ? text.length >= MIN_INPUT_SECRET : isLongNumber(text))
        values.add(text);
    } else if (value !== null && typeof value === "object" && depth <= MAX_REDACT_DEPTH) {
      if (seen.has(value)) return;
      seen.add(value);
      for (const item of Array.isArray(value) ? value : Object.values(value))
        collect(item, depth + 1);
    }
  };
  for (const name of Object.keys(inputs)) if (isSecretInputName(name)) collect(inputs[name], 1);
  return [...values];
}

/**
 * A copy of workflow inputs for a history or a report: every secret-named input reads `[REDACTED]`
 * whatever its type (value redaction only rewrites strings). Returns the same object when none is.
 */
export function maskSecretInputs(inputs: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const name of Object.keys(inputs)) {
    const value = inputs[name];
    if (!isSecretInputName(name) || value === undefined || value === null || value === REDACTED)
      continue;
    copy ??= copyOwn(inputs);
    setOwn(copy, name, REDACTED);
  }
  return copy ?? inputs;
}

/**
 * Whether a value lost a secret to redaction somewhere inside it (a stored input that reads
 * `[REDACTED]`, or holds it): a host that continues the run must get that input again.
 */
export function containsRedacted(value: unknown): boolean {
  const seen = new Set<object>();
  const walk = (item: unknown, depth: number): boolean => {
    if (typeof item === "string") return item.includes(REDACTED);
    if (item === null || typeof item !== "object" || depth > MAX_REDACT_DEPTH) return false;
    if (seen.has(item)) return false;
    seen.add(item);
    return (Array.isArray(item) ? item : Object.values(item)).some((next) => walk(next, depth + 1));
  };
  return walk(value, 1);
}

/**
 * The inputs of `stored` (a record's or a checkpoint's) that redaction took, to be given again:
 * only those the run was given (`given`, its record's inputs), not those it took from a default.
 */
export function lostInputs(
  stored: Record<string, unknown>,
  given?: Record<string, unknown>,
): string[] {
  return Object.keys(stored).filter(
    (name) => containsRedacted(stored[name]) && (given === undefined || Object.hasOwn(given, name)),
  );
}
