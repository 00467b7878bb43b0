// An `mcp` server that cannot be connected is a user error (exit 2) naming the server and what to check.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, freshHome } from "./helpers.js";

/** A user config folder whose config.json declares `mcp` (the user's own file is always trusted). */
function userConfigWith(mcp: Record<string, unknown>): string {
  const folder = mkdtempSync(path.join(tmpdir(), "skillflow-mcp-config-"));
  writeFileSync(path.join(folder, "config.json"), JSON.stringify({ mcp }));
  return folder;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const COMMANDS = [["tools"], ["validate", "echo.md"], ["run", "echo.md"]];

describe("an mcp server that cannot be connected", () => {
  const missing = path.join(tmpdir(), "skillflow-no-such-mcp-server");
  const cases: [string, () => Promise<Record<string, unknown>>, string][] = [
    ["a missing binary", async () => ({ command: missing }), missing],
    [
      "a server that exits at once",
      async () => ({ command: process.execPath, args: ["-e", "process.exit(1)"] }),
      process.execPath,
    ],
    [
      "a URL that refuses the connection",
      async () => ({ url: `http://127.0.0.1:${await closedPort()}/mcp` }),
      "http://127.0.0.1:",
    ],
  ];
  for (const [what, server, where] of cases)
    it(`is MCP_SERVER_FAILED for ${what}, naming the server and where it points`, async () => {
      const env = { SKILLFLOW_CONFIG_HOME: userConfigWith({ broken: await server() }) };
      for (const argv of COMMANDS) {
        const result = await cli(argv, { env: { ...env, SKILLFLOW_HOME: freshHome() } });
        const call = argv.join(" ");
        expect(result.code, call).toBe(2);
        expect(result.stderr, call).toMatch(/^error MCP_SERVER_FAILED: MCP server "broken" /);
        expect(result.stderr, call).toContain(where);
        expect(result.stderr, call).toContain("mcp.broken");
      }
    });
});
