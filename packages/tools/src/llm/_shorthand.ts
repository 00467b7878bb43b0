// The `llm` tool's `schema` argument: a JSON Schema, or the earlier CLI's shorthand (`{ haiku: string }`) turned into one.
import { setOwn, type JsonSchema } from "@skillflow/workflow";
import { ToolError } from "../tool.js";

// Every keyword of JSON Schema drafts 7, 2019-09 and 2020-12 (and OpenAPI's `nullable`).
const KEYWORDS = new Set([
  "$schema", "$id", "$ref", "$defs", "$comment", "$anchor", "$dynamicRef", "$dynamicAnchor",
  "$recursiveRef", "$recursiveAnchor", "$vocabulary", "type", "enum", "const", "multipleOf",
  "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
  "items", "additionalItems", "prefixItems", "maxItems", "minItems", "uniqueItems", "contains",
  "maxContains", "minContains", "maxProperties", "minProperties", "required", "properties",
  "patternProperties", "additionalProperties", "dependencies", "dependentRequired",
  "dependentSchemas", "propertyNames", "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
  "format", "contentEncoding", "contentMediaType", "contentSchema", "definitions", "title",
  "description", "default", "readOnly", "writeOnly", "examples", "deprecated", "unevaluatedItems",
  "unevaluatedProperties", "nullable",
]); // prettier-ignore

// Keywords that constrain a value; annotations alone (`title`, `description`) read as field names.
const STRUCTURAL = new Set([
  "$schema", "$ref", "$defs", "definitions", "type", "enum", "const", "properties", "items",
  "prefixItems", "required", "additionalProperties", "patternProperties", "allOf", "anyOf",
  "oneOf", "not", "if",
]); // prettier-ignore

// Shorthand type names: JSON Schema's, and the workflow language's `int` and `float`.
const TYPES = new Map<string, string>([
  ["string", "string"],
  ["number", "number"],
  ["float", "number"],
  ["integer", "integer"],
  ["int", "integer"],
  ["boolean", "boolean"],
  ["object", "object"],
  ["array", "array"],
  ["null", "null"],
]);

const HOW =
  "use a type (string, number, integer, boolean, object, array, null; `string[]` for a list, " +
  "`string?` for an optional field), a nested mapping, a one-item list, or a JSON Schema " +
  "(`type: object` with `properties`)";

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for a mapping that reads as JSON Schema: only JSON Schema keywords, at least one that constrains. */
export function looksLikeJsonSchema(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  if (keys.length === 0) return true;
  return keys.every((k) => KEYWORDS.has(k)) && keys.some((k) => STRUCTURAL.has(k));
}

function child(path: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function problem(path: string, value: unknown, why: string): ToolError {
  const shown = JSON.stringify(value) ?? String(value);
  const excerpt = shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
  return new ToolError("INVALID_ARGUMENTS", `"${path}": ${excerpt} ${why}; ${HOW}`);
}

/** One field's shorthand: its schema and whether the field is required. */
function field(value: unknown, path: string): { schema: JsonSchema; required: boolean } {
  if (typeof value === "string") {
    const optional = value.trimEnd().endsWith("?");
    const name = (optional ? value.trimEnd().slice(0, -1) : value).trim();
    const list = name.endsWith("[]");
    const type = TYPES.get((list ? name.slice(0, -2) : name).trim());
    if (type === undefined) throw problem(path, value, "is not a type");
    const schema: JsonSchema = list ? { type: "array", items: { type } } : { type };
    return { schema, required: !optional };
  }
  if (Array.isArray(value)) {
    if (value.length > 1) throw problem(path, value, "lists more than one item shape");
    const items = value.length === 0 ? undefined : field(value[0], `${path}[0]`).schema;
    return {
      schema: items === undefined ? { type: "array" } : { type: "array", items },
      required: true,
    };
  }
  if (isMapping(value)) {
    return { schema: looksLikeJsonSchema(value) ? value : objectOf(value, path), required: true };
  }
  throw problem(path, value, "is not a type");
}

function objectOf(shorthand: Record<string, unknown>, path: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, value] of Object.entries(shorthand)) {
    const { schema, required: needed } = field(value, child(path, key));
    setOwn(properties, key, schema);
    if (needed) required.push(key);
  }
  return { type: "object", properties, required };
}

/**
 * The answer schema of a call: a JSON Schema as given, or a shorthand mapping of field names to
 * types (the earlier CLI's `schema: { haiku: string }`) as an object schema requiring every field
 * not marked `?`. A shorthand value that is no type is an INVALID_ARGUMENTS error naming its path.
 */
export function answerSchemaOf(schema: Record<string, unknown>): JsonSchema {
  return looksLikeJsonSchema(schema) ? schema : objectOf(schema, "schema");
}
