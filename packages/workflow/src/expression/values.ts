// Value semantics of the expression language: truthiness, equality, N/S conversions, access (§4.6–§4.10).
import { EvalError } from "./errors.js";

const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const objectPrototype = Object.prototype;
/** Deeper nested arrays than this cannot be turned into text (guards the stack, not a real limit). */
const MAX_TEXT_DEPTH = 1000;

/** Host truthiness (§4.8): JavaScript `Boolean()`, used by guards, conditionals and filters. */
export function isHostTruthy(value: unknown): boolean {
  return Boolean(value);
}

/** Language truthiness (§4.8) used by `!`, `&&` and `||`: `[]` is false and NaN is true. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  switch (typeof value) {
    case "boolean":
      return value;
    case "number":
      return value !== 0;
    case "string":
      return value !== "";
    case "bigint":
      return value !== 0n;
    case "object":
      return isArray(value) ? value.length > 0 : true;
    default:
      return true;
  }
}

/** `==` (§4.7): identical values, or a number and a numeric string that converts to it. */
export function looseEquals(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left === "number") return typeof right === "string" && Number(right) === left;
  if (typeof right === "number") return typeof left === "string" && Number(left) === right;
  return false;
}

/** The N conversion of relational operators (§4.7): numbers as is, numeric strings, booleans, else 0. */
export function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    const n = Number(value);
    return n === n ? n : 0;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  return 0;
}

/** SameValueZero membership in an array (strict, NaN matches NaN, objects by identity). */
export function arrayIncludes(array: readonly unknown[], value: unknown): boolean {
  const nan = value !== value;
  for (let i = 0; i < array.length; i++) {
    const element = array[i];
    if (element === value || (nan && element !== element)) return true;
  }
  return false;
}

/** `left contains right` (§4.7): array membership, otherwise a case-insensitive substring test. */
export function containsOp(left: unknown, right: unknown): boolean {
  if (isArray(left)) return arrayIncludes(left, right);
  return toText(left).toLowerCase().includes(toText(right).toLowerCase());
}

/** `x in c` [EXT §4.7]: array membership, or an own key of a mapping; false for anything else. */
export function inOp(value: unknown, collection: unknown): boolean {
  if (typeof collection !== "object" || collection === null) return false;
  if (isArray(collection)) return arrayIncludes(collection, value);
  if (typeof value === "string") return hasOwn(collection, value);
  if (typeof value === "number") return hasOwn(collection, String(value));
  return false;
}

/** `base.name` (§4.6): an own property of an object or array (arrays also have `length`), else absent. */
export function getMember(base: unknown, name: string): unknown {
  if (typeof base !== "object" || base === null) return undefined;
  // An array's `length` is an own property, so rule 2 of §4.6 needs no special case.
  return hasOwn(base, name) ? (base as Record<string, unknown>)[name] : undefined;
}

/** `base[index]` (§4.6): in-bounds array elements, own properties by string or decimal text, else absent. */
export function getIndex(base: unknown, index: unknown): unknown {
  if (typeof base !== "object" || base === null) return undefined;
  if (typeof index === "string") {
    return hasOwn(base, index) ? (base as Record<string, unknown>)[index] : undefined;
  }
  if (typeof index !== "number") return undefined;
  if (isArray(base)) {
    const inBounds = Number.isInteger(index) && index >= 0 && index < base.length;
    return inBounds && hasOwn(base, index) ? (base[index] as unknown) : undefined;
  }
  const key = String(index);
  return hasOwn(base, key) ? (base as Record<string, unknown>)[key] : undefined;
}

/**
 * The S conversion of `contains` (§4.7): `""` for null/absent, otherwise JavaScript `String()`.
 * Data objects (plain or null-prototype) are `[object Object]` whatever keys they hold, so an own
 * `toString` key never runs or breaks the conversion.
 */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value !== "object" && typeof value !== "function") return String(value);
  return objectText(value, []);
}

function objectText(value: object, seen: object[]): string {
  if (isArray(value)) return arrayText(value, seen);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === objectPrototype || proto === null) return "[object Object]";
  try {
    return String(value);
  } catch {
    return "[object Object]";
  }
}

/** Mirrors `Array.prototype.join(",")`: null/absent elements are empty, a cycle renders as `""`. */
function arrayText(array: readonly unknown[], seen: object[]): string {
  if (seen.includes(array)) return "";
  if (seen.length >= MAX_TEXT_DEPTH) throw new EvalError("Value is nested too deeply to convert");
  seen.push(array);
  let text = "";
  for (let i = 0; i < array.length; i++) {
    if (i > 0) text += ",";
    const element = array[i];
    if (typeof element === "object" && element !== null) text += objectText(element, seen);
    else text += toText(element);
  }
  seen.pop();
  return text;
}

/** Template text of a value (§4.10): `""` for null/absent, strings as is, numbers/booleans via `String()`, else compact JSON. */
export function stringify(value: unknown): string {
  if (value === null || value === undefined) return "";
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    default:
      return toJson(value);
  }
}

function toJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch (error) {
    const reason = error instanceof Error ? error.message : toText(error);
    throw new EvalError(`Cannot convert value to text: ${reason}`, { cause: error });
  }
}
