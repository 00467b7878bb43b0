// Connecting, failing to connect, crashing and closing: no orphan processes, errors that name the server.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ToolAdapter } from "@skillflow/workflow";
import { afterAll, describe, expect, it } from "vitest";
import { connectMcpServers } from "../../src/mcp/adapter.js";
import { McpServerError } from "../../src/mcp/errors.js";
import { ToolError } from "../../src/tool.js";
import { contextWith, failure, isAlive, stdioFixture } from "./_fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "skillflow-mcp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pidOf(adapter: ToolAdapter): Promise<number> {
  return ((await adapter.invoke("fixture.pid", {})).output as { pid: number }).pid;
}

async function rejection(promise: Promise<unknown>): Promise<McpServerError> {
  const error: unknown = await promise.then(
    () => new Error("expected a rejection"),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(McpServerError);
  return error as McpServerError;
}

describe("close()", () => {
  it("stops the server process, is idempotent, and later calls fail as data", async () => {
    const adapter = await connectMcpServers({ fixture: stdioFixture() });
    const pid = await pidOf(adapter);
    expect(isAlive(pid)).toBe(true);
    await adapter.close();
    expect(isAlive(pid)).toBe(false);
    await adapter.close();
    expect(await adapter.invoke("fixture.add", { a: 1, b: 2 })).toEqual(
      failure('MCP tool "fixture.add" cannot run: the MCP adapter was closed', "EXECUTION", false),
    );
  });

  it("cancels calls still running, so the server can exit at once", async () => {
    const adapter = await connectMcpServers({ fixture: stdioFixture() });
    const pid = await pidOf(adapter);
    const call = adapter.invoke("fixture.slow", { ms: 30_000 }, contextWith());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await adapter.close();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(isAlive(pid)).toBe(false);
    expect(await call).toEqual(
      failure('MCP tool "fixture.slow" stopped: the MCP adapter was closed', "ABORTED", false),
    );
  });
});

describe("a server that exits while connected", () => {
  it("fails the running call and later ones with its stderr", async () => {
    const adapter = await connectMcpServers({ fixture: stdioFixture() });
    try {
      const crashed = await adapter.invoke("fixture.crash", { message: "boom: out of memory" });
      expect(crashed).toMatchObject({ output: null, code: "EXECUTION", retryable: false });
      expect(crashed.error).toMatch(/^MCP tool "fixture\.crash" failed: .*Connection closed/);
      expect(crashed.error).toContain("stderr: fixture server ready\nboom: out of memory");
      const later = await adapter.invoke("fixture.add", { a: 1, b: 2 });
      expect(later.error).toMatch(
        /^MCP tool "fixture\.add" cannot run: MCP server "fixture" .* disconnected/,
      );
      expect(later.error).toContain("boom: out of memory");
    } finally {
      await adapter.close();
    }
  });
});

describe("connect failures", () => {
  it("rejects a command that does not exist, naming the server", async () => {
    const error = await rejection(
      connectMcpServers({ broken: { command: join(dir, "no-such-server") } }),
    );
    expect(error.server).toBe("broken");
    expect(error.code).toBe("CONFIGURATION");
    expect(error.message).toMatch(
      /^MCP server "broken" \(command .*no-such-server\) failed to connect: /,
    );
    expect(error.message).toContain("ENOENT");
  });

  it("includes the stderr of a server that exits at start, with secrets redacted", async () => {
    const secret = "sk-start-secret-98765";
    const config = { ...stdioFixture("--fail-on-start"), env: { FIXTURE_API_KEY: secret } };
    const error = await rejection(connectMcpServers({ early: config }));
    expect(error.server).toBe("early");
    expect(error.message).toContain('MCP server "early"');
    expect(error.message).toContain("Connection closed");
    expect(error.message).toContain(`stderr: fatal: cannot start (token ${"[REDACTED]"})`);
    expect(error.message).not.toContain(secret);
    expect(error.cause).toBeUndefined();
  });

  it("stops a server that never answers the handshake once connectTimeoutMs passes", async () => {
    const stuck = {
      command: process.execPath,
      args: ["-e", "console.error('pid=' + process.pid); setInterval(() => {}, 1000)"],
    };
    const started = Date.now();
    const error = await rejection(connectMcpServers({ stuck }, { connectTimeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(1800);
    expect(error).toMatchObject({ server: "stuck", code: "TIMEOUT", retryable: true });
    expect(error.message).toContain("Request timed out");
    const pid = Number(/pid=(\d+)/.exec(error.message)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it("closes the servers that did connect when another one fails", async () => {
    const pidFile = join(dir, "good.pid");
    const error = await rejection(
      connectMcpServers({
        good: stdioFixture(`--pid-file=${pidFile}`),
        bad: { command: join(dir, "missing") },
        worse: { command: join(dir, "missing-too") },
      }),
    );
    expect(error.server).toBe("bad");
    expect(error.message).toContain('(1 more server(s) failed too: "worse")');
    const pid = Number(readFileSync(pidFile, "utf8"));
    expect(isAlive(pid)).toBe(false);
  });

  it("checks the configuration before starting anything", async () => {
    const pending = connectMcpServers({
      "bad.name": { command: "node" },
      both: { command: "node", url: "http://127.0.0.1/" },
      ftp: { url: "ftp://example.com/" },
    });
    await expect(pending).rejects.toBeInstanceOf(ToolError);
    await expect(pending).rejects.toMatchObject({ code: "CONFIGURATION" });
    await expect(pending).rejects.toThrow(/servers\.bad\.name: server names may contain only/);
  });

  it("rejects timeouts that are not positive numbers", async () => {
    await expect(connectMcpServers({}, { timeoutMs: 0 })).rejects.toMatchObject({
      code: "CONFIGURATION",
    });
  });
});
