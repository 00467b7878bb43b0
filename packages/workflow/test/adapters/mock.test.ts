// MockToolAdapter behaviour (§8.1, §10.4): registration, catalog order, invocation and errors.
import { describe, expect, it, vi } from "vitest";
import { MockToolAdapter } from "../../src/adapters/mock.js";
import type { ToolInvocationContext } from "../../src/model/adapter.js";

const context = (): ToolInvocationContext => ({
  signal: new AbortController().signal,
  runId: "run-1",
  stepId: "fetch",
  attempt: 1,
});

describe("MockToolAdapter", () => {
  it("has() reports registered names only", () => {
    const adapter = new MockToolAdapter();
    adapter.register("echo", (args) => ({ output: args }));
    expect(adapter.has("echo")).toBe(true);
    expect(adapter.has("missing")).toBe(false);
    expect(adapter.has("constructor")).toBe(false);
    expect(adapter.has("__proto__")).toBe(false);
  });

  it("list() gives descriptors in first-registration order with an empty default description", () => {
    const adapter = new MockToolAdapter();
    adapter.register("a", () => ({ output: 1 }));
    adapter.register("b", () => ({ output: 2 }), { description: "second" });
    adapter.register("c", () => ({ output: 3 }), {
      inputSchema: { type: "object", properties: { q: { type: "string" } } },
      outputSchema: { type: "array" },
    });
    expect(adapter.list()).toEqual([
      { name: "a", description: "" },
      { name: "b", description: "second" },
      {
        name: "c",
        description: "",
        inputSchema: { type: "object", properties: { q: { type: "string" } } },
        outputSchema: { type: "array" },
      },
    ]);
  });

  it("omits schema keys that were not supplied", () => {
    const adapter = new MockToolAdapter();
    adapter.register("a", () => ({ output: 1 }), { description: "x" });
    const [descriptor] = adapter.list();
    expect(Object.keys(descriptor ?? {})).toEqual(["name", "description"]);
  });

  it("re-registering replaces the handler and descriptor but keeps the position", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("a", () => ({ output: "old" }), { description: "old" });
    adapter.register("b", () => ({ output: "b" }));
    adapter.register("a", () => ({ output: "new" }));
    expect(adapter.list()).toEqual([
      { name: "a", description: "" },
      { name: "b", description: "" },
    ]);
    await expect(adapter.invoke("a", {})).resolves.toEqual({ output: "new" });
  });

  it("register() returns the adapter for chaining", () => {
    const adapter = new MockToolAdapter();
    expect(adapter.register("a", () => ({ output: 1 }))).toBe(adapter);
  });

  it("resolves an error result for an unregistered tool", async () => {
    const adapter = new MockToolAdapter();
    await expect(adapter.invoke("nope", { x: 1 })).resolves.toEqual({
      output: null,
      error: 'Tool "nope" not registered',
    });
  });

  it("returns the handler's result, sync or async, unchanged", async () => {
    const adapter = new MockToolAdapter();
    const result = { output: { items: [1, 2] } };
    adapter.register("sync", () => result);
    adapter.register("async", async () => ({ output: null, error: "rate limited" }));
    await expect(adapter.invoke("sync", {})).resolves.toBe(result);
    await expect(adapter.invoke("async", {})).resolves.toEqual({
      output: null,
      error: "rate limited",
    });
  });

  it("passes args and forwards the context as the second handler argument", async () => {
    const adapter = new MockToolAdapter();
    const handler = vi.fn((_args: Record<string, unknown>, _ctx?: ToolInvocationContext) => ({
      output: "ok",
    }));
    adapter.register("t", handler);
    const ctx = context();
    const args = { url: "https://example.test" };
    await adapter.invoke("t", args, ctx);
    await adapter.invoke("t", args);
    expect(handler).toHaveBeenNthCalledWith(1, args, ctx);
    expect(handler).toHaveBeenNthCalledWith(2, args, undefined);
    expect(handler.mock.calls[0]?.[0]).toBe(args);
  });

  it("keeps one-argument handlers working", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("len", (args: Record<string, unknown>) => ({
      output: String(args.text).length,
    }));
    await expect(adapter.invoke("len", { text: "abcd" }, context())).resolves.toEqual({
      output: 4,
    });
  });

  it("turns a synchronous throw into a rejection", async () => {
    const adapter = new MockToolAdapter();
    const boom = new Error("boom");
    adapter.register("t", () => {
      throw boom;
    });
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = adapter.invoke("t", {});
    }).not.toThrow();
    await expect(promise).rejects.toBe(boom);
  });

  it("propagates an asynchronous rejection", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("t", () => Promise.reject(new Error("network down")));
    await expect(adapter.invoke("t", {})).rejects.toThrow("network down");
  });
});
