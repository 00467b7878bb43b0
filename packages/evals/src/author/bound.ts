// Bounds a value for a reply: long strings, long lists and deep nesting cut, with markers saying so.

/** Limits of `boundValue`. */
export interface BoundLimits {
  /** Characters kept of a string. */
  string: number;
  /** Elements kept of an array (and keys of an object). */
  items: number;
  /** Levels of nesting kept. */
  depth: number;
}

/** Default limits: enough to see a run's data flow, small enough for a model's context. */
export const DEFAULT_BOUNDS: BoundLimits = { string: 1000, items: 25, depth: 8 };

/** Tighter limits, used when a value within the defaults is still longer than `MAX_BOUNDED_CHARS`. */
export const TIGHT_BOUNDS: BoundLimits = { string: 200, items: 10, depth: 6 };

/** Characters of JSON a bounded value should stay under. */
export const MAX_BOUNDED_CHARS = 100_000;

/**
 * `value` within the default limits, or within `TIGHT_BOUNDS` when that is still longer than
 * `MAX_BOUNDED_CHARS` of JSON (many items each near the limits).
 */
export function boundForReply(value: unknown): { value: unknown; truncated: boolean } {
  const first = boundValue(value);
  if (JSON.stringify(first.value ?? null).length <= MAX_BOUNDED_CHARS) return first;
  return { value: boundValue(value, TIGHT_BOUNDS).value, truncated: true };
}

/** `value` within `limits`, and whether anything was cut. */
export function boundValue(
  value: unknown,
  limits: BoundLimits = DEFAULT_BOUNDS,
): { value: unknown; truncated: boolean } {
  const state = { truncated: false };
  const out = walk(value, limits, 0, state);
  return { value: out, truncated: state.truncated };
}

function walk(
  value: unknown,
  limits: BoundLimits,
  depth: number,
  state: { truncated: boolean },
): unknown {
  if (typeof value === "string") {
    if (value.length <= limits.string) return value;
    state.truncated = true;
    return `${value.slice(0, limits.string)}… [${value.length - limits.string} more characters]`;
  }
  if (value === null || typeof value !== "object") return value;
  if (depth >= limits.depth) {
    state.truncated = true;
    return Array.isArray(value) ? `[… ${value.length} items]` : "{…}";
  }
  if (Array.isArray(value)) {
    const kept = value.slice(0, limits.items).map((v) => walk(v, limits, depth + 1, state));
    if (value.length > limits.items) {
      state.truncated = true;
      kept.push(`… ${value.length - limits.items} more items`);
    }
    return kept;
  }
  const entries = Object.entries(value);
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries.slice(0, limits.items))
    Object.defineProperty(out, key, {
      value: walk(v, limits, depth + 1, state),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  if (entries.length > limits.items) {
    state.truncated = true;
    out["…"] = `${entries.length - limits.items} more keys`;
  }
  return out;
}
