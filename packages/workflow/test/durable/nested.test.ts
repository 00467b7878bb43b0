// §13.4 / §13.6 / §13.9.4–5 / §13.9.12: approvals inside sub-workflows, child checkpoints and resume.
import { beforeEach, describe, expect, it } from "vitest";
import type { Checkpoint, Decision, PendingApproval, RunLog } from "../../src/index.js";
import { clearWorkflowCache } from "../../src/runtime/prepare.js";
import { memoryResolver } from "../compose/_helpers.js";
import { CountingAdapter, checkpointSink, runSkill, skill } from "./_harness.js";

beforeEach(() => clearWorkflowCache());

/** A child: a counted tool, an approval with a response field, then another counted tool. */
export const CONFIRM_CHILD = skill(
  `
  inputs:
    url: { type: string }
  outputs:
    fetched: { type: string, value: $steps.fetch.output.n }
    approved: { type: boolean, value: $steps.confirm.output.approved }
    note: { type: string, nullable: true, value: $steps.confirm.output.response.note }
  steps:
    - id: fetch
      type: tool
      tool: count
      inputs:
        n: { type: string, value: $inputs.url }
      outputs: { n: { type: string } }
    - id: confirm
      type: approval
      message: "Digest \${inputs.url}?"
      response:
        note: { type: string, nullable: true }
    - id: after
      type: tool
      tool: count
      inputs:
        n: { type: string, value: "after \${inputs.url}" }
      outputs: { n: { type: string } }
  `,
  "confirm-child",
);

const SINGLE = skill(
  `
  outputs:
    approved: { type: boolean, value: $steps.parent.output.approved }
    note: { type: string, nullable: true, value: $steps.parent.output.note }
  steps:
    - id: parent
      type: workflow
      workflow: confirm-child
      inputs:
        url: { type: string, value: "a" }
      outputs:
        approved: { type: boolean, value: $result.approved }
        note: { type: string, nullable: true, value: $result.note }
  `,
  "single",
);

const FANOUT = skill(
  `
  inputs:
    urls: { type: array, default: ["u0", "u1", "u2", "u3"] }
  outputs:
    approvals: { type: array, value: $steps.digests.output }
  steps:
    - id: digests
      type: workflow
      workflow: confirm-child
      each: $inputs.urls
      concurrency: 2
      inputs:
        url: { type: string, value: $item }
      outputs:
        approved: { type: boolean, value: $result.approved }
    - id: done
      type: tool
      tool: count
      inputs:
        n: { type: string, value: "done" }
  `,
  "fanout",
);

const resolveWorkflow = memoryResolver({ "confirm-child": CONFIRM_CHILD });
const yes: Decision = { approved: true, by: "ann", response: { note: "ok" } };

async function suspended(content: string, adapter = new CountingAdapter()) {
  const { list, sink } = checkpointSink();
  const segment = await runSkill(content, {
    toolAdapter: adapter,
    resolveWorkflow,
    onCheckpoint: sink,
    runId: "r1",
  });
  return { ...segment, list, last: list.at(-1)!, adapter };
}

function resume(
  content: string,
  last: Checkpoint,
  decisions: Record<string, Decision>,
  adapter = new CountingAdapter(),
) {
  const { list, sink } = checkpointSink();
  return runSkill(content, {
    toolAdapter: adapter,
    resolveWorkflow,
    onCheckpoint: sink,
    resume: { ...last, decisions },
  }).then((segment) => ({ ...segment, list, last: list.at(-1), adapter }));
}

describe("approvals inside sub-workflows (§13.4, §13.9.4)", () => {
  it("suspends the child and the parent; pending carries the child's key and path", async () => {
    const { log, events, last, adapter } = await suspended(SINGLE);
    expect(log.status).toBe("waiting");
    expect(log.error).toBeUndefined();
    expect(log.pending).toEqual<PendingApproval[]>([
      {
        key: "parent/confirm",
        stepId: "confirm",
        path: ["parent", "confirm"],
        message: "Digest a?",
        expires_at: null,
        response: { note: { type: "string", nullable: true } },
      },
    ]);
    // The waiting workflow step has no record yet (like a conditional whose branch waits).
    expect(log.steps).toEqual([]);
    expect(adapter.keys).toEqual(["r1/parent:fetch"]);
    expect(last.pending?.map((p) => p.key)).toEqual(["parent/confirm"]);
    const child = last.children?.["r1/parent"];
    expect(child?.records.map((r) => [r.id, r.status])).toEqual([
      ["fetch", "success"],
      ["confirm", "waiting"],
    ]);
    expect(events.at(-1)).toMatchObject({ type: "workflow_suspend", runId: "r1" });
    expect(events.filter((e) => e.type === "workflow_suspend").map((e) => e.runId)).toEqual([
      "r1/parent",
      "r1",
    ]);
  });

  it('resumes with decisions["parent/confirm"] to the outputs of an in-process approve', async () => {
    const { last } = await suspended(SINGLE);
    const adapter = new CountingAdapter();
    const resumed = await resume(SINGLE, last, { "parent/confirm": yes }, adapter);
    expect(resumed.log.status).toBe("success");
    expect(resumed.log.outputs).toEqual({ approved: true, note: "ok" });
    // The child's fetch has a record in its checkpoint: it does not run again.
    expect(adapter.keys).toEqual(["r1/parent:after"]);
    expect(resumed.last?.children).toBeUndefined();

    const requests: PendingApproval[] = [];
    const direct = await runSkill(SINGLE, {
      toolAdapter: new CountingAdapter(),
      resolveWorkflow,
      runId: "r1",
      approve: (request) => {
        requests.push(request);
        return Promise.resolve(yes);
      },
    });
    expect(direct.log.status).toBe("success");
    expect(direct.log.outputs).toEqual(resumed.log.outputs);
    expect(requests.map((r) => [r.key, r.path])).toEqual([
      ["parent/confirm", ["parent", "confirm"]],
    ]);
    const view = (log: RunLog) => log.steps[0]!.runs![0]!.steps.map((s) => [s.id, s.status]);
    expect(view(resumed.log)).toEqual(view(direct.log));
  });

  it("before this fix a child approval crashed the child instead of suspending", async () => {
    const { log } = await runSkill(SINGLE, { toolAdapter: new CountingAdapter(), resolveWorkflow });
    expect(log.status).toBe("waiting");
    expect(log.pending?.map((p) => p.key)).toEqual(["parent/confirm"]);
  });
});

describe("child approvals under each + concurrency (§13.9.12)", () => {
  it("every iteration reaches its approval; pending lists one per iteration in index order", async () => {
    const { log, adapter, last } = await suspended(FANOUT);
    expect(log.status).toBe("waiting");
    expect(adapter.total).toBe(4);
    expect(log.pending?.map((p) => p.key)).toEqual([
      "digests/0/confirm",
      "digests/1/confirm",
      "digests/2/confirm",
      "digests/3/confirm",
    ]);
    expect(log.pending?.[2]?.path).toEqual(["digests", "2", "confirm"]);
    expect(Object.keys(last.children ?? {}).sort()).toEqual([
      "r1/digests/0",
      "r1/digests/1",
      "r1/digests/2",
      "r1/digests/3",
    ]);
  });

  it("deciding some re-suspends with the rest; deciding all finishes like an in-process run", async () => {
    const first = await suspended(FANOUT);
    const second = await resume(FANOUT, first.last, {
      "digests/1/confirm": yes,
      "digests/3/confirm": { approved: false },
    });
    expect(second.log.status).toBe("waiting");
    expect(second.log.pending?.map((p) => p.key)).toEqual([
      "digests/0/confirm",
      "digests/2/confirm",
    ]);
    expect(second.adapter.keys.sort()).toEqual(["r1/digests/1:after", "r1/digests/3:after"]);
    expect(second.log.segment).toBe(2);
    const third = await resume(FANOUT, second.last!, {
      "digests/0/confirm": yes,
      "digests/2/confirm": yes,
    });
    expect(third.log.status).toBe("success");
    expect(third.log.segment).toBe(3);
    expect(third.adapter.keys.sort()).toEqual([
      "r1/digests/0:after",
      "r1/digests/2:after",
      "r1:done",
    ]);
    const direct = await runSkill(FANOUT, {
      toolAdapter: new CountingAdapter(),
      resolveWorkflow,
      runId: "r1",
      approve: (request) =>
        Promise.resolve(request.key === "digests/3/confirm" ? { approved: false } : yes),
    });
    expect(third.log.outputs).toEqual(direct.log.outputs);
    expect(third.log.outputs).toEqual({
      approvals: [{ approved: true }, { approved: true }, { approved: true }, { approved: false }],
    });
    const runs = (log: RunLog) =>
      log.steps[0]!.runs!.map((run) => [run.id, run.status, run.steps.map((s) => s.id)]);
    expect(runs(third.log)).toEqual(runs(direct.log));
  });
});

/** A child of three counted steps, no approval. */
const STEPS_CHILD = skill(
  `
  inputs:
    n: { type: string }
  outputs:
    last: { type: string, value: $steps.c.output.n }
  steps:
    - id: a
      type: tool
      tool: count
      inputs: { n: { type: string, value: "a \${inputs.n}" } }
      outputs: { n: { type: string } }
    - id: b
      type: tool
      tool: count
      inputs: { n: { type: string, value: "b \${steps.a.output.n}" } }
      outputs: { n: { type: string } }
    - id: c
      type: tool
      tool: count
      inputs: { n: { type: string, value: "c \${steps.b.output.n}" } }
      outputs: { n: { type: string } }
  `,
  "steps-child",
);

const KILLED = skill(
  `
  inputs:
    ns: { type: array, default: ["x", "y", "z"] }
  outputs:
    one: { type: string, value: $steps.one.output.last }
    many: { type: array, value: $steps.many.output }
  steps:
    - id: one
      type: workflow
      workflow: steps-child
      inputs: { n: { type: string, value: "solo" } }
      outputs: { last: { type: string } }
    - id: many
      type: workflow
      workflow: steps-child
      each: $inputs.ns
      concurrency: 2
      inputs: { n: { type: string, value: $item } }
      outputs: { last: { type: string } }
  `,
  "killed",
);

/** Every `<child run id>:<step id>` whose record a checkpoint holds, through nested children. */
function recordedKeys(
  checkpoint: Checkpoint,
  runId: string,
  into = new Set<string>(),
): Set<string> {
  for (const record of checkpoint.records) {
    if (record.status !== "waiting") into.add(`${runId}:${record.id}`);
  }
  for (const [id, child] of Object.entries(checkpoint.children ?? {})) {
    if (child.final !== undefined) {
      for (const record of child.final.steps) into.add(`${id}:${record.id}`);
    } else recordedKeys(child, id, into);
  }
  return into;
}

describe("checkpoints of children (§13.6)", () => {
  const stepsResolver = memoryResolver({ "steps-child": STEPS_CHILD });

  it("writes the parent's checkpoint after every child step and iteration", async () => {
    const { list, sink } = checkpointSink();
    const { log } = await runSkill(KILLED, {
      toolAdapter: new CountingAdapter(),
      resolveWorkflow: stepsResolver,
      onCheckpoint: sink,
      runId: "r",
    });
    expect(log.status).toBe("success");
    // Per child run: 3 step checkpoints + its final one; per parent step / iteration: one more.
    expect(list.length).toBe(4 * 4 + 2 + 3 + 1);
    const mid = list.find((c) => c.children?.["r/one"]?.records.length === 2);
    expect(mid?.children?.["r/one"]?.records.map((r) => r.id)).toEqual(["a", "b"]);
    expect(list.at(-1)?.children).toBeUndefined();
  });

  it("killed after any checkpoint and resumed: no recorded child step runs again, same outputs", async () => {
    const fresh = await runSkill(KILLED, {
      toolAdapter: new CountingAdapter(),
      resolveWorkflow: stepsResolver,
      runId: "r",
    });
    expect(fresh.log.status).toBe("success");
    for (let killAfter = 1; killAfter <= 22; killAfter++) {
      clearWorkflowCache();
      const { list, sink } = checkpointSink(killAfter);
      const killed = await runSkill(KILLED, {
        toolAdapter: new CountingAdapter(),
        resolveWorkflow: stepsResolver,
        onCheckpoint: sink,
        runId: "r",
      });
      const last = list.at(-1)!;
      const again = new CountingAdapter();
      const resumed = await runSkill(KILLED, {
        toolAdapter: again,
        resolveWorkflow: stepsResolver,
        resume: last,
      });
      const finished = killed.log.status === "success" ? killed.log : resumed.log;
      expect(finished.status, `kill after ${killAfter}`).toBe("success");
      expect(finished.outputs).toEqual(fresh.log.outputs);
      const runs = (log: RunLog) =>
        log.steps.map((s) => s.runs!.map((run) => [run.id, run.outputs, run.steps.length]));
      expect(runs(finished)).toEqual(runs(fresh.log));
      const done = recordedKeys(last, "r");
      for (const key of again.keys) expect(done.has(key), `${key} ran twice`).toBe(false);
      for (const n of again.calls.values()) expect(n).toBe(1);
      // Killed at the third checkpoint (after the child's `b`): only its `c` is left of child one.
      if (killAfter === 2) expect(again.keys[0]).toBe("r/one:c");
    }
  });
});

describe("refused decisions for child keys (§13.9.2)", () => {
  it.each([
    ["an unknown key", { "parent/nope": yes }, "decisions.parent/nope"],
    [
      "an iteration key of a non-each step",
      { "parent/0/confirm": yes },
      "decisions.parent/0/confirm",
    ],
    [
      "a response that fails its type",
      { "parent/confirm": { approved: true, response: { note: 5 } } },
      "decisions.parent/confirm.response.note",
    ],
    [
      "an unknown response field",
      { "parent/confirm": { approved: true, response: { x: 1 } } },
      "decisions.parent/confirm.response.x",
    ],
  ])(
    "refuses %s: waiting, unchanged pending, no event, nothing runs",
    async (_, decisions, path) => {
      const { last, log } = await suspended(SINGLE);
      const again = await resume(SINGLE, last, decisions);
      expect(again.log.status).toBe("waiting");
      expect(again.log.error?.phase).toBe("validate");
      expect(again.log.error?.details?.[0]?.path).toBe(path);
      expect(again.log.pending).toEqual(log.pending);
      expect(again.events).toEqual([]);
      expect(again.list).toEqual([]);
      expect(again.adapter.total).toBe(0);
    },
  );
});

describe("nested and cancelled child approvals", () => {
  const OUTER = skill(
    `
    outputs:
      approved: { type: boolean, value: $steps.outer.output.approved }
    steps:
      - id: outer
        type: workflow
        workflow: middle
        inputs: {}
        outputs: { approved: { type: boolean, value: $result.approved } }
    `,
    "outer",
  );
  const MIDDLE = skill(
    `
    outputs:
      approved: { type: boolean, value: $steps.inner.output.approved }
    steps:
      - id: inner
        type: workflow
        workflow: confirm-child
        inputs: { url: { type: string, value: "deep" } }
        outputs: { approved: { type: boolean, value: $result.approved } }
    `,
    "middle",
  );
  const deep = memoryResolver({ "confirm-child": CONFIRM_CHILD, middle: MIDDLE });

  it("keys a grandchild's approval by its whole path and resumes it", async () => {
    const { list, sink } = checkpointSink();
    const first = await runSkill(OUTER, {
      toolAdapter: new CountingAdapter(),
      resolveWorkflow: deep,
      onCheckpoint: sink,
      runId: "r",
    });
    expect(first.log.pending?.map((p) => [p.key, p.path])).toEqual([
      ["outer/inner/confirm", ["outer", "inner", "confirm"]],
    ]);
    const last = list.at(-1)!;
    expect(last.children?.["r/outer"]?.children?.["r/outer/inner"]?.records).toHaveLength(2);
    const adapter = new CountingAdapter();
    const resumed = await runSkill(OUTER, {
      toolAdapter: adapter,
      resolveWorkflow: deep,
      resume: { ...last, decisions: { "outer/inner/confirm": { approved: true } } },
    });
    expect(resumed.log.status).toBe("success");
    expect(resumed.log.outputs).toEqual({ approved: true });
    expect(adapter.keys).toEqual(["r/outer/inner:after"]);
  });

  it("refuses to resume when a child or grandchild document changed, unless allowed", async () => {
    const { list, sink } = checkpointSink();
    await runSkill(OUTER, {
      toolAdapter: new CountingAdapter(),
      resolveWorkflow: deep,
      onCheckpoint: sink,
      runId: "r",
    });
    const last = list.at(-1)!;
    const decisions = { "outer/inner/confirm": { approved: true } };
    const edited = CONFIRM_CHILD.replace('"Digest ', '"Summarise ');
    for (const [documents, path] of [
      [{ "confirm-child": edited, middle: MIDDLE }, "children.r/outer/inner.workflow_hash"],
      [
        { "confirm-child": CONFIRM_CHILD, middle: `${MIDDLE}\nMore prose.\n` },
        "children.r/outer.workflow_hash",
      ],
    ] as const) {
      const adapter = new CountingAdapter();
      const refused = await runSkill(OUTER, {
        toolAdapter: adapter,
        resolveWorkflow: memoryResolver(documents),
        resume: { ...last, decisions },
      });
      expect(refused.log.status).toBe("failed");
      expect(refused.log.id).toBe("r");
      expect(refused.log.error?.details).toEqual([
        expect.objectContaining({ code: "WORKFLOW_CHANGED", path }),
      ]);
      expect(refused.events).toEqual([]);
      expect(adapter.keys).toEqual([]);
      const allowed = await runSkill(OUTER, {
        toolAdapter: new CountingAdapter(),
        resolveWorkflow: memoryResolver(documents),
        resume: { ...last, decisions },
        allowChangedWorkflow: true,
      });
      expect(allowed.log.status).toBe("success");
    }
    // The unchanged documents still resume.
    const same = await runSkill(OUTER, {
      toolAdapter: new CountingAdapter(),
      resolveWorkflow: deep,
      resume: { ...last, decisions },
    });
    expect(same.log.status).toBe("success");
  });

  it("a resume with an aborted signal ends a waiting composed run cancelled", async () => {
    const { last } = await suspended(SINGLE);
    const controller = new AbortController();
    controller.abort();
    const adapter = new CountingAdapter();
    const { log } = await runSkill(SINGLE, {
      toolAdapter: adapter,
      resolveWorkflow,
      resume: last,
      signal: controller.signal,
    });
    expect(log.status).toBe("failed");
    expect(log.error?.message).toBe("Workflow run was cancelled");
    expect(log.steps.map((s) => [s.id, s.status, s.error])).toEqual([
      ["parent", "failed", "Step cancelled"],
    ]);
    expect(adapter.total).toBe(0);
  });
});
