// Test helpers for the execute layer: a small RunState built with compile() and the virtual clock.
import { MockToolAdapter } from "../../src/adapters/mock.js";
import { compile, type CompiledStep, type Plan } from "../../src/compile/plan.js";
import { NEVER_ABORTED, type RunState } from "../../src/execute/state.js";
import { ExpressionCache } from "../../src/expression/cache.js";
import type { ToolAdapter, ToolInvocationContext, ToolResult } from "../../src/model/adapter.js";
import type { RuntimeEvent } from "../../src/model/run-log.js";
import { parseWorkflowFromMd } from "../../src/parse/document.js";
import { createTestServices, type TestServices } from "../../src/testing/clock.js";

/** Virtual start time of every harness (createTestServices' default). */
export const START = Date.UTC(2026, 0, 1);

/** What a harness is built from besides the workflow YAML. */
export interface StateOptions {
  adapter?: ToolAdapter;
  /** A run signal; makes the state cancellable. */
  signal?: AbortSignal;
  typeCheck?: boolean;
  /** Record `iteration_errors` on failed each steps. */
  iterationErrors?: boolean;
  /** The run's random source (default: the test services' seeded one). */
  random?: () => number;
  inputs?: Record<string, unknown>;
}

/** A RunState plus the pieces tests inspect. */
export interface Harness {
  state: RunState;
  services: TestServices;
  events: RuntimeEvent[];
  /** The compiled step `id`. */
  step(id: string): CompiledStep;
}

/** Compiles bare workflow YAML with a fresh expression cache. */
export function planOf(yaml: string): Plan {
  return compile(parseWorkflowFromMd(yaml), new ExpressionCache());
}

/** A fresh RunState for `yaml`, with the virtual clock, run id `run-test` and an event log. */
export function buildState(yaml: string, options: StateOptions = {}): Harness {
  const plan = planOf(yaml);
  const services = createTestServices(options.random ? { random: options.random } : {});
  const events: RuntimeEvent[] = [];
  const state: RunState = {
    plan,
    adapter: options.adapter ?? new MockToolAdapter(),
    services,
    runId: "run-test",
    workflowName: "test",
    signal: options.signal ?? NEVER_ABORTED,
    cancellable: options.signal !== undefined,
    typeCheck: options.typeCheck ?? true,
    iterationErrors: options.iterationErrors ?? false,
    scope: { inputs: options.inputs ?? {}, steps: {} },
    records: [],
    recorded: new Set(),
    emit: (event) => events.push(event as RuntimeEvent),
    ending: undefined,
    work: 0,
    durable: undefined,
  };
  const step = (id: string): CompiledStep => {
    const found = plan.byId.get(id);
    if (!found) throw new Error(`no step "${id}"`);
    return found;
  };
  return { state, services, events, step };
}

/** One recorded `invoke` call. */
export interface Call {
  args: Record<string, unknown>;
  context: ToolInvocationContext;
  /** Virtual time of the call. */
  at: number;
}

/**
 * An adapter whose `invoke` is `handler`, recording every call with the virtual time it was made.
 * `has` is always true.
 */
export function recordingAdapter(
  services: () => TestServices,
  handler: (call: Call, n: number) => Promise<ToolResult> | ToolResult,
): { adapter: ToolAdapter; calls: Call[] } {
  const calls: Call[] = [];
  const adapter: ToolAdapter = {
    has: () => true,
    invoke: async (_name, args, context) => {
      const call: Call = { args, context: context!, at: services().now() };
      calls.push(call);
      return handler(call, calls.length);
    },
  };
  return { adapter, calls };
}

/** A promise with its settle functions exposed. */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending microtasks and immediates (the virtual clock's timers) run. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Bare YAML of one tool step `a` calling tool `t`, with extra step lines (already indented). */
export function toolDoc(...extra: string[]): string {
  return [
    "steps:",
    "  - id: a",
    "    type: tool",
    "    tool: t",
    ...extra.map((l) => `    ${l}`),
  ].join("\n");
}
