// Maps a character of a string scalar's value to its offset in the scalar's source text.
import type { Scalar } from "yaml";

/**
 * Offset, relative to the scalar's first source character, of value character `index`; undefined
 * when the source is not a one-line plain or quoted scalar (the caller falls back to the start).
 */
export function offsetInScalar(
  source: string,
  type: Scalar.Type | undefined,
  index: number,
): number | undefined {
  if (source.includes("\n")) return undefined;
  const at = Math.max(0, index);
  switch (type) {
    case "PLAIN":
      return Math.min(at, source.length);
    case "QUOTE_SINGLE":
      return walkQuoted(source, at, singleQuotedWidth);
    case "QUOTE_DOUBLE":
      return walkQuoted(source, at, doubleQuotedWidth);
    default:
      return undefined;
  }
}

/** Source characters and value code units of the item at `pos`. */
type Width = (source: string, pos: number) => { chars: number; units: number };

function walkQuoted(source: string, index: number, width: Width): number {
  const end = source.length - 1; // the closing quote
  let pos = 1; // after the opening quote
  let units = 0;
  while (pos < end) {
    const step = width(source, pos);
    if (units + step.units > index) break;
    units += step.units;
    pos += step.chars;
  }
  return Math.min(pos, end);
}

function singleQuotedWidth(source: string, pos: number): { chars: number; units: number } {
  return source[pos] === "'" && source[pos + 1] === "'"
    ? { chars: 2, units: 1 }
    : { chars: 1, units: 1 };
}

const ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 4, u: 6, U: 10 };

function doubleQuotedWidth(source: string, pos: number): { chars: number; units: number } {
  if (source[pos] !== "\\") return { chars: 1, units: 1 };
  const kind = source[pos + 1] ?? "";
  const chars = ESCAPE_LENGTH[kind] ?? 2;
  if (kind !== "U") return { chars, units: 1 };
  const code = Number.parseInt(source.slice(pos + 2, pos + 10), 16);
  return { chars, units: code > 0xffff ? 2 : 1 };
}
