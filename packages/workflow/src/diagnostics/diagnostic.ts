// A diagnostic is data: code, severity, message, path and a source position in the original file.
import type { ValidationError } from "../model/run-log.js";
import type { DiagnosticCode } from "./codes.js";

/** A path into the workflow document: keys and list indices. */
export type DocPath = readonly (string | number)[];

/** One problem, with its location in the original document when known. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: "error" | "warning";
  message: string;
  path: DocPath;
  /** 0-based offset into the original content (SKILL.md, not the extracted block). */
  offset?: number;
  line?: number;
  column?: number;
  /** [EXT §13.9.12] The child document's `source` when the problem is inside a sub-workflow. */
  source?: string;
}

/** Validate-phase path text: `steps[2].inputs.url.value` (§5). */
export function bracketPath(path: DocPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}

/** Parse-phase path text: `steps.2.retry.max` (§5, root = ""). */
export function dotPath(path: DocPath): string {
  return path.join(".");
}

/** The public `{ path, message, code, line, column }` shape of a diagnostic. */
export function toValidationError(d: Diagnostic, pathText: string): ValidationError {
  const out: ValidationError = { path: pathText, message: d.message, code: d.code };
  if (d.line !== undefined) out.line = d.line;
  if (d.column !== undefined) out.column = d.column;
  if (d.source !== undefined) out.source = d.source;
  return out;
}
