// Runs the shared ToolAdapter contract against ToolSet.
import { describeToolAdapterContract } from "@skillflow/workflow/testing/contract";
import { expect } from "vitest";
import { ToolError, defineTool } from "../../src/tool.js";
import { ToolSet } from "../../src/toolset.js";

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ToolError("ABORTED", "aborted"));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ToolError("ABORTED", "aborted"));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

const echo = defineTool<{ text: string }, { echoed: string }>({
  name: "echo",
  description: "Echoes its text",
  inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
  outputSchema: { type: "object", properties: { echoed: { type: "string" } } },
  run: async ({ text }) => ({ echoed: text }),
});

const fail = defineTool({
  name: "fail",
  description: "Always fails",
  inputSchema: { type: "object" },
  run: async () => {
    throw new ToolError("EXECUTION", "upstream unavailable");
  },
});

const slow = defineTool({
  name: "slow",
  description: "Takes a minute unless aborted",
  inputSchema: { type: "object" },
  run: async (_args, context) => {
    await sleep(60_000, context.signal);
    return "late";
  },
});

const staggered = defineTool<{ n: number; wait: number }, number>({
  name: "staggered",
  description: "Returns n after wait ms",
  inputSchema: { type: "object", properties: { n: { type: "number" }, wait: { type: "number" } } },
  run: async ({ n, wait }) => {
    await new Promise((resolve) => setTimeout(resolve, wait));
    return n;
  },
});

describeToolAdapterContract("ToolSet", () => ({
  adapter: new ToolSet([echo, fail, slow, staggered]),
  knownTool: {
    name: "echo",
    args: { text: "hi" },
    expectOutput: (output) => expect(output).toEqual({ echoed: "hi" }),
  },
  unknownTool: "missing",
  failingTool: { name: "fail", args: {}, failsBy: "result" },
  slowTool: { name: "slow", args: {} },
  concurrentCalls: [0, 1, 2, 3, 4, 5].map((n) => ({
    name: "staggered",
    args: { n, wait: (5 - n) * 3 },
    expectOutput: (output: unknown) => expect(output).toBe(n),
  })),
  abortWithinMs: 250,
}));
