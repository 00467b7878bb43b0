// Tool arguments checked with zod: the JSON Schema `tools/list` shows, and the first problem as a
// tool error naming its field.
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { toolError } from "../results.js";

/** The JSON Schema of a zod object schema, as `Tool.inputSchema` wants it. */
export function inputSchemaOf(schema: z.ZodObject): Tool["inputSchema"] {
  const { $schema: _, ...json } = z.toJSONSchema(schema) as Record<string, unknown>;
  return { ...json, type: "object" };
}

/** The parsed arguments, or an INVALID_ARGUMENT tool error naming the first bad field. */
export function parseArgs<T extends z.ZodObject>(
  schema: T,
  args: Record<string, unknown>,
): { ok: true; value: z.infer<T> } | { ok: false; error: CallToolResult } {
  const parsed = schema.safeParse(args);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
  const field = [...issue.path.map(String), ...keys.slice(0, 1)].join(".");
  const message =
    issue.code === "unrecognized_keys"
      ? `unknown argument "${field}"; the tool's input schema names its arguments`
      : `${field}: ${issue.message}`;
  return { ok: false, error: toolError("INVALID_ARGUMENT", message, field || undefined) };
}
