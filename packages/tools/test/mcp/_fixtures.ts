// Test helpers: the stdio fixture's configuration, an in-process streamable HTTP server, process checks.
import { randomUUID } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import type { ToolInvocationContext } from "@skillflow/workflow";
import type { McpStdioServerConfig } from "../../src/mcp/config.js";
import type { ToolErrorCode } from "../../src/tool.js";

/** The fixture server script, run with plain `node`. */
export const FIXTURE_SERVER = fileURLToPath(new URL("./fixtures/server.mjs", import.meta.url));

/** What `fixtures/server.mjs` exports (it is plain JavaScript, so it is loaded untyped). */
export interface FixtureModule {
  createFixtureServer(options?: { pageSize?: number }): McpServer;
  FIXTURE_TOOL_NAMES: string[];
  PIXEL_PNG: string;
}

/** Imports the fixture module into this process (for the in-process HTTP server). */
export async function loadFixtureModule(): Promise<FixtureModule> {
  const href = pathToFileURL(FIXTURE_SERVER).href;
  return (await import(href)) as FixtureModule;
}

/** A stdio configuration that starts the fixture server with `args`. */
export function stdioFixture(...args: string[]): McpStdioServerConfig {
  return { command: process.execPath, args: [FIXTURE_SERVER, ...args] };
}

/** The result of a failed call, as the adapter reports it. */
export function failure(error: string, code: ToolErrorCode, retryable: boolean) {
  return { output: null, error, code, retryable };
}

/** A context for direct `invoke` calls. */
export function contextWith(
  signal: AbortSignal = new AbortController().signal,
): ToolInvocationContext {
  return { signal, runId: "run-1", stepId: "step-1", attempt: 1 };
}

/** Whether a process with this id exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A running in-process streamable HTTP MCP server with the fixture's tools. */
export interface HttpFixture {
  url: string;
  /** Sessions currently open (a closed client ends its session). */
  sessionCount(): number;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
}

/**
 * Starts the fixture tools behind streamable HTTP on 127.0.0.1 (port 0), one McpServer per session.
 * With `token`, requests without `Authorization: Bearer <token>` get a 401 whose body echoes the
 * header they sent, as a careless server might.
 */
export async function startHttpFixture(options: { token?: string } = {}): Promise<HttpFixture> {
  const { createFixtureServer } = await loadFixtureModule();
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = req.headers.authorization;
    if (options.token !== undefined && auth !== `Bearer ${options.token}`) {
      res
        .writeHead(401, { "content-type": "text/plain" })
        .end(`unauthorized: got ${auth ?? "none"}`);
      return;
    }
    const sessionId = req.headers["mcp-session-id"];
    const existing = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
    if (existing) return existing.handleRequest(req, res);
    const body = req.method === "POST" ? await readJson(req) : undefined;
    if (!isInitializeRequest(body)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("unknown session");
      return;
    }
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, transport),
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    await createFixtureServer().connect(transport);
    await transport.handleRequest(req, res, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    sessionCount: () => sessions.size,
    close: async () => {
      await Promise.all([...sessions.values()].map((t) => t.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
