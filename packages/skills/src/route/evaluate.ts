// Scores a router on a labelled set of tasks: top-1, top-3 and "no skill" recall and precision.
import type { Router } from "./router.js";

/** A task and the skill name that should answer it (null: no skill should). */
export interface LabelledTask {
  task: string;
  expected: string | null;
}

/** Accuracy on a labelled set; each rate is a fraction with its counts. */
export interface RoutingEvaluation {
  top1: { rate: number; hits: number; of: number };
  top3: { rate: number; hits: number; of: number };
  /** Recall: of the tasks no skill fits, the share answered "no skill". */
  noSkill: { rate: number; hits: number; of: number };
  /** Precision: of the tasks answered "no skill", the share that no skill fits. */
  noSkillPrecision: { rate: number; hits: number; of: number };
  /** Every task not answered at top-1 as labelled, with what the router said instead. */
  misses: { task: string; expected: string | null; got: string | null }[];
}

const rate = (hits: number, of: number) => ({ rate: of === 0 ? 1 : hits / of, hits, of });

/** Routes each task with `k: 3` and counts top-1, top-3 and "no skill" answers; use it to tune the router. */
export function evaluateRouter(router: Router, set: readonly LabelledTask[]): RoutingEvaluation {
  let top1 = 0;
  let top3 = 0;
  let rejected = 0;
  let refused = 0;
  const misses: RoutingEvaluation["misses"] = [];
  for (const { task, expected } of set) {
    const { matches } = router.route(task, { k: 3 });
    const got = matches[0]?.name ?? null;
    if (expected === null) {
      if (matches.length === 0) rejected++;
      else misses.push({ task, expected, got });
      continue;
    }
    if (matches.length === 0) refused++;
    if (got === expected) top1++;
    else misses.push({ task, expected, got });
    if (matches.some((m) => m.name === expected)) top3++;
  }
  const withSkill = set.filter((entry) => entry.expected !== null).length;
  return {
    top1: rate(top1, withSkill),
    top3: rate(top3, withSkill),
    noSkill: rate(rejected, set.length - withSkill),
    noSkillPrecision: rate(rejected, rejected + refused),
    misses,
  };
}
