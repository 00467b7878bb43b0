// Shared pieces of configuration checking: located problems and key checks.

/** One problem in a configuration file, at a path of keys. */
export interface Problem {
  path: (string | number)[];
  message: string;
  /** Point at the key itself rather than its value (unknown keys). */
  atKey?: boolean;
  /** The value may be a secret (a URL with a token written in the file): no excerpt of its line. */
  secret?: boolean;
}

/** A plain mapping. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Reports keys of `value` not in `allowed`. */
export function checkKeys(
  value: Record<string, unknown>,
  at: string[],
  allowed: string[],
  out: Problem[],
) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      out.push({
        path: [...at, key],
        message: `unknown key "${key}" (allowed: ${allowed.join(", ")})`,
        atKey: true,
      });
  }
}
