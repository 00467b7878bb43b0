// V27: cycles in the step dependency graph built from `$steps` references (§5.2).
import type { Step } from "../model/schema.js";
import { report, type ValidateContext } from "./context.js";
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
  const frames: Iterator<string>[] = [];
  const enter = (id: string): void => {
    visited.add(id);
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
        path.pop();
        continue;
      }
      const dep = next.value;
      if (!edges.has(dep)) continue;
      const back = path.indexOf(dep);
      if (back !== -1) {
        const cycle = [...path.slice(back), dep];
        report(ctx, "CYCLE", `Cycle detected: ${cycle.join(" → ")}`, ["steps"]);
      } else if (!visited.has(dep)) {
        enter(dep);
      }
    }
  }
}
