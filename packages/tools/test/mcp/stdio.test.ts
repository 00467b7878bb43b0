// McpToolAdapter against the real fixture server started over stdio: listing, result mapping, errors,
// cancellation, timeouts and pagination.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type McpToolAdapter, connectMcpServers } from "../../src/mcp/adapter.js";
import { REDACTED, SecretRedactor } from "../../src/secrets.js";
import { contextWith, failure, loadFixtureModule, stdioFixture } from "./_fixtures.js";

const { FIXTURE_TOOL_NAMES, PIXEL_PNG } = await loadFixtureModule();
const ALL_NAMES = FIXTURE_TOOL_NAMES.map((name) => `fixture.${name}`);

let adapter: McpToolAdapter;
beforeAll(async () => {
  adapter = await connectMcpServers({ fixture: stdioFixture() }, { timeoutMs: 5000 });
});
afterAll(() => adapter.close());

async function cancelledCount(): Promise<number> {
  const result = await adapter.invoke("fixture.stats", {});
  return (result.output as { cancelled: number }).cancelled;
}

describe("listing", () => {
  it("exposes every tool as server.tool, in the server's order", () => {
    expect(adapter.list().map((d) => d.name)).toEqual(ALL_NAMES);
    for (const name of ALL_NAMES) expect(adapter.has(name), name).toBe(true);
    expect(adapter.has("add")).toBe(false);
    expect(adapter.has("other.add")).toBe(false);
  });

  it("carries the description, the input schema and the output schema when given", () => {
    const add = adapter.list().find((d) => d.name === "fixture.add");
    expect(add?.description).toBe("Adds two numbers");
    expect(add?.inputSchema).toMatchObject({
      type: "object",
      properties: { a: { type: "number", description: "first addend" }, b: { type: "number" } },
      required: ["a", "b"],
    });
    expect(add?.outputSchema).toMatchObject({
      type: "object",
      properties: { sum: { type: "number" } },
    });
    const echo = adapter.list().find((d) => d.name === "fixture.echo");
    expect(echo?.inputSchema).toMatchObject({ properties: { text: { type: "string" } } });
    expect(echo && "outputSchema" in echo).toBe(false);
  });

  it("follows tools/list pagination", async () => {
    const paged = await connectMcpServers({ fixture: stdioFixture("--page-size=3") });
    try {
      expect(paged.list().map((d) => d.name)).toEqual(ALL_NAMES);
      expect(await paged.invoke("fixture.add", { a: 1, b: 2 })).toEqual({ output: { sum: 3 } });
    } finally {
      await paged.close();
    }
  });
});

describe("result mapping", () => {
  it("returns structured content as the output", async () => {
    expect(await adapter.invoke("fixture.add", { a: 2, b: 3 }, contextWith())).toEqual({
      output: { sum: 5 },
    });
  });

  it("parses a single text item as JSON when it parses, else keeps the string", async () => {
    const echo = (text: string) => adapter.invoke("fixture.echo", { text });
    expect(await echo('{"ok":true,"n":[1,2]}')).toEqual({ output: { ok: true, n: [1, 2] } });
    expect(await echo("42")).toEqual({ output: 42 });
    expect(await echo("hello world")).toEqual({ output: "hello world" });
    expect(await echo("{not json")).toEqual({ output: "{not json" });
  });

  it("maps several items to an array of values", async () => {
    expect(await adapter.invoke("fixture.mixed", {})).toEqual({
      output: [
        "caption",
        { type: "image", mimeType: "image/png", data: PIXEL_PNG },
        { type: "resource", uri: "file:///notes.txt", mimeType: "text/plain", text: "notes" },
        {
          type: "resource_link",
          uri: "file:///big.bin",
          mimeType: "application/octet-stream",
          name: "big.bin",
        },
      ],
    });
  });

  it("maps a result without content to null", async () => {
    expect(await adapter.invoke("fixture.empty", {})).toEqual({ output: null });
  });

  it("does not mutate the arguments", async () => {
    const args = Object.freeze({ a: 1, b: 1 });
    await adapter.invoke("fixture.add", args);
    expect(args).toEqual({ a: 1, b: 1 });
  });
});

describe("errors", () => {
  it("turns isError into an error result carrying the text content", async () => {
    expect(await adapter.invoke("fixture.fail", { message: "disk full" })).toEqual(
      failure("disk full", "EXECUTION", true),
    );
  });

  it("reports arguments the server rejects as an error result", async () => {
    const result = await adapter.invoke("fixture.add", { a: "two", b: 3 });
    expect(result.output).toBeNull();
    expect(result.error).toContain("Invalid arguments for tool add");
  });

  it("fails an unknown tool as data without calling a server", async () => {
    expect(await adapter.invoke("fixture.nope", {})).toEqual(
      failure('Unknown MCP tool "fixture.nope"', "NOT_FOUND", false),
    );
  });
});

describe("cancellation and timeouts", () => {
  it("cancels a running call on the server when the signal aborts", async () => {
    const before = await cancelledCount();
    const controller = new AbortController();
    const started = Date.now();
    const call = adapter.invoke("fixture.slow", { ms: 10_000 }, contextWith(controller.signal));
    setTimeout(() => controller.abort(new Error("step timed out")), 50);
    expect(await call).toEqual(failure('MCP tool "fixture.slow" was cancelled', "ABORTED", false));
    expect(Date.now() - started).toBeLessThan(2000);
    await expect.poll(cancelledCount).toBe(before + 1);
  });

  it("does not send a call whose signal is already aborted", async () => {
    const before = await cancelledCount();
    const result = await adapter.invoke(
      "fixture.slow",
      { ms: 10_000 },
      contextWith(AbortSignal.abort()),
    );
    expect(result).toEqual(
      failure('MCP tool "fixture.slow" was cancelled before it started', "ABORTED", false),
    );
    expect(await cancelledCount()).toBe(before);
  });

  it("ends a call that outlives timeoutMs with an error result, and cancels it on the server", async () => {
    const quick = await connectMcpServers({ fixture: stdioFixture() }, { timeoutMs: 100 });
    try {
      const result = await quick.invoke("fixture.slow", { ms: 10_000 }, contextWith());
      expect(result).toEqual(
        failure('MCP tool "fixture.slow" timed out after 100ms', "TIMEOUT", true),
      );
      await expect
        .poll(async () => (await quick.invoke("fixture.stats", {})).output)
        .toEqual({ cancelled: 1 });
    } finally {
      await quick.close();
    }
  });
});

describe("secrets", () => {
  const ENV = {
    FIXTURE_API_KEY: "sk-fixture-0123456789",
    FIXTURE_REGION: "eu-secret-region",
    FIXTURE_PLAIN: "visible",
  };
  let withEnv: McpToolAdapter;
  beforeAll(async () => {
    const redactor = new SecretRedactor([ENV.FIXTURE_REGION]);
    withEnv = await connectMcpServers({ fixture: { ...stdioFixture(), env: ENV } }, { redactor });
  });
  afterAll(() => withEnv.close());
  const read = (name: string) => withEnv.invoke("fixture.env", { name });

  it("redacts key-like environment values from outputs", async () => {
    expect(await read("FIXTURE_API_KEY")).toEqual({ output: REDACTED });
    expect(await read("FIXTURE_PLAIN")).toEqual({ output: "visible" });
  });

  it("redacts the values the host marks secret, in outputs and errors", async () => {
    expect(await read("FIXTURE_REGION")).toEqual({ output: REDACTED });
    expect(await withEnv.invoke("fixture.fail", { message: "bad eu-secret-region" })).toEqual(
      failure(`bad ${REDACTED}`, "EXECUTION", true),
    );
  });
});
