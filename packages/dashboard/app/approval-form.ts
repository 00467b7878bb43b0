// Forms built from declared fields (an approval's response fields, a runnable skill's inputs): which
// control each field gets, and turning what a person typed into typed values, with problems as data.

/** A declared field, as the API sends it (workflow field schema: `type`, `nullable`, `items`, …). */
export interface FieldDeclaration {
  type?: string;
  nullable?: boolean;
  items?: unknown;
  properties?: unknown;
  description?: string;
  /** Workflow inputs only: the value used when none is given. */
  default?: unknown;
}

/** The control a field is shown with. */
export type FieldControl = "text" | "number" | "checkbox" | "json";

/** One control of a built form. */
export interface FormField {
  name: string;
  /** The declared type (`string`, `int`, …; `unknown` when the declaration has none). */
  type: string;
  control: FieldControl;
  /** `1` for `int`, `any` for `float`; only on number controls. */
  step?: "1" | "any";
  /** A value must be given (not nullable, no default). */
  required: boolean;
  nullable: boolean;
  /** What the control starts with: text for text/number/json controls, a boolean for checkboxes. */
  initial: string | boolean;
  /** One line about the field: its description and, for JSON fields, the shape expected. */
  hint?: string;
}

/** Why a field's value was refused. */
export interface FieldProblem {
  field: string;
  code: "REQUIRED" | "NOT_A_NUMBER" | "NOT_AN_INTEGER" | "INVALID_JSON" | "WRONG_JSON_TYPE";
  message: string;
}

/** What a form's controls hold: text for text-like controls, a boolean for checkboxes. */
export type RawValues = Readonly<Record<string, string | boolean | undefined>>;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

function controlOf(type: string): FieldControl {
  if (type === "string") return "text";
  if (type === "int" || type === "float") return "number";
  if (type === "boolean") return "checkbox";
  return "json";
}

function initialOf(control: FieldControl, value: unknown): string | boolean {
  if (control === "checkbox") return value === true;
  if (value === undefined || value === null) return "";
  if (control === "json") return JSON.stringify(value, null, 2);
  return String(value);
}

function hintOf(decl: FieldDeclaration, type: string): string | undefined {
  const parts: string[] = [];
  if (typeof decl.description === "string" && decl.description !== "") parts.push(decl.description);
  if (type === "array") parts.push("A JSON array, e.g. [1, 2].");
  else if (type === "object") parts.push('A JSON object, e.g. {"key": "value"}.');
  else if (controlOf(type) === "json") parts.push("Any JSON value.");
  return parts.length > 0 ? parts.join(" ") : undefined;
}

/** The controls of a form for `declared` fields, in declaration order. */
export function buildForm(declared: Readonly<Record<string, unknown>>): FormField[] {
  return Object.entries(declared).map(([name, raw]) => {
    const decl: FieldDeclaration = isObject(raw) ? raw : {};
    const type = typeof decl.type === "string" ? decl.type : "unknown";
    const control = controlOf(type);
    const nullable = decl.nullable === true;
    const hasDefault = decl.default !== undefined;
    const hint = hintOf(decl, type);
    return {
      name,
      type,
      control,
      ...(control === "number" ? { step: type === "int" ? ("1" as const) : ("any" as const) } : {}),
      // A checkbox always holds a value, so it is never "missing".
      required: control !== "checkbox" && !nullable && !hasDefault,
      nullable,
      initial: initialOf(control, decl.default),
      ...(hint === undefined ? {} : { hint }),
    };
  });
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: FieldProblem };

const refused = (field: FormField, code: FieldProblem["code"], message: string): Parsed => ({
  ok: false,
  problem: { field: field.name, code, message },
});

function parseNumber(field: FormField, text: string): Parsed {
  const value = Number(text);
  if (!Number.isFinite(value))
    return refused(field, "NOT_A_NUMBER", `${field.name} must be a number; "${text}" is not one`);
  if (field.type === "int" && !Number.isInteger(value))
    return refused(
      field,
      "NOT_AN_INTEGER",
      `${field.name} must be a whole number; ${text} has a fraction`,
    );
  return { ok: true, value };
}

function parseJson(field: FormField, text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return refused(
      field,
      "INVALID_JSON",
      `${field.name} is not valid JSON (${(error as Error).message}); write it as JSON`,
    );
  }
  const wrong =
    (field.type === "array" && !Array.isArray(value)) ||
    (field.type === "object" && !isObject(value));
  if (wrong)
    return refused(
      field,
      "WRONG_JSON_TYPE",
      `${field.name} must be a JSON ${field.type}; write it as ${field.type === "array" ? "[…]" : "{…}"}`,
    );
  return { ok: true, value };
}

/** The result of reading a form: the typed values, and every problem found. */
export interface ReadForm {
  values: Record<string, unknown>;
  problems: FieldProblem[];
}

/**
 * Reads the controls' `raw` values into typed values. An empty field is left out (`null` when the
 * field is nullable and `nulls` is set); it is a problem only when the field is required and
 * `requireAll` is set (a rejection needs no response, an approval needs every required field).
 */
export function readForm(
  fields: readonly FormField[],
  raw: RawValues,
  options: { requireAll: boolean; nulls?: boolean } = { requireAll: true },
): ReadForm {
  const values: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const field of fields) {
    const given = raw[field.name];
    if (field.control === "checkbox") {
      values[field.name] = given === true;
      continue;
    }
    const text = typeof given === "string" ? given : "";
    const empty = field.control === "text" ? text === "" : text.trim() === "";
    if (empty) {
      if (field.required && options.requireAll)
        problems.push({
          field: field.name,
          code: "REQUIRED",
          message: `${field.name} is required; fill it in`,
        });
      else if (field.nullable && options.nulls === true) values[field.name] = null;
      continue;
    }
    const parsed: Parsed =
      field.control === "text"
        ? { ok: true, value: text }
        : field.control === "number"
          ? parseNumber(field, text.trim())
          : parseJson(field, text);
    if (parsed.ok) values[field.name] = parsed.value;
    else problems.push(parsed.problem);
  }
  return { values, problems };
}

/** The initial raw values of a form (what `readForm` reads before anything is typed). */
export function initialValues(fields: readonly FormField[]): Record<string, string | boolean> {
  return Object.fromEntries(fields.map((f) => [f.name, f.initial]));
}
