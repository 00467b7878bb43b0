// The JSON Schema subset the route table uses: written once, served in the OpenAPI document, and used to
// check request bodies and query parameters.

/** A JSON Schema (2020-12 / OpenAPI 3.1) in the subset the API uses. */
export interface JsonSchema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  oneOf?: readonly JsonSchema[];
  $ref?: string;
  [extra: `x-${string}`]: unknown;
}

/** One mismatch between a value and its schema, at a JSON path (`$.inputs.name`). */
export interface SchemaMismatch {
  path: string;
  message: string;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(wanted: JsonSchema["type"], actual: string): boolean {
  return wanted === undefined || wanted === actual || (wanted === "number" && actual === "integer");
}

function checkObject(value: object, schema: JsonSchema, path: string, out: SchemaMismatch[]): void {
  const record = value as Record<string, unknown>;
  for (const name of schema.required ?? []) {
    if (!Object.hasOwn(record, name)) out.push({ path, message: `"${name}" is required` });
  }
  for (const [name, child] of Object.entries(record)) {
    // Own properties only: a field named `constructor` or `__proto__` is not declared by Object.
    const declared =
      schema.properties !== undefined && Object.hasOwn(schema.properties, name)
        ? schema.properties[name]
        : undefined;
    if (declared !== undefined) checkValue(child, declared, `${path}.${name}`, out);
    else if (schema.additionalProperties === false) {
      const known = Object.keys(schema.properties ?? {}).join(", ");
      out.push({ path, message: `unknown field "${name}" (known: ${known})` });
    } else if (typeof schema.additionalProperties === "object") {
      checkValue(child, schema.additionalProperties, `${path}.${name}`, out);
    }
  }
}

function checkString(value: string, schema: JsonSchema, path: string, out: SchemaMismatch[]): void {
  if (schema.minLength !== undefined && value.length < schema.minLength) {
    out.push({ path, message: `must have at least ${schema.minLength} characters` });
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    out.push({ path, message: `must have at most ${schema.maxLength} characters` });
  }
  if (schema.format === "date-time" && Number.isNaN(Date.parse(value))) {
    out.push({ path, message: "expected an ISO 8601 date-time (2026-01-31T09:00:00Z)" });
  }
}

function checkValue(value: unknown, schema: JsonSchema, path: string, out: SchemaMismatch[]): void {
  const actual = typeOf(value);
  if (!typeMatches(schema.type, actual)) {
    out.push({ path, message: `expected ${schema.type}, got ${actual}` });
    return;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    out.push({
      path,
      message: `expected one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`,
    });
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) {
      out.push({ path, message: `must be at least ${schema.minimum}` });
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      out.push({ path, message: `must be at most ${schema.maximum}` });
    }
  }
  if (typeof value === "string") checkString(value, schema, path, out);
  if (actual === "object") checkObject(value as object, schema, path, out);
  if (actual === "array" && schema.items !== undefined) {
    (value as unknown[]).forEach((item, i) =>
      checkValue(item, schema.items!, `${path}[${i}]`, out),
    );
  }
}

/** Every mismatch of `value` against `schema` (`$ref`s are not followed: request schemas inline). */
export function checkSchema(value: unknown, schema: JsonSchema): SchemaMismatch[] {
  const out: SchemaMismatch[] = [];
  checkValue(value, schema, "$", out);
  return out;
}
