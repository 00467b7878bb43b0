// createMcpServer assembles areas: tools, resources, prompts, capabilities and extension methods,
// checked through a real SDK client.
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createMcpServer, toolResult, type McpArea } from "../src/index.js";
import { connectClient } from "./_client.js";

const area: McpArea = {
  capabilities: { extensions: { "example.org/ext": { on: true } } },
  instructions: "Example area.",
  tools: () =>
    Promise.resolve([
      {
        definition: { name: "echo", description: "Echoes", inputSchema: { type: "object" } },
        call: (args) => Promise.resolve(toolResult({ echoed: args })),
      },
      {
        definition: { name: "boom", description: "Throws", inputSchema: { type: "object" } },
        call: () => Promise.reject(new Error("it broke")),
      },
    ]),
  resources: {
    list: () => Promise.resolve([{ uri: "example://a", name: "a" }]),
    read: (uri) =>
      Promise.resolve(uri === "example://a" ? { contents: [{ uri, text: "A" }] } : undefined),
  },
  prompts: () =>
    Promise.resolve([
      {
        definition: { name: "greet", arguments: [{ name: "who", required: true }] },
        get: (args) =>
          Promise.resolve({
            messages: [{ role: "user", content: { type: "text", text: `hello ${args.who}` } }],
          }),
      },
    ]),
  methods: [{ method: "example/ping", handle: (params) => Promise.resolve({ pong: params }) }],
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function connect() {
  const connected = await connectClient(createMcpServer({ version: "9.9.9", areas: [area] }));
  close = connected.close;
  return connected.client;
}

describe("createMcpServer", () => {
  it("declares the areas' capabilities and instructions", async () => {
    const client = await connect();
    expect(client.getServerCapabilities()).toMatchObject({
      tools: {},
      resources: {},
      prompts: {},
      extensions: { "example.org/ext": { on: true } },
    });
    expect(client.getServerVersion()).toEqual({ name: "skillflow", version: "9.9.9" });
    expect(client.getInstructions()).toBe("Example area.");
  });

  it("lists and calls tools; a throwing tool is a tool error, an unknown one a protocol error", async () => {
    const client = await connect();
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["echo", "boom"]);
    const echoed = await client.callTool({ name: "echo", arguments: { x: 1 } });
    expect(echoed.structuredContent).toEqual({ echoed: { x: 1 } });
    const boom = await client.callTool({ name: "boom", arguments: {} });
    expect(boom.isError).toBe(true);
    expect(boom.structuredContent).toEqual({ error: { code: "TOOL_FAILED", message: "it broke" } });
    await expect(client.callTool({ name: "nope", arguments: {} })).rejects.toThrow(/Unknown tool/);
  });

  it("reads resources, refuses unknown ones, renders prompts and answers extension methods", async () => {
    const client = await connect();
    expect((await client.listResources()).resources).toEqual([{ uri: "example://a", name: "a" }]);
    expect((await client.readResource({ uri: "example://a" })).contents).toEqual([
      { uri: "example://a", text: "A" },
    ]);
    await expect(client.readResource({ uri: "example://b" })).rejects.toMatchObject({
      code: -32002,
    });
    const prompt = await client.getPrompt({ name: "greet", arguments: { who: "ada" } });
    expect(prompt.messages[0]?.content).toEqual({ type: "text", text: "hello ada" });
    const pong = await client.request(
      { method: "example/ping", params: { n: 1 } },
      z.object({ pong: z.unknown() }),
    );
    expect(pong).toEqual({ pong: { n: 1 } });
  });
});
