// The llm tool against a local fake of each provider: answers, schemas, the repair round, usage and failures.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLlmTool, type LlmToolOptions } from "../../src/llm/tool.js";
import { ToolError, isWithUsage, type ToolUsage } from "../../src/tool.js";
import {
  FakeServer,
  KEY,
  PROVIDER_FAKES,
  anthropicFake,
  contextWith,
  type ProviderFake,
} from "./_fake.js";

const SCHEMA = {
  type: "object",
  properties: { summary: { type: "string" }, score: { type: "integer", minimum: 0 } },
  required: ["summary", "score"],
};

let server: FakeServer;
beforeEach(async () => {
  server = await FakeServer.start();
});
afterEach(async () => {
  await server.close();
});

function toolFor(fake: ProviderFake, options: LlmToolOptions = {}) {
  return createLlmTool({ env: fake.env(server.url), ...options });
}

async function call(
  fake: ProviderFake,
  args: Record<string, unknown>,
  options: LlmToolOptions = {},
  signal?: AbortSignal,
): Promise<{ output: unknown; usage: ToolUsage }> {
  const result = await toolFor(fake, options).run(
    { model: fake.model, ...args },
    contextWith(signal),
  );
  if (!isWithUsage(result)) throw new Error("llm did not report usage");
  return { output: result.output, usage: result.usage };
}

async function failure(promise: Promise<unknown>): Promise<ToolError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ToolError)) throw new Error(`expected a ToolError, got ${String(error)}`);
  return error;
}

function callFails(fake: ProviderFake, args: Record<string, unknown>, options?: LlmToolOptions) {
  return failure(call(fake, args, options));
}

describe.each(PROVIDER_FAKES)("llm via $provider", (fake) => {
  it("returns the parsed JSON answer of a plain prompt, with usage", async () => {
    server.reply(fake.answer('{"answer": 42}'));
    const { output, usage } = await call(fake, { prompt: "What is 6*7?", system: "Be terse." });
    expect(output).toEqual({ answer: 42 });
    expect(usage).toMatchObject({ inputTokens: 1000, outputTokens: 200, model: fake.model });
    const [request] = server.received;
    expect(request?.path).toBe(fake.path);
    expect(JSON.stringify(request?.body)).toContain("What is 6*7?");
    expect(JSON.stringify(request?.body)).toContain("Be terse.");
  });

  it("sends the schema as structured output and returns an answer that matches it", async () => {
    server.reply(fake.answer('{"summary": "fine", "score": 3}'));
    const { output } = await call(fake, { prompt: "Rate it", schema: SCHEMA });
    expect(output).toEqual({ summary: "fine", score: 3 });
    expect(server.received).toHaveLength(1);
    expect(fake.sentSchema(server.received[0]!.body)).toMatchObject({
      properties: { summary: { type: "string" } },
    });
  });

  it("sends the validation errors back once, then returns the repaired answer with both rounds' usage", async () => {
    server.reply(
      fake.answer('{"summary": 7, "score": -1}', { input: 1000, output: 200 }),
      fake.answer('{"summary": "ok", "score": 1}', { input: 1500, output: 100 }),
    );
    const { output, usage } = await call(fake, { prompt: "Rate it", schema: SCHEMA });
    expect(output).toEqual({ summary: "ok", score: 1 });
    expect(server.received).toHaveLength(2);
    const repair = JSON.stringify(server.received[1]!.body);
    expect(repair).toContain("/summary: must be string");
    expect(repair).toContain("/score: must be >= 0");
    expect(repair).toContain("Rate it");
    expect(usage).toMatchObject({ inputTokens: 2500, outputTokens: 300 });
  });

  it("fails with INVALID_OUTPUT listing the errors when the repaired answer is still invalid", async () => {
    server.reply(fake.answer('{"summary": "x"}'), fake.answer('{"summary": "x", "score": "high"}'));
    const error = await callFails(fake, { prompt: "Rate it", schema: SCHEMA });
    expect(error.code).toBe("INVALID_OUTPUT");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("/score: must be integer");
    expect(error.message).toContain(fake.model);
    expect(server.received).toHaveLength(2);
  });

  it("maps a 429 to a retryable RATE_LIMITED error", async () => {
    server.reply(fake.error(429, "Too many requests", { "retry-after": "3" }));
    const error = await callFails(fake, { prompt: "hi" });
    expect([error.code, error.retryable, error.retryAfterMs]).toEqual(["RATE_LIMITED", true, 3000]);
    expect(error.message).toContain("retry after 3s");
    expect(server.received).toHaveLength(1); // the SDK's own retries are off
  });

  it("maps a 5xx to a retryable PROVIDER error and a 400 to a final one", async () => {
    server.reply(fake.error(503, "Overloaded"), fake.error(400, "Bad model"));
    const overloaded = await callFails(fake, { prompt: "hi" });
    expect([overloaded.code, overloaded.retryable]).toEqual(["PROVIDER", true]);
    const bad = await callFails(fake, { prompt: "hi" });
    expect([bad.code, bad.retryable]).toEqual(["PROVIDER", false]);
    expect(bad.message).toContain("HTTP 400");
    expect(bad.message).toContain("Bad model");
  });

  it("never shows the API key, even when the provider echoes it", async () => {
    server.reply(fake.error(401, `Incorrect API key provided: ${KEY}`));
    const error = await callFails(fake, { prompt: "hi" });
    expect(error.code).toBe("CONFIGURATION");
    expect(error.message).not.toContain(KEY);
    expect(error.message).toContain("[REDACTED]");
    expect(error.message).toMatch(/Check [A-Z_]+_API_KEY/);
  });

  it("times out on a slow server when the step's signal fires", async () => {
    server.reply((request) => ({ ...fake.answer("{}")(request), delayMs: 5_000 }));
    const started = Date.now();
    const error = await failure(call(fake, { prompt: "hi" }, {}, AbortSignal.timeout(50)));
    expect([error.code, error.retryable]).toEqual(["TIMEOUT", true]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("llm answers", () => {
  const fake = anthropicFake;

  it("tolerates a Markdown fence around the JSON", async () => {
    server.reply(fake.answer('```json\n{"answer": 42}\n```'));
    expect((await call(fake, { prompt: "q" })).output).toEqual({ answer: 42 });
  });

  it("passes a non-object JSON answer through unchanged, like the earlier CLI", async () => {
    server.reply(fake.answer('["a", "b"]'));
    expect((await call(fake, { prompt: "q" })).output).toEqual(["a", "b"]);
  });

  it("repairs an answer that is not JSON, then fails with an excerpt if it stays prose", async () => {
    server.reply(fake.answer("Sure! The answer is 42."), fake.answer("It is 42."));
    const error = await callFails(fake, { prompt: "q" });
    expect(error.code).toBe("INVALID_OUTPUT");
    expect(error.message).toContain("not valid JSON");
    expect(error.message).toContain("It is 42.");
    expect(JSON.stringify(server.received[1]!.body)).toContain("the answer is not valid JSON");
  });

  it("uses Anthropic's JSON tool for models without native structured output", async () => {
    server.reply(fake.answer('{"summary": "s", "score": 1}'));
    const { output } = await call(fake, {
      prompt: "q",
      schema: SCHEMA,
      model: "anthropic:claude-sonnet-4-20250514",
    });
    expect(output).toEqual({ summary: "s", score: 1 });
    const tools = server.received[0]!.body.tools as { name: string }[];
    expect(tools.map((t) => t.name)).toEqual(["json"]);
  });

  it("redacts secrets the host marks in the answer", async () => {
    const { SecretRedactor } = await import("../../src/secrets.js");
    server.reply(fake.answer('{"note": "token tok-HOST-SECRET leaked"}'));
    const { output } = await call(
      fake,
      { prompt: "q" },
      { redactor: new SecretRedactor(["tok-HOST-SECRET"]) },
    );
    expect(output).toEqual({ note: "token [REDACTED] leaked" });
  });
});

describe("llm usage and cost", () => {
  it("prices known models per request and sums the repair round", async () => {
    // claude-sonnet-4-5: $3 / $15 per million tokens.
    server.reply(
      anthropicFake.answer("not json", { input: 1000, output: 200 }),
      anthropicFake.answer("{}", { input: 2000, output: 100 }),
    );
    const { usage } = await call(anthropicFake, { prompt: "q" });
    expect(usage).toEqual({
      inputTokens: 3000,
      outputTokens: 300,
      costUsd: 0.0135, // (1000×3 + 200×15 + 2000×3 + 100×15) / 1e6
      model: "anthropic:claude-sonnet-4-5",
    });
  });

  it("prices OpenAI models from the table", async () => {
    server.reply(PROVIDER_FAKES[1]!.answer("{}", { input: 1000, output: 200 }));
    const { usage } = await call(PROVIDER_FAKES[1]!, { prompt: "q" });
    expect(usage.costUsd).toBe(0.00165); // gpt-5.4-mini: 1000×0.75 + 200×4.5
  });

  it("reports a null cost for models without a price", async () => {
    server.reply(PROVIDER_FAKES[2]!.answer("{}"));
    const { usage } = await call(PROVIDER_FAKES[2]!, { prompt: "q" });
    expect(usage).toMatchObject({ inputTokens: 1000, outputTokens: 200, costUsd: null });
  });
});

describe("llm failures", () => {
  it("names the variable to set when a key is missing", async () => {
    const tool = createLlmTool({ env: {} });
    const run = (model: string) => failure(tool.run({ prompt: "q", model }, contextWith()));
    const anthropic = await run("claude-sonnet-4-5");
    expect([anthropic.code, anthropic.message]).toEqual([
      "CONFIGURATION",
      "Set ANTHROPIC_API_KEY to use anthropic:claude-sonnet-4-5",
    ]);
    expect((await run("openai:gpt-5.4")).message).toBe("Set OPENAI_API_KEY to use openai:gpt-5.4");
    expect((await run("openai-compatible:qwen3")).message).toMatch(
      /^Set SKILLFLOW_OPENAI_COMPATIBLE_BASE_URL to use openai-compatible:qwen3/,
    );
  });

  it("needs no key for an OpenAI-compatible server", async () => {
    const fake = PROVIDER_FAKES[2]!;
    server.reply(fake.answer('{"ok": true}'));
    const tool = createLlmTool({
      env: { SKILLFLOW_OPENAI_COMPATIBLE_BASE_URL: `${server.url}/v1` },
    });
    const result = await tool.run({ prompt: "q", model: fake.model }, contextWith());
    expect(isWithUsage(result) && result.output).toEqual({ ok: true });
    expect(server.received[0]!.headers.authorization).toBeUndefined();
    expect(server.received[0]!.body.model).toBe("llama3.1:8b");
  });

  it("sends the key the way each provider expects", async () => {
    server.reply(PROVIDER_FAKES[0]!.answer("{}"), PROVIDER_FAKES[1]!.answer("{}"));
    await call(PROVIDER_FAKES[0]!, { prompt: "q" });
    await call(PROVIDER_FAKES[1]!, { prompt: "q" });
    expect(server.received[0]!.headers["x-api-key"]).toBe(KEY);
    expect(server.received[1]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("times out on its own bound when the step sets none", async () => {
    server.reply((r) => ({ ...anthropicFake.answer("{}")(r), delayMs: 5_000 }));
    const error = await callFails(anthropicFake, { prompt: "q" }, { timeoutMs: 50 });
    expect([error.code, error.retryable, error.message]).toEqual([
      "TIMEOUT",
      true,
      "LLM call to anthropic:claude-sonnet-4-5 timed out after 50 ms",
    ]);
  });

  it("reports a cancelled run as ABORTED, not retryable", async () => {
    server.reply((r) => ({ ...anthropicFake.answer("{}")(r), delayMs: 5_000 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await failure(call(anthropicFake, { prompt: "q" }, {}, controller.signal));
    expect([error.code, error.retryable]).toEqual(["ABORTED", false]);
  });

  it("maps an unreachable server to a retryable NETWORK error", async () => {
    const url = server.url;
    await server.close();
    const tool = createLlmTool({ env: anthropicFake.env(url) });
    const error = await failure(tool.run({ prompt: "q" }, contextWith()));
    expect([error.code, error.retryable]).toEqual(["NETWORK", true]);
    server = await FakeServer.start();
  });

  it("rejects bad arguments and unusable schemas before calling anyone", async () => {
    const tool = toolFor(anthropicFake);
    const bad = (args: Record<string, unknown>) => failure(tool.run(args, contextWith()));
    expect((await bad({})).code).toBe("INVALID_ARGUMENTS");
    expect((await bad({ prompt: "q", system: 3 })).message).toBe('"system" must be a string');
    expect((await bad({ prompt: "q", schema: [] })).code).toBe("INVALID_ARGUMENTS");
    const schema = await bad({ prompt: "q", schema: { type: "nonsense" } });
    expect(schema.message).toMatch(/^"schema" is not a usable JSON Schema/);
    expect(server.received).toHaveLength(0);
  });

  it("reads a base URL with credentials without echoing them", async () => {
    const tool = createLlmTool({
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: "ftp://user:pa55word@example.test/v1" },
    });
    const error = await failure(tool.run({ prompt: "q", model: "openai:gpt-5" }, contextWith()));
    expect([error.code, error.message]).toEqual([
      "CONFIGURATION",
      "OPENAI_BASE_URL must be an http or https URL",
    ]);
  });
});
