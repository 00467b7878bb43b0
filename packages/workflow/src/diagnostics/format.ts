// Formats located problems for people: `file:line:column code message` plus a caret excerpt.

/** Anything with a message and, optionally, a code and a 1-based location. */
export interface Locatable {
  message: string;
  code?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
}

/** One problem as `file:line:column code message`, followed by the source line and a caret when known. */
export function formatDiagnostic(problem: Locatable, source: string, file = "<input>"): string {
  const where =
    problem.line === undefined ? file : `${file}:${problem.line}:${problem.column ?? 1}`;
  const head = `${where} ${problem.code ? `${problem.code} ` : ""}${problem.message}`;
  if (problem.line === undefined) return head;
  const text = source.replace(/\r\n/g, "\n").split("\n")[problem.line - 1];
  if (text === undefined) return head;
  const gutter = `${problem.line} | `;
  const caret = " ".repeat(gutter.length + Math.max(0, (problem.column ?? 1) - 1)) + "^";
  return `${head}\n${gutter}${text.replace(/\t/g, " ")}\n${caret}`;
}
