// Why a server could not be connected, as data (`reason`) and as a hint saying what to check.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connectMcpServers } from "../../src/mcp/adapter.js";
import type { McpServersConfig } from "../../src/mcp/config.js";
import { McpServerError } from "../../src/mcp/errors.js";
import { stdioFixture } from "./_fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "skillflow-mcp-connect-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rejection(servers: McpServersConfig): Promise<McpServerError> {
  const error: unknown = await connectMcpServers(servers, { connectTimeoutMs: 5000 }).then(
    () => new Error("expected a rejection"),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(McpServerError);
  return error as McpServerError;
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("a stdio server that cannot start", () => {
  it("COMMAND_NOT_FOUND: a path or a program name that does not exist", async () => {
    for (const command of [join(dir, "no-such-server"), "skillflow-no-such-mcp-server"]) {
      const error = await rejection({ broken: { command } });
      expect(error).toMatchObject({
        server: "broken",
        code: "CONFIGURATION",
        reason: "COMMAND_NOT_FOUND",
        retryable: false,
      });
      expect(error.message).toContain(command);
      expect(error.hint).toContain(command);
      expect(error.message.endsWith(error.hint)).toBe(true);
    }
  });

  it("CWD_NOT_FOUND: a working folder that does not exist (not blamed on the command)", async () => {
    const cwd = join(dir, "no-such-folder");
    const error = await rejection({ broken: { ...stdioFixture(), cwd } });
    expect(error).toMatchObject({ code: "CONFIGURATION", reason: "CWD_NOT_FOUND" });
    expect(error.hint).toContain(cwd);
  });

  it("COMMAND_NOT_EXECUTABLE: a file without the execute bit, or a folder", async () => {
    const script = join(dir, "not-executable.sh");
    writeFileSync(script, "#!/bin/sh\nexit 0\n");
    chmodSync(script, 0o644);
    for (const command of [script, dir]) {
      const error = await rejection({ broken: { command } });
      expect(error, command).toMatchObject({
        code: "CONFIGURATION",
        reason: "COMMAND_NOT_EXECUTABLE",
      });
    }
  });

  it("EXITED: a server that exits at once, with its exit status and stderr", async () => {
    const quits = {
      command: process.execPath,
      args: ["-e", "console.error('bye'); process.exit(3)"],
    };
    const error = await rejection({ quits });
    expect(error).toMatchObject({ server: "quits", reason: "EXITED", retryable: false });
    expect(error.message).toContain("stderr: bye");
    expect(error.message).toContain("exit code 3");
    // The command line to try, quoted for a POSIX shell.
    expect(error.hint).toContain(`-e 'console.error('\\''bye'\\''); process.exit(3)'`);
    const early = await rejection({ early: stdioFixture("--fail-on-start") });
    expect(early.reason).toBe("EXITED");
  });

  it("TIMEOUT: a program that never answers the handshake", async () => {
    const stuck = { command: process.execPath, args: ["-e", "setInterval(() => {}, 1000)"] };
    const error: unknown = await connectMcpServers({ stuck }, { connectTimeoutMs: 200 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "TIMEOUT", reason: "TIMEOUT" });
  });
});

describe("an HTTP server that cannot be reached", () => {
  it("UNREACHABLE: nothing listens at the URL", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/mcp`;
    const error = await rejection({ gone: { url } });
    expect(error).toMatchObject({ server: "gone", code: "NETWORK", reason: "UNREACHABLE" });
    expect(error.hint).toContain(url);
  });

  it("REJECTED: the URL answers with an HTTP error (not an MCP endpoint, or no access)", async () => {
    const server = createServer((_req, res) => res.writeHead(404).end("not here"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/nope`;
      const error = await rejection({ wrong: { url } });
      expect(error).toMatchObject({ code: "HTTP_STATUS", reason: "REJECTED" });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
