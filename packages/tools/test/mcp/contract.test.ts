// The shared ToolAdapter contract, run against McpToolAdapter over stdio and over streamable HTTP.
import {
  type SuccessfulCallFixture,
  type ToolAdapterContractSetup,
  describeToolAdapterContract,
} from "@skillflow/workflow/testing/contract";
import { afterAll, expect } from "vitest";
import { type McpToolAdapter, connectMcpServers } from "../../src/mcp/adapter.js";
import type { McpServerConfig } from "../../src/mcp/config.js";
import { startHttpFixture, stdioFixture } from "./_fixtures.js";

function addCall(server: string, a: number, b: number): SuccessfulCallFixture {
  return {
    name: `${server}.add`,
    args: { a, b },
    expectOutput: (output) => expect(output).toEqual({ sum: a + b }),
  };
}

/** A server to run the contract against, and how to stop it once the adapter is closed. */
interface Served {
  config: McpServerConfig;
  stop?: () => Promise<void>;
}

/**
 * One adapter per transport, shared by every check: starting a server per check would only measure
 * process start-up. The contract's checks do not depend on a fresh adapter.
 */
function sharedSetup(
  server: string,
  serve: () => Promise<Served>,
): () => Promise<ToolAdapterContractSetup> {
  let started: Promise<{ adapter: McpToolAdapter; served: Served }> | undefined;
  afterAll(async () => {
    const { adapter, served } = (await started) ?? {};
    await adapter?.close();
    await served?.stop?.();
  });
  return async () => {
    started ??= serve().then(async (served) => ({
      served,
      adapter: await connectMcpServers({ [server]: served.config }, { timeoutMs: 5000 }),
    }));
    return {
      adapter: (await started).adapter,
      knownTool: addCall(server, 2, 3),
      unknownTool: `${server}.missing`,
      failingTool: { name: `${server}.fail`, args: { message: "expected" }, failsBy: "result" },
      slowTool: { name: `${server}.slow`, args: { ms: 20_000 } },
      concurrentCalls: Array.from({ length: 8 }, (_, i) => addCall(server, i, i * 10)),
    };
  };
}

describeToolAdapterContract(
  "McpToolAdapter (stdio)",
  sharedSetup("fixture", async () => ({ config: stdioFixture() })),
);

describeToolAdapterContract(
  "McpToolAdapter (streamable HTTP)",
  sharedSetup("remote", async () => {
    const http = await startHttpFixture();
    return { config: { url: http.url }, stop: () => http.close() };
  }),
);
