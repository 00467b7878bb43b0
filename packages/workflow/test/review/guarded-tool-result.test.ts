// Review: reading a malformed ToolResult on the guarded invoke path (timeout or run signal) (§3.5, §10.3, C43).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ToolAdapter, ToolResult } from "../../src/index.js";
import { flush, record, runSkill, skill } from "../conformance/helpers.js";

/** A ToolResult whose `error` getter throws (a buggy or proxied adapter result). */
function poisoned(): ToolResult {
  return Object.defineProperty({ output: 1 }, "error", {
    enumerable: true,
    get() {
      throw new Error("bad result");
    },
  });
}

const adapter: ToolAdapter = { has: () => true, invoke: () => Promise.resolve(poisoned()) };

const doc = skill(`
  steps:
    - { id: s, type: tool, tool: t }
`);

// The bug under test raises an unhandled rejection; keep it from vitest's global handler and record it.
let unhandled: unknown[] = [];
let saved: NodeJS.UnhandledRejectionListener[] = [];
const onUnhandled = (reason: unknown) => {
  unhandled.push(reason);
};
beforeEach(() => {
  unhandled = [];
  saved = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", onUnhandled);
});
afterEach(async () => {
  await flush();
  process.off("unhandledRejection", onUnhandled);
  for (const listener of saved) process.on("unhandledRejection", listener);
});

const within = <T>(p: Promise<T>, ms: number): Promise<T | "hung"> =>
  Promise.race([p, new Promise<"hung">((r) => setTimeout(() => r("hung"), ms))]);

describe("a ToolResult that throws when read", () => {
  it("unguarded path (no timeout, no signal): the step fails with the tool prefix (baseline)", async () => {
    const { log } = await runSkill(doc, { toolAdapter: adapter });
    expect(record(log, "s")).toMatchObject({ status: "failed", error: 'Tool "t": bad result' });
    expect(unhandled).toEqual([]);
  });

  // C43 / §8.1: runWorkflowSkill always resolves. In invokeGuarded (execute/invoke.ts:142-145)
  // fromToolResult runs inside the `.then` callback, outside any try: the throw becomes an unhandled
  // rejection and `finish` is never called, so with a run signal (and no timeout) the run never ends.
  it("guarded path (run signal): the run resolves and nothing is left unhandled", async () => {
    const controller = new AbortController();
    const run = runSkill(doc, { toolAdapter: adapter, signal: controller.signal });
    const outcome = await within(run, 300);
    controller.abort(); // lets a hung run finish so the test leaves nothing behind
    await run;
    expect(outcome).not.toBe("hung");
    expect(unhandled).toEqual([]);
    if (outcome !== "hung") {
      expect(record(outcome.log, "s")).toMatchObject({ error: 'Tool "t": bad result' });
    }
  });

  // §10.3: with a timeout the run ends, but only by timing out — the real failure is lost and the
  // throw still surfaces as an unhandled rejection ("MUST NOT surface as an unhandled rejection").
  it("guarded path (timeout): the failure is the tool's, not a timeout", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: s, type: tool, tool: t, timeout: 5s }
      `),
      { toolAdapter: adapter },
    );
    await flush();
    expect(unhandled).toEqual([]);
    expect(record(log, "s").error).toBe('Tool "t": bad result');
  });
});
