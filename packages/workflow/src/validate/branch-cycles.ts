// Which conditionals lie on a cycle of branch lists (V30), for all of them in one linear pass.
import type { ConditionalStep } from "../model/schema.js";
import { branchList, type ValidateContext } from "./context.js";

/** The ids a conditional id branches to: the lists of its last declaration (what runs), else none. */
function successors(ctx: ValidateContext, id: string): readonly string[] {
  const target = ctx.steps[ctx.indexOf.get(id) ?? -1];
  if (target?.type !== "conditional") return [];
  return [...branchList(target.then), ...branchList(target.else)];
}

interface Frame {
  id: string;
  next: readonly string[];
  at: number;
}

/**
 * Ids of conditionals that can reach themselves through `then`/`else` (nested conditionals
 * included): the members of strongly connected components with more than one id, and ids that list
 * themselves. Tarjan's algorithm, iterative, so long chains neither recurse deeply nor cost
 * quadratic time (a search per conditional took a minute for 20 000 chained conditionals).
 */
export function conditionalsOnCycles(ctx: ValidateContext): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result = new Set<string>();
  const open = (id: string, frames: Frame[]): void => {
    index.set(id, index.size);
    low.set(id, index.get(id)!);
    stack.push(id);
    onStack.add(id);
    frames.push({ id, next: successors(ctx, id), at: 0 });
  };
  for (const step of ctx.steps) {
    if (step.type !== "conditional" || index.has(step.id)) continue;
    const frames: Frame[] = [];
    open(step.id, frames);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.at < frame.next.length) {
        const to = frame.next[frame.at++]!;
        if (to === frame.id) result.add(to);
        if (!index.has(to)) open(to, frames);
        else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      if (component.length > 1) for (const id of component) result.add(id);
    }
  }
  return result;
}

/**
 * Whether a conditional that is not its id's last declaration reaches its own id through its
 * lists (a search from it alone). Only such duplicates need it; they are already V14 errors, and
 * past the reporting limit the search is skipped.
 */
export function reachesOwnId(ctx: ValidateContext, start: ConditionalStep): boolean {
  const visited = new Set<string>();
  const pending = [...branchList(start.then), ...branchList(start.else)];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (id === start.id) return true;
    if (visited.has(id)) continue;
    visited.add(id);
    pending.push(...successors(ctx, id));
  }
  return false;
}
