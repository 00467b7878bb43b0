// [EXT §13.5] The wiring of a `workflow` step against its child: unknown, missing and mistyped inputs.
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { DocPath } from "../diagnostics/diagnostic.js";
import type { WorkflowDefinition, WorkflowStep } from "../model/schema.js";
import type { LocateHint } from "./context.js";
import { isAssignable } from "./wiring.js";

/** One wiring problem; `path` is relative to the step (`["inputs", name]`). */
export interface ChildInputProblem {
  code: DiagnosticCode;
  message: string;
  path: DocPath;
  hint?: LocateHint;
}

/**
 * Checks a `workflow` step's inputs against the child's declared inputs: a name the child does not
 * declare (`UNKNOWN_CHILD_INPUT`), a required child input (no default, not nullable) without a value
 * (`MISSING_CHILD_INPUT`) and, when `typed`, a declared type the child's cannot take (`TYPE_MISMATCH`).
 */
export function checkChildInputs(
  step: WorkflowStep,
  child: WorkflowDefinition,
  typed: boolean,
): ChildInputProblem[] {
  const problems: ChildInputProblem[] = [];
  const declared = child.inputs ?? {};
  const given = step.inputs ?? {};
  const names = Object.keys(declared);
  for (const [name, input] of Object.entries(given)) {
    const target = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (target === undefined) {
      problems.push({
        code: "UNKNOWN_CHILD_INPUT",
        message: `Input "${name}" of step "${step.id}" is not declared by workflow "${step.workflow}" (declared: ${names.join(", ") || "none"}); remove it or declare it in the child`,
        path: ["inputs", name],
        hint: { key: true },
      });
    } else if (typed && !isAssignable(input.type, target.type)) {
      problems.push({
        code: "TYPE_MISMATCH",
        message: `Input "${name}" of step "${step.id}" is ${input.type} but workflow "${step.workflow}" expects ${target.type}`,
        path: ["inputs", name, "type"],
      });
    }
  }
  for (const [name, decl] of Object.entries(declared)) {
    const provided = Object.hasOwn(given, name) && given[name]?.value !== undefined;
    if (provided || decl.default !== undefined || decl.nullable === true) continue;
    problems.push({
      code: "MISSING_CHILD_INPUT",
      message: `Step "${step.id}" does not provide the required input "${name}" of workflow "${step.workflow}"; add it under inputs with a value`,
      path: ["inputs"],
      hint: { key: true },
    });
  }
  return problems;
}
