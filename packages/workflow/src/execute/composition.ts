// [EXT §13.5] What a run knows about its sub-workflows: resolved child plans and the runner of a child.
import type { Plan } from "../compile/plan.js";
import type { ParentRun, RunLog } from "../model/run-log.js";
import type { DurableOptions } from "./durable-state.js";

/** A resolved, validated and compiled child document, with its own children (by step id). */
export interface ChildWorkflow {
  /** The `workflow:` reference as written. */
  readonly ref: string;
  /** The child's workflow name (its frontmatter name, else the reference). */
  readonly name: string;
  readonly plan: Plan;
  readonly children: ChildTable;
  /** The child document's text: its `workflow_hash` (§13.9.8) in child checkpoints. */
  readonly content: string;
}

/** The children of one document's `workflow` steps, by step id. */
export type ChildTable = ReadonlyMap<string, ChildWorkflow>;

/** One child run to start. */
export interface ChildRequest {
  child: ChildWorkflow;
  /** `<parent runId>/<step id>[/<iteration>][#<attempt>]` (§13.9.5). */
  runId: string;
  /** The step's resolved inputs, bound to the child's declared inputs by the runner. */
  inputs: Record<string, unknown>;
  /**
   * Aborts on the parent's cancellation and on the step timeout; undefined when neither can happen,
   * so the child keeps the fast, uncancellable tool path.
   */
  signal: AbortSignal | undefined;
  parent: ParentRun;
  /** [EXT §13.4, §13.6] Set when the parent is durable: the child's keys, decisions and checkpoint sink. */
  durable?: DurableOptions | undefined;
}

/**
 * The sub-workflows of a run and how to run one. The runner (supplied by the runtime layer) binds
 * inputs and calls the same `execute` with the child's own state, so a child run is a run like any
 * other (and can later suspend and checkpoint like one). It never rejects.
 */
export interface Composition {
  readonly children: ChildTable;
  run(request: ChildRequest): Promise<RunLog>;
}

/** [EXT §13.4] Whether any document of the tree under `children` has an approval step. */
export function treeHasApprovals(children: ChildTable, seen = new Set<ChildWorkflow>()): boolean {
  for (const child of children.values()) {
    if (seen.has(child)) continue;
    seen.add(child);
    if (child.plan.hasApprovals || treeHasApprovals(child.children, seen)) return true;
  }
  return false;
}
