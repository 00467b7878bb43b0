// Golden run log of a composed run (§13.5): a parent running a child per item, with the virtual clock
// and sequential ids, so every field (ids, times, durations, child logs and events) is fixed.
import { beforeEach, describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import { clearWorkflowCache } from "../../src/runtime/prepare.js";
import { DIGEST, createTestServices, json, memoryResolver, runSkill, skill } from "./_helpers.js";

beforeEach(() => clearWorkflowCache());

const PARENT = skill(
  `
  inputs:
    urls: { type: array }
  outputs:
    summaries: { type: array, value: $steps.digests.output }
  steps:
    - id: digests
      type: workflow
      workflow: page-digest
      each: $inputs.urls
      inputs:
        url: { type: string, value: $item }
      outputs:
        summary: { type: string, value: $result.summary }
  `,
  "digest-all",
);

/** Child runs take their ids from the parent (no `newId`), their times from the shared clock. */
const GOLDEN_LOG = {
  id: "run-1",
  workflow: "digest-all",
  status: "success",
  summary: { steps_executed: 1, steps_skipped: 0, total_duration_ms: 80 },
  started_at: "2026-01-01T00:00:00.000Z",
  completed_at: "2026-01-01T00:00:00.080Z",
  duration_ms: 80,
  inputs: { urls: ["a", "b"] },
  steps: [
    {
      id: "digests",
      executor: "workflow",
      status: "success",
      duration_ms: 80,
      inputs: {},
      output: [{ summary: "digest of a" }, { summary: "digest of b" }],
      iterations: 2,
      runs: [
        {
          id: "run-1/digests/0",
          workflow: "page-digest",
          status: "success",
          summary: { steps_executed: 1, steps_skipped: 0, total_duration_ms: 40 },
          started_at: "2026-01-01T00:00:00.000Z",
          completed_at: "2026-01-01T00:00:00.040Z",
          duration_ms: 40,
          inputs: { url: "a" },
          steps: [
            {
              id: "fetch",
              executor: "tool",
              status: "success",
              duration_ms: 40,
              inputs: { url: "a" },
              output: { text: "digest of a" },
            },
          ],
          outputs: { summary: "digest of a" },
        },
        {
          id: "run-1/digests/1",
          workflow: "page-digest",
          status: "success",
          summary: { steps_executed: 1, steps_skipped: 0, total_duration_ms: 40 },
          started_at: "2026-01-01T00:00:00.040Z",
          completed_at: "2026-01-01T00:00:00.080Z",
          duration_ms: 40,
          inputs: { url: "b" },
          steps: [
            {
              id: "fetch",
              executor: "tool",
              status: "success",
              duration_ms: 40,
              inputs: { url: "b" },
              output: { text: "digest of b" },
            },
          ],
          outputs: { summary: "digest of b" },
        },
      ],
    },
  ],
  outputs: { summaries: [{ summary: "digest of a" }, { summary: "digest of b" }] },
};

/** Child events carry `runId` and, on `workflow_start`, `parent`; parent events are unchanged. */
const GOLDEN_EVENTS = [
  { type: "workflow_start", workflow: "digest-all", totalSteps: 1 },
  { type: "step_start", stepId: "digests", stepType: "workflow" },
  {
    type: "workflow_start",
    workflow: "page-digest",
    totalSteps: 1,
    parent: { runId: "run-1", stepId: "digests", iteration: 0 },
    runId: "run-1/digests/0",
  },
  {
    type: "step_start",
    stepId: "fetch",
    stepType: "tool",
    tool: "digest",
    runId: "run-1/digests/0",
  },
  {
    type: "step_complete",
    stepId: "fetch",
    status: "success",
    duration_ms: 40,
    runId: "run-1/digests/0",
  },
  {
    type: "workflow_complete",
    status: "success",
    duration_ms: 40,
    summary: { steps_executed: 1, steps_skipped: 0, total_duration_ms: 40 },
    runId: "run-1/digests/0",
  },
  { type: "each_progress", stepId: "digests", current: 1, total: 2 },
  {
    type: "workflow_start",
    workflow: "page-digest",
    totalSteps: 1,
    parent: { runId: "run-1", stepId: "digests", iteration: 1 },
    runId: "run-1/digests/1",
  },
  {
    type: "step_start",
    stepId: "fetch",
    stepType: "tool",
    tool: "digest",
    runId: "run-1/digests/1",
  },
  {
    type: "step_complete",
    stepId: "fetch",
    status: "success",
    duration_ms: 40,
    runId: "run-1/digests/1",
  },
  {
    type: "workflow_complete",
    status: "success",
    duration_ms: 40,
    summary: { steps_executed: 1, steps_skipped: 0, total_duration_ms: 40 },
    runId: "run-1/digests/1",
  },
  { type: "each_progress", stepId: "digests", current: 2, total: 2 },
  { type: "step_complete", stepId: "digests", status: "success", duration_ms: 80, iterations: 2 },
  {
    type: "workflow_complete",
    status: "success",
    duration_ms: 80,
    summary: { steps_executed: 1, steps_skipped: 0, total_duration_ms: 80 },
  },
];

describe("golden run log: composed run", () => {
  it("a parent running page-digest for two urls", async () => {
    const services = createTestServices();
    const adapter = new MockToolAdapter().register("digest", (args) => {
      services.advance(40);
      return { output: { text: `digest of ${String(args["url"])}` } };
    });
    const { log, events } = await runSkill(PARENT, {
      toolAdapter: adapter,
      services,
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
      inputs: { urls: ["a", "b"] },
    });
    expect(json(log)).toStrictEqual(GOLDEN_LOG);
    expect(json(events)).toStrictEqual(GOLDEN_EVENTS);
  });
});
