// Model naming, provider settings from the environment, base URLs and the injectable fetch.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  parseModelRef,
  providerSecrets,
  resolveModel,
  type LlmEnv,
} from "../../src/llm/providers.js";
import { createLlmTool } from "../../src/llm/tool.js";
import { ToolError } from "../../src/tool.js";
import { FakeServer, KEY, anthropicFake, contextWith } from "./_fake.js";

describe("parseModelRef", () => {
  it("reads provider:model-id", () => {
    expect(parseModelRef("openai:gpt-5.4", "anthropic")).toEqual({
      provider: "openai",
      modelId: "gpt-5.4",
    });
    expect(parseModelRef("openai-compatible:qwen3:32b", "anthropic")).toEqual({
      provider: "openai-compatible",
      modelId: "qwen3:32b",
    });
  });

  it("sends bare ids, colons included, to the default provider", () => {
    expect(parseModelRef("claude-haiku-4-5", "anthropic")).toEqual({
      provider: "anthropic",
      modelId: "claude-haiku-4-5",
    });
    expect(parseModelRef("llama3.1:8b", "openai-compatible")).toEqual({
      provider: "openai-compatible",
      modelId: "llama3.1:8b",
    });
    expect(parseModelRef("ft:gpt-4o-mini:acme::abc", "openai").modelId).toBe(
      "ft:gpt-4o-mini:acme::abc",
    );
  });

  it("rejects an id that starts with a colon, naming the missing provider", () => {
    for (const model of [":x", " :claude-x", ":"]) {
      expect(() => parseModelRef(model, "anthropic"), model).toThrow(/no (provider|model id)/);
    }
  });

  it("rejects a provider prefix without a model id", () => {
    expect(() => parseModelRef("openai:", "anthropic")).toThrow(ToolError);
  });
});

describe("resolveModel", () => {
  const resolve = (model: string, env: LlmEnv) =>
    resolveModel(parseModelRef(model, "anthropic"), { env });

  it("names the key variable of each provider", () => {
    expect(resolve("claude-x", { ANTHROPIC_API_KEY: "k" }).keyVariable).toBe("ANTHROPIC_API_KEY");
    expect(resolve("openai:gpt-5", { OPENAI_API_KEY: "k" }).keyVariable).toBe("OPENAI_API_KEY");
  });

  it("treats an empty variable as missing", () => {
    expect(() => resolve("claude-x", { ANTHROPIC_API_KEY: "  " })).toThrow(
      "Set ANTHROPIC_API_KEY to use anthropic:claude-x",
    );
  });

  it("rejects a base URL that is not a URL, without echoing it", () => {
    const env = { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: "not a url s3cret" };
    expect(() => resolve("claude-x", env)).toThrow(/^ANTHROPIC_BASE_URL is not a valid URL$/);
  });
});

describe("providerSecrets", () => {
  it("collects keys and base-URL credentials", () => {
    const secrets = providerSecrets({
      ANTHROPIC_API_KEY: "a-key",
      SKILLFLOW_OPENAI_COMPATIBLE_BASE_URL: "http://bob:hunter2@gpu.local:8000/v1",
    });
    expect(secrets).toEqual(expect.arrayContaining(["a-key", "hunter2", "bob"]));
  });
});

describe("base URLs and fetch", () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await FakeServer.start();
  });
  afterEach(async () => {
    await server.close();
  });

  it("accepts ANTHROPIC_BASE_URL with or without /v1", async () => {
    server.reply(anthropicFake.answer("{}"), anthropicFake.answer("{}"));
    for (const base of [server.url, `${server.url}/v1/`]) {
      const tool = createLlmTool({ env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: base } });
      await tool.run({ prompt: "q", model: "claude-haiku-4-5" }, contextWith());
    }
    expect(server.received.map((r) => r.path)).toEqual(["/v1/messages", "/v1/messages"]);
  });

  it("sends every request through an injected fetch", async () => {
    server.reply(anthropicFake.answer('{"ok": 1}'));
    const fetchSpy = vi.fn<typeof fetch>((input, init) => fetch(input, init));
    const tool = createLlmTool({ env: anthropicFake.env(server.url), fetch: fetchSpy });
    await tool.run({ prompt: "q" }, contextWith());
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(String(fetchSpy.mock.calls[0]![0])).toBe(`${server.url}/v1/messages`);
  });

  // Open-object schemas make the SDK itself warn (it falls back from native structured output).
  it("calls the default model when a call names none, and prints no SDK warnings", async () => {
    const warn = vi.spyOn(console, "warn");
    const info = vi.spyOn(console, "info");
    server.reply(anthropicFake.answer("{}"), anthropicFake.answer('{"a": "b"}'));
    const tool = createLlmTool({ env: anthropicFake.env(server.url) });
    await tool.run({ prompt: "q" }, contextWith());
    const schema = { type: "object", properties: { a: { type: "string" } } };
    await tool.run({ prompt: "q", schema }, contextWith());
    expect(server.received[0]!.body.model).toBe("claude-sonnet-5-5");
    expect(warn).not.toHaveBeenCalled();
    expect(info).not.toHaveBeenCalled();
    warn.mockRestore();
    info.mockRestore();
  });
});
