// Content as given and LF-normalised (§1.3 step 2), with offset → line/column conversion.
import { lineStarts, positionAt, type SourcePosition } from "../diagnostics/source-map.js";

const BOM = "\uFEFF";

/**
 * A document in two forms: `original` (what the caller passed) and `text` (every CR LF replaced by LF).
 * Everything downstream works on `text`; positions are reported in `original`, which has the same
 * lines and columns because only line terminators differ.
 */
export class SourceText {
  /** The normalised content. */
  readonly text: string;
  /** Normalised offsets of the LFs that lost their CR, ascending. */
  private readonly removed: number[] = [];
  private starts: number[] | undefined;

  constructor(readonly original: string) {
    if (!original.includes("\r\n")) {
      this.text = original;
      return;
    }
    const parts: string[] = [];
    let from = 0;
    for (let i = original.indexOf("\r\n"); i !== -1; i = original.indexOf("\r\n", i + 2)) {
      parts.push(original.slice(from, i));
      this.removed.push(i - this.removed.length);
      from = i + 1;
    }
    parts.push(original.slice(from));
    this.text = parts.join("");
  }

  /** Maps an offset in `text` to the offset of the same character in `original`. */
  toOriginal(offset: number): number {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.removed[mid] ?? 0) <= clamped) lo = mid + 1;
      else hi = mid;
    }
    return clamped + lo;
  }

  /** Line and column (1-based) of an offset in `original`; a leading byte-order mark takes no column. */
  position(offset: number): SourcePosition {
    this.starts ??= lineStarts(this.original);
    const clamped = Math.max(0, Math.min(offset, this.original.length));
    const at = positionAt(this.starts, clamped);
    if (at.line === 1 && at.column > 1 && this.original.startsWith(BOM)) at.column -= 1;
    return at;
  }

  /** Position (offset, line and column in `original`) of an offset in `text`. */
  at(offset: number): SourcePosition {
    return this.position(this.toOriginal(offset));
  }
}
