// Problems of workflow test files: one closed set of codes, each located by file, line, column and field.
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from "yaml";
import type { z } from "zod";
import { firstIssue } from "../author/issues.js";
import { child } from "../suite/_nodes.js";

/** Every problem a workflow test file (or the recording it names) can have. */
export type WorkflowTestDiagnosticCode =
  | "NO_TESTS"
  | "UNREADABLE"
  | "INVALID_SYNTAX"
  | "INVALID_FIELD"
  | "PATH_OUTSIDE_SKILL"
  | "MISSING_FILE"
  | "INVALID_RECORDING";

/** One problem: what and where (1-based line and column, and the field's path in `file`). */
export interface WorkflowTestDiagnostic {
  code: WorkflowTestDiagnosticCode;
  severity: "error" | "warning";
  message: string;
  file: string;
  line: number;
  column: number;
  /** The field concerned, like `expect.ignore[0]`; "" for the whole file. */
  path: string;
}

/** `file:line:column severity CODE path: message`, as the other located problems print. */
export function formatWorkflowTestDiagnostic(d: WorkflowTestDiagnostic): string {
  const where = d.path === "" ? "" : `${d.path}: `;
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${where}${d.message}`;
}

/** `["expect", "ignore", 0]` as `expect.ignore[0]` (keys that are not names quoted). */
export function fieldPath(keys: readonly PropertyKey[]): string {
  return keys.reduce<string>(
    (out, key) => child(out, typeof key === "number" ? key : String(key)),
    "",
  );
}

/** Parsed JSON text with a way to place a field path in it. */
export interface LocatedJson {
  value: unknown;
  place(keys: readonly PropertyKey[]): { line: number; column: number };
}

/** Parses JSON `text`; on a syntax error, the error's 1-based line and column. */
export function parseLocatedJson(
  text: string,
): LocatedJson | { error: string; line: number; column: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : 0;
    const before = text.slice(0, offset).split("\n");
    return { error: message, line: before.length, column: before.at(-1)!.length + 1 };
  }
  const counter = new LineCounter();
  // Parsed for places only when one is asked for: a value too deep to use is refused before.
  let doc: ReturnType<typeof parseDocument> | undefined;
  return {
    value,
    place(keys) {
      doc ??= parseDocument(text, { lineCounter: counter, uniqueKeys: false });
      let node: unknown = doc.contents;
      for (const key of keys) {
        if (isMap(node)) {
          const pair = node.items.find(
            (p) => isScalar(p.key) && String(p.key.value) === String(key),
          );
          if (pair === undefined) break;
          node = pair.value ?? pair.key;
        } else if (isSeq(node)) {
          const item = node.items[Number(key)];
          if (item === undefined) break;
          node = item;
        } else break;
      }
      const { line, col } = counter.linePos((node as Node | null)?.range?.[0] ?? 0);
      return { line, column: col };
    },
  };
}

/** Every issue of a failed schema check as a located INVALID_FIELD (unknown keys at their key). */
export function schemaProblems(
  error: z.ZodError,
  json: LocatedJson,
  file: string,
): WorkflowTestDiagnostic[] {
  const at = (keys: readonly PropertyKey[], message: string): WorkflowTestDiagnostic => ({
    code: "INVALID_FIELD",
    severity: "error",
    message,
    file,
    ...json.place(keys),
    path: fieldPath(keys),
  });
  return error.issues.flatMap((issue) => {
    // Inside a union (a fixture answer), the member the value came closest to says what is wrong.
    if (issue.code === "invalid_union") {
      const picked = firstIssue({ issues: [issue] } as z.ZodError);
      return [at(picked.path, picked.message)];
    }
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((key) => at([...issue.path, key], `unknown field "${key}"`));
    return [at(issue.path, issue.message)];
  });
}
