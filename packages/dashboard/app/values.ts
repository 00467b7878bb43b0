// How a run's values are shown and edited: pretty JSON (text, never HTML), long values clipped to a
// first part with the rest behind "show all", the store's truncation marker in words, and the
// rerun form's JSON checked before it is sent.

/** A value as pretty-printed JSON; strings as they are (so `[REDACTED]` and newlines read plainly). */
export function prettyValue(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  if (isTruncated(value))
    return `(not kept: ${value.bytes} bytes, larger than the store keeps at its verbosity)`;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Whether a value is the store's marker for a value too large to keep. */
export function isTruncated(value: unknown): value is { $truncated: true; bytes: number } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { $truncated?: unknown }).$truncated === true &&
    typeof (value as { bytes?: unknown }).bytes === "number"
  );
}

/** A text's first part and what was left out. */
export interface Clipped {
  text: string;
  clipped: boolean;
  /** Lines not begun (a partly shown line counts as shown). */
  hiddenLines: number;
  /** Characters left out. */
  hiddenChars: number;
}

/** The first `maxLines` lines and at most `maxChars` characters of `text`. */
export function clipText(text: string, maxLines = 20, maxChars = 2000): Clipped {
  const lines = text.split("\n");
  let shown = lines.slice(0, maxLines).join("\n");
  if (shown.length > maxChars) shown = shown.slice(0, maxChars);
  const clipped = shown.length < text.length;
  const shownLines = shown.split("\n").length;
  return {
    text: shown,
    clipped,
    hiddenLines: clipped ? lines.length - shownLines : 0,
    hiddenChars: text.length - shown.length,
  };
}

/** The rerun form's text as inputs, or what is wrong with it. */
export type ParsedInputs =
  | { ok: true; inputs: Record<string, unknown> }
  | { ok: false; code: "INVALID_JSON" | "NOT_AN_OBJECT"; message: string };

/** Parses edited inputs: a JSON object of input name → value. */
export function parseInputs(text: string): ParsedInputs {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      code: "INVALID_JSON",
      message: `The inputs are not valid JSON (${(error as Error).message}); fix the text, or reset it to the run's inputs.`,
    };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return {
      ok: false,
      code: "NOT_AN_OBJECT",
      message: 'The inputs must be a JSON object of input names to values, like {"url": "…"}.',
    };
  return { ok: true, inputs: value as Record<string, unknown> };
}

/** Canonical JSON (object keys sorted), to tell whether two values are equal. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "undefined";
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}
