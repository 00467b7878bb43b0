// The llm tool's shorthand schema (`schema: { haiku: string }`, the earlier CLI's form): converted, sent, enforced or refused.
import { runWorkflowSkill } from "@skillflow/workflow";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerSchemaOf, looksLikeJsonSchema } from "../../src/llm/_shorthand.js";
import { createLlmTool } from "../../src/llm/tool.js";
import { ToolError } from "../../src/tool.js";
import { ToolSet } from "../../src/toolset.js";
import { FakeServer, PROVIDER_FAKES, anthropicFake, contextWith } from "./_fake.js";

function refusal(schema: Record<string, unknown>): ToolError {
  try {
    answerSchemaOf(schema);
  } catch (error) {
    if (error instanceof ToolError) return error;
    throw error;
  }
  throw new Error("the schema was accepted");
}

describe("answerSchemaOf", () => {
  it("turns { field: type } into an object schema requiring every field", () => {
    expect(
      answerSchemaOf({ haiku: "string", lines: "int", score: "float", ok: "boolean" }),
    ).toEqual({
      type: "object",
      properties: {
        haiku: { type: "string" },
        lines: { type: "integer" },
        score: { type: "number" },
        ok: { type: "boolean" },
      },
      required: ["haiku", "lines", "score", "ok"],
    });
  });

  it("converts nested mappings, lists, `type[]` and optional `type?` fields", () => {
    expect(
      answerSchemaOf({
        author: { name: "string", email: "string?" },
        tags: "string[]",
        points: [{ text: "string", weight: "number" }],
        note: "string?",
      }),
    ).toEqual({
      type: "object",
      properties: {
        author: {
          type: "object",
          properties: { name: { type: "string" }, email: { type: "string" } },
          required: ["name"],
        },
        tags: { type: "array", items: { type: "string" } },
        points: {
          type: "array",
          items: {
            type: "object",
            properties: { text: { type: "string" }, weight: { type: "number" } },
            required: ["text", "weight"],
          },
        },
        note: { type: "string" },
      },
      required: ["author", "tags", "points"],
    });
  });

  it("keeps a JSON Schema as it is, at the top and for one field", () => {
    const schema = { type: "object", properties: { a: { type: "string" } }, required: ["a"] };
    expect(answerSchemaOf(schema)).toBe(schema);
    expect(answerSchemaOf({})).toEqual({});
    const label = { type: "string", enum: ["bug", "feature"] };
    expect(answerSchemaOf({ label, confidence: "number" })).toMatchObject({
      properties: { label, confidence: { type: "number" } },
    });
  });

  it("reads fields named like annotations or mixed with keywords as shorthand", () => {
    expect(looksLikeJsonSchema({ title: "string", description: "string" })).toBe(false);
    expect(answerSchemaOf({ type: "string", name: "string" })).toMatchObject({
      properties: { type: { type: "string" }, name: { type: "string" } },
      required: ["type", "name"],
    });
  });

  it("keeps a `__proto__` field as data", () => {
    const schema = answerSchemaOf(
      JSON.parse('{"__proto__": "string", "a": "int"}') as Record<string, unknown>,
    );
    expect(Object.keys(schema.properties as object)).toEqual(["__proto__", "a"]);
    expect(Object.getPrototypeOf(schema.properties)).toBe(Object.prototype);
  });

  it.each([
    [{ haiku: "strnig" }, '"schema.haiku"'],
    [{ author: { name: "text" } }, '"schema.author.name"'],
    [{ tags: ["string", "number"] }, '"schema.tags"'],
    [{ tags: [42] }, '"schema.tags[0]"'],
    [{ count: 3 }, '"schema.count"'],
    [{ flag: true }, '"schema.flag"'],
    [{ "odd key": null }, '"schema["odd key"]"'],
  ])("refuses %j with INVALID_ARGUMENTS naming %s", (schema, path) => {
    const error = refusal(schema);
    expect(error.code).toBe("INVALID_ARGUMENTS");
    expect(error.retryable).toBe(false);
    expect(error.message.startsWith(`${path}:`)).toBe(true);
  });
});

let server: FakeServer;
beforeEach(async () => {
  server = await FakeServer.start();
});
afterEach(async () => {
  await server.close();
});

describe.each(PROVIDER_FAKES)("a shorthand schema sent to $provider", (fake) => {
  const tool = () => createLlmTool({ env: fake.env(server.url) });

  it("sends the fields as JSON Schema and returns the answer", async () => {
    server.reply(fake.answer('{"haiku": "old pond / a frog jumps in / splash"}'));
    const output = await tool().run(
      { model: fake.model, prompt: "A haiku", schema: { haiku: "string" } },
      contextWith(),
    );
    expect(output).toMatchObject({ output: { haiku: "old pond / a frog jumps in / splash" } });
    expect(fake.sentSchema(server.received[0]!.body)).toMatchObject({
      type: "object",
      properties: { haiku: { type: "string" } },
      required: ["haiku"],
    });
  });

  it("enforces the fields: an answer without one gets the repair round", async () => {
    server.reply(fake.answer('{"poem": "x"}'), fake.answer('{"haiku": "y"}'));
    const output = await tool().run(
      { model: fake.model, prompt: "A haiku", schema: { haiku: "string" } },
      contextWith(),
    );
    expect(output).toMatchObject({ output: { haiku: "y" } });
    expect(server.received).toHaveLength(2);
    expect(JSON.stringify(server.received[1]!.body)).toContain("haiku");
  });

  it("refuses an unrecognisable shorthand before calling anyone", async () => {
    const failure = await tool()
      .run({ model: fake.model, prompt: "A haiku", schema: { haiku: "strnig" } }, contextWith())
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(ToolError);
    expect((failure as ToolError).code).toBe("INVALID_ARGUMENTS");
    expect(server.received).toHaveLength(0);
  });
});

// The reference's examples/llm-haiku.md, model id aside.
const LLM_HAIKU = `---
name: llm-haiku
description: Generates a haiku on any subject.
---

\`\`\`workflow
inputs:
  subject:
    type: string
    default: "the ocean at dawn"
outputs:
  haiku:
    type: string
    value: $steps.generate.output.haiku
steps:
  - id: generate
    type: tool
    tool: llm
    inputs:
      prompt:
        type: string
        value: "Write a traditional haiku (5-7-5 syllables) about: \${inputs.subject}"
      model:
        type: string
        value: anthropic:claude-haiku-4-5
      schema:
        type: object
        value:
          haiku: string
    outputs:
      haiku:
        type: string
        value: $result.haiku
\`\`\`
`;

describe("the reference's llm-haiku workflow", () => {
  it("keeps its output field", async () => {
    server.reply(anthropicFake.answer('{"haiku": "grey light on the swell"}'));
    const tools = new ToolSet([createLlmTool({ env: anthropicFake.env(server.url) })]);
    const log = await runWorkflowSkill({ content: LLM_HAIKU, toolAdapter: tools });
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({ haiku: "grey light on the swell" });
    expect(anthropicFake.sentSchema(server.received[0]!.body)).toMatchObject({
      properties: { haiku: { type: "string" } },
    });
  });

  it("fails the step, naming the field, when the shorthand is no type", async () => {
    const tools = new ToolSet([createLlmTool({ env: anthropicFake.env(server.url) })]);
    const content = LLM_HAIKU.replace("haiku: string\n", "haiku: strnig\n");
    const log = await runWorkflowSkill({ content, toolAdapter: tools });
    expect(log.status).toBe("failed");
    expect(log.steps[0]?.error).toContain('"schema.haiku"');
    expect(server.received).toHaveLength(0);
  });
});
