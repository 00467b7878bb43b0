// Test helper: a real SDK client connected to a server in this process (linked in-memory transports).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { SkillflowMcpServer } from "../src/index.js";

/** Connects a client to `mcp`; `close` ends both. */
export async function connectClient(
  mcp: SkillflowMcpServer,
): Promise<{ client: Client; close(): Promise<void> }> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test-client", version: "1.0.0" });
  await mcp.server.connect(serverSide);
  await client.connect(clientSide);
  return {
    client,
    async close() {
      await client.close();
      await mcp.close();
    },
  };
}
