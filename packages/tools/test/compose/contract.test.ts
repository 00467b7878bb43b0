// Runs the shared ToolAdapter contract against combineAdapters over a ToolSet and a MockToolAdapter.
import { MockToolAdapter } from "@skillflow/workflow";
import { describeToolAdapterContract } from "@skillflow/workflow/testing/contract";
import { expect } from "vitest";
import { combineAdapters } from "../../src/compose.js";
import { ToolError, defineTool } from "../../src/tool.js";
import { ToolSet } from "../../src/toolset.js";

const echo = defineTool<{ text: string }>({
  name: "echo",
  description: "Echoes its text",
  inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
  run: async ({ text }) => ({ echoed: text }),
});

const slow = defineTool({
  name: "slow",
  description: "Waits for its signal",
  inputSchema: { type: "object" },
  run: (_args, context) =>
    new Promise((_resolve, reject) => {
      const timer = setTimeout(() => reject(new ToolError("TIMEOUT", "late")), 60_000);
      context.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(new ToolError("ABORTED", "aborted"));
      });
    }),
});

describeToolAdapterContract("combineAdapters", () => {
  const mock = new MockToolAdapter();
  mock.register("fail", () => ({ output: null, error: "upstream unavailable" }));
  mock.register("staggered", async (args) => {
    await new Promise((resolve) => setTimeout(resolve, Number(args.wait)));
    return { output: args.n };
  });
  return {
    adapter: combineAdapters(new ToolSet([echo, slow]), mock),
    knownTool: {
      name: "echo",
      args: { text: "hi" },
      expectOutput: (output) => expect(output).toEqual({ echoed: "hi" }),
    },
    unknownTool: "missing",
    failingTool: { name: "fail", args: {}, failsBy: "result" },
    slowTool: { name: "slow", args: {} },
    concurrentCalls: [0, 1, 2, 3].map((n) => ({
      name: "staggered",
      args: { n, wait: (3 - n) * 3 },
      expectOutput: (output: unknown) => expect(output).toBe(n),
    })),
    abortWithinMs: 250,
  };
});
