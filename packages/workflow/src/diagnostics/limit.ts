// Bounds how many problems one document reports: a huge broken file must not yield millions of them.
import type { Diagnostic } from "./diagnostic.js";

/**
 * Most problems reported per stage (YAML, schema, validation, inputs). Each costs a location lookup
 * and, in the CLI, an excerpt; a 5 MB document can hold a million mistakes, which took minutes and
 * gigabytes. Nobody reads past the first screenful anyway: fix those and validate again.
 */
export const MAX_DIAGNOSTICS = 100;

/** The problem that replaces those past the limit, located where the first omitted one was. */
export function tooManyProblems(first: Diagnostic | undefined): Diagnostic {
  const message = `More problems were found than the ${MAX_DIAGNOSTICS} reported; fix these and validate again`;
  const d: Diagnostic = { code: "TOO_MANY_PROBLEMS", severity: "error", message, path: [] };
  if (first?.offset !== undefined) d.offset = first.offset;
  if (first?.line !== undefined) d.line = first.line;
  if (first?.column !== undefined) d.column = first.column;
  return d;
}

/** `diagnostics` itself when within the limit; else its first MAX_DIAGNOSTICS plus TOO_MANY_PROBLEMS. */
export function capDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length <= MAX_DIAGNOSTICS) return diagnostics;
  return [...diagnostics.slice(0, MAX_DIAGNOSTICS), tooManyProblems(diagnostics[MAX_DIAGNOSTICS])];
}
