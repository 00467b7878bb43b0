// Binding of the caller's inputs (§2.3) and, with type checking on, the §12 D1 / D7.1 input checks.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { capDiagnostics } from "../diagnostics/limit.js";
import type { SourceMap } from "../diagnostics/source-map.js";
import type { WorkflowDefinition } from "../model/schema.js";
import { setOwn } from "../model/objects.js";
import { describeType, matchesType } from "../model/value-types.js";
import { makeDiagnostic } from "./context.js";

/** Options of `bindInputs`. */
export interface BindInputsOptions {
  /** `"on"` (default) reports missing and mistyped inputs (§12 D1); `"off"` only binds. */
  typeCheck?: "on" | "off";
  /** Locates each problem at the input's declaration (D7.6). */
  sourceMap?: SourceMap;
}

/** The bound `$inputs` mapping and the problems found while binding. */
export interface BoundInputs {
  inputs: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

/**
 * Binds workflow inputs: a shallow copy of the caller's mapping, plus the `default` of every declared
 * input whose name is not a key of it (a key holding `undefined` or `null` is kept as is). Undeclared
 * caller keys are kept (compatibility); validation stops expressions from reading them (§12 D2).
 *
 * With `typeCheck: "on"`, every declared input in key order is then checked against its declaration:
 * no key and no default → `Missing required input "<name>"` (MISSING_INPUT) unless it is nullable
 * (D7.1); otherwise the value — a default included — must match the declared type →
 * `Input "<name>" must be <type>, got <actual>` (INPUT_TYPE). A key holding `undefined` is supplied:
 * it reads `got absent`. Paths are `["inputs", name]`, located at the declaration's key. Never throws.
 */
export function bindInputs(
  workflow: WorkflowDefinition,
  callerInputs: Record<string, unknown> | undefined,
  options: BindInputsOptions = {},
): BoundInputs {
  const inputs: Record<string, unknown> = { ...(callerInputs ?? {}) };
  const declared = Object.entries(workflow.inputs ?? {});
  for (const [name, decl] of declared) {
    if (decl.default !== undefined && !Object.hasOwn(inputs, name)) {
      // A copy per run: the definition (and its defaults) is shared by every run of a cached document.
      setOwn(
        inputs,
        name,
        typeof decl.default === "object" && decl.default !== null
          ? structuredClone(decl.default)
          : decl.default,
      );
    }
  }
  const diagnostics: Diagnostic[] = [];
  if (options.typeCheck === "off") return { inputs, diagnostics };

  for (const [name, decl] of declared) {
    const path = ["inputs", name];
    if (!Object.hasOwn(inputs, name)) {
      if (decl.nullable !== true) {
        diagnostics.push(
          makeDiagnostic(
            "MISSING_INPUT",
            `Missing required input "${name}"`,
            path,
            options.sourceMap,
            { key: true },
          ),
        );
      }
      continue;
    }
    const value = inputs[name];
    if (!matchesType(decl, value)) {
      const message = `Input "${name}" must be ${decl.type}, got ${describeType(value)}`;
      diagnostics.push(
        makeDiagnostic("INPUT_TYPE", message, path, options.sourceMap, { key: true }),
      );
    }
  }
  return { inputs, diagnostics: capDiagnostics(diagnostics) };
}
