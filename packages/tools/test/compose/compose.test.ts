// combineAdapters: routing by listed names, clash errors, and adapters without list().
import { MockToolAdapter } from "@skillflow/workflow";
import { describe, expect, it } from "vitest";
import { combineAdapters } from "../../src/compose.js";
import type { ToolAdapter } from "@skillflow/workflow";
import { defineTool, withUsage } from "../../src/tool.js";
import { ToolSet } from "../../src/toolset.js";

const constant = (name: string, value: unknown) =>
  defineTool({ name, description: name, inputSchema: { type: "object" }, run: async () => value });

/** An adapter without list(): accepts names with a prefix. */
function prefixed(prefix: string, label: string): ToolAdapter {
  return {
    has: (name) => name.startsWith(prefix),
    invoke: async (name) => ({ output: `${label}:${name}` }),
  };
}

describe("combineAdapters", () => {
  it("routes each listed name to its adapter and lists them all", async () => {
    const combined = combineAdapters(
      new ToolSet([constant("a", 1)]),
      new ToolSet([constant("b", 2), constant("c", 3)]),
    );
    expect(combined.list?.().map((d) => d.name)).toEqual(["a", "b", "c"]);
    expect(await combined.invoke("a", {})).toEqual({ output: 1 });
    expect(await combined.invoke("c", {})).toEqual({ output: 3 });
  });

  it("throws on a name offered by two adapters, naming both positions", () => {
    expect(() =>
      combineAdapters(
        new ToolSet([constant("x", 1)]),
        new ToolSet([constant("y", 1)]),
        new ToolSet([constant("x", 2)]),
      ),
    ).toThrow('Tool "x" is provided by two adapters (#1 and #3): rename one or leave one out');
  });

  it("consults adapters without list() after the listed names, in order", async () => {
    const combined = combineAdapters(
      prefixed("mcp.", "first"),
      new ToolSet([constant("mcp.listed", "listed")]),
      prefixed("mcp.", "second"),
    );
    expect(await combined.invoke("mcp.listed", {})).toEqual({ output: "listed" });
    expect(await combined.invoke("mcp.other", {})).toEqual({ output: "first:mcp.other" });
    expect(combined.has("other")).toBe(false);
    expect(combined.list?.().map((d) => d.name)).toEqual(["mcp.listed"]);
  });

  it("reports unknown tools as an error result", async () => {
    expect(await combineAdapters().invoke("nope", {})).toEqual({
      output: null,
      error: 'Tool "nope" not registered',
    });
  });

  it("passes the context through, and keeps extra result fields such as usage", async () => {
    const seen: unknown[] = [];
    const mock = new MockToolAdapter();
    mock.register("m", (_args, context) => {
      seen.push(context?.stepId);
      return { output: "ok" };
    });
    const combined = combineAdapters(mock);
    const ctx = { signal: new AbortController().signal, runId: "r", stepId: "s1", attempt: 1 };
    await combined.invoke("m", {}, ctx);
    await combined.invoke("m", {});
    expect(seen).toEqual(["s1", undefined]);
    const usage = { inputTokens: 1, outputTokens: 2, costUsd: null };
    const llm = defineTool({
      name: "llm",
      description: "llm",
      inputSchema: { type: "object" },
      run: async () => withUsage("answer", usage),
    });
    expect(await combineAdapters(new ToolSet([llm])).invoke("llm", {})).toEqual({
      output: "answer",
      usage,
    });
  });
});
