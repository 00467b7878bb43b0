// The §12 D1 type test of runtime values against declared types, and the `<actual>` names of values.
import type { SchemaType } from "./schema.js";

/** The `<actual>` of a D1 message: what a value is, in the words of the language. */
export type ActualType =
  "string" | "int" | "float" | "boolean" | "array" | "object" | "null" | "absent";

/** The part of a field declaration the type test reads. */
export interface TypeDeclaration {
  type: SchemaType;
  /** [EXT §12 D1] null and absent pass the test. */
  nullable?: boolean | undefined;
}

/**
 * Whether `value` satisfies a declaration (§12 D1): `int` needs an integer, `float` any finite
 * number, `object` a non-null non-array object; null and absent pass only when `nullable` is true.
 */
export function matchesType(decl: TypeDeclaration, value: unknown): boolean {
  if (value === null || value === undefined) return decl.nullable === true;
  switch (decl.type) {
    case "string":
      return typeof value === "string";
    case "int":
      return Number.isInteger(value);
    case "float":
      return Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && !Array.isArray(value);
    default:
      // A hand-built definition may carry a type name the schema would have rejected.
      return false;
  }
}

/**
 * The `<actual>` name of a value. Integral numbers report `int`, every other number `float` —
 * including NaN and ±Infinity, which nevertheless fail the `float` test. Values JSON cannot carry
 * get the nearest name and match no declared type except where the test above says so: a bigint
 * reports `int`, a function or symbol reports `object`.
 */
export function describeType(value: unknown): ActualType {
  if (value === undefined) return "absent";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "string":
      return "string";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    case "bigint":
      return "int";
    case "boolean":
      return "boolean";
    default:
      return "object";
  }
}
