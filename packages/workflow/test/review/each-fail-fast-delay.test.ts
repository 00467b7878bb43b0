// Review: fail-fast `each` with concurrency and delay must not wait for a start it will never make (§12 D4, §10.2).
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import { eventsOf, record, runSkill, skill } from "../conformance/helpers.js";

const doc = (concurrency: number) =>
  skill(`
    inputs:
      xs: { type: array, default: [0, 1, 2] }
    steps:
      - id: s
        type: tool
        tool: t
        each: $inputs.xs
        concurrency: ${concurrency}
        delay: 1s
        inputs:
          x: { type: int, value: $item }
  `);

function failingFirst() {
  const calls: unknown[] = [];
  const adapter = new MockToolAdapter();
  adapter.register("t", (args) => {
    calls.push(args["x"]);
    return args["x"] === 0 ? { output: null, error: "boom" } : { output: args["x"] };
  });
  return { adapter, calls };
}

describe("fail-fast each with delay (§12 D4, §10.2)", () => {
  it("sequential (concurrency 1): the step fails as soon as the iteration fails (baseline)", async () => {
    const { adapter, calls } = failingFirst();
    const { log } = await runSkill(doc(1), { toolAdapter: adapter });
    expect(calls).toEqual([0]);
    expect(record(log, "s").duration_ms).toBe(0);
  });

  // D4: under on_error: fail, once an iteration has failed no new iteration starts and the step fails.
  // runConcurrent (execute/each.ts:111-115) sleeps the start-spacing delay for the next iteration
  // before checking stopped(), so the step (and the run) end a whole `delay` late for no work.
  it("concurrency > 1: the step does not sit out the delay of an iteration that never starts", async () => {
    const { adapter, calls } = failingFirst();
    const { log, events } = await runSkill(doc(2), { toolAdapter: adapter });
    expect(calls).toEqual([0]);
    expect(eventsOf(events, "step_complete")[0]?.duration_ms).toBe(0);
    expect(record(log, "s").duration_ms).toBe(0);
    expect(log.duration_ms).toBe(0);
  });
});
