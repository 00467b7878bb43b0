// §12 D1 static wiring: a typed step input fed by exactly one declared input or step output of another type.
import type { SchemaType } from "../model/schema.js";
import { report, type ValidateContext } from "./context.js";

// `<name>`: what a dot member can be without quoting (an identifier, a keyword or a digit run).
const NAME = "([A-Za-z_][A-Za-z0-9_]*|[0-9]+)";
const INPUT_FORMS = [
  new RegExp(`^\\$inputs\\.${NAME}$`),
  new RegExp(`^\\$\\{inputs\\.${NAME}\\}$`),
];
/** §13.3: `$steps.<id>.status` is a string, `.error` a nullable string (nullability is not compared). */
const STEP_MEMBER_FORMS = [
  new RegExp(`^\\$steps\\.${NAME}\\.(status|error)$`),
  new RegExp(`^\\$\\{steps\\.${NAME}\\.(status|error)\\}$`),
];
const STEP_FORMS = [
  new RegExp(`^\\$steps\\.${NAME}\\.output\\.${NAME}$`),
  new RegExp(`^\\$\\{steps\\.${NAME}\\.output\\.${NAME}\\}$`),
];

function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The declared type of the single reference `text` (D7.2), or undefined when `text` is not exactly
 * one of `$inputs.<name>`, `$steps.<id>.output.<name>`, `$steps.<id>.status` / `.error` (strings,
 * §13.3) or their whole-value template forms, or when
 * the referenced input / step / step output is not declared (other rules report those).
 */
export function declaredTypeOf(ctx: ValidateContext, text: string): SchemaType | undefined {
  for (const form of INPUT_FORMS) {
    const match = form.exec(text);
    if (match !== null) return own(ctx.workflow.inputs, match[1] ?? "")?.type;
  }
  for (const form of STEP_MEMBER_FORMS) {
    const match = form.exec(text);
    if (match !== null) return ctx.indexOf.has(match[1] ?? "") ? "string" : undefined;
  }
  for (const form of STEP_FORMS) {
    const match = form.exec(text);
    if (match === null) continue;
    const index = ctx.indexOf.get(match[1] ?? "");
    const step = index === undefined ? undefined : ctx.steps[index];
    return own(step?.outputs, match[2] ?? "")?.type;
  }
  return undefined;
}

/** Whether a value of declared type `source` may feed a declaration of type `target` (`int` → `float`). */
export function isAssignable(source: SchemaType, target: SchemaType): boolean {
  return source === target || (source === "int" && target === "float");
}

/**
 * D1 wiring, step by step, inputs in key order: `Input "<name>" of step "<id>" expects <type> but
 * "<ref>" is <type>` at `steps[i].inputs.<name>.value`, `<ref>` being the raw value text.
 * Nullability is not compared; a referenced step resolves to its last declaration.
 */
export function checkWiring(ctx: ValidateContext): void {
  ctx.steps.forEach((step, i) => {
    for (const [name, input] of Object.entries(step.inputs ?? {})) {
      if (typeof input.value !== "string") continue;
      const source = declaredTypeOf(ctx, input.value);
      if (source === undefined || isAssignable(source, input.type)) continue;
      report(
        ctx,
        "TYPE_MISMATCH",
        `Input "${name}" of step "${step.id}" expects ${input.type} but "${input.value}" is ${source}`,
        ["steps", i, "inputs", name, "value"],
      );
    }
  });
}
