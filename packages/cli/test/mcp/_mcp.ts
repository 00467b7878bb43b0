// Shared by the tests of `skillflow mcp` and serve's /mcp: the test workflows, and clients of the
// built CLI over stdio and of a running serve over streamable HTTP (closed after each test).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach } from "vitest";
import { BIN, killAll, startServe, type Project, type Serve } from "../serve/_serve.js";

/** A workflow that answers from its input (`greeting: [{ name }]`), with no tool. */
export const GREET = `inputs:
  name: { type: string, description: Who to greet }
outputs:
  greeting: { type: array, value: $steps.pick.output.items }
steps:
  - id: pick
    type: transform
    operation: map
    inputs:
      items: { type: array, value: [1] }
    expression:
      name: $inputs.name
    outputs:
      items: { type: array }`;

/** A workflow that waits for an approval (for an hour). */
export const SHIP = `outputs:
  approved: { type: boolean, value: $steps.confirm.output.approved }
steps:
  - id: confirm
    type: approval
    message: "Ship it?"
    timeout: 1h`;

const clients: Client[] = [];

/** Closes the clients and kills the processes of the test (registered by importing this file). */
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close().catch(() => undefined);
  await killAll();
});

/** Starts `skillflow mcp` in the project as a client would, and connects to it. */
export async function stdioClient(
  p: Project,
  ...args: string[]
): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, "mcp", ...args],
    cwd: p.root,
    env: { ...(process.env as Record<string, string>), ...p.env },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: "skillflow-test", version: "1.0.0" });
  await client.connect(transport);
  clients.push(client);
  return { client, stderr: () => stderr };
}

/** Starts `skillflow serve` in the project and connects to its /mcp with the token. */
export async function httpClient(p: Project): Promise<{ client: Client; serve: Serve }> {
  const serve = await startServe(p);
  const client = new Client({ name: "http-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${serve.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${serve.token}` } },
    }),
  );
  clients.push(client);
  return { client, serve };
}
