// Compiles JSON Schemas for json-schema assertions with Ajv 8, once per schema object.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { safeRegExp } from "@skillflow/tools";

// One instance per dialect: Ajv caches compiled schemas by identity, and creating it is costly.
let draft7: Ajv | undefined;
let draft2020: Ajv2020 | undefined;
const compiled = new WeakMap<object, ValidateFunction>();
// addUsedSchema: false so loading the same suite twice does not trip over a repeated `$id`;
// patterns run on RE2 (linear time), so an output cannot make a schema's pattern hang the run.
const OPTIONS = {
  strict: false,
  allErrors: true,
  addUsedSchema: false,
  code: { regExp: safeRegExp },
} as const;

/** Whether the schema declares 2020-12 (or 2019-09), which the default draft-07 Ajv rejects. */
function isModern(schema: object): boolean {
  const declared = (schema as { $schema?: unknown }).$schema;
  return typeof declared === "string" && /20(19|20)-\d\d/.test(declared);
}

/** The validator for `schema`; throws Ajv's error when the schema itself is invalid. */
export function compileSchema(schema: object): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  // strict: false because skill authors write schemas by hand, often with harmless extra keywords.
  const ajv = isModern(schema)
    ? (draft2020 ??= new Ajv2020(OPTIONS))
    : (draft7 ??= new Ajv(OPTIONS));
  const validate = ajv.compile(schema);
  compiled.set(schema, validate);
  return validate;
}

/** Ajv errors as `instancePath message` lines; the root path reads as `/`. */
export function formatSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath === "" ? "/" : e.instancePath} ${e.message}`);
}
