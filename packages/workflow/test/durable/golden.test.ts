// Golden run logs of a suspended and a resumed run (§13.1, §13.9.1, §13.9.11), on a virtual clock.
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import { checkpointSink, createTestServices, runSkill, skill } from "./_harness.js";

const T0 = Date.UTC(2026, 0, 1);
const at = (ms: number) => new Date(T0 + ms).toISOString();

const DOC = skill(`
  outputs:
    approved: { type: boolean, value: $steps.gate.output.approved }
  steps:
    - id: fetch
      type: tool
      tool: fetch
      inputs: {}
    - id: gate
      type: approval
      message: "Publish \${steps.fetch.output.title}?"
      timeout: 1h
    - id: publish
      type: tool
      tool: publish
      condition: $steps.gate.output.approved
      inputs: {}
    - id: never
      type: tool
      tool: publish
      condition: "false"
      inputs: {}
`);

describe("golden durable run logs", () => {
  it("a suspended segment, then the resumed segment that decides it", async () => {
    const services = createTestServices();
    const adapter = new MockToolAdapter()
      .register("fetch", () => {
        services.advance(100);
        return { output: { title: "Q3" } };
      })
      .register("publish", () => {
        services.advance(50);
        return { output: "ok" };
      });
    const { list, sink } = checkpointSink();
    const first = await runSkill(DOC, { toolAdapter: adapter, services, onCheckpoint: sink });
    const pending = {
      key: "gate",
      stepId: "gate",
      path: ["gate"],
      message: "Publish Q3?",
      expires_at: at(100 + 3_600_000),
      response: {},
    };
    const hash = first.log.workflow_hash!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.log).toStrictEqual({
      id: "run-1",
      workflow: "test-skill",
      status: "waiting",
      summary: { steps_executed: 2, steps_skipped: 0, total_duration_ms: 100 },
      started_at: at(0),
      completed_at: at(100),
      duration_ms: 100,
      inputs: {},
      steps: [
        {
          id: "fetch",
          executor: "tool",
          status: "success",
          duration_ms: 100,
          inputs: {},
          output: { title: "Q3" },
        },
        { id: "gate", executor: "approval", status: "waiting", duration_ms: 0, inputs: {} },
      ],
      outputs: {},
      pending: [pending],
      segment: 1,
      workflow_hash: hash,
    });
    expect(first.events).toStrictEqual([
      { type: "workflow_start", workflow: "test-skill", totalSteps: 4, runId: "run-1" },
      { type: "step_start", stepId: "fetch", stepType: "tool", tool: "fetch", runId: "run-1" },
      {
        type: "step_complete",
        stepId: "fetch",
        status: "success",
        duration_ms: 100,
        runId: "run-1",
      },
      { type: "step_start", stepId: "gate", stepType: "approval", runId: "run-1" },
      {
        type: "step_waiting",
        stepId: "gate",
        message: "Publish Q3?",
        expires_at: pending.expires_at,
        runId: "run-1",
      },
      { type: "workflow_suspend", pending: [pending], runId: "run-1" },
    ]);
    expect(list.at(-1)).toStrictEqual({
      runId: "run-1",
      workflow: "test-skill",
      workflow_hash: hash,
      inputs: {},
      started_at: at(0),
      segment: 1,
      records: first.log.steps,
      iterations: {},
      position: { path: ["gate"] },
      pending: [pending],
    });

    services.advance(1000);
    const second = await runSkill(DOC, {
      toolAdapter: adapter,
      services,
      resume: { ...list.at(-1)!, decisions: { gate: { approved: true, by: "ann" } } },
    });
    expect(second.log).toStrictEqual({
      id: "run-1",
      workflow: "test-skill",
      status: "success",
      summary: { steps_executed: 3, steps_skipped: 1, total_duration_ms: 1150 },
      started_at: at(0),
      completed_at: at(1150),
      duration_ms: 1150,
      inputs: {},
      steps: [
        {
          id: "fetch",
          executor: "tool",
          status: "success",
          duration_ms: 100,
          inputs: {},
          output: { title: "Q3" },
        },
        {
          id: "gate",
          executor: "approval",
          status: "success",
          duration_ms: 0,
          inputs: {},
          output: { approved: true, by: "ann", at: at(1100), timed_out: false, response: {} },
        },
        {
          id: "publish",
          executor: "tool",
          status: "success",
          duration_ms: 50,
          inputs: {},
          output: "ok",
        },
        {
          id: "never",
          executor: "tool",
          status: "skipped",
          reason: "Guard condition evaluated to false",
          duration_ms: 0,
        },
      ],
      outputs: { approved: true },
      segment: 2,
      workflow_hash: hash,
    });
    expect(second.events.map((e) => `${e.type}:${"stepId" in e ? e.stepId : ""}`)).toEqual([
      "workflow_resume:",
      "step_start:gate",
      "step_complete:gate",
      "step_start:publish",
      "step_complete:publish",
      "step_skip:never",
      "workflow_complete:",
    ]);
  });
});
