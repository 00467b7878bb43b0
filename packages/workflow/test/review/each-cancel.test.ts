// Review: cancellation of a concurrent `each` step whose higher-index iteration failed first (§10.5).
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import type { ToolResult } from "../../src/index.js";
import { json, never, record, runSkill, skill, trace } from "../conformance/helpers.js";

const doc = (onError: "ignore" | "fail") =>
  skill(`
    inputs:
      xs: { type: array, default: [0, 1] }
    steps:
      - id: s
        type: tool
        tool: t
        each: $inputs.xs
        concurrency: 2
        on_error: ${onError}
        inputs:
          x: { type: int, value: $item }
  `);

/** `t` hangs for x = 0 and fails at once for x = 1; the run is aborted right after iteration 1 settles. */
function setup() {
  const controller = new AbortController();
  const adapter = new MockToolAdapter();
  adapter.register("t", (args) =>
    args["x"] === 0 ? never<ToolResult>() : { output: null, error: "boom" },
  );
  const onEvent = (e: { type: string }) => {
    if (e.type === "each_progress") controller.abort();
  };
  return { controller, adapter, onEvent };
}

describe("cancelling a concurrent each after a higher-index iteration failed (§10.5)", () => {
  // §10.5: the step in flight is recorded failed with `Step cancelled`, `on_error` ignored, the run
  // fails with "Workflow run was cancelled". stepFailure() (execute/each.ts:124) only returns CANCELLED
  // when iterations are unfinished or the highest-index failure is the cancelled one, so here the
  // step reads 'Tool "t": boom' and, under ignore, the cancelled run ends `success`.
  it("under on_error: ignore the run still ends cancelled", async () => {
    const { controller, adapter, onEvent } = setup();
    const { log, events } = await runSkill(doc("ignore"), {
      toolAdapter: adapter,
      signal: controller.signal,
      onEvent,
    });
    expect(record(log, "s").error).toBe("Step cancelled");
    expect(json(record(log, "s").output)).toEqual([null, null]);
    expect(log.status).toBe("failed");
    expect(log.error).toEqual({ phase: "execute", message: "Workflow run was cancelled" });
    expect(trace(events).at(-1)).toBe("workflow_complete(failed)");
  });

  // Same root cause under `fail`: the run error is the tool message instead of the cancellation.
  it("under on_error: fail the run error is the cancellation", async () => {
    const { controller, adapter, onEvent } = setup();
    const { log } = await runSkill(doc("fail"), {
      toolAdapter: adapter,
      signal: controller.signal,
      onEvent,
    });
    expect(record(log, "s").error).toBe("Step cancelled");
    expect(log.error).toEqual({ phase: "execute", message: "Workflow run was cancelled" });
  });
});
