// The ToolAdapter contract suite (`@skillflow/workflow/testing/contract`): vitest checks every adapter runs.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ToolAdapter, ToolInvocationContext, ToolResult } from "../model/adapter.js";
import {
  type Outcome,
  type TrackedCall,
  outcomeWithin,
  pause,
  rejectionProblem,
  toolResultProblem,
  trackInvoke,
} from "./_checks.js";

/** One invocation the fixture knows how to make. `args` must be structured-cloneable. */
export interface ToolCallFixture {
  name: string;
  args: Record<string, unknown>;
}

/** An invocation expected to succeed, with an optional check of its output. */
export interface SuccessfulCallFixture extends ToolCallFixture {
  /** Asserts on the output (throw, or use `expect`); runs for every successful invocation. */
  expectOutput?: (output: unknown) => void | Promise<void>;
}

/** An invocation expected to fail. */
export interface FailingCallFixture extends ToolCallFixture {
  /** Pin the form of the failure when the adapter commits to one; default `"either"`. */
  failsBy?: "result" | "rejection" | "either";
}

/** What `setup` returns: the adapter under test plus what the fixture knows about its tools. */
export interface ToolAdapterContractSetup {
  adapter: ToolAdapter;
  /** A tool that exists and succeeds for `args`. */
  knownTool: SuccessfulCallFixture;
  /** A name for which `has()` is false. */
  unknownTool: string;
  /** A tool call that fails (error result or rejection). Omit to skip those checks. */
  failingTool?: FailingCallFixture;
  /**
   * A call that, left alone, takes much longer than `abortWithinMs`, but stops early when the
   * context's signal aborts. Omit to skip the cancellation checks.
   */
  slowTool?: ToolCallFixture;
  /** Distinct successful calls run at the same time; default: `knownTool` eight times. */
  concurrentCalls?: SuccessfulCallFixture[];
  /** How quickly an aborted `slowTool` must settle, in real milliseconds; default 1000. */
  abortWithinMs?: number;
  /** Runs after each check (close connections, stop servers). */
  teardown?: () => void | Promise<void>;
}

const INHERITED_NAMES = ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"];

function contextFor(
  signal: AbortSignal,
  extra: Partial<ToolInvocationContext> = {},
): ToolInvocationContext {
  return { signal, runId: "contract-run", stepId: "contract-step", attempt: 1, ...extra };
}

function expectWellFormed(value: unknown): void {
  const problem = toolResultProblem(value);
  expect(problem, problem).toBeUndefined();
}

async function expectSettledAfterAbort(call: TrackedCall, ms: number): Promise<void> {
  const outcome = await outcomeWithin(call, ms);
  expect(outcome, `did not settle within ${ms}ms of the abort`).not.toBe("pending");
  if (outcome !== "pending" && outcome.kind === "resolved") expectWellFormed(outcome.value);
}

async function expectSuccess(outcome: Outcome, call: SuccessfulCallFixture): Promise<void> {
  if (outcome.kind === "rejected") {
    throw new Error(`invoke("${call.name}") rejected for a call that should succeed`, {
      cause: outcome.reason,
    });
  }
  expectWellFormed(outcome.value);
  const result = outcome.value as ToolResult;
  expect(result.error, `invoke("${call.name}") reported an error`).toBeUndefined();
  await call.expectOutput?.(result.output);
}

function expectFailure(outcome: Outcome, failsBy: "result" | "rejection" | "either"): void {
  if (outcome.kind === "rejected") {
    expect(failsBy, "expected an error result, got a rejection").not.toBe("result");
    const problem = rejectionProblem(outcome.reason);
    expect(problem, problem).toBeUndefined();
    return;
  }
  expect(failsBy, "expected a rejection, got a result").not.toBe("rejection");
  expectWellFormed(outcome.value);
  expect((outcome.value as ToolResult).error, "a failure must carry a non-empty error").toEqual(
    expect.any(String),
  );
}

/**
 * Registers the ToolAdapter contract as vitest `describe`/`it` blocks. `setup` runs before every
 * check, so each one gets a fresh adapter. Checks whose fixture part is missing are reported skipped.
 *
 * The contract, in short:
 * - `has()` is a synchronous boolean: true for the known tool, false for the unknown one and for
 *   names inherited from `Object.prototype`.
 * - `invoke()` always returns a promise (it never throws synchronously). A success resolves with an
 *   object that has an `output` key and no `error`; an `error`, when present, is a non-empty string.
 * - A failure is either a resolved result with `error` (preferred: errors stay data) or a rejection
 *   with an `Error` that has a message. The runtime retries both the same way (§12 D3), so the
 *   contract accepts both, for the unknown tool too: validation calls `has()` before a run, so an
 *   unknown name only reaches `invoke()` when a host calls it directly. It must never succeed.
 * - `invoke()` works with two arguments and with a `ToolInvocationContext` third argument, and does
 *   not mutate `args` (the run log records them).
 * - Concurrent invocations do not interfere with each other's results.
 * - When a slow tool's `signal` aborts (or is already aborted) the promise settles promptly, by
 *   rejecting or by resolving a well-formed result; aborting one invocation leaves a concurrent
 *   one untouched. (The runtime stops waiting on its own; honouring the signal frees resources.)
 * - `list()` is optional. When present it returns descriptors with a non-empty string `name`, a
 *   string `description` and object schemas; names are unique and every listed name passes `has()`.
 *   The converse is not required: an adapter may accept names it does not advertise (proxies,
 *   lazily discovered tools).
 */
export function describeToolAdapterContract(
  name: string,
  setup: () => ToolAdapterContractSetup | Promise<ToolAdapterContractSetup>,
): void {
  describe(`ToolAdapter contract: ${name}`, () => {
    let fx: ToolAdapterContractSetup;
    let teardown: ToolAdapterContractSetup["teardown"];
    beforeEach(async () => {
      teardown = undefined;
      fx = await setup();
      teardown = fx.teardown;
    });
    afterEach(async () => {
      // Only the fixture this check created is torn down, even when a later setup throws.
      const current = teardown;
      teardown = undefined;
      await current?.();
    });

    describe("has()", () => {
      it("is true for the known tool", () => {
        expect(fx.adapter.has(fx.knownTool.name)).toBe(true);
      });
      it("is false for the unknown tool", () => {
        expect(fx.adapter.has(fx.unknownTool)).toBe(false);
      });
      it("is false for names inherited from Object.prototype", () => {
        for (const inherited of INHERITED_NAMES.filter((n) => n !== fx.knownTool.name)) {
          expect(fx.adapter.has(inherited), inherited).toBe(false);
        }
      });
    });

    describe("invoke()", () => {
      it("resolves a ToolResult for the known tool when called with two arguments", async () => {
        await expectSuccess(await trackInvoke(fx.adapter, fx.knownTool).outcome, fx.knownTool);
      });

      it("accepts a ToolInvocationContext as the third argument", async () => {
        const signal = new AbortController().signal;
        for (const ctx of [contextFor(signal), contextFor(signal, { attempt: 2, iteration: 3 })]) {
          const outcome = await trackInvoke(fx.adapter, fx.knownTool, ctx).outcome;
          await expectSuccess(outcome, fx.knownTool);
        }
      });

      it("does not mutate args", async () => {
        const before = structuredClone(fx.knownTool.args);
        await trackInvoke(fx.adapter, fx.knownTool).outcome;
        expect(fx.knownTool.args).toEqual(before);
      });

      it("fails the unknown tool with an error result or a rejection, never a success", async () => {
        const call = { name: fx.unknownTool, args: {} };
        expectFailure(await trackInvoke(fx.adapter, call).outcome, "either");
      });

      it("reports the failing tool's failure", async (ctx) => {
        const failing = fx.failingTool;
        if (failing === undefined) return ctx.skip("no failingTool in the fixture");
        const outcome = await trackInvoke(fx.adapter, failing).outcome;
        expectFailure(outcome, failing.failsBy ?? "either");
      });

      it("keeps concurrent invocations independent", async () => {
        const calls = fx.concurrentCalls ?? Array.from({ length: 8 }, () => fx.knownTool);
        const signal = new AbortController().signal;
        const tracked = calls.map((call, iteration) =>
          trackInvoke(fx.adapter, call, contextFor(signal, { iteration })),
        );
        const outcomes = await Promise.all(tracked.map((t) => t.outcome));
        for (const [i, outcome] of outcomes.entries()) await expectSuccess(outcome, calls[i]!);
      });
    });

    describe("cancellation", () => {
      const limit = (): number => fx.abortWithinMs ?? 1000;

      it("settles promptly once the signal aborts", async (ctx) => {
        const slow = fx.slowTool;
        if (slow === undefined) return ctx.skip("no slowTool in the fixture");
        const controller = new AbortController();
        const call = trackInvoke(fx.adapter, slow, contextFor(controller.signal));
        await pause(20);
        expect(call.settled, "fixture: slowTool settled before its signal was aborted").toBe(false);
        controller.abort(new Error("contract abort"));
        await expectSettledAfterAbort(call, limit());
      });

      it("settles promptly when the signal is already aborted", async (ctx) => {
        const slow = fx.slowTool;
        if (slow === undefined) return ctx.skip("no slowTool in the fixture");
        const signal = AbortSignal.abort(new Error("contract abort"));
        const call = trackInvoke(fx.adapter, slow, contextFor(signal));
        await expectSettledAfterAbort(call, limit());
      });

      it("aborting one invocation leaves a concurrent one untouched", async (ctx) => {
        const slow = fx.slowTool;
        if (slow === undefined) return ctx.skip("no slowTool in the fixture");
        const aborted = new AbortController();
        const kept = new AbortController();
        const slowCall = trackInvoke(fx.adapter, slow, contextFor(aborted.signal));
        const knownCall = trackInvoke(
          fx.adapter,
          fx.knownTool,
          contextFor(kept.signal, { stepId: "contract-other" }),
        );
        aborted.abort(new Error("contract abort"));
        await expectSettledAfterAbort(slowCall, limit());
        await expectSuccess(await knownCall.outcome, fx.knownTool);
        expect(kept.signal.aborted).toBe(false);
      });
    });

    describe("list()", () => {
      it("returns well-formed descriptors with unique names", (ctx) => {
        if (fx.adapter.list === undefined) return ctx.skip("list() is not implemented");
        const descriptors = fx.adapter.list();
        expect(Array.isArray(descriptors)).toBe(true);
        for (const d of descriptors) {
          expect(d.name).toEqual(expect.any(String));
          expect(d.name).not.toBe("");
          expect(d.description).toEqual(expect.any(String));
          for (const schema of [d.inputSchema, d.outputSchema]) {
            if (schema === undefined) continue;
            expect(typeof schema === "object" && schema !== null && !Array.isArray(schema)).toBe(
              true,
            );
          }
        }
        const names = descriptors.map((d) => d.name);
        expect(new Set(names).size).toBe(names.length);
      });

      it("lists only names that has() accepts, and not the unknown tool", (ctx) => {
        if (fx.adapter.list === undefined) return ctx.skip("list() is not implemented");
        const names = fx.adapter.list().map((d) => d.name);
        for (const listed of names) expect(fx.adapter.has(listed), listed).toBe(true);
        expect(names).not.toContain(fx.unknownTool);
      });
    });
  });
}
