// McpToolAdapter against the fixture tools served in-process over streamable HTTP on 127.0.0.1.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type McpToolAdapter, connectMcpServers } from "../../src/mcp/adapter.js";
import { McpServerError } from "../../src/mcp/errors.js";
import { REDACTED } from "../../src/secrets.js";
import {
  type HttpFixture,
  contextWith,
  failure,
  startHttpFixture,
  stdioFixture,
} from "./_fixtures.js";

const TOKEN = "fixture-bearer-token-42";
let http: HttpFixture;
let adapter: McpToolAdapter;

beforeAll(async () => {
  http = await startHttpFixture({ token: TOKEN });
  adapter = await connectMcpServers({
    api: { url: http.url, headers: { Authorization: `Bearer ${TOKEN}` } },
  });
});
afterAll(async () => {
  await adapter.close();
  await http.close();
});

async function rejection(promise: Promise<unknown>): Promise<McpServerError> {
  const error: unknown = await promise.then(
    () => new Error("expected a rejection"),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(McpServerError);
  return error as McpServerError;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("over streamable HTTP", () => {
  it("lists the tools as server.tool with their input schemas", () => {
    const add = adapter.list().find((d) => d.name === "api.add");
    expect(add?.inputSchema).toMatchObject({ type: "object", required: ["a", "b"] });
    expect(adapter.has("api.slow")).toBe(true);
  });

  it("calls tools and maps their results", async () => {
    expect(await adapter.invoke("api.add", { a: 20, b: 22 }, contextWith())).toEqual({
      output: { sum: 42 },
    });
    expect(await adapter.invoke("api.echo", { text: "[1,2]" })).toEqual({ output: [1, 2] });
    expect(await adapter.invoke("api.fail", {})).toEqual(failure("it failed", "EXECUTION", true));
  });

  it("cancels a running call on the server when the signal aborts", async () => {
    const stats = async () =>
      (await adapter.invoke("api.stats", {})).output as { cancelled: number };
    const before = (await stats()).cancelled;
    const controller = new AbortController();
    const call = adapter.invoke("api.slow", { ms: 10_000 }, contextWith(controller.signal));
    setTimeout(() => controller.abort(), 50);
    expect(await call).toEqual(failure('MCP tool "api.slow" was cancelled', "ABORTED", false));
    await expect.poll(async () => (await stats()).cancelled).toBe(before + 1);
  });

  it("ends its session on close()", async () => {
    const second = await connectMcpServers({
      api: { url: http.url, headers: { Authorization: `Bearer ${TOKEN}` } },
    });
    expect(http.sessionCount()).toBe(2);
    await second.close();
    expect(http.sessionCount()).toBe(1);
  });
});

describe("connect failures over HTTP", () => {
  it("rejects a 401 naming the server, without the Authorization header's value", async () => {
    const secret = "wrong-token-7f3a9c";
    const error = await rejection(
      connectMcpServers({ api: { url: http.url, headers: { Authorization: `Bearer ${secret}` } } }),
    );
    expect(error.server).toBe("api");
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(
      /^MCP server "api" \(http:\/\/127\.0\.0\.1:\d+\/mcp\) failed to connect: /,
    );
    expect(error.message).toContain("HTTP 401");
    expect(error.message).toContain(`unauthorized: got ${REDACTED}`);
    for (const text of [
      error.message,
      String(error.stack),
      inspect(error),
      JSON.stringify(error),
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("rejects an unreachable server as a retryable network failure", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/mcp`;
    const error = await rejection(connectMcpServers({ gone: { url } }));
    expect(error.server).toBe("gone");
    expect(error.code).toBe("NETWORK");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("redacts credentials carried in the URL", async () => {
    const url = `http://user:pa55word-in-url@127.0.0.1:${await closedPort()}/mcp?api_key=k3y-in-query`;
    const error = await rejection(connectMcpServers({ gone: { url } }));
    expect(error.message).not.toContain("pa55word-in-url");
    expect(error.message).not.toContain("k3y-in-query");
  });

  it("closes a stdio server that connected when the HTTP one is refused", async () => {
    const error = await rejection(
      connectMcpServers({
        local: stdioFixture(),
        api: { url: http.url, headers: { Authorization: "Bearer nope-nope" } },
      }),
    );
    expect(error.server).toBe("api");
  });
});
