// One wait inside a tool call: a wait that runs out still tells the client how far the run got
// before it answers (stdio with `--wait 0.5` on a busy machine met exactly this).
import { describe, expect, it } from "vitest";
import type { RunDetail } from "@skillflow/service";
import type { McpRequestExtra } from "../../src/area.js";
import { waitAndAnswer, type WorkflowsContext } from "../../src/workflows/run-call.js";

const ENDED: RunDetail = {
  id: "r1",
  workflow: "greet",
  status: "success",
  startedAt: "2026-01-31T09:00:00.000Z",
  completedAt: "2026-01-31T09:00:01.000Z",
  stepsExecuted: 2,
  stepsSkipped: 0,
  totalSteps: 2,
  verbosity: "standard",
  inputs: {},
  outputs: { greeting: "hi" },
  steps: [
    { id: "a", status: "success" },
    { id: "b", status: "success" },
  ],
  trigger: { kind: "mcp" },
  notifications: [],
  decisions: [],
} as unknown as RunDetail;

/** A context whose wait runs out before its first look at the run answers. */
function context(): WorkflowsContext {
  return {
    runner: {
      getRun: () => Promise.resolve(ENDED),
      subscribe: () => () => undefined,
    } as unknown as WorkflowsContext["runner"],
    timers: {
      // The limit fires in a microtask, ahead of the first look's answer; polls never fire.
      setTimeout: (callback, ms) => (ms === 500 ? queueMicrotask(callback) : undefined),
      clearTimeout: () => undefined,
    },
    waitMs: 500,
    pollMs: 60_000,
    closing: new AbortController().signal,
  };
}

describe("waitAndAnswer", () => {
  it("sends the run's progress before an answer found after the wait ran out", async () => {
    const order: string[] = [];
    const extra = {
      _meta: { progressToken: "t1" },
      signal: new AbortController().signal,
      sendNotification: (n: { params: { progress: number; total?: number } }) => {
        order.push(`progress ${n.params.progress}/${n.params.total}`);
        return Promise.resolve();
      },
    } as unknown as McpRequestExtra;
    const answer = await waitAndAnswer(context(), "r1", extra, () => true);
    order.push("answer");
    expect(answer.structuredContent).toMatchObject({ greeting: "hi" });
    expect(order).toEqual(["progress 2/2", "answer"]);
  });

  it("sends nothing without a progress token", async () => {
    const sent: unknown[] = [];
    const extra = {
      signal: new AbortController().signal,
      sendNotification: (n: unknown) => {
        sent.push(n);
        return Promise.resolve();
      },
    } as unknown as McpRequestExtra;
    await waitAndAnswer(context(), "r1", extra, () => true);
    expect(sent).toEqual([]);
  });
});
