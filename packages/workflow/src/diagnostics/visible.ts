// Text fit for a terminal: control, invisible and direction-changing characters shown as <U+XXXX>.

/** Invisible or direction-changing characters (soft hyphen, zero-width, bidi controls, tags), as a regex class. */
export const HIDDEN_CLASS = String.raw`[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]`;

const HIDDEN_CHAR = new RegExp(`^${HIDDEN_CLASS}$`, "u");

/**
 * `text` with every control character (C0, DEL, C1) and every hidden character written as
 * `<U+XXXX>`, so text from someone else's file can neither hide itself nor drive the terminal.
 */
export function visible(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    out +=
      control || HIDDEN_CHAR.test(char)
        ? `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`
        : char;
  }
  return out;
}
