// Turns zod issues of the workflow schema into coded, located parse-phase diagnostics (§5.1).
import type { z } from "zod";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { Diagnostic, DocPath } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../diagnostics/source-map.js";
import { STEP_INPUT_DEFAULT_MESSAGE } from "../model/schema.js";
import { locateNearest } from "./source-map.js";

type Issue = z.core.$ZodIssue;

const EXPECTED: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "a boolean",
  object: "a mapping",
  record: "a mapping",
  array: "a list",
};

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** How a field is named in messages: `"retry"`, or `item 2 of "then"` for list elements. */
function fieldName(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  if (last === undefined) return "the workflow";
  if (typeof last === "number") return `item ${last} of ${fieldName(path.slice(0, -1))}`;
  return `"${String(last)}"`;
}

/**
 * Error map for issues the schema gives no message of its own (schema messages take precedence):
 * names the field and what was expected.
 */
export const describeIssue: z.core.$ZodErrorMap = (issue) => {
  const field = capitalize(fieldName(issue.path ?? []));
  switch (issue.code) {
    case "invalid_type":
      return `${field} must be ${EXPECTED[issue.expected] ?? issue.expected}`;
    case "invalid_union":
      return `${field} does not match any allowed shape`;
    case "too_small":
      return `${field} must have at least ${String(issue.minimum)} ${issue.origin === "array" ? "item(s)" : "character(s)"}`;
    default:
      return undefined;
  }
};

/** The own-property value at `path` in `input`; undefined when any step of the path is missing. */
export function valueAt(input: unknown, path: DocPath): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment))
      return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Short, safe rendering of a received value for messages. */
function preview(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? "a list" : "a mapping";
}

interface Classified {
  code: DiagnosticCode;
  message: string;
  /** Locate the key of the entry rather than its value. */
  key?: boolean;
}

function classify(issue: Issue, path: DocPath, input: unknown): Classified {
  const present = valueAt(input, path) !== undefined;
  const name = fieldName(path);
  if (path.length === 0 && issue.code === "invalid_type") {
    return { code: "INVALID_ROOT", message: "The workflow must be a YAML mapping" };
  }
  if (issue.code === "invalid_union" && issue.discriminator !== undefined) {
    if (!present) return { code: "MISSING_FIELD", message: `Missing required field ${name}` };
    const kind = issue.discriminator === "operation" ? "operation" : "step type";
    const code = kind === "operation" ? "UNKNOWN_OPERATION" : "UNKNOWN_STEP_TYPE";
    return { code, message: `Unknown ${kind} ${preview(valueAt(input, path))}: ${issue.message}` };
  }
  if (issue.code === "invalid_type") {
    if (issue.expected === "never" && path.at(-1) === "default") {
      return { code: "STEP_INPUT_DEFAULT", message: STEP_INPUT_DEFAULT_MESSAGE, key: true };
    }
    if (!present) return { code: "MISSING_FIELD", message: `Missing required field ${name}` };
    // A union's own message ("type" must be one of …) would mislead when the value is not a mapping at all.
    const mapping = issue.expected === "object" || issue.expected === "record";
    const message = mapping ? `${capitalize(name)} must be a mapping` : issue.message;
    return { code: "INVALID_FIELD_TYPE", message };
  }
  if (issue.code === "invalid_union") return { code: "INVALID_FIELD_TYPE", message: issue.message };
  if (
    issue.code === "too_small" &&
    issue.origin === "array" &&
    path.length === 1 &&
    path[0] === "steps"
  ) {
    return { code: "EMPTY_STEPS", message: issue.message };
  }
  return { code: "INVALID_VALUE", message: issue.message };
}

/** One diagnostic per zod issue: code by kind, dot path, and the position of the node (or its nearest ancestor). */
export function issueToDiagnostic(
  issue: Issue,
  input: unknown,
  sourceMap: SourceMap | undefined,
): Diagnostic {
  const path: DocPath = issue.path.filter((s): s is string | number => typeof s !== "symbol");
  const { code, message, key = false } = classify(issue, path, input);
  const diagnostic: Diagnostic = { code, severity: "error", message, path };
  const at = locateNearest(sourceMap, path, key);
  return at ? Object.assign(diagnostic, at) : diagnostic;
}
