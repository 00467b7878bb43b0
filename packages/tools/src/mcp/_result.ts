// Maps an MCP `tools/call` result to a ToolResult: errors stay data, structured content wins over text.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { ToolResult } from "@skillflow/workflow";
import type { ToolErrorCode } from "../tool.js";

/** What `McpToolAdapter.invoke` resolves with: a `ToolResult` plus, on failure, its code. */
export interface McpToolResult extends ToolResult {
  /** On failure, what kind of failure it was. */
  code?: ToolErrorCode;
  /** On failure, whether trying again can help. */
  retryable?: boolean;
}

/** A failure as data. */
export function failed(error: string, code: ToolErrorCode, retryable: boolean): McpToolResult {
  return { output: null, error, code, retryable };
}

/** What `Client.callTool` resolves with (current results and the 2024-10-07 `toolResult` form). */
export type CallResult = Awaited<ReturnType<Client["callTool"]>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parsedText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function withMimeType(out: Record<string, unknown>, mimeType: unknown): Record<string, unknown> {
  if (typeof mimeType === "string") out.mimeType = mimeType;
  return out;
}

function embeddedResource(resource: Record<string, unknown>): Record<string, unknown> {
  const out = withMimeType({ type: "resource", uri: resource.uri }, resource.mimeType);
  if (typeof resource.text === "string") out.text = resource.text;
  if (typeof resource.blob === "string") out.data = resource.blob;
  return out;
}

/**
 * One content item as workflow data: text → its JSON value when it parses, else the string;
 * image and audio → `{ type, mimeType, data }`; resources → `{ type, mimeType, uri, text | data }`.
 * Unknown kinds pass through unchanged.
 */
export function contentValue(item: unknown): unknown {
  if (!isRecord(item)) return item;
  switch (item.type) {
    case "text":
      return typeof item.text === "string" ? parsedText(item.text) : item;
    case "image":
    case "audio":
      return withMimeType({ type: item.type, data: item.data }, item.mimeType);
    case "resource":
      return isRecord(item.resource) ? embeddedResource(item.resource) : item;
    case "resource_link": {
      const out = withMimeType({ type: item.type, uri: item.uri }, item.mimeType);
      if (typeof item.name === "string") out.name = item.name;
      return out;
    }
    default:
      return item;
  }
}

function contentItems(result: CallResult): unknown[] {
  return Array.isArray(result.content) ? (result.content as unknown[]) : [];
}

/** The text items of a result, joined by newlines. */
export function contentText(result: CallResult): string {
  return contentItems(result)
    .filter((item): item is { type: "text"; text: string } => {
      return isRecord(item) && item.type === "text" && typeof item.text === "string";
    })
    .map((item) => item.text)
    .join("\n")
    .trim();
}

/** The output of a successful result: `structuredContent`, else the content items (one unwrapped). */
export function resultOutput(result: CallResult): unknown {
  if (!("content" in result) && "toolResult" in result) return result.toolResult;
  if (result.structuredContent !== undefined) return result.structuredContent;
  const items = contentItems(result);
  if (items.length === 0) return null;
  if (items.length === 1) return contentValue(items[0]);
  return items.map(contentValue);
}

/**
 * A ToolResult for a call result; `fallbackError` names the tool when an error has no text. A
 * tool's own error (`isError`) has an unknown cause, so it counts as retryable.
 */
export function toToolResult(result: CallResult, fallbackError: string): McpToolResult {
  if (result.isError === true) {
    return failed(contentText(result) || fallbackError, "EXECUTION", true);
  }
  return { output: resultOutput(result) };
}
