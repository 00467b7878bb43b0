// Golden run log and events of a suspended composed run (§13.4, §13.9.1, §13.9.4), on a virtual clock.
import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import { clearWorkflowCache } from "../../src/runtime/prepare.js";
import { memoryResolver } from "../compose/_helpers.js";
import { checkpointSink, createTestServices, runSkill, skill } from "./_harness.js";

beforeEach(() => clearWorkflowCache());

const CHILD = skill(
  `
  inputs:
    title: { type: string }
  outputs:
    approved: { type: boolean, value: $steps.gate.output.approved }
  steps:
    - id: gate
      type: approval
      message: "Publish \${inputs.title}?"
      timeout: 1h
  `,
  "gate-child",
);

const PARENT = skill(
  `
  steps:
    - id: fetch
      type: tool
      tool: fetch
      inputs: {}
    - id: review
      type: workflow
      workflow: gate-child
      inputs:
        title: { type: string, value: $steps.fetch.output.title }
  `,
  "parent",
);

const T0 = Date.UTC(2026, 0, 1);
const at = (ms: number) => new Date(T0 + ms).toISOString();

describe("golden run log: a suspended composed run", () => {
  it("suspends at the child's approval, then the deciding segment finishes it", async () => {
    const services = createTestServices();
    const adapter = new MockToolAdapter().register("fetch", () => {
      services.advance(100);
      return { output: { title: "Q3" } };
    });
    const resolveWorkflow = memoryResolver({ "gate-child": CHILD });
    const { list, sink } = checkpointSink();
    const run = await runSkill(PARENT, {
      toolAdapter: adapter,
      services,
      onCheckpoint: sink,
      resolveWorkflow,
    });
    const pending = {
      key: "review/gate",
      stepId: "gate",
      path: ["review", "gate"],
      message: "Publish Q3?",
      expires_at: at(100 + 3_600_000),
      response: {},
    };
    const hash = run.log.workflow_hash!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const fetch = {
      id: "fetch",
      executor: "tool",
      status: "success",
      duration_ms: 100,
      inputs: {},
      output: { title: "Q3" },
    };
    expect(run.log).toStrictEqual({
      id: "run-1",
      workflow: "parent",
      status: "waiting",
      summary: { steps_executed: 1, steps_skipped: 0, total_duration_ms: 100 },
      started_at: at(0),
      completed_at: at(100),
      duration_ms: 100,
      inputs: {},
      steps: [fetch],
      outputs: {},
      pending: [pending],
      segment: 1,
      workflow_hash: hash,
    });
    expect(run.events).toStrictEqual([
      { type: "workflow_start", workflow: "parent", totalSteps: 2, runId: "run-1" },
      { type: "step_start", stepId: "fetch", stepType: "tool", tool: "fetch", runId: "run-1" },
      {
        type: "step_complete",
        stepId: "fetch",
        status: "success",
        duration_ms: 100,
        runId: "run-1",
      },
      { type: "step_start", stepId: "review", stepType: "workflow", runId: "run-1" },
      {
        type: "workflow_start",
        workflow: "gate-child",
        totalSteps: 1,
        parent: { runId: "run-1", stepId: "review" },
        runId: "run-1/review",
      },
      { type: "step_start", stepId: "gate", stepType: "approval", runId: "run-1/review" },
      {
        type: "step_waiting",
        stepId: "gate",
        message: "Publish Q3?",
        expires_at: pending.expires_at,
        runId: "run-1/review",
      },
      { type: "workflow_suspend", pending: [pending], runId: "run-1/review" },
      { type: "workflow_suspend", pending: [pending], runId: "run-1" },
    ]);
    const last = list.at(-1)!;
    expect(last.records).toStrictEqual([fetch]);
    expect(last.position).toStrictEqual({ path: ["review"] });
    expect(last.children).toStrictEqual({
      "run-1/review": {
        runId: "run-1/review",
        workflow: "gate-child",
        // A child checkpoint carries the hash of its own document.
        workflow_hash: createHash("sha256").update(CHILD).digest("hex"),
        inputs: { title: "Q3" },
        started_at: at(100),
        segment: 1,
        records: [
          { id: "gate", executor: "approval", status: "waiting", duration_ms: 0, inputs: {} },
        ],
        iterations: {},
        position: { path: ["gate"] },
        pending: [pending],
      },
    });

    services.advance(1000);
    const resumed = await runSkill(PARENT, {
      toolAdapter: adapter,
      services,
      resolveWorkflow,
      resume: { ...last, decisions: { "review/gate": { approved: true, by: "ann" } } },
    });
    expect(resumed.log.status).toBe("success");
    expect(resumed.log.segment).toBe(2);
    expect(resumed.log.steps.map((s) => [s.id, s.status])).toEqual([
      ["fetch", "success"],
      ["review", "success"],
    ]);
    const child = resumed.log.steps[1]!.runs![0]!;
    expect(child.id).toBe("run-1/review");
    expect(child.segment).toBe(2);
    expect(child.started_at).toBe(at(100));
    expect(child.steps[0]!.output).toStrictEqual({
      approved: true,
      by: "ann",
      at: at(1100),
      timed_out: false,
      response: {},
    });
    expect(resumed.events.map((e) => [e.type, e.runId])).toEqual([
      ["workflow_resume", "run-1"],
      ["step_start", "run-1"],
      ["workflow_resume", "run-1/review"],
      ["step_start", "run-1/review"],
      ["step_complete", "run-1/review"],
      ["workflow_complete", "run-1/review"],
      ["step_complete", "run-1"],
      ["workflow_complete", "run-1"],
    ]);
  });
});
