// Reads JSON out of model text: the whole text, a fenced block, or (last resort) the outermost braces.

/** The parsed value, or undefined when no JSON was found. Wrapped so `null` output still counts. */
export type Extracted = { value: unknown } | undefined;

const FENCE = /```[ \t]*([\w-]*)[^\n]*\n([\s\S]*?)\n?[ \t]*```/g;

function tryParse(text: string): Extracted {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * The JSON in `text`: the text itself, else the first fenced block that parses (```json blocks
 * before untagged ones, because models often show an example before the answer), else, with
 * `braces`, the span from the first `{` to the last `}` (judges sometimes add prose around it).
 */
export function extractJson(text: string, braces = false): Extracted {
  const whole = tryParse(text.trim());
  if (whole) return whole;
  const blocks = [...text.matchAll(FENCE)].map((m) => ({ tag: m[1] ?? "", body: m[2] ?? "" }));
  const ordered = [
    ...blocks.filter((b) => b.tag.toLowerCase() === "json"),
    ...blocks.filter((b) => b.tag === ""),
  ];
  for (const block of ordered) {
    const found = tryParse(block.body.trim());
    if (found) return found;
  }
  if (braces) {
    const start = text.indexOf("{");
    const end = text.lastIndexOf("}");
    if (start >= 0 && end > start) return tryParse(text.slice(start, end + 1));
  }
  return undefined;
}
