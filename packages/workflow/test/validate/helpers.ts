// Test helpers for the validate layer: schema-parsed definitions, compact diagnostics, a fake source map.
import type { Diagnostic, DocPath } from "../../src/diagnostics/diagnostic.js";
import { bracketPath } from "../../src/diagnostics/diagnostic.js";
import type { SourceMap, SourcePosition } from "../../src/diagnostics/source-map.js";
import type { ToolAdapter } from "../../src/model/adapter.js";
import { WorkflowDefinitionSchema, type WorkflowDefinition } from "../../src/model/schema.js";
import { validateDefinition, type ValidateDefinitionOptions } from "../../src/validate/index.js";

/** A definition as the parse phase would produce it (defaults filled in). */
export function workflow(doc: Record<string, unknown>): WorkflowDefinition {
  return WorkflowDefinitionSchema.parse(doc);
}

/** A definition made of the given steps only. */
export function steps(...list: Record<string, unknown>[]): WorkflowDefinition {
  return workflow({ steps: list });
}

/** A tool step with `id`. */
export function tool(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, type: "tool", tool: "t", ...extra };
}

/** A compact, comparable view of a diagnostic. */
export interface Row {
  code: string;
  path: string;
  message: string;
}

/** `{ code, path (bracket text), message }` of each diagnostic. */
export function rows(diagnostics: readonly Diagnostic[]): Row[] {
  return diagnostics.map((d) => ({ code: d.code, path: bracketPath(d.path), message: d.message }));
}

/** Validates and returns the compact rows. */
export function check(
  definition: WorkflowDefinition,
  options: ValidateDefinitionOptions = {},
): Row[] {
  return rows(validateDefinition(definition, options));
}

/** Only the codes, in order. */
export function codes(
  definition: WorkflowDefinition,
  options: ValidateDefinitionOptions = {},
): string[] {
  return validateDefinition(definition, options).map((d) => d.code);
}

/** A tool adapter knowing the given tool names. */
export function adapterWith(...names: string[]): ToolAdapter {
  return {
    has: (name) => names.includes(name),
    invoke: () => Promise.resolve({ output: null }),
  };
}

/**
 * A fake source map: every path text gets a line of its own (in registration order), the value
 * starting at column 10; a character inside a string sits at column 10 + 1 (opening quote) + index.
 */
export function fakeSourceMap(paths: readonly string[]): SourceMap {
  const line = (path: DocPath): number | undefined => {
    const i = paths.indexOf(bracketPath(path));
    return i === -1 ? undefined : i + 1;
  };
  const at = (l: number, column: number): SourcePosition => ({
    offset: (l - 1) * 100 + column - 1,
    line: l,
    column,
  });
  return {
    locate: (path, key) => {
      const l = line(path);
      return l === undefined ? undefined : at(l, key === true ? 3 : 10);
    },
    locateInString: (path, index) => {
      const l = line(path);
      return l === undefined ? undefined : at(l, 11 + index);
    },
    position: (offset) => at(Math.floor(offset / 100) + 1, (offset % 100) + 1),
  };
}
