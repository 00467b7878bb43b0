// Both transports carry the same server: streamable HTTP mounted on the service's API app behind its
// token (a real listening server and the SDK's HTTP client), and stdio over a pair of streams.
import { PassThrough } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ReadBuffer, serializeMessage } from "@modelcontextprotocol/sdk/shared/stdio.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import {
  MemoryRunQueue,
  MemoryServiceState,
  createApiApp,
  createService,
  startApiServer,
  type ApiServer,
} from "@skillflow/service";
import { MemoryRunStore } from "@skillflow/store";
import { MockToolAdapter } from "@skillflow/workflow";
import { afterEach, describe, expect, it } from "vitest";
import {
  createMcpHttpHandler,
  createMcpServer,
  serveStdio,
  toolResult,
  type McpArea,
} from "../src/index.js";

const TOKEN = "t".repeat(32);

const area: McpArea = {
  tools: () =>
    Promise.resolve([
      {
        definition: { name: "add", inputSchema: { type: "object" } },
        call: async (args, extra) => {
          const token = extra._meta?.progressToken;
          if (token !== undefined)
            await extra.sendNotification({
              method: "notifications/progress",
              params: { progressToken: token, progress: 1, total: 1, message: "added" },
            });
          return toolResult({ sum: Number(args.a) + Number(args.b) });
        },
      },
    ]),
};

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function serveApi(): Promise<ApiServer> {
  const service = createService({
    store: new MemoryRunStore(),
    queue: new MemoryRunQueue(),
    state: new MemoryServiceState(),
    workflows: {
      list: () => Promise.resolve([]),
      load: () => Promise.reject(new Error("none")),
    },
    tools: new MockToolAdapter(),
  });
  const app = createApiApp(service, {
    token: TOKEN,
    version: "0.0.0",
    mcp: createMcpHttpHandler({ version: "0.0.0", areas: [area] }),
  });
  const server = await startApiServer(app, { port: 0 });
  cleanup.push(
    () => server.close(),
    () => service.stop({ now: true }),
  );
  return server;
}

describe("streamable HTTP behind the API token", () => {
  it("answers a real client with the token, with progress notifications, on consecutive requests", async () => {
    const api = await serveApi();
    const client = new Client({ name: "t", version: "1" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${api.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
      }),
    );
    cleanup.push(() => client.close());
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["add"]);
    const progress: string[] = [];
    const result = await client.callTool({ name: "add", arguments: { a: 2, b: 3 } }, undefined, {
      onprogress: (p) => progress.push(p.message ?? ""),
    });
    expect(result.structuredContent).toEqual({ sum: 5 });
    expect(progress).toEqual(["added"]);
    expect(
      (await client.callTool({ name: "add", arguments: { a: 1, b: 1 } })).structuredContent,
    ).toEqual({ sum: 2 });
  });

  it("refuses a request without the token (401) and is absent when not mounted", async () => {
    const api = await serveApi();
    const request = {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    };
    expect((await fetch(`${api.url}/mcp`, request)).status).toBe(401);
    const wrong = { ...request, headers: { ...request.headers, authorization: "Bearer nope" } };
    expect((await fetch(`${api.url}/mcp`, wrong)).status).toBe(401);
    const service = createService({
      store: new MemoryRunStore(),
      queue: new MemoryRunQueue(),
      state: new MemoryServiceState(),
      workflows: { list: () => Promise.resolve([]), load: () => Promise.reject(new Error("x")) },
      tools: new MockToolAdapter(),
    });
    const bare = await startApiServer(createApiApp(service, { token: TOKEN, version: "0" }), {
      port: 0,
    });
    cleanup.push(
      () => bare.close(),
      () => service.stop({ now: true }),
    );
    const withToken = {
      ...request,
      headers: { ...request.headers, authorization: `Bearer ${TOKEN}` },
    };
    expect((await fetch(`${bare.url}/mcp`, withToken)).status).toBe(404);
  });
});

describe("stdio", () => {
  it("speaks JSON-RPC lines on the streams and resolves when stdin ends", async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const received: JSONRPCMessage[] = [];
    const buffer = new ReadBuffer();
    stdout.on("data", (chunk: Buffer) => {
      buffer.append(chunk);
      for (let m = buffer.readMessage(); m !== null; m = buffer.readMessage()) received.push(m);
    });
    const served = serveStdio(createMcpServer({ version: "1.2.3", areas: [area] }), {
      stdin,
      stdout,
    });
    stdin.write(
      serializeMessage({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-06-18",
          capabilities: {},
          clientInfo: { name: "raw", version: "1" },
        },
      }),
    );
    stdin.write(serializeMessage({ jsonrpc: "2.0", method: "notifications/initialized" }));
    stdin.write(serializeMessage({ jsonrpc: "2.0", id: 2, method: "tools/list" }));
    await expect.poll(() => received.length).toBe(2);
    expect(received[0]).toMatchObject({ id: 1, result: { serverInfo: { version: "1.2.3" } } });
    expect(received[1]).toMatchObject({ id: 2, result: { tools: [{ name: "add" }] } });
    stdin.end();
    await served;
  });
});

describe("streamable HTTP handler", () => {
  it("answers GET and DELETE with 405: a stateless server opens no standalone stream to hold", async () => {
    const handler = createMcpHttpHandler({ version: "1.0.0", areas: [area] });
    for (const method of ["GET", "DELETE"]) {
      const response = await handler(
        new Request("http://127.0.0.1/mcp", {
          method,
          headers: { accept: "text/event-stream, application/json" },
        }),
      );
      expect([method, response.status, response.headers.get("allow")]).toEqual([
        method,
        405,
        "POST",
      ]);
      expect(await response.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32000 } });
    }
  });
});
