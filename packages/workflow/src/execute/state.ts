// The one run context: plan, adapter, services, event sink, scope, records and cancellation.
import type { Plan } from "../compile/plan.js";
import type { ToolAdapter } from "../model/adapter.js";
import type {
  RuntimeContext,
  RuntimeEvent,
  RuntimeEventBody,
  StepRecord,
  StepScope,
} from "../model/run-log.js";
import type { DurableState } from "./durable-state.js";
import type { RuntimeServices } from "../model/services.js";
import { setOwn } from "../model/objects.js";
import type { Composition } from "./composition.js";

/** Everything a running workflow needs; passed to every executor instead of long parameter lists. */
export interface RunState {
  readonly plan: Plan;
  readonly adapter: ToolAdapter;
  readonly services: RuntimeServices;
  readonly runId: string;
  readonly workflowName: string;
  /** Run-level cancellation; `NEVER_ABORTED` when the caller gave no signal. */
  readonly signal: AbortSignal;
  /** Whether the caller gave a signal (enables the cancellation race). */
  readonly cancellable: boolean;
  /** Whether declared types are enforced (§12 D1). */
  readonly typeCheck: boolean;
  /** [EXT] Whether failed `each` records list their failed iterations (`iteration_errors`). */
  readonly iterationErrors: boolean;
  readonly scope: RuntimeContext;
  readonly records: StepRecord[];
  /** Ids that received at least one record (for skip accounting). */
  readonly recorded: Set<string>;
  emit(event: RuntimeEventBody): void;
  /** [EXT §13] Checkpoint, resume and approval state; undefined when the host uses none of §13. */
  readonly durable: DurableState | undefined;
  /** How the run ended early: an exit fired, a step halted it, or it was cancelled. First writer wins. */
  ending: Ending | undefined;
  /** [EXT §13.5] The resolved children of `workflow` steps and how to run one; undefined without any. */
  readonly compose?: Composition | undefined;
  /** Steps and iterations started so far; paces turns given back to the event loop (`pace`). */
  work: number;
}

/** Why the top-level sequence stopped before its end. */
export type Ending =
  | { kind: "exit"; stepId: string; status: "success" | "failed"; output: unknown }
  | { kind: "halt"; message: string }
  | { kind: "cancelled" }
  /** [EXT §13.4] An approval is waiting: the segment ends `waiting`. */
  | { kind: "suspend" };

/**
 * Stores `$steps.<id>` (`output`, and the §13.3 `status` / `error`) as one object, without ever
 * touching the prototype (ids are untrusted).
 */
export function setStepOutput(
  state: RunState,
  id: string,
  output: unknown,
  status: NonNullable<StepScope["status"]> = "success",
  error: string | null = null,
): void {
  setOwn(state.scope.steps, id, { output, status, error });
}

/** Reads `$steps.<id>.output` (own entries only). */
export function getStepOutput(state: RunState, id: string): unknown {
  return Object.hasOwn(state.scope.steps, id) ? state.scope.steps[id]?.output : undefined;
}

/** A signal that never aborts, shared by runs without a caller signal. */
export const NEVER_ABORTED: AbortSignal = new AbortController().signal;

/**
 * Wraps a host callback so exceptions it throws never reach the run (§6.9, K14).
 */
export function safeEmitter(
  onEvent: ((event: RuntimeEvent) => void) | undefined,
): (event: RuntimeEvent) => void {
  if (!onEvent) return () => {};
  return (event) => {
    try {
      onEvent(event);
    } catch {
      // A failing observer must not change the run.
    }
  };
}

/**
 * [EXT §13.5] The executor's emitter: stamps each event with its run's id (a child run's own id for
 * its events), then delivers it. Events are fresh objects, so adding the field copies nothing.
 */
export function stampRunId(
  deliver: (event: RuntimeEvent) => void,
  runId: string,
): (event: RuntimeEventBody) => void {
  return (event) => {
    (event as RuntimeEvent).runId = runId;
    deliver(event as RuntimeEvent);
  };
}
