// What one part of the MCP server contributes (skills, workflows, authoring): tools, resources,
// prompts, capabilities and extension methods, as data and handlers the server assembles.
import type {
  CallToolResult,
  GetPromptResult,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplate,
  ServerCapabilities,
  ServerNotification,
  ServerRequest,
  Tool,
} from "@modelcontextprotocol/sdk/types.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";

/** The per-request context the SDK hands a handler: the abort signal, progress token, notifications. */
export type McpRequestExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * One tool. `definition` is what `tools/list` shows (name, description, JSON Schemas, annotations);
 * `call` gets the arguments as the client sent them and validates them itself: a bad argument is a
 * tool result with `isError: true` naming the field, never a protocol error.
 */
export interface McpTool {
  definition: Tool;
  call(args: Record<string, unknown>, extra: McpRequestExtra): Promise<CallToolResult>;
}

/** Resources of an area: a listing, templates, and a reader that answers `undefined` for URIs it does not own. */
export interface McpResources {
  list(): Promise<Resource[]>;
  templates?(): ResourceTemplate[];
  read(uri: string, extra: McpRequestExtra): Promise<ReadResourceResult | undefined>;
}

/** One prompt and how to render it with the client's arguments. */
export interface McpPrompt {
  definition: Prompt;
  get(args: Record<string, string>, extra: McpRequestExtra): Promise<GetPromptResult>;
}

/** A request method beyond the base protocol (an extension's `skills/list`). */
export interface McpMethod {
  method: string;
  handle(params: Record<string, unknown>, extra: McpRequestExtra): Promise<Record<string, unknown>>;
}

/**
 * What an area adds to the server. Lists are functions so that they are read per request (a skill
 * edited or added while the server runs shows at the next `tools/list`).
 */
export interface McpArea {
  /** Merged into the server's capabilities (e.g. `extensions`). */
  capabilities?: ServerCapabilities;
  tools?(): Promise<McpTool[]>;
  resources?: McpResources;
  prompts?(): Promise<McpPrompt[]>;
  methods?: McpMethod[];
  /** A line for the server's `instructions`, telling a model what this area offers. */
  instructions?: string;
  /** Releases what the area holds (runs it waits on); called when the server closes. */
  close?(): Promise<void>;
}
