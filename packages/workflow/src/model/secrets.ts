// Secret values never reach a run log: names that always hold secrets, and deep redaction of known values.

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
  const lower = name.toLowerCase();
  return SECRET_NAMES.has(lower) || CARRIERS.has(lower);
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

const MAX_MASK_DEPTH = 6;

function maskValue(value: unknown, depth: number): unknown {
  if (typeof value === "string") return maskUrl(value);
  if (value === null || typeof value !== "object" || depth > MAX_MASK_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const masked = maskValue(item, depth + 1);
      if (masked !== item) (copy ??= [...value])[i] = masked;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const masked =
      isSecretName(key) && item !== undefined && item !== null
        ? REDACTED
        : maskValue(item, depth + 1);
    if (masked !== item) {
      copy ??= { ...(value as Record<string, unknown>) };
      copy[key] = masked;
    }
  }
  return copy ?? value;
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
      isSecretName(key) && value !== undefined && value !== null ? REDACTED : maskValue(value, 1);
    if (masked !== value) {
      copy ??= { ...inputs };
      copy[key] = masked;
    }
  }
  return copy ?? inputs;
}

/** Replaces every occurrence of the given secret values in strings, deep, copying only what changes. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const usable = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  if (usable.length === 0) return value;
  const seen = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      let out = v;
      for (const secret of usable) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
      return out;
    }
    if (v === null || typeof v !== "object") return v;
    if (seen.has(v)) return seen.get(v);
    seen.set(v, v);
    let changed = false;
    const entries = Array.isArray(v) ? v.map((x) => x as unknown) : Object.values(v);
    const mapped = entries.map((x) => {
      const y = walk(x);
      if (y !== x) changed = true;
      return y;
    });
    if (!changed) return v;
    let result: unknown;
    if (Array.isArray(v)) result = mapped;
    else {
      const keys = Object.keys(v);
      const obj: Record<string, unknown> = {};
      keys.forEach((k, i) =>
        Object.defineProperty(obj, k, {
          value: mapped[i],
          enumerable: true,
          writable: true,
          configurable: true,
        }),
      );
      result = obj;
    }
    seen.set(v, result);
    return result;
  };
  return walk(value) as T;
}
