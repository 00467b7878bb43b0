// Benchmark scenarios: each pairs a runtime run with a hand-written JavaScript equivalent.
import { clearWorkflowCache, MockToolAdapter, runWorkflowSkill } from "@skillflow/workflow";

/** Deterministic pseudo-random records for the pipeline scenarios. */
export function makeItems(count: number): { name: string; score: number; tag: string }[] {
  let seed = 42;
  const next = (): number =>
    (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, (_, i) => ({
    name: `item-${i}`,
    score: Math.floor(next() * 100),
    tag: i % 3 === 0 ? "a" : "b",
  }));
}

export const PIPELINE = `---
name: pipeline
description: filter, map and sort a list of records
---
\`\`\`workflow
inputs:
  items: { type: array }
outputs:
  items: { type: array, value: $steps.rank.output.items }
steps:
  - id: keep
    type: transform
    operation: filter
    where: $item.score >= 50
    inputs: { items: { type: array, value: $inputs.items } }
    outputs: { items: { type: array } }
  - id: shape
    type: transform
    operation: map
    expression: { name: $item.name, score: $item.score }
    inputs: { items: { type: array, value: $steps.keep.output.items } }
    outputs: { items: { type: array } }
  - id: rank
    type: transform
    operation: sort
    field: score
    direction: desc
    inputs: { items: { type: array, value: $steps.shape.output.items } }
    outputs: { items: { type: array } }
\`\`\`
`;

/** Hand-written equivalent of PIPELINE. */
export function pipelineByHand(items: readonly { name: string; score: number }[]): unknown[] {
  return items
    .filter((x) => x.score >= 50)
    .map((x) => ({ name: x.name, score: x.score }))
    .sort((a, b) => b.score - a.score);
}

export async function pipelineByRuntime(
  items: unknown[],
  adapter = new MockToolAdapter(),
): Promise<unknown> {
  const log = await runWorkflowSkill({
    content: PIPELINE,
    inputs: { items },
    toolAdapter: adapter,
  });
  if (log.status !== "success") throw new Error(`pipeline failed: ${log.error?.message}`);
  return log.outputs["items"];
}

export const EACH = `\`\`\`workflow
inputs:
  items: { type: array }
steps:
  - id: call
    type: tool
    tool: noop
    each: $inputs.items
    inputs:
      x: { type: int, value: $item }
\`\`\`
`;

export function noopAdapter(): MockToolAdapter {
  const adapter = new MockToolAdapter();
  adapter.register("noop", async (args) => ({ output: args["x"] }));
  return adapter;
}

export async function eachByRuntime(items: number[], adapter: MockToolAdapter): Promise<void> {
  const log = await runWorkflowSkill({ content: EACH, inputs: { items }, toolAdapter: adapter });
  if (log.status !== "success") throw new Error(`each failed: ${log.error?.message}`);
}

export async function eachByHand(items: number[], adapter: MockToolAdapter): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const x of items) results.push((await adapter.invoke("noop", { x })).output);
  return results;
}

/** A 200-step sequential workflow: each step passes the previous step's output on. */
export function sequentialDocument(steps: number): string {
  const lines = ["```workflow", "inputs:", "  seed: { type: int, default: 1 }", "steps:"];
  for (let i = 0; i < steps; i++) {
    const source = i === 0 ? "$inputs.seed" : `$steps.s${i - 1}.output.value`;
    lines.push(
      `  - id: s${i}`,
      "    type: tool",
      "    tool: noop",
      "    inputs:",
      `      x: { type: int, value: ${source} }`,
      "    outputs:",
      "      value: { type: int, value: $result }",
    );
  }
  lines.push("```", "");
  return lines.join("\n");
}

export async function sequentialByRuntime(
  content: string,
  adapter: MockToolAdapter,
  cached: boolean,
): Promise<void> {
  if (!cached) clearWorkflowCache();
  const log = await runWorkflowSkill({ content, toolAdapter: adapter });
  if (log.status !== "success") throw new Error(`sequence failed: ${log.error?.message}`);
}

export async function sequentialByHand(
  steps: number,
  adapter: MockToolAdapter,
): Promise<unknown[]> {
  const log: unknown[] = [];
  let value: unknown = 1;
  for (let i = 0; i < steps; i++) {
    const started = Date.now();
    value = (await adapter.invoke("noop", { x: value })).output;
    log.push({
      id: `s${i}`,
      status: "success",
      duration_ms: Date.now() - started,
      output: { value },
    });
  }
  return log;
}

export const CONCURRENT = `\`\`\`workflow
inputs:
  items: { type: array }
steps:
  - id: call
    type: tool
    tool: slow
    each: $inputs.items
    concurrency: 10
    inputs:
      x: { type: int, value: $item }
\`\`\`
`;

export function slowAdapter(ms: number): MockToolAdapter {
  const adapter = new MockToolAdapter();
  adapter.register(
    "slow",
    (args) => new Promise((resolve) => setTimeout(() => resolve({ output: args["x"] }), ms)),
  );
  return adapter;
}
