// Maps document paths (and offsets inside scalar values) to positions in the original file.
import type { DocPath } from "./diagnostic.js";

/** A 1-based line/column pair plus the 0-based offset it came from. */
export interface SourcePosition {
  offset: number;
  line: number;
  column: number;
}

/** Locates nodes of a parsed workflow in the file it was read from. */
export interface SourceMap {
  /** Position of the node at `path` (its value, or its key when `key` is set); undefined when unknown. */
  locate(path: DocPath, key?: boolean): SourcePosition | undefined;
  /**
   * Position of character `index` of the string scalar at `path` (for expression errors).
   * Accounts for quoting where it can; falls back to the scalar's start.
   */
  locateInString(path: DocPath, index: number): SourcePosition | undefined;
  /** Position of a 0-based offset in the original content. */
  position(offset: number): SourcePosition;
}

/** Line starts of a text, for offset → line/column conversion by binary search. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Converts a 0-based offset to a 1-based line/column using precomputed line starts. */
export function positionAt(starts: readonly number[], offset: number): SourcePosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { offset, line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}
