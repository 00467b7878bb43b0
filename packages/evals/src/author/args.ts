// Arguments of authoring tools checked with zod: the JSON Schema a model or client is shown, and a
// parse naming the first wrong field. Shared by the authoring session and the MCP server.
import type { JsonSchema } from "@skillflow/workflow";
import { z } from "zod";
import { firstIssueField } from "./issues.js";

/** The JSON Schema of `schema` (its input side, without `$schema`), as a tool's input schema. */
export function toolInputSchema(schema: z.ZodType): JsonSchema & { type: "object" } {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: "input" }) as Record<
    string,
    unknown
  >;
  return { ...json, type: "object" };
}

/** The parsed arguments, or the first wrong field (dotted path) and what is wrong with it. */
export function parseToolArgs<T extends z.ZodType>(
  schema: T,
  args: Record<string, unknown>,
): { ok: true; value: z.infer<T> } | { ok: false; field: string; message: string } {
  const parsed = schema.safeParse(args);
  if (parsed.success) return { ok: true, value: parsed.data };
  const { field, message } = firstIssueField(parsed.error, "arguments");
  return { ok: false, field, message: `${field}: ${message}` };
}
