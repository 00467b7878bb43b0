// Parse-phase schema check (V4–V13): a YAML value → WorkflowDefinition, or every problem.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { MAX_DIAGNOSTICS, capDiagnostics } from "../diagnostics/limit.js";
import type { SourceMap } from "../diagnostics/source-map.js";
import { WorkflowDefinitionSchema, type WorkflowDefinition } from "../model/schema.js";
import { describeIssue, issueToDiagnostic } from "./issues.js";
import { locateNearest } from "./source-map.js";

/** Overall message of a schema failure (§5.1). */
export const VALIDATION_FAILED_MESSAGE = "Workflow validation failed";

/** A checked definition (defaults applied, unknown keys dropped), or all problems in document order. */
export type DecodeResult =
  { ok: true; workflow: WorkflowDefinition } | { ok: false; diagnostics: Diagnostic[] };

/** Checks a parsed YAML value against the workflow schema, collecting every problem. */
export function decodeWorkflow(value: unknown, sourceMap?: SourceMap): DecodeResult {
  const diagnostics = forbiddenKeys(value, sourceMap);
  const parsed = WorkflowDefinitionSchema.safeParse(value, { error: describeIssue });
  if (parsed.success && diagnostics.length === 0) return { ok: true, workflow: parsed.data };
  if (!parsed.success) {
    // Only the issues that can be reported are located (each location walks the source map).
    for (const issue of parsed.error.issues.slice(0, MAX_DIAGNOSTICS + 1))
      diagnostics.push(issueToDiagnostic(issue, value, sourceMap));
  }
  return { ok: false, diagnostics: capDiagnostics(inDocumentOrder(diagnostics)) };
}

const FORBIDDEN_KEY = "__proto__";

/**
 * A `__proto__` key is rejected wherever it appears: `yaml` keeps it as an own property, but copies
 * made later (by `Object.assign`, or by a record schema) would set a prototype or drop the key.
 */
function forbiddenKeys(root: unknown, sourceMap: SourceMap | undefined): Diagnostic[] {
  const found: Diagnostic[] = [];
  const seen = new WeakSet<object>();
  const path: (string | number)[] = [];
  // Recursion depth is bounded: YAML nesting is capped at MAX_YAML_DEPTH before a value exists.
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]);
        path.pop();
      }
      return;
    }
    if (Object.hasOwn(value, FORBIDDEN_KEY) && found.length <= MAX_DIAGNOSTICS) {
      const keyPath = [...path, FORBIDDEN_KEY];
      const d: Diagnostic = {
        code: "INVALID_VALUE",
        severity: "error",
        message: `Key "${FORBIDDEN_KEY}" is not allowed`,
        path: keyPath,
      };
      found.push(Object.assign(d, locateNearest(sourceMap, keyPath, true)));
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      path.push(key);
      walk((value as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  walk(root);
  return found;
}

function inDocumentOrder(diagnostics: Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic): number => d.offset ?? Number.MAX_SAFE_INTEGER;
  return diagnostics.sort((a, b) => rank(a) - rank(b)); // stable: ties keep schema order
}
