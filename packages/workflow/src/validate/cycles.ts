// V27: cycles in the step dependency graph built from `$steps` references (§5.2).
import type { Step } from "../model/schema.js";
import { isFull, report, type ValidateContext } from "./context.js";
import { extractStepReferences } from "./references.js";

/** A step's dependencies: references in string input values (key order), its guard, then `each`. */
function dependenciesOf(step: Step): Set<string> {
  const deps = new Set<string>();
  const add = (text: string): void => {
    for (const ref of extractStepReferences(text)) deps.add(ref);
  };
  for (const input of Object.values(step.inputs ?? {})) {
    if (typeof input.value === "string") add(input.value);
  }
  if (step.condition) add(step.condition);
  if (step.each) add(step.each);
  return deps;
}

/** Ids shown at each end of a cycle too long to print whole. */
const CYCLE_END_IDS = 20;

/**
 * The ids of the cycle `path[back…]` back to `dep`, joined with arrows. A cycle of thousands of
 * steps shows its two ends around a count, so that many long cycles cost linear time, not quadratic.
 */
function cycleText(path: readonly string[], back: number, dep: string): string {
  const length = path.length - back;
  if (length <= 2 * CYCLE_END_IDS) return [...path.slice(back), dep].join(" → ");
  const head = path.slice(back, back + CYCLE_END_IDS);
  const tail = path.slice(path.length - CYCLE_END_IDS);
  const omitted = `… (${length - 2 * CYCLE_END_IDS} more)`;
  return [...head, omitted, ...tail, dep].join(" → ");
}

/**
 * V27: depth-first search over steps in declaration order, following edges to existing steps only;
 * every edge back into the current path is one error `Cycle detected: a → b → a` at path `steps`.
 * Branch membership adds no edge. With duplicated ids the last declaration's edges are used.
 */
export function checkCycles(ctx: ValidateContext): void {
  const edges = new Map<string, Set<string>>();
  for (const step of ctx.steps) edges.set(step.id, dependenciesOf(step));
  const visited = new Set<string>();
  // Iterative DFS (a long chain of steps must not overflow the call stack); same visiting order
  // as the recursive formulation.
  const path: string[] = [];
  /** Position of each id on `path`: a back edge is found in O(1), not by scanning the path. */
  const onPath = new Map<string, number>();
  const frames: Iterator<string>[] = [];
  const enter = (id: string): void => {
    visited.add(id);
    onPath.set(id, path.length);
    path.push(id);
    frames.push((edges.get(id) ?? new Set<string>()).values());
  };

  for (const step of ctx.steps) {
    if (visited.has(step.id)) continue;
    enter(step.id);
    while (frames.length > 0) {
      const next = frames[frames.length - 1]?.next();
      if (next === undefined || next.done === true) {
        frames.pop();
        onPath.delete(path.pop() as string);
        continue;
      }
      const dep = next.value;
      if (!edges.has(dep)) continue;
      const back = onPath.get(dep);
      if (back !== undefined) {
        // Past the reporting limit only the fact that there is one more problem counts.
        const text = isFull(ctx) ? "" : cycleText(path, back, dep);
        report(ctx, "CYCLE", `Cycle detected: ${text}`, ["steps"]);
      } else if (!visited.has(dep)) {
        enter(dep);
      }
    }
  }
}
