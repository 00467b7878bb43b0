// One tool attempt: invoke through the adapter, bounded by the step timeout and the run's cancellation.
import type { CompiledStep } from "../compile/plan.js";
import type { ToolInvocationContext, ToolResult, ToolUsage } from "../model/adapter.js";
import type { RunLog } from "../model/run-log.js";
import { readUsage } from "./usage.js";
import { CANCELLED, errorMessage, type StepFailure } from "./failure.js";
import type { RunState } from "./state.js";

/**
 * The outcome of one attempt. `usage` is what the tool reported for this attempt [EXT], also on
 * failure; `run` is the child's log of a `workflow` step's attempt [EXT §13.5].
 */
export type AttemptResult =
  | { ok: true; output: unknown; usage?: ToolUsage | undefined; run?: RunLog | undefined }
  | { ok: false; failure: StepFailure; usage?: ToolUsage | undefined; run?: RunLog | undefined };

/** Which attempt of which step (and iteration) is being made. */
export interface AttemptSpec {
  step: CompiledStep;
  tool: string;
  args: Record<string, unknown>;
  attempt: number;
  iteration: number | undefined;
}

/**
 * Reads a ToolResult: `error` → a tool failure, retriable unless `retryable: false` (§13.2), with the
 * tool's `retryAfterMs` hint; null/undefined → non-retriable failure.
 */
export function fromToolResult(tool: string, result: ToolResult | null | undefined): AttemptResult {
  try {
    return readToolResult(tool, result);
  } catch (error) {
    // A result whose fields throw when read (getters, proxies) is a failure of the call, never a crash.
    return fromThrown(tool, error);
  }
}

function readToolResult(tool: string, result: ToolResult | null | undefined): AttemptResult {
  if (result === null || typeof result !== "object") {
    return {
      ok: false,
      failure: { message: `Tool "${tool}" returned no result`, retriable: false },
    };
  }
  const usage = result.usage === undefined ? undefined : readUsage(result.usage);
  if (result.error) {
    const failure = toolFailure(tool, String(result.error), result.retryable, result.retryAfterMs);
    return { ok: false, failure, usage };
  }
  return { ok: true, output: result.output, usage };
}

/** A tool failure; `retryable` and `retryAfterMs` are the tool's own (anything malformed is ignored). */
function toolFailure(
  tool: string,
  message: string,
  retryable: unknown,
  retryAfterMs: unknown,
): StepFailure {
  const failure: StepFailure = { message, retriable: retryable !== false, tool };
  if (typeof retryAfterMs === "number" && retryAfterMs > 0 && Number.isFinite(retryAfterMs)) {
    failure.retryAfterMs = retryAfterMs;
  }
  return failure;
}

/** An own property of a thrown value (enumerable or not); inherited ones never count (§13.9.14). */
function ownProperty(error: unknown, key: string): unknown {
  if (error === null || (typeof error !== "object" && typeof error !== "function"))
    return undefined;
  return Object.hasOwn(error, key) ? (error as Record<string, unknown>)[key] : undefined;
}

/**
 * A thrown or rejected `invoke` (§12 D3): retriable, prefixed like any tool failure — unless the
 * thrown value's own `retryable` is `false` (§13.2); its own `retryAfterMs` is the wait hint.
 */
export function fromThrown(tool: string, error: unknown): AttemptResult {
  try {
    const failure = toolFailure(
      tool,
      errorMessage(error),
      ownProperty(error, "retryable"),
      ownProperty(error, "retryAfterMs"),
    );
    return { ok: false, failure };
  } catch {
    // A getter or proxy trap that throws: still a plain, retriable tool failure.
    return { ok: false, failure: { message: errorMessage(error), retriable: true, tool } };
  }
}

function contextFor(
  state: RunState,
  spec: AttemptSpec,
  signal: AbortSignal,
): ToolInvocationContext {
  const context: ToolInvocationContext = {
    signal,
    runId: state.runId,
    stepId: spec.step.id,
    attempt: spec.attempt,
  };
  if (spec.iteration !== undefined) context.iteration = spec.iteration;
  context.idempotencyKey = idempotencyKey(state.runId, spec.step.id, spec.iteration);
  return context;
}

/**
 * The context of an attempt that can never be aborted (no timeout, no caller signal). Each attempt still
 * gets its own signal (§10.4), but an AbortController costs ~2 µs, so it is created on first read of
 * `signal` — an accessor on the prototype, which keeps construction as cheap as a plain object. The
 * accessor is not an own property: to forward the context with extra fields, copy it explicitly
 * (`{ ...context, signal: context.signal }`).
 */
class LazyContext implements ToolInvocationContext {
  readonly runId: string;
  readonly stepId: string;
  readonly attempt: number;
  declare readonly iteration?: number;
  #controller: AbortController | undefined;

  constructor(runId: string, stepId: string, attempt: number, iteration: number | undefined) {
    this.runId = runId;
    this.stepId = stepId;
    this.attempt = attempt;
    if (iteration !== undefined) (this as { iteration?: number }).iteration = iteration;
  }

  get signal(): AbortSignal {
    this.#controller ??= new AbortController();
    return this.#controller.signal;
  }

  /** Built on first read, like `signal`, so the hot path pays nothing for it. */
  get idempotencyKey(): string {
    return idempotencyKey(this.runId, this.stepId, this.iteration);
  }
}

/** [EXT §13.6] `<runId>:<stepId>` plus `:<iteration>` for `each` steps. */
export function idempotencyKey(
  runId: string,
  stepId: string,
  iteration: number | undefined,
): string {
  return iteration === undefined ? `${runId}:${stepId}` : `${runId}:${stepId}:${iteration}`;
}

/** A context for an attempt that cannot be aborted; its signal is created only if read. */
export function lazyContext(
  runId: string,
  stepId: string,
  attempt: number,
  iteration: number | undefined,
): ToolInvocationContext {
  return new LazyContext(runId, stepId, attempt, iteration);
}

/** Fast path: no timeout and no caller signal — just await the adapter. */
async function invokePlain(state: RunState, spec: AttemptSpec): Promise<AttemptResult> {
  try {
    const result = await state.adapter.invoke(
      spec.tool,
      spec.args,
      lazyContext(state.runId, spec.step.id, spec.attempt, spec.iteration),
    );
    return fromToolResult(spec.tool, result);
  } catch (error) {
    return fromThrown(spec.tool, error);
  }
}

/** Guarded path: races the adapter against the timeout and the run's cancellation, without leaking listeners. */
function invokeGuarded(
  state: RunState,
  spec: AttemptSpec,
  timeoutMs: number | undefined,
): Promise<AttemptResult> {
  return new Promise<AttemptResult>((resolve) => {
    const attempt = new AbortController();
    const timer = timeoutMs === undefined ? undefined : new AbortController();
    let settled = false;
    const onRunAbort = (): void => {
      attempt.abort(state.signal.reason);
      finish({ ok: false, failure: CANCELLED });
    };
    const finish = (result: AttemptResult): void => {
      if (settled) return;
      settled = true;
      if (state.cancellable) state.signal.removeEventListener("abort", onRunAbort);
      timer?.abort();
      resolve(result);
    };
    if (state.cancellable) state.signal.addEventListener("abort", onRunAbort, { once: true });
    if (timeoutMs !== undefined && timer) {
      void state.services.sleep(timeoutMs, timer.signal).then(() => {
        if (settled) return;
        const message = `Timed out after ${timeoutMs}ms`;
        attempt.abort(new DOMException(message, "TimeoutError"));
        finish({ ok: false, failure: { message, retriable: true, tool: spec.tool } });
      });
    }
    let pending: Promise<ToolResult>;
    try {
      pending = Promise.resolve(
        state.adapter.invoke(spec.tool, spec.args, contextFor(state, spec, attempt.signal)),
      );
    } catch (error) {
      finish(fromThrown(spec.tool, error));
      return;
    }
    pending.then(
      (result) => finish(fromToolResult(spec.tool, result)),
      (error: unknown) => finish(fromThrown(spec.tool, error)),
    );
  });
}

/** A tool step whose single attempt can neither time out nor be cancelled (no retry, timeout or run signal). */
export function isPlainTool(state: RunState, step: CompiledStep): boolean {
  return step.retry === undefined && step.timeoutMs === undefined && !state.cancellable;
}

/** Makes one attempt of a tool call (§3.5, §10.3, §10.4, §10.5). */
export function invokeTool(state: RunState, spec: AttemptSpec): Promise<AttemptResult> {
  if (state.signal.aborted) return Promise.resolve({ ok: false, failure: CANCELLED });
  const timeoutMs = spec.step.timeoutMs;
  if (timeoutMs === undefined && !state.cancellable) return invokePlain(state, spec);
  return invokeGuarded(state, spec, timeoutMs);
}
