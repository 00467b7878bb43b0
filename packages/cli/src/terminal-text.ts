// Text from workflows, tools and the history made safe to print on a terminal: no control sequences.

/**
 * C0 and C1 control characters (except tab and newline), DEL, and the Unicode bidirectional
 * overrides and isolates: what could move the cursor, clear the screen, set the window title, or
 * make a message read differently from what it holds.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every control character shown as a visible escape (`\x1b`, `\u202e`), so that an
 * approval message or a name chosen by a workflow, a tool or whoever wrote the history cannot
 * drive the terminal it is printed on. Newlines and tabs are kept.
 */
export function printable(text: string): string {
  // A damaged history can hold anything where a string belongs: show it rather than fail.
  return (typeof text === "string" ? text : String(text)).replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
