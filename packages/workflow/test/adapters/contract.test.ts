// Runs the shared ToolAdapter contract against MockToolAdapter, and checks the contract's own checks.
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/adapters/mock.js";
import type { ToolAdapter, ToolResult } from "../../src/model/adapter.js";
import { describeToolAdapterContract } from "../../src/testing/contract.js";
import {
  outcomeWithin,
  rejectionProblem,
  toolResultProblem,
  trackInvoke,
} from "../../src/testing/_checks.js";

/** Never settles on its own within a test; rejects with the abort reason once `signal` aborts. */
function untilAborted(signal: AbortSignal | undefined): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ output: "late" }), 60_000);
    const stop = (): void => {
      clearTimeout(timer);
      const reason: unknown = signal?.reason;
      reject(reason instanceof Error ? reason : new Error("aborted"));
    };
    if (signal?.aborted) return stop();
    signal?.addEventListener("abort", stop, { once: true });
  });
}

function mockFixture(failing: "result" | "rejection") {
  const adapter = new MockToolAdapter();
  adapter.register("echo", (args) => ({ output: { echoed: args.text } }), {
    description: "Echoes its text argument",
    inputSchema: { type: "object", properties: { text: { type: "string" } } },
  });
  adapter.register("fail", () => {
    if (failing === "rejection") throw new Error("upstream unavailable");
    return { output: null, error: "upstream unavailable" };
  });
  adapter.register("sleep", (_args, context) => untilAborted(context?.signal));
  // Later calls finish first, so results that leaked between calls would show.
  adapter.register("staggered", async (args) => {
    await new Promise((resolve) => setTimeout(resolve, Number(args.wait)));
    return { output: args.n };
  });
  return {
    adapter,
    knownTool: {
      name: "echo",
      args: { text: "hi" },
      expectOutput: (output: unknown) => expect(output).toEqual({ echoed: "hi" }),
    },
    unknownTool: "missing",
    failingTool: { name: "fail", args: {}, failsBy: failing },
    slowTool: { name: "sleep", args: {} },
    concurrentCalls: [0, 1, 2, 3, 4, 5].map((n) => ({
      name: "staggered",
      args: { n, wait: (5 - n) * 3 },
      expectOutput: (output: unknown) => expect(output).toBe(n),
    })),
    abortWithinMs: 250,
  };
}

describeToolAdapterContract("MockToolAdapter", () => mockFixture("result"));
describeToolAdapterContract("MockToolAdapter with a throwing handler", () =>
  mockFixture("rejection"),
);
describeToolAdapterContract("MockToolAdapter with minimal fixture", async () => {
  const adapter = new MockToolAdapter().register("noop", () => ({ output: undefined }));
  return { adapter, knownTool: { name: "noop", args: {} }, unknownTool: "other" };
});

describe("contract checks", () => {
  it("accepts well-formed tool results", () => {
    expect(toolResultProblem({ output: null })).toBeUndefined();
    expect(toolResultProblem({ output: undefined })).toBeUndefined();
    expect(toolResultProblem({ output: 1, error: "x" })).toBeUndefined();
    expect(toolResultProblem({ output: 1, error: undefined })).toBeUndefined();
    expect(
      toolResultProblem({ output: null, error: "x", retryable: false, retryAfterMs: 0 }),
    ).toBeUndefined();
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a string", "ok"],
    ["an array", [1]],
    ["no output key", { result: 1 }],
    ["an empty error", { output: null, error: "" }],
    ["a null error", { output: null, error: null }],
    ["an object error", { output: null, error: { message: "x" } }],
    ["a string retryable", { output: null, error: "x", retryable: "false" }],
    ["a negative retryAfterMs", { output: null, error: "x", retryAfterMs: -1 }],
    ["a NaN retryAfterMs", { output: null, error: "x", retryAfterMs: Number.NaN }],
  ])("rejects %s as a tool result", (_label, value) => {
    expect(toolResultProblem(value)).toEqual(expect.any(String));
  });

  it("wants rejections to carry an Error with a message", () => {
    expect(rejectionProblem(new Error("boom"))).toBeUndefined();
    expect(rejectionProblem({ message: "cross-realm" })).toBeUndefined();
    expect(rejectionProblem("boom")).toEqual(expect.any(String));
    expect(rejectionProblem(new Error(""))).toEqual(expect.any(String));
    expect(rejectionProblem(undefined)).toEqual(expect.any(String));
  });

  it("flags an invoke that throws synchronously or returns no promise", () => {
    const throwing: ToolAdapter = {
      has: () => true,
      invoke: () => {
        throw new Error("sync");
      },
    };
    const plain = { has: () => true, invoke: () => ({ output: 1 }) } as unknown as ToolAdapter;
    expect(() => trackInvoke(throwing, { name: "t", args: {} })).toThrow(/synchronously/);
    expect(() => trackInvoke(plain, { name: "t", args: {} })).toThrow(/did not return a promise/);
  });

  it("reports a call that does not settle in time as pending", async () => {
    const hanging: ToolAdapter = { has: () => true, invoke: () => new Promise(() => {}) };
    const call = trackInvoke(hanging, { name: "t", args: {} });
    expect(await outcomeWithin(call, 10)).toBe("pending");
    expect(call.settled).toBe(false);
  });
});
