// Unit tests of one tool attempt (§3.5, §10.3–§10.5): timeout, cancellation, listener hygiene, and the
// lazily created invocation context.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";
import type { CompiledStep } from "../../src/compile/plan.js";
import { CANCELLED } from "../../src/execute/failure.js";
import { invokeTool, lazyContext, type AttemptSpec } from "../../src/execute/invoke.js";
import type { ToolAdapter, ToolInvocationContext, ToolResult } from "../../src/model/adapter.js";
import { START, buildState, deferred, flush, toolDoc, type Harness } from "./_state.js";

const spec = (step: CompiledStep, extra: Partial<AttemptSpec> = {}): AttemptSpec => ({
  step,
  tool: "t",
  args: { q: 1 },
  attempt: 1,
  iteration: undefined,
  ...extra,
});

/** An adapter whose single pending call is controlled by the test. */
function pendingAdapter() {
  const seen: ToolInvocationContext[] = [];
  const result = deferred<ToolResult>();
  const adapter: ToolAdapter = {
    has: () => true,
    invoke: (_name, _args, context) => {
      seen.push(context!);
      return result.promise;
    },
  };
  return { adapter, seen, result };
}

let unhandled: Mock<(reason: unknown) => void>;
beforeEach(() => {
  unhandled = vi.fn<(reason: unknown) => void>();
  process.on("unhandledRejection", unhandled);
});
afterEach(() => {
  process.off("unhandledRejection", unhandled);
});

describe("invokeTool: timeout (§10.3)", () => {
  const TIMED = toolDoc("timeout: 250ms");

  it("aborts the attempt signal with a TimeoutError and fails retriably at the timeout", async () => {
    const { adapter, seen } = pendingAdapter();
    const h = buildState(TIMED, { adapter });
    const result = await invokeTool(h.state, spec(h.step("a")));
    expect(result).toEqual({
      ok: false,
      failure: { message: "Timed out after 250ms", retriable: true, tool: "t" },
    });
    expect(h.services.time - START).toBe(250);
    const signal = seen[0]!.signal;
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(DOMException);
    expect((signal.reason as DOMException).name).toBe("TimeoutError");
  });

  it("ignores a late rejection without an unhandled rejection", async () => {
    const { adapter, result } = pendingAdapter();
    const h = buildState(TIMED, { adapter });
    const outcome = await invokeTool(h.state, spec(h.step("a")));
    result.reject(new Error("late failure"));
    await flush();
    expect(outcome.ok).toBe(false);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it("ignores an async adapter that throws after the timeout", async () => {
    const late = deferred<void>();
    const adapter: ToolAdapter = {
      has: () => true,
      invoke: async () => {
        await late.promise;
        throw new Error("thrown after the timeout");
      },
    };
    const h = buildState(TIMED, { adapter });
    const outcome = await invokeTool(h.state, spec(h.step("a")));
    late.resolve();
    await flush();
    expect(!outcome.ok && outcome.failure.message).toBe("Timed out after 250ms");
    expect(unhandled).not.toHaveBeenCalled();
  });

  it("an attempt that finishes in time cancels its timer (the clock never reaches it)", async () => {
    const { adapter, result, seen } = pendingAdapter();
    const h = buildState(TIMED, { adapter });
    const pending = invokeTool(h.state, spec(h.step("a")));
    h.services.advance(100);
    result.resolve({ output: { done: true } });
    expect(await pending).toEqual({ ok: true, output: { done: true } });
    await flush();
    expect(h.services.time - START).toBe(100);
    expect(seen[0]!.signal.aborted).toBe(false);
  });

  it("a synchronous throw from invoke is a retriable failure", async () => {
    const adapter = {
      has: () => true,
      invoke: (): Promise<ToolResult> => {
        throw new Error("sync");
      },
    };
    const h = buildState(TIMED, { adapter });
    expect(await invokeTool(h.state, spec(h.step("a")))).toEqual({
      ok: false,
      failure: { message: "sync", retriable: true, tool: "t" },
    });
  });

  it("passes runId, stepId, attempt and iteration with the attempt's own signal", async () => {
    const contexts: ToolInvocationContext[] = [];
    const adapter: ToolAdapter = {
      has: () => true,
      invoke: async (_n, _a, context) => {
        contexts.push(context!);
        return { output: null };
      },
    };
    const h = buildState(TIMED, { adapter });
    await invokeTool(h.state, spec(h.step("a"), { attempt: 3, iteration: 2 }));
    await invokeTool(h.state, spec(h.step("a")));
    expect(contexts[0]).toMatchObject({ runId: "run-test", stepId: "a", attempt: 3, iteration: 2 });
    expect("iteration" in contexts[1]!).toBe(false);
    expect(contexts[0]!.signal).not.toBe(contexts[1]!.signal);
  });
});

describe("invokeTool: cancellation (§10.4, §10.5)", () => {
  function cancellable(
    doc = toolDoc(),
  ): { h: Harness; controller: AbortController } & ReturnType<typeof pendingAdapter> {
    const controller = new AbortController();
    const pending = pendingAdapter();
    const h = buildState(doc, { adapter: pending.adapter, signal: controller.signal });
    return { h, controller, ...pending };
  }

  it("aborts the attempt with the run signal's reason and stops waiting at once", async () => {
    const { h, controller, seen } = cancellable();
    const outcome = invokeTool(h.state, spec(h.step("a")));
    await flush();
    const reason = { why: "host shutdown" };
    controller.abort(reason);
    expect(await outcome).toEqual({ ok: false, failure: CANCELLED });
    expect(seen[0]!.signal.aborted).toBe(true);
    expect(seen[0]!.signal.reason).toBe(reason);
  });

  it("cancellation beats a pending timeout and clears its timer", async () => {
    const { h, controller, seen } = cancellable(toolDoc("timeout: 1h"));
    const outcome = invokeTool(h.state, spec(h.step("a")));
    // The virtual clock fires pending sleeps once everything settles: abort before it gets a turn.
    expect(seen).toHaveLength(1);
    controller.abort();
    expect(await outcome).toEqual({ ok: false, failure: CANCELLED });
    await flush();
    expect(h.services.time).toBe(START);
  });

  it("an already aborted run makes no call", async () => {
    const { h, controller, seen } = cancellable();
    controller.abort();
    expect(await invokeTool(h.state, spec(h.step("a")))).toEqual({ ok: false, failure: CANCELLED });
    expect(seen).toHaveLength(0);
  });

  it("removes its run-signal listener once the attempt settles", async () => {
    const { h, controller, seen, result } = cancellable();
    const outcome = invokeTool(h.state, spec(h.step("a")));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    result.resolve({ output: 1 });
    expect(await outcome).toEqual({ ok: true, output: 1 });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    controller.abort();
    expect(seen[0]!.signal.aborted).toBe(false);
  });

  // errorMessage throws for this value (failure.test.ts) inside invokeGuarded's `.then` rejection
  // handler: the derived promise rejects unhandled and the attempt never settles until the run is
  // cancelled or times out. Spec §10.3 (no unhandled rejection), §3.5 / §12 D3 (a throw is a
  // retriable failure).
  it("a thrown value whose message getter throws settles the attempt cleanly", async () => {
    const hostile = {
      get message(): string {
        throw new Error("getter boom");
      },
    };
    const controller = new AbortController();
    const adapter: ToolAdapter = {
      has: () => true,
      invoke: async () => {
        throw hostile;
      },
    };
    const h = buildState(toolDoc(), { adapter, signal: controller.signal });
    const attempt = invokeTool(h.state, spec(h.step("a")));
    const outcome = await Promise.race([
      attempt.then(() => "settled"),
      flush().then(() => "pending"),
    ]);
    controller.abort();
    await attempt;
    expect(unhandled).not.toHaveBeenCalled();
    expect(outcome).toBe("settled");
  });

  it("a rejection after cancellation is not unhandled", async () => {
    const { h, controller, result } = cancellable();
    const outcome = invokeTool(h.state, spec(h.step("a")));
    await flush();
    controller.abort();
    await outcome;
    result.reject(new Error("late"));
    await flush();
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe("invokeTool: unguarded path (no timeout, no caller signal)", () => {
  it("reads results, errors, null results and throws", async () => {
    const outcomes: (() => Promise<ToolResult>)[] = [
      async () => ({ output: 7 }),
      async () => ({ output: null, error: "busy" }),
      async () => null as unknown as ToolResult,
      async () => {
        throw new Error("rejected");
      },
    ];
    let n = 0;
    const adapter: ToolAdapter = { has: () => true, invoke: () => outcomes[n++]!() };
    const h = buildState(toolDoc(), { adapter });
    const results = [];
    for (let i = 0; i < outcomes.length; i++)
      results.push(await invokeTool(h.state, spec(h.step("a"))));
    expect(
      results.map((r) => (r.ok ? ["ok", r.output] : [r.failure.retriable, r.failure.tool])),
    ).toEqual([
      ["ok", 7],
      [true, "t"],
      [false, undefined],
      [true, "t"],
    ]);
  });

  // See failure.test.ts: errorMessage throws for a thrown value whose `message` getter throws, so
  // the attempt rejects instead of resolving with a failure (§3.5, §12 D3).
  it("a thrown value whose message getter throws still becomes a failure", async () => {
    const hostile = {
      get message(): string {
        throw new Error("getter boom");
      },
    };
    const adapter: ToolAdapter = {
      has: () => true,
      invoke: async () => {
        throw hostile;
      },
    };
    const h = buildState(toolDoc(), { adapter });
    const outcome = await invokeTool(h.state, spec(h.step("a")));
    expect(outcome.ok).toBe(false);
  });
});

describe("lazyContext (§10.4)", () => {
  it("carries runId, stepId, attempt, and iteration only when given", () => {
    const ctx = lazyContext("r", "s", 2, 5);
    expect(ctx).toMatchObject({ runId: "r", stepId: "s", attempt: 2, iteration: 5 });
    expect("iteration" in lazyContext("r", "s", 1, undefined)).toBe(false);
  });

  it("gives each context its own never-aborted signal, stable across reads", () => {
    const a = lazyContext("r", "s", 1, undefined);
    const b = lazyContext("r", "s", 1, undefined);
    expect(a.signal).toBeInstanceOf(AbortSignal);
    expect(a.signal).toBe(a.signal);
    expect(a.signal).not.toBe(b.signal);
    expect(a.signal.aborted).toBe(false);
  });

  // Documented contract (docs/api.md, "Context"): on the unguarded path `signal` is a lazily created
  // accessor on the prototype, so constructing a context costs no AbortController (~2 µs). `signal`
  // is reachable as a property and with `in`, but not an own key: forwarding a context with extra
  // fields means copying it explicitly.
  it("signal is a prototype accessor: readable, in the object, not an own key", () => {
    const ctx = lazyContext("r", "s", 2, 5);
    expect(Object.keys(ctx).sort()).toEqual(["attempt", "iteration", "runId", "stepId"]);
    expect("signal" in ctx).toBe(true);
    expect(ctx).toMatchObject({
      signal: expect.any(AbortSignal),
      runId: "r",
      stepId: "s",
      attempt: 2,
    });
  });

  it("forwarding with extra fields keeps the signal when it is copied explicitly", () => {
    const ctx = lazyContext("r", "s", 1, 0);
    const copy = { ...ctx, signal: ctx.signal, extra: true };
    expect(copy.signal).toBe(ctx.signal);
    expect({ ...ctx }).not.toHaveProperty("signal");
  });

  describe("AbortController creation", () => {
    let created = 0;
    beforeEach(() => {
      created = 0;
      const Real = globalThis.AbortController;
      vi.stubGlobal(
        "AbortController",
        class extends Real {
          constructor() {
            super();
            created++;
          }
        },
      );
    });
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it("happens only when signal is read, once per context", () => {
      const ctx = lazyContext("r", "s", 1, undefined);
      void ctx.runId;
      void Object.keys(ctx);
      expect(created).toBe(0);
      void ctx.signal;
      void ctx.signal;
      expect(created).toBe(1);
      void lazyContext("r", "s", 1, undefined).signal;
      expect(created).toBe(2);
    });
  });
});
