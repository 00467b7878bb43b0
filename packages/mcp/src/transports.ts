// The two transports: stdio (what clients start from their config) and streamable HTTP (mounted by
// `skillflow serve`), both over the same areas.
import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { createMcpServer, type McpServerOptions, type SkillflowMcpServer } from "./server.js";

/** Largest JSON-RPC message accepted over HTTP (a workflow document sent to `validate_workflow`). */
export const MAX_MCP_REQUEST_BYTES = 4 * 1024 * 1024;

function methodNotAllowed(request: Request): Response {
  const message = `Method not allowed: ${request.method} /mcp; this server is stateless, send each JSON-RPC message with POST`;
  return Response.json(
    { jsonrpc: "2.0", error: { code: -32000, message }, id: null },
    { status: 405, headers: { allow: "POST" } },
  );
}

/**
 * A fetch-style handler for streamable HTTP, stateless: each request gets its own server and
 * transport over the shared areas, so nothing is kept between requests (a long workflow call
 * answers with its run id; `workflow_status` continues in a later request). Responses to calls
 * are event streams, which is how progress notifications reach the client; GET and DELETE are 405.
 */
export function createMcpHttpHandler(
  options: McpServerOptions,
): (request: Request) => Promise<Response> {
  return async (request) => {
    // Stateless: a GET's standalone stream would carry nothing and stay open, holding a server,
    // and there is no session to DELETE; the specification lets a server answer both with 405.
    if (request.method === "GET" || request.method === "DELETE") return methodNotAllowed(request);
    // Areas outlive the request: the per-request server is dropped, never closed with its areas.
    const { server } = createMcpServer(options);
    const transport = new WebStandardStreamableHTTPServerTransport({
      maxRequestBodySize: MAX_MCP_REQUEST_BYTES,
    });
    await server.connect(transport);
    return transport.handleRequest(request);
  };
}

/**
 * Serves `mcp` over stdio until the client closes stdin (or `signal` aborts); stdout carries only
 * protocol messages, so anything else the host says must go to stderr. Resolves once closed.
 */
export async function serveStdio(
  mcp: SkillflowMcpServer,
  streams: { stdin?: Readable; stdout?: Writable; signal?: AbortSignal } = {},
): Promise<void> {
  const stdin = streams.stdin ?? process.stdin;
  const transport = new StdioServerTransport(stdin, streams.stdout ?? process.stdout);
  const ended = new Promise<void>((resolve) => {
    stdin.once("end", resolve);
    stdin.once("close", resolve);
    streams.signal?.addEventListener("abort", () => resolve(), { once: true });
    if (streams.signal?.aborted === true) resolve();
  });
  await mcp.server.connect(transport);
  await ended;
  await mcp.close();
}
