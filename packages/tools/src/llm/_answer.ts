// Reading a model's answer: JSON parsing (Markdown fences tolerated), Ajv validation, and the repair prompt.
import type { JsonSchema } from "@skillflow/workflow";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { safeRegExp } from "../pattern.js";
import { ToolError } from "../tool.js";

/** A usable answer, or the problems that make it unusable (sent back to the model in the repair round). */
export type Verdict = { ok: true; value: unknown } | { ok: false; problems: string[] };

// Formats are not checked (no format vocabulary ships with the package) and unknown keywords are
// tolerated: schemas come from workflow authors, and the model is only asked to match what Ajv checks.
// Their patterns run on RE2 (linear time): a model's answer cannot make `^(a+)+$` hang the run.
const AJV_OPTIONS = {
  allErrors: true,
  strict: false,
  validateFormats: false,
  addUsedSchema: false,
  logger: false,
  code: { regExp: safeRegExp },
} as const;

let draft7: Ajv | undefined;
let draft2019: Ajv2019 | undefined;
let draft2020: Ajv2020 | undefined;

function ajvFor(schema: JsonSchema): Ajv | Ajv2019 | Ajv2020 {
  const dialect = typeof schema.$schema === "string" ? schema.$schema : "";
  if (dialect.includes("2020-12")) return (draft2020 ??= new Ajv2020(AJV_OPTIONS));
  if (dialect.includes("2019-09")) return (draft2019 ??= new Ajv2019(AJV_OPTIONS));
  return (draft7 ??= new Ajv(AJV_OPTIONS));
}

// `each` steps call the tool with the same schema many times: compile it once.
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 64;

/** A validator for the `schema` argument; a schema Ajv cannot compile is an INVALID_ARGUMENTS error. */
export function compileAnswerSchema(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  let validate: ValidateFunction;
  try {
    validate = ajvFor(schema).compile(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ToolError("INVALID_ARGUMENTS", `"schema" is not a usable JSON Schema: ${reason}`);
  }
  const oldest = compiled.keys().next();
  if (compiled.size >= MAX_COMPILED && oldest.done !== true) compiled.delete(oldest.value);
  compiled.set(key, validate);
  return validate;
}

const FENCE = /^```[\w-]*[ \t]*\r?\n?([\s\S]*?)\r?\n?```$/;

/** The answer's text without surrounding whitespace or a Markdown code fence around it. */
export function unfence(text: string): string {
  const trimmed = text.trim();
  return (FENCE.exec(trimmed)?.[1] ?? trimmed).trim();
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === "" ? "(root)" : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = error.message ?? "is invalid";
  if (error.keyword === "additionalProperties") {
    detail += ` (${JSON.stringify(params.additionalProperty)})`;
  } else if (error.keyword === "enum" && Array.isArray(params.allowedValues)) {
    detail += ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")})`;
  }
  return `${where}: ${detail}`;
}

const MAX_PROBLEMS = 20;

/** Every distinct Ajv error as `/json/pointer: problem`, at most 20 of them. */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined): string[] {
  const all = [...new Set((errors ?? []).map(describe))];
  if (all.length <= MAX_PROBLEMS) return all;
  return [...all.slice(0, MAX_PROBLEMS), `… and ${all.length - MAX_PROBLEMS} more`];
}

/** Parses and (with a validator) checks one answer. */
export function judgeAnswer(
  text: string,
  finishReason: string,
  validate: ValidateFunction | undefined,
): Verdict {
  const body = unfence(text);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const cut =
      finishReason === "length" ? " (the answer was cut off at the output token limit)" : "";
    const problem =
      body === "" ? "the answer was empty" : `the answer is not valid JSON: ${reason}`;
    return { ok: false, problems: [problem + cut] };
  }
  if (validate === undefined || validate(value)) return { ok: true, value };
  return { ok: false, problems: schemaProblems(validate.errors) };
}

/** The user message of the repair round: what was wrong, and what to answer instead. */
export function repairPrompt(problems: readonly string[], schema: JsonSchema | undefined): string {
  const lines = [
    "Your previous answer could not be used:",
    ...problems.map((p) => `- ${p}`),
    "",
    "Answer again with only the corrected JSON: no Markdown fences, no prose.",
  ];
  if (schema !== undefined) {
    lines.push("It must match this JSON Schema:", JSON.stringify(schema, null, 2));
  }
  return lines.join("\n");
}
