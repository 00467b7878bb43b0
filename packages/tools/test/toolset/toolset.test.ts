// ToolSet: registration, argument validation, usage, thrown errors, redaction and abort.
import { describe, expect, it } from "vitest";
import { SecretRedactor } from "../../src/secrets.js";
import { ToolError, defineTool, withUsage, type ToolRunContext } from "../../src/tool.js";
import { ToolSet } from "../../src/toolset.js";

const fetchLike = defineTool<{ url: string; items?: { id: number }[] }>({
  name: "fetch_like",
  description: "Echoes its arguments",
  inputSchema: {
    type: "object",
    properties: {
      url: { type: "string" },
      mode: { enum: ["a", "b"] },
      items: { type: "array", items: { type: "object", properties: { id: { type: "number" } } } },
    },
    required: ["url"],
    additionalProperties: false,
  },
  run: async (args) => args,
});

function thrower(error: unknown) {
  return defineTool({
    name: "thrower",
    description: "Throws",
    inputSchema: { type: "object" },
    run: async () => {
      throw error;
    },
  });
}

describe("ToolSet construction", () => {
  it("rejects two tools with the same name, naming it", () => {
    expect(() => new ToolSet([fetchLike, fetchLike])).toThrow(/"fetch_like"/);
  });

  it("rejects an invalid inputSchema, naming the tool", () => {
    const bad = { ...fetchLike, name: "bad", inputSchema: { type: "nonsense" } };
    expect(() => new ToolSet([bad])).toThrow(/Tool "bad" has an invalid inputSchema/);
  });

  it("accepts schemas that declare draft 2020-12, and the same $id in two sets", async () => {
    const declared = {
      ...fetchLike,
      name: "declared",
      inputSchema: {
        ...fetchLike.inputSchema,
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $id: "https://example.test/declared.json",
      },
    };
    new ToolSet([declared]);
    const set = new ToolSet([declared]);
    expect((await set.invoke("declared", {})).code).toBe("INVALID_ARGUMENTS");
    expect(await set.invoke("declared", { url: "u" })).toEqual({ output: { url: "u" } });
  });

  it("lists descriptors with their schemas", () => {
    const withOut = { ...fetchLike, name: "out", outputSchema: { type: "object" } };
    const list = new ToolSet([fetchLike, withOut]).list();
    expect(list.map((d) => d.name)).toEqual(["fetch_like", "out"]);
    expect(list[0]).not.toHaveProperty("outputSchema");
    expect(list[1]?.outputSchema).toEqual({ type: "object" });
    expect(list[0]?.inputSchema).toBe(fetchLike.inputSchema);
  });
});

describe("ToolSet.invoke", () => {
  it("reports an unknown tool as an error result", async () => {
    const result = await new ToolSet([]).invoke("nope", {});
    expect(result).toEqual({
      output: null,
      error: 'Tool "nope" not registered',
      code: "NOT_FOUND",
      retryable: false,
    });
  });

  it("lists every invalid argument path", async () => {
    const result = await new ToolSet([fetchLike]).invoke("fetch_like", {
      mode: "c",
      extra: 1,
      items: [{ id: "x" }],
    });
    expect(result.code).toBe("INVALID_ARGUMENTS");
    expect(result.output).toBeNull();
    expect(result.error).toMatch(/^Invalid arguments for tool "fetch_like": /);
    for (const part of [
      "url: is required",
      "extra: is not allowed",
      'mode: must be one of "a", "b"',
      "items[0].id: must be number",
    ]) {
      expect(result.error).toContain(part);
    }
  });

  it("passes the context through, creating one when none is given", async () => {
    const seen: ToolRunContext[] = [];
    const spy = defineTool({
      name: "spy",
      description: "Records its context",
      inputSchema: { type: "object" },
      run: async (_args, context) => {
        seen.push(context);
        return "ok";
      },
    });
    const set = new ToolSet([spy]);
    const given = { signal: new AbortController().signal, runId: "r", stepId: "s", attempt: 2 };
    await set.invoke("spy", {}, given);
    await set.invoke("spy", {});
    expect(seen[0]).toEqual({ ...given, signal: expect.any(AbortSignal) });
    expect(seen[1]?.signal).toBeInstanceOf(AbortSignal);
    expect(seen[1]?.signal.aborted).toBe(false);
  });

  it("unwraps withUsage into result.usage", async () => {
    const usage = { inputTokens: 3, outputTokens: 5, costUsd: 0.001, model: "m" };
    const llm = defineTool({
      name: "llm",
      description: "Answers",
      inputSchema: { type: "object" },
      run: async () => withUsage({ answer: 42 }, usage),
    });
    expect(await new ToolSet([llm]).invoke("llm", {})).toEqual({ output: { answer: 42 }, usage });
  });

  it("maps undefined outputs to null", async () => {
    const none = defineTool({
      name: "none",
      description: "Returns nothing",
      inputSchema: { type: "object" },
      run: async () => undefined,
    });
    expect(await new ToolSet([none]).invoke("none", {})).toEqual({ output: null });
  });

  it("turns thrown errors into error results with their code", async () => {
    const cases: [unknown, string, string, boolean][] = [
      [
        new ToolError("TIMEOUT", "took too long", { retryable: true }),
        "took too long",
        "TIMEOUT",
        true,
      ],
      [new ToolError("FORBIDDEN", "no"), "no", "FORBIDDEN", false],
      [new Error("plain failure"), "plain failure", "EXECUTION", true],
      ["a string", "a string", "EXECUTION", true],
      [new Error(""), 'Tool "thrower" failed', "EXECUTION", true],
    ];
    for (const [thrown, error, code, retryable] of cases) {
      const result = await new ToolSet([thrower(thrown)]).invoke("thrower", {});
      expect(result).toEqual({ output: null, error, code, retryable });
    }
  });

  it("passes a ToolError's retryAfterMs into the result (the runtime's wait hint)", async () => {
    const limited = new ToolError("RATE_LIMITED", "slow down", {
      retryable: true,
      retryAfterMs: 7000,
    });
    expect(await new ToolSet([thrower(limited)]).invoke("thrower", {})).toEqual({
      output: null,
      error: "slow down",
      code: "RATE_LIMITED",
      retryable: true,
      retryAfterMs: 7000,
    });
  });

  it("redacts secrets in outputs and error messages", async () => {
    const redactor = new SecretRedactor(["sk-secret-123"]);
    const leak = defineTool({
      name: "leak",
      description: "Leaks",
      inputSchema: { type: "object" },
      run: async () => ({ header: "Bearer sk-secret-123", nested: ["sk-secret-123"] }),
    });
    const set = new ToolSet([leak, thrower(new Error("bad key sk-secret-123"))], { redactor });
    expect(await set.invoke("leak", {})).toEqual({
      output: { header: "Bearer [REDACTED]", nested: ["[REDACTED]"] },
    });
    expect((await set.invoke("thrower", {})).error).toBe("bad key [REDACTED]");
  });

  it("gives the tool a signal that follows the caller's", async () => {
    let seen: AbortSignal | undefined;
    const watcher = defineTool({
      name: "watcher",
      description: "Waits for its signal",
      inputSchema: { type: "object" },
      run: (_args, context) => {
        seen = context.signal;
        return new Promise((_resolve, reject) =>
          context.signal.addEventListener("abort", () => reject(new Error("stopped"))),
        );
      },
    });
    const controller = new AbortController();
    const ctx = { signal: controller.signal, runId: "r", stepId: "s", attempt: 1 };
    const pending = new ToolSet([watcher]).invoke("watcher", {}, ctx);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen?.aborted).toBe(false);
    controller.abort(new Error("cancelled"));
    expect((await pending).code).toBe("ABORTED");
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toEqual(new Error("cancelled"));
  });

  it("turns a synchronous throw of run into an error result", async () => {
    const sync = defineTool({
      name: "sync",
      description: "Throws synchronously",
      inputSchema: { type: "object" },
      run: () => {
        throw new ToolError("FORBIDDEN", "no");
      },
    });
    expect(await new ToolSet([sync]).invoke("sync", {})).toEqual({
      output: null,
      error: "no",
      code: "FORBIDDEN",
      retryable: false,
    });
  });

  it("settles as ABORTED when the signal aborts, even if the tool ignores it", async () => {
    const deaf = defineTool({
      name: "deaf",
      description: "Ignores its signal",
      inputSchema: { type: "object" },
      run: () => new Promise((resolve) => setTimeout(() => resolve("late"), 5_000).unref()),
    });
    const set = new ToolSet([deaf]);
    const controller = new AbortController();
    const ctx = { signal: controller.signal, runId: "r", stepId: "s", attempt: 1 };
    const pending = set.invoke("deaf", {}, ctx);
    controller.abort(new Error("step timed out"));
    expect(await pending).toEqual({
      output: null,
      error: 'Tool "deaf" aborted: step timed out',
      code: "ABORTED",
      retryable: false,
    });
    const already = { ...ctx, signal: AbortSignal.abort() };
    expect((await set.invoke("deaf", {}, already)).code).toBe("ABORTED");
  });
});
