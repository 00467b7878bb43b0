// The llm tool in a real workflow run: a 429 absorbed by the step's retry, usage in the run log, a step timeout.
import { runWorkflowSkill } from "@skillflow/workflow";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLlmTool } from "../../src/llm/tool.js";
import { ToolSet } from "../../src/toolset.js";
import { FakeServer, KEY, anthropicFake } from "./_fake.js";

let server: FakeServer;
beforeEach(async () => {
  server = await FakeServer.start();
});
afterEach(async () => {
  await server.close();
});

const workflow = (stepSettings: string) => `---
name: summarize
description: Summarizes a text with the llm tool.
---

\`\`\`workflow
inputs:
  text: { type: string }
outputs:
  summary: { type: string, value: $steps.ask.output.summary }
steps:
  - id: ask
    type: tool
    tool: llm
${stepSettings}
    inputs:
      prompt: { type: string, value: "Summarize: \${inputs.text}" }
      model: { type: string, value: "anthropic:claude-haiku-4-5" }
      schema:
        type: object
        value:
          type: object
          properties: { summary: { type: string } }
          required: [summary]
    outputs:
      summary: { type: string, value: $result.summary }
\`\`\`
`;

function run(content: string) {
  const tools = new ToolSet([createLlmTool({ env: anthropicFake.env(server.url) })]);
  return runWorkflowSkill({ content, inputs: { text: "a long story" }, toolAdapter: tools });
}

describe("llm in a workflow", () => {
  it("absorbs a 429 with the step's retry and records usage and cost in the step", async () => {
    server.reply(
      anthropicFake.error(429, "Rate limited"),
      anthropicFake.answer('{"summary": "short"}', { input: 400, output: 100 }),
    );
    const log = await run(workflow("    retry: { max: 2, delay: 0ms, backoff: 1 }"));
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({ summary: "short" });
    const [step] = log.steps;
    expect(step?.retries?.attempts).toBe(1);
    expect(step?.retries?.errors[0]).toContain("HTTP 429");
    // claude-haiku-4-5: $1 / $5 per million tokens. StepRecord.usage needs @skillflow/workflow
    // loaded from source (vitest `ssr.resolve.conditions`); an older dist drops it.
    expect(step?.usage).toEqual({ calls: 1, inputTokens: 400, outputTokens: 100, costUsd: 0.0009 });
    expect(JSON.stringify(server.received[1]!.body)).toContain("Summarize: a long story");
    expect(JSON.stringify(log)).not.toContain(KEY);
  });

  it("records the usage of answers that failed validation (both requests were paid for)", async () => {
    server.reply(
      anthropicFake.answer('{"summary": 1}', { input: 100, output: 10 }),
      anthropicFake.answer('{"summary": 2}', { input: 150, output: 10 }),
    );
    const log = await run(workflow(""));
    expect(log.status).toBe("failed");
    expect(log.steps[0]?.error).toContain("no valid answer");
    expect(log.steps[0]?.usage).toMatchObject({ calls: 1, inputTokens: 250, outputTokens: 20 });
  });

  it("fails the step when the provider stays rate limited, without leaking the key", async () => {
    server.reply(
      anthropicFake.error(429, `Slow down, ${KEY}`),
      anthropicFake.error(429, `Slow down, ${KEY}`),
    );
    const log = await run(workflow("    retry: { max: 1, delay: 0ms, backoff: 1 }"));
    expect(log.status).toBe("failed");
    expect(server.received).toHaveLength(2);
    expect(JSON.stringify(log)).not.toContain(KEY);
    expect(log.steps[0]?.error).toContain("[REDACTED]");
  });

  it("stops waiting for a slow provider at the step's timeout", async () => {
    server.reply((r) => ({ ...anthropicFake.answer('{"summary": "late"}')(r), delayMs: 5_000 }));
    const started = Date.now();
    const log = await run(workflow("    timeout: 100ms"));
    expect(log.status).toBe("failed");
    expect(log.steps[0]?.error).toMatch(/Timed out after 100ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
