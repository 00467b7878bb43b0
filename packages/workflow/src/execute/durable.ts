// [EXT §13.6, §13.9] Durable runs: checkpoints, replay of earlier segments' records, and the resume position.
import type { CompiledStep } from "../compile/plan.js";
import type { Checkpoint, IterationResult } from "../model/durable.js";
import { setOwn } from "../model/objects.js";
import type { RunLog } from "../model/run-log.js";
import type { DurableState } from "./durable-state.js";
import { errorMessage } from "./failure.js";
import type { Outcome } from "./finish.js";
import { setStepOutput, type RunState } from "./state.js";

/** Writes a checkpoint when the host asked for them; a failing sink fails the run (§13.9.9). */
export function writeCheckpoint(state: RunState, final?: RunLog): Promise<void> {
  const durable = state.durable;
  if (durable?.onCheckpoint === undefined) return Promise.resolve();
  const sink = durable.onCheckpoint;
  const checkpoint = snapshot(state, durable, final);
  const written = durable.chain.then(() => sink(checkpoint));
  durable.chain = written.catch(() => {});
  return written.catch((error: unknown) => {
    // A child's sink fails with its parent's CheckpointError: keep the one message up the tree.
    const message =
      error instanceof CheckpointError
        ? error.message
        : `Checkpoint failed: ${errorMessage(error)}`;
    state.ending ??= { kind: "halt", message };
    throw new CheckpointError(message);
  });
}

/** A rejected or throwing `onCheckpoint`: the run fails in phase execute with this message. */
export class CheckpointError extends Error {
  readonly code = "CHECKPOINT_FAILED";
}

function snapshot(state: RunState, durable: DurableState, final: RunLog | undefined): Checkpoint {
  const iterations: Record<string, Record<string, IterationResult>> = {};
  for (const [id, results] of durable.iterations) {
    const byIndex: Record<string, IterationResult> = {};
    for (const [index, result] of results) byIndex[String(index)] = result;
    setOwn(iterations, id, byIndex);
  }
  const checkpoint: Checkpoint = {
    runId: state.runId,
    workflow: state.workflowName,
    workflow_hash: durable.workflowHash,
    inputs: state.scope.inputs,
    started_at: durable.startedAt,
    segment: durable.segment,
    records: state.records.slice(),
    iterations,
    position: durable.position === null ? null : { path: durable.position.slice() },
  };
  if (durable.pending.length > 0) checkpoint.pending = durable.pending.slice();
  if (durable.children.size > 0) {
    const children: Record<string, Checkpoint> = {};
    for (const [id, child] of durable.children) setOwn(children, id, child);
    checkpoint.children = children;
  }
  if (final !== undefined) checkpoint.final = final;
  return checkpoint;
}

/** The next step after `step` in its sequence (top level or a branch), as a path; `null` at the end. */
export function positionAfter(state: RunState, step: CompiledStep): string[] | null {
  const durable = state.durable!;
  const parents = durable.stack;
  const parentId = parents.at(-1);
  const parent = parentId === undefined ? undefined : state.plan.byId.get(parentId);
  let siblings: readonly string[];
  if (parent?.executor.type === "conditional") {
    siblings = parent.executor.then.includes(step.id)
      ? parent.executor.then
      : (parent.executor.else ?? []);
  } else siblings = state.plan.topLevel.map((s) => s.id);
  const next = siblings[siblings.indexOf(step.id) + 1];
  if (next !== undefined) return [...parents, next];
  return parents.length > 0 ? parents.slice() : null;
}

/**
 * Replays a step that has a record from an earlier segment (§13.6): its record and output come back,
 * nothing runs and no event is emitted. Returns undefined when the step has no record to replay.
 */
export function replayStep(state: RunState, step: CompiledStep): Outcome | undefined {
  const list = state.durable!.restored.get(step.id);
  const record = list?.shift();
  if (record === undefined) return undefined;
  state.records.push(record);
  state.recorded.add(step.id);
  setStepOutput(
    state,
    step.id,
    Object.hasOwn(record, "output") ? record.output : null,
    record.status,
    record.error ?? null,
  );
  const executor = step.executor;
  if (executor.type === "conditional") {
    // Its branch ran after it: those records follow it in the log.
    for (const id of [...executor.then, ...(executor.else ?? [])]) {
      const target = state.plan.byId.get(id);
      if (target && state.durable!.restored.get(id)?.length) replayStep(state, target);
    }
  }
  if (record.status === "failed" && step.onError === "fail") {
    state.ending ??= { kind: "halt", message: record.error ?? "" };
    return "halt";
  }
  if (record.status === "success" && executor.type === "exit") {
    state.ending ??= {
      kind: "exit",
      stepId: step.id,
      status: executor.status,
      output: record.output,
    };
    return "exit";
  }
  return "continue";
}

/**
 * [EXT §13.6] Forgets the child checkpoints of a step that got its record: its finished child runs
 * are in the record's `runs`. `base` is `<runId>/<step id>`; attempts and iterations extend it.
 */
export function dropChildren(durable: DurableState, base: string): void {
  for (const id of durable.children.keys()) {
    if (id === base || id.startsWith(`${base}/`) || id.startsWith(`${base}#`)) {
      durable.children.delete(id);
    }
  }
}
