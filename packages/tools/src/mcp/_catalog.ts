// Lists a server's tools (every page) and turns them into `server.tool` descriptors.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { JsonSchema, ToolDescriptor } from "@skillflow/workflow";

type ListedTool = Awaited<ReturnType<Client["listTools"]>>["tools"][number];

/** One exposed tool: its workflow-facing descriptor and the name the server knows it by. */
export interface CatalogEntry {
  descriptor: ToolDescriptor;
  remoteName: string;
}

/** A server that pages forever is a bug; this bounds the loop. */
const MAX_PAGES = 1000;

/** Every tool the server lists, following `nextCursor` until it is absent. */
export async function listAllTools(client: Client, timeoutMs: number): Promise<ListedTool[]> {
  if (client.getServerCapabilities()?.tools === undefined) return [];
  const tools: ListedTool[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = cursor === undefined ? {} : { cursor };
    const result = await client.listTools(params, { timeout: timeoutMs });
    tools.push(...result.tools);
    cursor = result.nextCursor;
    if (cursor === undefined) return tools;
    if (seen.has(cursor)) throw new Error(`tools/list returned cursor "${cursor}" twice`);
    seen.add(cursor);
  }
  throw new Error(`tools/list did not end after ${MAX_PAGES} pages`);
}

function describe(tool: ListedTool): string {
  return tool.description ?? tool.title ?? tool.annotations?.title ?? "";
}

/**
 * Descriptors named `<server>.<tool>`. Tools that require task-based execution are left out: a plain
 * `tools/call` cannot run them. Throws when the server lists one name twice.
 */
export function catalogEntries(server: string, tools: ListedTool[]): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  const names = new Set<string>();
  for (const tool of tools) {
    if (names.has(tool.name)) throw new Error(`tools/list lists tool "${tool.name}" twice`);
    names.add(tool.name);
    if (tool.execution?.taskSupport === "required") continue;
    const descriptor: ToolDescriptor = {
      name: `${server}.${tool.name}`,
      description: describe(tool),
      // The SDK's parsed type allows `undefined` members; a schema read from JSON never has them.
      inputSchema: tool.inputSchema as JsonSchema,
    };
    if (tool.outputSchema) descriptor.outputSchema = tool.outputSchema as JsonSchema;
    entries.push({ descriptor, remoteName: tool.name });
  }
  return entries;
}
