// The validation context: the definition's step tables, the diagnostic sink and source locations (D5).
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { Diagnostic, DocPath } from "../diagnostics/diagnostic.js";
import { MAX_DIAGNOSTICS, tooManyProblems } from "../diagnostics/limit.js";
import type { SourceMap, SourcePosition } from "../diagnostics/source-map.js";
import type { Step, WorkflowDefinition } from "../model/schema.js";

/** Shared state of one `validateDefinition` call; every rule appends to `diagnostics`. */
export interface ValidateContext {
  readonly workflow: WorkflowDefinition;
  readonly steps: readonly Step[];
  /** Declaration position of each id; the last one when an id is duplicated (§5.2 *index*). */
  readonly indexOf: ReadonlyMap<string, number>;
  /** Ids listed in any conditional's `then` / `else` (§3.7 *B*). */
  readonly branchIds: ReadonlySet<string>;
  readonly sourceMap: SourceMap | undefined;
  readonly diagnostics: Diagnostic[];
  /** The first problem past MAX_DIAGNOSTICS; later ones are not even located. */
  overflow: Diagnostic | undefined;
  /** Declared types and inputs are enforced (`typeCheck` not `"off"`, §12 D1). */
  readonly typed: boolean;
}

/** Builds the step tables of a definition; tolerant of hand-built definitions with missing lists. */
export function createContext(
  workflow: WorkflowDefinition,
  sourceMap: SourceMap | undefined,
  typed = true,
): ValidateContext {
  const steps: readonly Step[] = Array.isArray(workflow.steps) ? workflow.steps : [];
  const indexOf = new Map<string, number>();
  const branchIds = new Set<string>();
  steps.forEach((step, i) => {
    indexOf.set(step.id, i);
    if (step.type === "conditional") {
      for (const id of branchList(step.then)) branchIds.add(id);
      for (const id of branchList(step.else)) branchIds.add(id);
    }
  });
  return {
    workflow,
    steps,
    indexOf,
    branchIds,
    sourceMap,
    diagnostics: [],
    overflow: undefined,
    typed,
  };
}

/** A `then` / `else` list as an array (absent or malformed lists are empty). */
export function branchList(list: unknown): readonly string[] {
  return Array.isArray(list) ? (list as string[]) : [];
}

/** Where to locate a diagnostic: the node at its path, its key, or a character inside a string. */
export interface LocateHint {
  /** Point at the mapping key instead of its value (declarations). */
  key?: boolean;
  /** 0-based index of a character inside the string scalar at the path (expression errors). */
  index?: number;
}

/**
 * The source position for `path`, walking up to the nearest located ancestor when the node itself
 * is unknown. Never throws: a failing source map only means "no location".
 */
export function locate(
  sourceMap: SourceMap | undefined,
  path: DocPath,
  hint: LocateHint = {},
): SourcePosition | undefined {
  if (sourceMap === undefined) return undefined;
  try {
    if (hint.index !== undefined) {
      const inside = sourceMap.locateInString(path, hint.index);
      if (inside !== undefined) return inside;
    }
    for (let n = path.length; n >= 0; n--) {
      const at = path.slice(0, n);
      const found =
        (hint.key === true && n === path.length ? sourceMap.locate(at, true) : undefined) ??
        sourceMap.locate(at);
      if (found !== undefined) return found;
    }
  } catch {
    // A source map is a convenience: a bug in it must not break validation.
  }
  return undefined;
}

/** A located error diagnostic. */
export function makeDiagnostic(
  code: DiagnosticCode,
  message: string,
  path: DocPath,
  sourceMap: SourceMap | undefined,
  hint?: LocateHint,
): Diagnostic {
  const diagnostic: Diagnostic = { code, severity: "error", message, path };
  const at = locate(sourceMap, path, hint);
  if (at !== undefined) {
    diagnostic.offset = at.offset;
    diagnostic.line = at.line;
    diagnostic.column = at.column;
  }
  return diagnostic;
}

/** Whether the sink holds MAX_DIAGNOSTICS problems: rules may skip building costly messages. */
export function isFull(ctx: ValidateContext): boolean {
  return ctx.diagnostics.length >= MAX_DIAGNOSTICS;
}

/** Appends a located error to the context's sink (past MAX_DIAGNOSTICS, only the first is kept aside). */
export function report(
  ctx: ValidateContext,
  code: DiagnosticCode,
  message: string,
  path: DocPath,
  hint?: LocateHint,
): void {
  if (!isFull(ctx)) ctx.diagnostics.push(makeDiagnostic(code, message, path, ctx.sourceMap, hint));
  else ctx.overflow ??= makeDiagnostic(code, message, path, ctx.sourceMap, hint);
}

/** The collected problems, ending with TOO_MANY_PROBLEMS when some were left out. */
export function collected(ctx: ValidateContext): Diagnostic[] {
  return ctx.overflow ? [...ctx.diagnostics, tooManyProblems(ctx.overflow)] : ctx.diagnostics;
}
