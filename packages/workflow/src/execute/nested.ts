// [EXT §13.4, §13.6] Durable sub-workflows: a child's durable options, its suspension, and its restored runs.
import type { Checkpoint, PendingApproval } from "../model/durable.js";
import type { RunLog } from "../model/run-log.js";
import type { DurableOptions, DurableState } from "./durable-state.js";
import type { Outcome } from "./finish.js";
import { writeCheckpoint } from "./durable.js";
import type { RunState } from "./state.js";

/** A child run's id: `<parent runId>/<step id>`, `/<iteration>` for `each`, `#<attempt>` after the first (§13.9.5). */
export function childRunId(
  parentRunId: string,
  stepId: string,
  iteration: number | undefined,
  attempt: number,
): string {
  const base =
    iteration === undefined ? `${parentRunId}/${stepId}` : `${parentRunId}/${stepId}/${iteration}`;
  return attempt > 1 ? `${base}#${attempt}` : base;
}

/**
 * The durable options of a child run of a durable parent: approvals keyed under the parent step (and
 * iteration), the top run's decisions and `approve`, the child's checkpoint from the resumed segment,
 * and a sink that stores the child's checkpoint in the parent's and writes the parent's (§13.6).
 */
export function childDurable(
  state: RunState,
  stepId: string,
  iteration: number | undefined,
  runId: string,
): DurableOptions {
  const durable = state.durable!;
  const prefix =
    iteration === undefined
      ? [...durable.prefix, stepId]
      : [...durable.prefix, stepId, String(iteration)];
  const options: DurableOptions = {
    approve: durable.approve,
    resume: durable.children.get(runId),
    nested: {
      prefix,
      segment: durable.segment,
      waitingBefore: durable.waitingBefore,
      decisions: durable.decisions,
    },
  };
  if (durable.onCheckpoint !== undefined) {
    options.onCheckpoint = (checkpoint: Checkpoint) => {
      durable.children.set(runId, checkpoint);
      return writeCheckpoint(state);
    };
  }
  return options;
}

/** Suspends a step whose child run waits at `pending` approvals: no record, the run ends `waiting`. */
export function suspendStep(state: RunState, pending: readonly PendingApproval[]): Outcome {
  const durable = state.durable!;
  durable.pending.push(...pending);
  durable.position = durable.stack.slice();
  state.ending ??= { kind: "suspend" };
  return "waiting";
}

/**
 * The last child run log of an iteration finished in an earlier segment (its final checkpoint is
 * kept until the step has a record), so a resumed step's `runs` equal an uninterrupted run's.
 */
export function restoredRun(
  durable: DurableState,
  runId: string,
  stepId: string,
  index: number,
): RunLog | undefined {
  let found: RunLog | undefined;
  for (let attempt = 1; ; attempt++) {
    const checkpoint = durable.children.get(childRunId(runId, stepId, index, attempt));
    if (checkpoint === undefined) return found;
    found = checkpoint.final ?? found;
  }
}
