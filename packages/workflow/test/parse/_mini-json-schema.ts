// A tiny JSON Schema (draft-07 subset) checker for tests: just the keywords the generated schema uses.

type Schema = boolean | Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function hasType(v: unknown, type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  const actual = typeOf(v);
  return types.some((t) => t === actual || (t === "number" && actual === "integer"));
}

/** Problems of `value` against `schema` (empty when valid); `root` resolves `#/definitions/…` references. */
export function check(
  value: unknown,
  schema: Schema,
  root: Record<string, unknown>,
  path = "$",
): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  const s = schema;
  const out: string[] = [];
  const sub = (v: unknown, child: unknown, p = path) => check(v, child as Schema, root, p);
  if (typeof s["$ref"] === "string") {
    const name = s["$ref"].replace("#/definitions/", "");
    out.push(...sub(value, (root["definitions"] as Record<string, unknown>)[name]));
  }
  if (s["type"] !== undefined && !hasType(value, s["type"]))
    return [...out, `${path}: expected ${String(s["type"])}`];
  if (s["const"] !== undefined && value !== s["const"])
    out.push(`${path}: expected ${String(s["const"])}`);
  if (Array.isArray(s["enum"]) && !s["enum"].includes(value)) out.push(`${path}: not in enum`);
  if (
    typeof value === "string" &&
    typeof s["minLength"] === "number" &&
    value.length < s["minLength"]
  )
    out.push(`${path}: too short`);
  if (typeof value === "number") {
    if (typeof s["minimum"] === "number" && value < s["minimum"])
      out.push(`${path}: below minimum`);
    if (typeof s["maximum"] === "number" && value > s["maximum"])
      out.push(`${path}: above maximum`);
    if (typeof s["exclusiveMinimum"] === "number" && value <= s["exclusiveMinimum"])
      out.push(`${path}: not above minimum`);
  }
  if (Array.isArray(value)) {
    if (typeof s["minItems"] === "number" && value.length < s["minItems"])
      out.push(`${path}: too few items`);
    if (s["items"] !== undefined)
      value.forEach((v, i) => out.push(...sub(v, s["items"], `${path}[${i}]`)));
  }
  if (isObject(value)) out.push(...checkObject(value, s, root, path));
  for (const child of (s["allOf"] as Schema[] | undefined) ?? []) out.push(...sub(value, child));
  if (Array.isArray(s["anyOf"]) && !s["anyOf"].some((c) => sub(value, c).length === 0))
    out.push(`${path}: matches no anyOf`);
  if (
    Array.isArray(s["oneOf"]) &&
    s["oneOf"].filter((c) => sub(value, c).length === 0).length !== 1
  ) {
    out.push(`${path}: matches not exactly one oneOf`);
  }
  if (s["not"] !== undefined && sub(value, s["not"]).length === 0)
    out.push(`${path}: matches "not"`);
  return out;
}

function checkObject(
  value: Record<string, unknown>,
  s: Record<string, unknown>,
  root: Record<string, unknown>,
  path: string,
): string[] {
  const out: string[] = [];
  const properties = (s["properties"] as Record<string, Schema> | undefined) ?? {};
  for (const key of (s["required"] as string[] | undefined) ?? [])
    if (!(key in value)) out.push(`${path}.${key}: required`);
  for (const [key, v] of Object.entries(value)) {
    const known = properties[key];
    if (known !== undefined) out.push(...check(v, known, root, `${path}.${key}`));
    else if (s["additionalProperties"] !== undefined)
      out.push(...check(v, s["additionalProperties"] as Schema, root, `${path}.${key}`));
  }
  return out;
}
