// Reads one assertion from the suite file: a plain string (judge criterion) or a typed mapping.
import { safeCompilePattern } from "@skillflow/tools";
import { ASSERTION_TYPES, type Assertion } from "./assertions.js";
import { compileSchema } from "./_schema.js";
import type { At, Fields, Reader } from "./_nodes.js";

// Keys each type may carry besides `type`; `description` is a label authors add for readers.
const KNOWN: Record<Assertion["type"], readonly string[]> = {
  equals: ["value", "trim", "ignoreCase", "ignore_case"],
  contains: ["value", "ignoreCase", "ignore_case"],
  "not-contains": ["value", "ignoreCase", "ignore_case"],
  regex: ["pattern", "flags"],
  "json-schema": ["schema"],
  "skill-used": ["skill"],
  "max-cost": ["usd"],
  "max-latency": ["ms"],
  "max-tokens": ["tokens"],
  "llm-judge": ["criteria", "threshold", "model"],
};

function isType(type: string): type is Assertion["type"] {
  return (ASSERTION_TYPES as readonly string[]).includes(type);
}

/** The first of `keys` present (snake_case spellings match the rest of the file format). */
function either(fields: Fields, ...keys: string[]): At | undefined {
  for (const key of keys) {
    const at = fields.get(key);
    if (at) return at;
  }
  return undefined;
}

/** Expected text; YAML reads `value: 42` as a number, which still means the text "42". */
function text(r: Reader, at: At, what: string): string | undefined {
  const value = r.scalar(at);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return r.string(at, what, true);
}

/** The assertion at `at`, or undefined after reporting why not; `skill` fills in `skill-used`. */
export function readAssertion(r: Reader, at: At, skill: string | undefined): Assertion | undefined {
  const plain = r.scalar(at);
  if (typeof plain === "string") {
    // Natural-language expectations, as in the common evals.json format, go to the judge.
    if (plain.trim() !== "")
      return { type: "llm-judge", criteria: [{ description: plain, weight: 1 }] };
    r.report("INVALID_FIELD", "an expectation must not be empty", at);
    return undefined;
  }
  const fields = r.map(at, "an assertion");
  if (!fields) return undefined;
  const typeAt = r.need(fields, "type", "assertion type");
  if (!typeAt) return undefined;
  const type = r.string(typeAt, "assertion type");
  if (type === undefined) return undefined;
  if (!isType(type)) {
    r.report(
      "UNKNOWN_ASSERTION",
      `unknown assertion type "${type}"; use one of: ${ASSERTION_TYPES.join(", ")}`,
      typeAt,
    );
    return undefined;
  }
  r.unknownKeys(fields, ["type", "description", ...KNOWN[type]], `${type} assertion`);
  const before = r.diagnostics.filter((d) => d.severity === "error").length;
  const assertion = readTyped(r, fields, type, skill);
  const after = r.diagnostics.filter((d) => d.severity === "error").length;
  return after === before ? assertion : undefined;
}

function readTyped(
  r: Reader,
  fields: Fields,
  type: Assertion["type"],
  skill: string | undefined,
): Assertion | undefined {
  const flag = (at: At | undefined, what: string) => (at ? r.boolean(at, what) : undefined);
  switch (type) {
    case "equals":
    case "contains":
    case "not-contains": {
      const valueAt = r.need(fields, "value", `${type} value`);
      const value = valueAt && text(r, valueAt, `${type} value`);
      if (value === undefined) return undefined;
      const ignoreCase = flag(either(fields, "ignoreCase", "ignore_case"), "ignoreCase");
      const trim = type === "equals" ? flag(fields.get("trim"), "trim") : undefined;
      return {
        type,
        value,
        ...(ignoreCase === undefined ? {} : { ignoreCase }),
        ...(trim === undefined ? {} : { trim }),
      };
    }
    case "regex": {
      const patternAt = r.need(fields, "pattern", "regex pattern");
      const pattern = patternAt && r.string(patternAt, "regex pattern");
      const flagsAt = fields.get("flags");
      const flags = flagsAt && r.string(flagsAt, "regex flags", true);
      if (pattern === undefined || patternAt === undefined) return undefined;
      // A bad pattern (or one RE2 cannot run) is the author's to fix now, not a failing case later.
      const compiled = safeCompilePattern(pattern, flags);
      if (!compiled.ok) {
        const place = flagsAt && compiled.error.code === "INVALID_FLAGS" ? flagsAt : patternAt;
        r.report("INVALID_FIELD", compiled.error.message, place);
        return undefined;
      }
      return flags === undefined ? { type, pattern } : { type, pattern, flags };
    }
    case "json-schema": {
      const schemaAt = r.need(fields, "schema", "json-schema schema");
      const schemaFields = schemaAt && r.map(schemaAt, "json-schema schema");
      if (!schemaAt || !schemaFields) return undefined;
      const schema = schemaFields.node.toJSON() as object;
      try {
        compileSchema(schema);
      } catch (error) {
        r.report("INVALID_FIELD", `invalid JSON Schema: ${(error as Error).message}`, schemaAt);
        return undefined;
      }
      return { type, schema };
    }
    case "skill-used": {
      const skillAt = fields.get("skill");
      const named = skillAt ? r.string(skillAt, "skill-used skill") : skill;
      return named === undefined ? { type } : { type, skill: named };
    }
    case "max-cost":
    case "max-latency":
    case "max-tokens": {
      const key = type === "max-cost" ? "usd" : type === "max-latency" ? "ms" : "tokens";
      const at = r.need(fields, key, `${type} ${key}`);
      const limit = at && r.number(at, `${type} ${key}`);
      if (limit === undefined) return undefined;
      if (type === "max-cost") return { type, usd: limit };
      return type === "max-latency" ? { type, ms: limit } : { type, tokens: limit };
    }
    case "llm-judge":
      return readJudge(r, fields);
  }
}

function readJudge(r: Reader, fields: Fields): Assertion | undefined {
  const criteriaAt = r.need(fields, "criteria", "llm-judge criteria");
  const items = criteriaAt && r.list(criteriaAt, "llm-judge criteria");
  if (criteriaAt && items?.length === 0)
    r.report("INVALID_FIELD", "llm-judge criteria must not be empty", criteriaAt);
  const criteria = (items ?? []).map((item) => {
    const plain = r.scalar(item);
    if (typeof plain === "string") return { description: r.string(item, "criterion"), weight: 1 };
    const c = r.map(item, "a criterion");
    if (!c) return undefined;
    r.unknownKeys(c, ["description", "weight"], "criterion");
    const descAt = r.need(c, "description", "criterion description");
    const weightAt = c.get("weight");
    return {
      description: descAt && r.string(descAt, "criterion description"),
      weight: weightAt ? positive(r, weightAt, "criterion weight") : 1,
    };
  });
  const thresholdAt = fields.get("threshold");
  const threshold = thresholdAt && r.number(thresholdAt, "llm-judge threshold", 0, 1);
  const modelAt = fields.get("model");
  const model = modelAt && r.string(modelAt, "llm-judge model");
  const valid = criteria.flatMap((c) =>
    c?.description !== undefined && c.weight !== undefined
      ? [{ description: c.description, weight: c.weight }]
      : [],
  );
  return {
    type: "llm-judge",
    criteria: valid,
    ...(threshold === undefined ? {} : { threshold }),
    ...(model === undefined ? {} : { model }),
  };
}

/** A weight above zero: a zero weight would silently drop its criterion from the mean. */
function positive(r: Reader, at: At, what: string): number | undefined {
  const value = r.number(at, what);
  if (value !== 0) return value;
  r.report("INVALID_FIELD", `${what} must be above 0`, at);
  return undefined;
}
