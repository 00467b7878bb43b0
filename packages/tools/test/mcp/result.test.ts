// Mapping of MCP call results to ToolResults, on hand-made results (the fixture covers the common ones).
import { describe, expect, it } from "vitest";
import { type CallResult, contentValue, toToolResult } from "../../src/mcp/_result.js";

const FALLBACK = "fallback error";
const text = (t: string) => ({ type: "text" as const, text: t });

function map(result: Record<string, unknown>) {
  return toToolResult(result as CallResult, FALLBACK);
}

describe("toToolResult", () => {
  it("prefers structuredContent over content", () => {
    expect(map({ content: [text("ignored")], structuredContent: { n: 1 } })).toEqual({
      output: { n: 1 },
    });
  });

  it("joins the text items of an error and falls back when there is none", () => {
    const failure = (error: string) => ({
      output: null,
      error,
      code: "EXECUTION",
      retryable: true,
    });
    expect(map({ isError: true, content: [text("a"), { type: "image" }, text("b")] })).toEqual(
      failure("a\nb"),
    );
    expect(map({ isError: true, content: [] })).toEqual(failure(FALLBACK));
    expect(map({ isError: true, content: [text("  ")], structuredContent: { n: 1 } })).toEqual(
      failure(FALLBACK),
    );
  });

  it("treats isError: false like success", () => {
    expect(map({ isError: false, content: [text("null")] })).toEqual({ output: null });
  });

  it("unwraps the 2024-10-07 toolResult form", () => {
    expect(map({ toolResult: { legacy: true } })).toEqual({ output: { legacy: true } });
  });

  it("parses each text item of a multi-item result like a single one", () => {
    expect(map({ content: [text("1"), text("two")] })).toEqual({ output: [1, "two"] });
  });
});

describe("contentValue", () => {
  it("maps audio and blob resources to data", () => {
    expect(contentValue({ type: "audio", data: "AAA=", mimeType: "audio/wav" })).toEqual({
      type: "audio",
      mimeType: "audio/wav",
      data: "AAA=",
    });
    expect(contentValue({ type: "resource", resource: { uri: "u:1", blob: "QkxPQg==" } })).toEqual({
      type: "resource",
      uri: "u:1",
      data: "QkxPQg==",
    });
  });

  it("passes unknown kinds through", () => {
    const item = { type: "hologram", frames: 3 };
    expect(contentValue(item)).toBe(item);
  });
});
