// Property (§13.6): a run killed at any checkpoint and resumed from the last stored one ends like an
// uninterrupted run, and no step or iteration recorded in that checkpoint runs again, also inside
// sub-workflows (their steps recorded in the checkpoint's `children`).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Checkpoint, Step, WorkflowDefinition } from "../../src/index.js";
import { memoryResolver } from "../compose/_helpers.js";
import { CountingAdapter, checkpointSink, runDefinition, skill } from "./_harness.js";

type Shape =
  | { kind: "tool" }
  | { kind: "each"; items: number; concurrency: number; ignore: boolean }
  | { kind: "workflow"; items: number; concurrency: number };

/** The child of `workflow` shapes: two counted steps. */
const KID = skill(
  `
  inputs:
    n: { type: int }
  outputs:
    n: { type: int, value: $steps.b.output.n }
  steps:
    - id: a
      type: tool
      tool: count
      inputs: { n: { type: int, value: $inputs.n } }
      outputs: { n: { type: int } }
    - id: b
      type: tool
      tool: count
      inputs: { n: { type: int, value: $steps.a.output.n } }
      outputs: { n: { type: int } }
  `,
  "kid",
);
const resolveWorkflow = memoryResolver({ kid: KID });

/** `<run id>:<step id>` of every record in a checkpoint, through its children. */
function recorded(checkpoint: Checkpoint, runId: string, into: Set<string>): void {
  for (const r of checkpoint.records) if (r.status !== "waiting") into.add(`${runId}:${r.id}`);
  for (const [id, child] of Object.entries(checkpoint.children ?? {})) {
    if (child.final !== undefined) for (const r of child.final.steps) into.add(`${id}:${r.id}`);
    else recorded(child, id, into);
  }
}

const shapeArb: fc.Arbitrary<Shape> = fc.oneof(
  fc.constant<Shape>({ kind: "tool" }),
  fc.record({
    kind: fc.constant("each" as const),
    items: fc.integer({ min: 0, max: 4 }),
    concurrency: fc.integer({ min: 1, max: 3 }),
    ignore: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("workflow" as const),
    items: fc.integer({ min: 0, max: 3 }),
    concurrency: fc.integer({ min: 1, max: 3 }),
  }),
);

function build(shapes: readonly Shape[]): WorkflowDefinition {
  const steps: Step[] = shapes.map((shape, i) => {
    const base = { id: `s${i}`, type: "tool" as const, tool: "count", outputs: {} };
    if (shape.kind === "tool") {
      return { ...base, inputs: { n: { type: "int" as const, value: i } } };
    }
    if (shape.kind === "workflow") {
      return {
        id: `s${i}`,
        type: "workflow" as const,
        workflow: "kid",
        each: `$inputs.l${i}`,
        ...(shape.concurrency > 1 ? { concurrency: shape.concurrency } : {}),
        inputs: { n: { type: "int" as const, value: "$item" } },
        outputs: {},
      };
    }
    return {
      ...base,
      each: `$inputs.l${i}`,
      ...(shape.concurrency > 1 ? { concurrency: shape.concurrency } : {}),
      ...(shape.ignore ? { on_error: "ignore" as const } : {}),
      inputs: { n: { type: "int" as const, value: "$item" } },
    };
  });
  const inputs: WorkflowDefinition["inputs"] = {};
  shapes.forEach((shape, i) => {
    if (shape.kind !== "tool") {
      inputs[`l${i}`] = {
        type: "array",
        default: Array.from({ length: shape.items }, (_, k) => k * 10 + i),
      };
    }
  });
  return { inputs, outputs: {}, steps };
}

describe("kill and resume (§13.6 property)", () => {
  it("resume from the last checkpoint gives the uninterrupted result and re-runs nothing recorded", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(shapeArb, { minLength: 1, maxLength: 5 }),
        fc.nat({ max: 30 }),
        async (shapes, killAfter) => {
          const workflow = build(shapes);
          const freshAdapter = new CountingAdapter();
          const fresh = await runDefinition(workflow, {
            toolAdapter: freshAdapter,
            resolveWorkflow,
          });
          const freshKeys = freshAdapter.keys;
          expect(fresh.log.status).toBe("success");

          const first = new CountingAdapter();
          const { list, sink } = checkpointSink(killAfter);
          const killed = await runDefinition(workflow, {
            toolAdapter: first,
            onCheckpoint: sink,
            runId: "r",
            resolveWorkflow,
          });
          const last = list.at(-1);
          if (last === undefined) return; // killed before the first checkpoint: nothing to resume
          const second = new CountingAdapter();
          const resumed = await runDefinition(workflow, {
            toolAdapter: second,
            resume: last,
            resolveWorkflow,
          });
          const finished = killed.log.status === "success" ? killed.log : resumed.log;
          expect(finished.status).toBe("success");
          expect(finished.outputs).toEqual(fresh.log.outputs);
          const view = (log: typeof fresh.log) =>
            log.steps.map((s) => [
              s.id,
              s.status,
              s.iterations,
              JSON.stringify(s.output),
              s.runs?.map((run) => [run.id.replace(/^[^/]+/, ""), JSON.stringify(run.outputs)]),
            ]);
          expect(view(finished)).toEqual(view(fresh.log));
          // Nothing recorded in the checkpoint ran again.
          const done = new Set(last.records.map((r) => `r:${r.id}`));
          for (const [id, results] of Object.entries(last.iterations)) {
            for (const index of Object.keys(results)) done.add(`r:${id}:${index}`);
          }
          recorded(last, "r", done);
          for (const key of second.keys) {
            expect(done.has(key)).toBe(false);
            expect(done.has(key.replace(/:\d+$/, ""))).toBe(false);
          }
          // At least once: every tool call of the fresh run happened in one of the two segments.
          const strip = (key: string) => key.replace(/^[^/:]+/, "");
          const all = new Set([...first.keys, ...second.keys].map(strip));
          for (const key of new Set(freshKeys)) expect(all.has(strip(key))).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });
});
