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

/**
 * A copy of step arguments for the run log: values under secret names — at the top level and inside a
 * top-level `headers` mapping — read `[REDACTED]`. Returns the same object when there is nothing to hide.
 */
export function maskSecretArguments(inputs: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(inputs)) {
    const value = inputs[key];
    if (isSecretName(key) && value !== undefined && value !== null) {
      copy ??= { ...inputs };
      copy[key] = REDACTED;
    } else if (
      key.toLowerCase() === "headers" &&
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value)
    ) {
      const headers = value as Record<string, unknown>;
      const names = Object.keys(headers).filter(isSecretName);
      if (names.length === 0) continue;
      copy ??= { ...inputs };
      const masked = { ...headers };
      for (const name of names) masked[name] = REDACTED;
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
