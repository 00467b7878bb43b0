// How SDK, fetch and spawn failures are described and classified (codes and retryability).
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import {
  classifyCallFailure,
  classifyConnectFailure,
  describeError,
} from "../../src/mcp/_describe.js";

describe("describeError", () => {
  it("follows causes and unpacks AggregateErrors without a message", () => {
    const refused = new AggregateError([
      Object.assign(new Error("connect ECONNREFUSED ::1:80"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:80"), { code: "ECONNREFUSED" }),
    ]);
    const error = new TypeError("fetch failed", { cause: refused });
    expect(describeError(error)).toBe(
      "fetch failed: connect ECONNREFUSED ::1:80; connect ECONNREFUSED 127.0.0.1:80",
    );
    expect(describeError("plain")).toBe("plain");
  });

  it("adds the status of an HTTP error", () => {
    expect(describeError(new StreamableHTTPError(503, "busy"))).toBe(
      "Streamable HTTP error: busy (HTTP 503)",
    );
  });
});

describe("classification", () => {
  const http = (status: number) => new StreamableHTTPError(status, "x");
  const mcp = (code: ErrorCode, message = "x") => new McpError(code, message);

  it("classifies transport failures the same way when connecting and calling", () => {
    for (const classify of [classifyConnectFailure, classifyCallFailure]) {
      expect(classify(mcp(ErrorCode.RequestTimeout))).toEqual({ code: "TIMEOUT", retryable: true });
      expect(classify(http(401))).toEqual({ code: "FORBIDDEN", retryable: false });
      expect(classify(http(429))).toEqual({ code: "RATE_LIMITED", retryable: true });
      expect(classify(http(502))).toEqual({ code: "HTTP_STATUS", retryable: true });
      expect(classify(http(404))).toEqual({ code: "HTTP_STATUS", retryable: false });
      expect(classify(new TypeError("fetch failed"))).toEqual({ code: "NETWORK", retryable: true });
    }
  });

  it("classifies a command that cannot be spawned as configuration", () => {
    const enoent = Object.assign(new Error("spawn nope ENOENT"), { syscall: "spawn nope" });
    expect(classifyConnectFailure(enoent)).toEqual({ code: "CONFIGURATION", retryable: false });
  });

  it("classifies JSON-RPC errors of a call", () => {
    expect(classifyCallFailure(mcp(ErrorCode.InvalidParams))).toEqual({
      code: "INVALID_ARGUMENTS",
      retryable: false,
    });
    expect(
      classifyCallFailure(mcp(ErrorCode.InvalidParams, "Structured content does not match")),
    ).toEqual({ code: "INVALID_OUTPUT", retryable: false });
    expect(classifyCallFailure(mcp(ErrorCode.MethodNotFound))).toEqual({
      code: "NOT_FOUND",
      retryable: false,
    });
    expect(classifyCallFailure(mcp(ErrorCode.ConnectionClosed))).toEqual({
      code: "EXECUTION",
      retryable: false,
    });
    expect(classifyCallFailure(mcp(ErrorCode.InternalError))).toEqual({
      code: "EXECUTION",
      retryable: true,
    });
  });
});
