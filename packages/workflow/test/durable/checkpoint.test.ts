// §13.6, §13.9.9 checkpoints: when they are written, what they hold, and how resume uses them.
import { describe, expect, it } from "vitest";
import { MockToolAdapter, runWorkflowSkill, type Checkpoint } from "../../src/index.js";
import {
  CountingAdapter,
  checkpointSink,
  createTestServices,
  runDefinition,
  runSkill,
  skill,
} from "./_harness.js";

const PIPELINE = skill(`
  inputs:
    items: { type: array, default: [1, 2, 3] }
  outputs:
    all: { type: array, value: $steps.each.output }
    last: { type: object, value: $steps.last.output }
  steps:
    - id: first
      type: tool
      tool: count
      inputs: { n: { type: int, value: 0 } }
    - id: each
      type: tool
      tool: count
      each: $inputs.items
      inputs: { n: { type: int, value: $item } }
    - id: last
      type: tool
      tool: count
      inputs: { n: { type: int, value: 9 } }
`);

describe("checkpoints (§13.6)", () => {
  it("are written after every step, every each iteration, and once at the end with the final log", async () => {
    const { list, sink } = checkpointSink();
    const { log } = await runSkill(PIPELINE, {
      toolAdapter: new CountingAdapter(),
      onCheckpoint: sink,
      runId: "r",
    });
    expect(log.status).toBe("success");
    // first, 3 iterations, each, last, final.
    expect(list).toHaveLength(7);
    expect(list.map((c) => c.records.map((r) => r.id))).toEqual([
      ["first"],
      ["first"],
      ["first"],
      ["first"],
      ["first", "each"],
      ["first", "each", "last"],
      ["first", "each", "last"],
    ]);
    expect(list.map((c) => Object.keys(c.iterations["each"] ?? {}))).toEqual([
      [],
      ["0"],
      ["0", "1"],
      ["0", "1", "2"],
      [],
      [],
      [],
    ]);
    expect(list[2]!.iterations["each"]).toEqual({
      "0": { ok: true, output: { n: 1 } },
      "1": { ok: true, output: { n: 2 } },
    });
    expect(list.map((c) => c.position?.path ?? null)).toEqual([
      ["each"],
      ["each"],
      ["each"],
      ["each"],
      ["last"],
      null,
      null,
    ]);
    const final = list.at(-1)!;
    expect(final.final).toEqual(JSON.parse(JSON.stringify(log)));
    expect(log.workflow_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(list.every((c) => c.workflow_hash === log.workflow_hash && c.segment === 1)).toBe(true);
    expect(list.every((c) => c.runId === "r" && c.inputs["items"] !== undefined)).toBe(true);
    expect(log.segment).toBeUndefined();
  });

  it("are JSON-serialisable: a round trip is deep-equal", async () => {
    const seen: Checkpoint[] = [];
    await runSkill(PIPELINE, {
      toolAdapter: new CountingAdapter(),
      onCheckpoint: (checkpoint) => {
        seen.push(checkpoint);
      },
    });
    for (const checkpoint of seen) {
      expect(JSON.parse(JSON.stringify(checkpoint))).toEqual(checkpoint);
    }
    // Snapshots, not live views: an earlier checkpoint did not grow with the run.
    expect(seen[0]!.records).toHaveLength(1);
  });

  it("are awaited before the next step starts", async () => {
    const order: string[] = [];
    const adapter = new MockToolAdapter().register("count", (args) => {
      order.push(`tool ${String(args["n"])}`);
      return { output: null };
    });
    await runSkill(PIPELINE, {
      toolAdapter: adapter,
      onCheckpoint: async (checkpoint) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        order.push(`checkpoint ${checkpoint.records.length}`);
      },
    });
    expect(order).toEqual([
      "tool 0",
      "checkpoint 1",
      "tool 1",
      "checkpoint 1",
      "tool 2",
      "checkpoint 1",
      "tool 3",
      "checkpoint 1",
      "checkpoint 2",
      "tool 9",
      "checkpoint 3",
      "checkpoint 3",
    ]);
  });

  it("a rejecting onCheckpoint fails the run in phase execute", async () => {
    const { list, sink } = checkpointSink(2);
    const adapter = new CountingAdapter();
    const { log } = await runSkill(PIPELINE, { toolAdapter: adapter, onCheckpoint: sink });
    expect(log.status).toBe("failed");
    expect(log.error).toEqual({ phase: "execute", message: "Checkpoint failed: disk full" });
    expect(list).toHaveLength(2);
    // Nothing after the failed checkpoint ran.
    expect(adapter.total).toBe(3);
    const thrown = await runSkill(PIPELINE, {
      toolAdapter: new CountingAdapter(),
      onCheckpoint: () => {
        throw new Error("quota");
      },
    });
    expect(thrown.log.error?.message).toBe("Checkpoint failed: quota");
  });

  it("the hash of runWorkflow is over sorted-key JSON: key order does not change it", async () => {
    const a = checkpointSink();
    const b = checkpointSink();
    const step = { id: "s", type: "tool" as const, tool: "count", inputs: {}, outputs: {} };
    await runDefinition(
      { inputs: {}, outputs: {}, steps: [step] },
      { toolAdapter: new CountingAdapter(), onCheckpoint: a.sink },
    );
    await runDefinition(
      {
        steps: [{ outputs: {}, inputs: {}, tool: "count", type: "tool", id: "s" }],
        outputs: {},
        inputs: {},
      },
      { toolAdapter: new CountingAdapter(), onCheckpoint: b.sink },
    );
    expect(a.list[0]!.workflow_hash).toBe(b.list[0]!.workflow_hash);
    expect(a.list[0]!.workflow_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the hash of runWorkflowSkill is the SHA-256 of the text", async () => {
    const { list, sink } = checkpointSink();
    await runSkill("steps:\n  - id: s\n    type: exit\n    status: success\n", {
      onCheckpoint: sink,
    });
    const bytes = new TextEncoder().encode(
      "steps:\n  - id: s\n    type: exit\n    status: success\n",
    );
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    const hex = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(list[0]!.workflow_hash).toBe(hex);
  });
});

describe("resume from a checkpoint (§13.6, §13.9.9, §13.9.10)", () => {
  it("runs only the missing iterations of a partial each and never re-runs recorded steps", async () => {
    const { list, sink } = checkpointSink(3); // first, iteration 0, iteration 1 stored; iteration 2's fails
    const crashed = await runSkill(PIPELINE, {
      toolAdapter: new CountingAdapter(),
      onCheckpoint: sink,
      runId: "r",
    });
    expect(crashed.log.status).toBe("failed");
    const stored = list.at(-1)!;
    expect(Object.keys(stored.iterations["each"]!)).toEqual(["0", "1"]);
    const adapter = new CountingAdapter();
    const resumed = await runSkill(PIPELINE, { toolAdapter: adapter, resume: stored });
    expect(resumed.log.status).toBe("success");
    expect(adapter.keys).toEqual(["r:each:2", "r:last"]);
    const fresh = await runSkill(PIPELINE, { toolAdapter: new CountingAdapter() });
    expect(resumed.log.outputs).toEqual(fresh.log.outputs);
    expect(resumed.log.steps.map((s) => [s.id, s.status, s.iterations])).toEqual(
      fresh.log.steps.map((s) => [s.id, s.status, s.iterations]),
    );
    const progress = resumed.events.filter((e) => e.type === "each_progress");
    expect(progress).toEqual([
      { type: "each_progress", runId: "r", stepId: "each", current: 3, total: 3 },
    ]);
  });

  it("re-runs the step that was in flight, with the same idempotencyKey", async () => {
    const { list, sink } = checkpointSink(5); // the checkpoint after `last` fails
    const first = new CountingAdapter();
    await runSkill(PIPELINE, { toolAdapter: first, onCheckpoint: sink, runId: "r" });
    expect(first.keys).toEqual(["r:first", "r:each:0", "r:each:1", "r:each:2", "r:last"]);
    const again = new CountingAdapter();
    const { log } = await runSkill(PIPELINE, { toolAdapter: again, resume: list.at(-1)! });
    expect(log.status).toBe("success");
    expect(again.keys).toEqual(["r:last"]);
  });

  it("takes inputs from the checkpoint and ignores inputs given beside resume", async () => {
    const { list, sink } = checkpointSink(1);
    await runSkill(PIPELINE, {
      toolAdapter: new CountingAdapter(),
      onCheckpoint: sink,
      inputs: { items: [7] },
    });
    const { log } = await runSkill(PIPELINE, {
      toolAdapter: new CountingAdapter(),
      resume: list[0]!,
      inputs: { items: [1, 2, 3, 4] },
    });
    expect(log.inputs).toEqual({ items: [7] });
    expect(log.outputs["all"]).toEqual([{ n: 7 }]);
  });

  it("resuming a finished run returns its final log and runs nothing", async () => {
    const { list, sink } = checkpointSink();
    const done = await runSkill(PIPELINE, {
      toolAdapter: new CountingAdapter(),
      onCheckpoint: sink,
    });
    const adapter = new CountingAdapter();
    const again = await runSkill(PIPELINE, { toolAdapter: adapter, resume: list.at(-1)! });
    expect(again.log).toEqual(JSON.parse(JSON.stringify(done.log)));
    expect(again.events).toEqual([]);
    expect(adapter.total).toBe(0);
  });

  it("a changed document fails in phase validate unless allowChangedWorkflow", async () => {
    const { list, sink } = checkpointSink(1);
    await runSkill(PIPELINE, {
      toolAdapter: new CountingAdapter(),
      onCheckpoint: sink,
      runId: "r",
    });
    const changed = PIPELINE.replace("Some prose for humans.", "Other prose.");
    const adapter = new CountingAdapter();
    const refused = await runSkill(changed, { toolAdapter: adapter, resume: list[0]! });
    expect(refused.log.status).toBe("failed");
    expect(refused.log.id).toBe("r");
    expect(refused.log.error?.phase).toBe("validate");
    expect(refused.log.error?.message).toMatch(/^Workflow changed since the run started/);
    expect(refused.log.error?.details?.[0]?.code).toBe("WORKFLOW_CHANGED");
    expect(adapter.total).toBe(0);
    const allowed = await runSkill(changed, {
      toolAdapter: adapter,
      resume: list[0]!,
      allowChangedWorkflow: true,
    });
    expect(allowed.log.status).toBe("success");
    expect(adapter.total).toBe(4);
  });
});

describe("idempotencyKey (§13.6)", () => {
  it("is <runId>:<stepId>[:<iteration>] on every path, stable across retries, also without §13 options", async () => {
    const keys: [string, number][] = [];
    const adapter = new MockToolAdapter().register("flaky", (_args, context) => {
      keys.push([context?.idempotencyKey ?? "?", context?.attempt ?? 0]);
      if (context?.stepId === "timed" && context.attempt === 1)
        return { output: null, error: "busy" };
      return { output: 1 };
    });
    const { log } = await runSkill(
      skill(`
        inputs:
          xs: { type: array, default: [1, 2] }
        steps:
          - id: plain
            type: tool
            tool: flaky
            inputs: {}
          - id: timed
            type: tool
            tool: flaky
            timeout: 5s
            retry: { max: 2, delay: 1ms, backoff: 1 }
            inputs: {}
          - id: loop
            type: tool
            tool: flaky
            each: $inputs.xs
            inputs: {}
      `),
      { toolAdapter: adapter, runId: "host-7" },
    );
    expect(log.status).toBe("success");
    expect(log.id).toBe("host-7");
    expect(keys).toEqual([
      ["host-7:plain", 1],
      ["host-7:timed", 1],
      ["host-7:timed", 2],
      ["host-7:loop:0", 1],
      ["host-7:loop:1", 1],
    ]);
  });
});

describe("the runId option (§13.9.5)", () => {
  it("names the run log also when validation fails", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - id: a
            type: tool
            tool: missing
            inputs: {}
      `),
      { runId: "host-9" },
    );
    expect(log.status).toBe("failed");
    expect(log.error?.phase).toBe("validate");
    expect(log.id).toBe("host-9");
  });

  it("names the run log also when parsing fails or the host's services throw", async () => {
    const parsed = await runSkill(skill(`steps: 5`), { runId: "host-7" });
    expect(parsed.log.error?.phase).toBe("parse");
    expect(parsed.log.id).toBe("host-7");
    const broken = await runWorkflowSkill({
      content: "not a workflow",
      toolAdapter: new MockToolAdapter(),
      runId: "host-8",
      services: {
        now: () => {
          throw new Error("clock broke");
        },
      },
    });
    expect(broken.status).toBe("failed");
    expect(broken.id).toBe("host-8");
  });
});

describe("checkpoints under concurrency (§13.9.9)", () => {
  it("a failed iteration checkpoint starts no new iteration, lets in-flight ones finish, and no event follows workflow_complete", async () => {
    const doc = skill(`
      inputs:
        xs: { type: array, default: [1, 2, 3, 4, 5, 6] }
      steps:
        - id: fan
          type: tool
          tool: count
          each: $inputs.xs
          concurrency: 2
          inputs: { n: { type: int, value: $item } }
    `);
    const services = createTestServices();
    const adapter = new CountingAdapter();
    const slow = new MockToolAdapter().register("count", async (args, context) => {
      if (args["n"] === 2) await services.sleep(1000);
      return adapter.invoke("count", args, context);
    });
    const { list, sink } = checkpointSink(1);
    const { log, events } = await runSkill(doc, {
      toolAdapter: slow,
      onCheckpoint: sink,
      services,
    });
    // Let a straggler settle, as it would in a long-lived host process.
    await services.sleep(5000);
    expect(log.status).toBe("failed");
    expect(log.error?.message).toBe("Checkpoint failed: disk full");
    expect(list).toHaveLength(1);
    expect(adapter.total).toBe(3);
    expect(events.at(-1)?.type).toBe("workflow_complete");
    expect(log.steps[0]).toMatchObject({ status: "failed", error: "Checkpoint failed: disk full" });
  });

  it("concurrent iterations are checkpointed one at a time, each snapshot a superset of the last", async () => {
    const doc = skill(`
      inputs:
        xs: { type: array, default: [1, 2, 3, 4, 5] }
      steps:
        - id: fan
          type: tool
          tool: count
          each: $inputs.xs
          concurrency: 3
          inputs: { n: { type: int, value: $item } }
    `);
    let active = 0;
    let overlap = false;
    const seen: number[] = [];
    await runSkill(doc, {
      toolAdapter: new CountingAdapter(),
      onCheckpoint: async (checkpoint) => {
        active++;
        if (active > 1) overlap = true;
        seen.push(Object.keys(checkpoint.iterations["fan"] ?? {}).length);
        await new Promise((resolve) => setTimeout(resolve, 1));
        active--;
      },
    });
    expect(overlap).toBe(false);
    expect(seen).toEqual([1, 2, 3, 4, 5, 0, 0]);
  });
});

describe("secrets and durable runs", () => {
  it("a final log returned by resume is redacted like any returned log", async () => {
    const doc = skill(`
      inputs:
        key: { type: string }
      outputs:
        echoed: { type: string, value: $inputs.key }
      steps:
        - id: s
          type: exit
          status: success
    `);
    const { list, sink } = checkpointSink();
    await runSkill(doc, { inputs: { key: "sk-secret-123" }, onCheckpoint: sink });
    expect(JSON.stringify(list.at(-1)!.final)).toContain("sk-secret-123");
    const { log } = await runSkill(doc, { resume: list.at(-1)!, secrets: ["sk-secret-123"] });
    expect(JSON.stringify(log)).not.toContain("sk-secret-123");
    expect(log.status).toBe("success");
  });
});
