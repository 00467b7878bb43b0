// Validation of MCP server configurations: every problem collected, located by path.
import { describe, expect, it } from "vitest";
import {
  formatMcpConfigProblem,
  parseMcpServers,
  safeParseMcpServers,
} from "../../src/mcp/config.js";
import { ToolError } from "../../src/tool.js";

function problems(value: unknown): string[] {
  const result = safeParseMcpServers(value);
  return result.ok ? [] : result.problems.map((p) => p.path.join("."));
}

describe("safeParseMcpServers", () => {
  it("accepts stdio and streamable HTTP servers", () => {
    const servers = {
      files: { command: "node", args: ["server.js"], env: { TOKEN: "t" }, cwd: "/srv" },
      "git-hub_2": { url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer x" } },
    };
    expect(safeParseMcpServers(servers)).toEqual({ ok: true, servers });
    expect(safeParseMcpServers({})).toEqual({ ok: true, servers: {} });
  });

  it("rejects names that would make server.tool ambiguous", () => {
    expect(
      problems({ "a.b": { command: "x" }, "a b": { command: "x" }, "": { command: "x" } }),
    ).toEqual(["a.b", "a b", ""]);
  });

  it("requires exactly one of command and url", () => {
    expect(problems({ none: {}, both: { command: "x", url: "http://h/" } })).toEqual([
      "none",
      "both",
    ]);
  });

  it("locates wrong field types and unknown keys", () => {
    const result = safeParseMcpServers({
      s: { command: "", args: ["ok", 1], env: { A: 2 }, cwd: 3, headers: {} },
      h: { url: "not a url", headers: { X: 1 }, command_: "typo" },
      f: { url: "file:///etc/passwd" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path.join("."))).toEqual([
      "s.headers",
      "s.command",
      "s.args.1",
      "s.env.A",
      "s.cwd",
      "h.command_",
      "h.url",
      "h.headers.X",
      "f.url",
    ]);
    expect(formatMcpConfigProblem(result.problems[6]!)).toBe(
      "servers.h.url: must be an absolute URL",
    );
  });

  it("rejects a value that is not an object", () => {
    expect(problems([])).toEqual([""]);
    expect(problems({ s: "node server.js" })).toEqual(["s"]);
  });
});

describe("parseMcpServers", () => {
  it("throws one CONFIGURATION error listing every problem", () => {
    let error: unknown;
    try {
      parseMcpServers({ "a.b": { command: "x" }, c: { url: 1 } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).code).toBe("CONFIGURATION");
    expect((error as ToolError).message.split("\n")).toEqual([
      "Invalid MCP server configuration:",
      "  - servers.a.b: server names may contain only letters, digits, '_' and '-'",
      "  - servers.c.url: must be a string",
    ]);
  });
});
