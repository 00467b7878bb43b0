// JSON Schemas of workflow tools from the declared inputs and outputs (§2.2 field declarations), and
// the check of a call's arguments against the declared inputs, naming the first wrong field.
import { workflowFieldSchema, workflowInputSchema } from "@skillflow/tools";
import type { WorkflowInput } from "@skillflow/workflow";

/** A JSON Schema object as MCP tool definitions carry it. */
export type JsonObjectSchema = { type: "object" } & Record<string, unknown>;

/** The fields the pending answer (`{ runId, status, ... }`) of a workflow tool may carry. */
export const PENDING_FIELDS: Readonly<Record<string, Record<string, unknown>>> = {
  runId: { type: "string", description: "Set when the run did not end within the wait: its id." },
  status: {
    type: "string",
    description: "Set when the run did not end within the wait: queued, running or waiting.",
  },
  pendingApprovals: { type: "array", description: "Approvals the run waits for." },
  next: { type: "string", description: "What to call next (workflow_status / workflow_approve)." },
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A declared field (or a `properties` entry, which may be a bare type name) as JSON Schema. */
export function fieldSchema(decl: unknown): Record<string, unknown> {
  if (typeof decl === "string") return workflowFieldSchema({ type: decl });
  if (!isRecord(decl) || typeof decl["type"] !== "string") return {};
  const schema: Record<string, unknown> = workflowFieldSchema({ ...decl, type: decl["type"] });
  if (decl["default"] !== undefined) schema["default"] = decl["default"];
  return schema;
}

/** Whether a declared input must be given: no default and not nullable (as the runtime binds it). */
export function isRequired(decl: unknown): boolean {
  return !isRecord(decl) || (decl["default"] === undefined && decl["nullable"] !== true);
}

/** The tool's input schema: one property per declared input, required unless defaulted or nullable. */
export function inputSchemaOf(inputs: Record<string, unknown>): JsonObjectSchema {
  const declared = Object.fromEntries(
    Object.entries(inputs).map(([name, decl]) => [name, isRecord(decl) ? decl : { type: "" }]),
  );
  return workflowInputSchema(declared as Record<string, WorkflowInput>) as JsonObjectSchema;
}

/**
 * The tool's output schema: one property per declared output, none required and each also allowing
 * null (a skipped step's output resolves to null), plus the optional fields of the pending answer
 * (`runId`, `status`, ...) — the same tool answers those, not the outputs, when the run does not end
 * within the wait, and MCP clients check every non-error `structuredContent` against this schema.
 * A declared output named like a pending field keeps its declared type widened to any value.
 */
export function outputSchemaOf(outputs: Record<string, unknown>): JsonObjectSchema {
  const properties: Record<string, unknown> = { ...PENDING_FIELDS };
  for (const [name, decl] of Object.entries(outputs)) {
    if (Object.hasOwn(PENDING_FIELDS, name)) {
      properties[name] = {};
      continue;
    }
    const schema = fieldSchema(decl);
    const type = schema["type"];
    if (typeof type === "string") schema["type"] = [type, "null"];
    properties[name] = schema;
  }
  return { type: "object", properties };
}

/** What is wrong with one argument: the field and why. */
export interface ArgumentProblem {
  code: "MISSING_INPUT" | "INPUT_TYPE" | "UNKNOWN_INPUT";
  field: string;
  message: string;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  return typeof value;
}

/** Whether `value` passes the §12 D1 type test of `decl` (null passes only when nullable). */
export function matchesDeclared(decl: unknown, value: unknown): boolean {
  if (!isRecord(decl)) return true;
  if (value === null || value === undefined) return decl["nullable"] === true;
  switch (decl["type"]) {
    case "string":
      return typeof value === "string";
    case "int":
      return Number.isInteger(value);
    case "float":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    default:
      return true;
  }
}

/**
 * The first problem of `args` against the declared `fields` (unknown names, then declared fields in
 * order: missing required ones and wrong types), or undefined. `what` names the kind of field in the
 * message ("input", "response field").
 */
export function checkArguments(
  fields: Record<string, unknown>,
  args: Record<string, unknown>,
  what = "input",
): ArgumentProblem | undefined {
  const declared = Object.keys(fields);
  for (const name of Object.keys(args))
    if (!Object.hasOwn(fields, name))
      return {
        code: "UNKNOWN_INPUT",
        field: name,
        message: `"${name}" is not a declared ${what}; the declared ones are: ${declared.join(", ") || "none"}`,
      };
  for (const [name, decl] of Object.entries(fields)) {
    if (!Object.hasOwn(args, name)) {
      if (isRequired(decl))
        return {
          code: "MISSING_INPUT",
          field: name,
          message: `the ${what} "${name}" is required (it has no default); give it`,
        };
      continue;
    }
    if (!matchesDeclared(decl, args[name])) {
      const type = isRecord(decl) ? String(decl["type"]) : "?";
      return {
        code: "INPUT_TYPE",
        field: name,
        message: `the ${what} "${name}" must be ${type}${isRecord(decl) && decl["nullable"] === true ? " or null" : ""}, got ${describe(args[name])}`,
      };
    }
  }
  return undefined;
}

/** MCP tool names: `[A-Za-z0-9_.-]{1,64}`, unique, never one of `reserved`. */
export function toolNames(names: readonly string[], reserved: readonly string[]): string[] {
  const taken = new Set(reserved);
  return names.map((name) => {
    const base = name.replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 64) || "workflow";
    let candidate = base;
    for (let i = 2; taken.has(candidate); i++) {
      const suffix = `_${i}`;
      candidate = base.slice(0, 64 - suffix.length) + suffix;
    }
    taken.add(candidate);
    return candidate;
  });
}
