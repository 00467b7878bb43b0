// [EXT] ToolResult.usage is summed per step (attempts and iterations) into StepRecord.usage.
import { describe, expect, it } from "vitest";
import { MockToolAdapter, runWorkflowSkill } from "../../src/index.js";
import { createTestServices } from "../../src/testing/clock.js";

const usage = (inputTokens: number, outputTokens: number, costUsd: number | null) => ({
  inputTokens,
  outputTokens,
  costUsd,
});

async function run(yaml: string, adapter: MockToolAdapter) {
  const log = await runWorkflowSkill({
    content: yaml,
    toolAdapter: adapter,
    services: createTestServices(),
  });
  return log;
}

describe("StepRecord.usage", () => {
  it("records the usage of a single call", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("llm", () => ({ output: { a: 1 }, usage: usage(10, 5, 0.002) }));
    const log = await run("steps:\n  - { id: s, type: tool, tool: llm }\n", adapter);
    expect(log.steps[0]?.usage).toEqual({
      calls: 1,
      inputTokens: 10,
      outputTokens: 5,
      costUsd: 0.002,
    });
  });

  it("sums failed attempts that were retried", async () => {
    const adapter = new MockToolAdapter();
    let calls = 0;
    adapter.register("llm", () =>
      ++calls === 1
        ? { output: null, error: "bad answer", usage: usage(10, 5, 0.001) }
        : { output: 1, usage: usage(20, 6, 0.002) },
    );
    const log = await run(
      "steps:\n  - { id: s, type: tool, tool: llm, retry: { max: 1, delay: 1ms, backoff: 1 } }\n",
      adapter,
    );
    expect(log.steps[0]).toMatchObject({
      status: "success",
      usage: { calls: 2, inputTokens: 30, outputTokens: 11 },
    });
    expect(log.steps[0]?.usage?.costUsd).toBeCloseTo(0.003);
  });

  it("sums iterations of an each step; an unknown price makes the cost unknown", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("llm", (args) => ({
      output: args["x"],
      usage: usage(1, 2, args["x"] === 2 ? null : 0.5),
    }));
    const yaml = `inputs:\n  xs: { type: array, default: [1, 2, 3] }\nsteps:\n  - id: s\n    type: tool\n    tool: llm\n    each: $inputs.xs\n    inputs:\n      x: { type: int, value: $item }\n`;
    const log = await run(yaml, adapter);
    expect(log.steps[0]?.usage).toEqual({
      calls: 3,
      inputTokens: 3,
      outputTokens: 6,
      costUsd: null,
    });
  });

  it("is absent when tools report nothing, and malformed usage is ignored", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("plain", () => ({ output: 1 }));
    adapter.register("odd", () => ({ output: 1, usage: { inputTokens: "many" } as never }));
    const log = await run(
      "steps:\n  - { id: a, type: tool, tool: plain }\n  - { id: b, type: tool, tool: odd }\n",
      adapter,
    );
    expect(log.steps[0]).not.toHaveProperty("usage");
    expect(log.steps[1]).not.toHaveProperty("usage");
  });
});
