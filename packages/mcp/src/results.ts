// Tool results as MCP wants them: the data as `structuredContent` and, for clients that show only
// text, the same data as JSON text; errors as `isError` results with a code a model can act on.
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** A successful result: `data` as structured content and as its JSON text. */
export function toolResult(data: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify(data, null, 2) }],
    structuredContent: data,
  };
}

/**
 * A failed call the model should see and can act on: `{ error: { code, message, field? } }` as
 * structured content and as text, with `isError: true`.
 */
export function toolError(code: string, message: string, field?: string): CallToolResult {
  const error = { code, message, ...(field !== undefined ? { field } : {}) };
  return {
    isError: true,
    content: [{ type: "text", text: `${code}: ${message}` }],
    structuredContent: { error },
  };
}
