// Failed `each` iterations listed on the step record (`iteration_errors`, [EXT]) when the host asks,
// and the §1–§12 record unchanged when it does not.
import { describe, expect, it } from "vitest";
import { MockToolAdapter, runWorkflowSkill, type StepRecord } from "../../src/index.js";
import { createTestServices } from "../../src/testing/clock.js";

const doc = (extra: string[] = []): string =>
  [
    "inputs:",
    "  items: { type: array }",
    "steps:",
    "  - id: s",
    "    type: tool",
    "    tool: work",
    "    each: $inputs.items",
    ...extra.map((line) => `    ${line}`),
    "    inputs:",
    "      n: { type: int, value: $item }",
  ].join("\n");

/** `work` fails for odd items, throwing for 3 and permanently for 5. */
function adapter(): MockToolAdapter {
  return new MockToolAdapter().register("work", (args) => {
    const n = args["n"] as number;
    if (n === 3) throw new Error("thrown 3");
    if (n === 5) return { output: null, error: "bad 5", retryable: false };
    return n % 2 === 1 ? { output: null, error: `bad ${n}` } : { output: n };
  });
}

async function recordOf(
  items: number[],
  options: { iterationErrors?: boolean; extra?: string[] } = {},
): Promise<StepRecord> {
  const log = await runWorkflowSkill({
    content: doc(options.extra),
    toolAdapter: adapter(),
    inputs: { items },
    services: createTestServices(),
    ...(options.iterationErrors === undefined ? {} : { iterationErrors: options.iterationErrors }),
  });
  return log.steps.find((s) => s.id === "s")!;
}

describe("iteration_errors on failed each steps [EXT]", () => {
  it("lists every failed iteration in index order; error stays the highest index's (§6.4)", async () => {
    const record = await recordOf([0, 1, 2, 3, 5], {
      iterationErrors: true,
      extra: ["on_error: ignore"],
    });
    expect(record.status).toBe("failed");
    expect(record.error).toBe('Tool "work": bad 5');
    expect(record.iteration_errors).toStrictEqual([
      { index: 1, error: 'Tool "work": bad 1' },
      { index: 3, error: 'Tool "work": thrown 3' },
      { index: 4, error: 'Tool "work": bad 5' },
    ]);
  });

  it("under on_error: fail lists the iterations that ran (fail-fast, §12 D4)", async () => {
    const record = await recordOf([0, 1, 2], { iterationErrors: true });
    expect(record.iteration_errors).toStrictEqual([{ index: 1, error: 'Tool "work": bad 1' }]);
    expect(record.output).toStrictEqual([0, null, null]);
  });

  it("lists concurrent iterations by index whatever the completion order", async () => {
    const record = await recordOf([1, 2, 3, 4, 5], {
      iterationErrors: true,
      extra: ["on_error: ignore", "concurrency: 3"],
    });
    expect(record.iteration_errors?.map((e) => e.index)).toEqual([0, 2, 4]);
  });

  it("is absent on success and when the host does not ask (exact §1–§12 record)", async () => {
    expect(await recordOf([0, 2], { iterationErrors: true })).not.toHaveProperty(
      "iteration_errors",
    );
    for (const iterationErrors of [undefined, false]) {
      const record = await recordOf([0, 1], {
        extra: ["on_error: ignore"],
        ...(iterationErrors === undefined ? {} : { iterationErrors }),
      });
      expect(record).not.toHaveProperty("iteration_errors");
      expect(record.error).toBe('Tool "work": bad 1');
    }
  });

  it("is absent when the each expression itself fails (no iteration ran)", async () => {
    const log = await runWorkflowSkill({
      content: doc(),
      toolAdapter: adapter(),
      inputs: { items: "not a list" },
      services: createTestServices(),
      typeCheck: "off",
      iterationErrors: true,
    });
    expect(log.steps[0]).not.toHaveProperty("iteration_errors");
  });

  it("redacts host secrets in iteration errors like everywhere else", async () => {
    const log = await runWorkflowSkill({
      content: doc(["on_error: ignore"]),
      toolAdapter: new MockToolAdapter().register("work", () => ({
        output: null,
        error: "denied for sk-secret-123",
      })),
      inputs: { items: [1] },
      services: createTestServices(),
      secrets: ["sk-secret-123"],
      iterationErrors: true,
    });
    expect(JSON.stringify(log.steps[0]?.iteration_errors)).not.toContain("sk-secret-123");
  });
});
