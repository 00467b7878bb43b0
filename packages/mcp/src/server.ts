// `createMcpServer`: one MCP server assembled from areas (skills, workflows, authoring) on the SDK's
// low-level `Server`, so that tool schemas can be the workflows' own JSON Schemas.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type CallToolResult,
  type ServerCapabilities,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { McpArea, McpPrompt, McpTool } from "./area.js";
import { toolError } from "./results.js";

/** Options of `createMcpServer`. */
export interface McpServerOptions {
  /** The name clients show (default `skillflow`). */
  name?: string;
  version: string;
  /** What the server offers; see `skillsArea`, `workflowsArea` and `authoringArea`. */
  areas: readonly McpArea[];
}

/** A server and how to release what its areas hold; connect it to a transport with `connect`. */
export interface SkillflowMcpServer {
  server: Server;
  close(): Promise<void>;
}

function mergeCapabilities(areas: readonly McpArea[]): ServerCapabilities {
  const merged: ServerCapabilities = {};
  for (const area of areas) {
    const own = area.capabilities ?? {};
    for (const key of Object.keys(own) as (keyof ServerCapabilities)[]) {
      const value = own[key];
      const before = merged[key];
      (merged as Record<string, unknown>)[key] =
        typeof before === "object" && typeof value === "object" ? { ...before, ...value } : value;
    }
  }
  return merged;
}

async function gather<T>(
  areas: readonly McpArea[],
  pick: (a: McpArea) => Promise<T[]> | undefined,
) {
  const lists = await Promise.all(areas.map((area) => pick(area) ?? Promise.resolve([])));
  return lists.flat();
}

/** Params of an extension request: an object (or absent), as JSON-RPC allows. */
const ExtensionParams = z.record(z.string(), z.unknown()).optional();

/**
 * Builds the server. Tools, resources and prompts are listed per request from the areas, so a
 * skill added while it runs appears at the next list; a tool call that throws answers a tool error
 * (the model sees it), while unknown names are protocol errors, as the specification asks.
 */
export function createMcpServer(options: McpServerOptions): SkillflowMcpServer {
  const { areas } = options;
  const hasTools = areas.some((a) => a.tools !== undefined);
  const hasResources = areas.some((a) => a.resources !== undefined);
  const hasPrompts = areas.some((a) => a.prompts !== undefined);
  const capabilities: ServerCapabilities = {
    ...mergeCapabilities(areas),
    ...(hasTools ? { tools: { listChanged: false } } : {}),
    ...(hasResources ? { resources: { listChanged: false } } : {}),
    ...(hasPrompts ? { prompts: { listChanged: false } } : {}),
  };
  const instructions = areas
    .map((a) => a.instructions)
    .filter((line): line is string => line !== undefined)
    .join("\n");
  const server = new Server(
    { name: options.name ?? "skillflow", version: options.version },
    { capabilities, ...(instructions ? { instructions } : {}) },
  );

  const tools = () => gather<McpTool>(areas, (a) => a.tools?.());
  const prompts = () => gather<McpPrompt>(areas, (a) => a.prompts?.());

  if (hasTools) {
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: (await tools()).map((t) => t.definition),
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const tool = (await tools()).find((t) => t.definition.name === request.params.name);
      if (tool === undefined)
        throw new McpError(
          ErrorCode.InvalidParams,
          `Unknown tool "${request.params.name}"; tools/list names the tools this server has`,
        );
      try {
        return await tool.call(request.params.arguments ?? {}, extra);
      } catch (error) {
        return toolError("TOOL_FAILED", (error as Error).message) satisfies CallToolResult;
      }
    });
  }

  if (hasResources) {
    server.setRequestHandler(ListResourcesRequestSchema, async () => ({
      resources: await gather(areas, (a) => a.resources?.list()),
    }));
    server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
      resourceTemplates: areas.flatMap((a) => a.resources?.templates?.() ?? []),
    }));
    server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
      for (const area of areas) {
        const found = await area.resources?.read(request.params.uri, extra);
        if (found !== undefined) return found;
      }
      throw new McpError(
        -32002,
        `Resource not found: ${request.params.uri}; resources/list names the resources this server has`,
        { uri: request.params.uri },
      );
    });
  }

  if (hasPrompts) {
    server.setRequestHandler(ListPromptsRequestSchema, async () => ({
      prompts: (await prompts()).map((p) => p.definition),
    }));
    server.setRequestHandler(GetPromptRequestSchema, async (request, extra) => {
      const prompt = (await prompts()).find((p) => p.definition.name === request.params.name);
      if (prompt === undefined)
        throw new McpError(ErrorCode.InvalidParams, `Unknown prompt "${request.params.name}"`);
      return prompt.get(request.params.arguments ?? {}, extra);
    });
  }

  for (const area of areas)
    for (const method of area.methods ?? []) {
      const schema = z.object({ method: z.literal(method.method), params: ExtensionParams });
      server.setRequestHandler(schema, (request, extra) =>
        method.handle(request.params ?? {}, extra),
      );
    }

  return {
    server,
    async close() {
      await Promise.allSettled(areas.map((a) => a.close?.() ?? Promise.resolve()));
      await server.close();
    },
  };
}
