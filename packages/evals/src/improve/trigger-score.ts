// Scores of a description on a set of trigger sentences: the agent's activations and our router.
import type { TriggerCase } from "../eval/triggers.js";

/** How a description did on some sentences, over every trial of every model. */
export interface TriggerScores {
  /** Should-trigger trials in which the agent activated the skill. */
  recall: number;
  /** Should-not-trigger trials in which it did not. */
  specificity: number;
  /** Activations that were right. */
  precision: number;
  /** (recall + specificity) / 2: what descriptions are ranked by (balanced, so neither side dominates). */
  score: number;
  /** The same for our router (one decision per sentence). */
  routing: { recall: number; specificity: number };
  trials: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** The scores of `cases` (of one or more models) on the sentences `tasks`. */
export function triggerScores(
  cases: readonly TriggerCase[],
  tasks: ReadonlySet<string>,
): TriggerScores {
  const mine = cases.filter((c) => tasks.has(c.task));
  const trials = mine.flatMap((c) => c.activated.map((got) => ({ want: c.shouldTrigger, got })));
  const count = (want: boolean, got: boolean) =>
    trials.filter((t) => t.want === want && t.got === got).length;
  const recall = ratio(count(true, true), count(true, true) + count(true, false));
  const specificity = ratio(count(false, false), count(false, false) + count(false, true));
  const routed = (want: boolean, got: boolean) =>
    mine.filter((c) => c.shouldTrigger === want && c.routed === got).length;
  return {
    recall,
    specificity,
    precision: ratio(count(true, true), count(true, true) + count(false, true)),
    score: (recall + specificity) / 2,
    routing: {
      recall: ratio(routed(true, true), routed(true, true) + routed(true, false)),
      specificity: ratio(routed(false, false), routed(false, false) + routed(false, true)),
    },
    trials: trials.length,
  };
}

/** The train sentences the agent got wrong in most trials: the proposer's material. */
export function misses(cases: readonly TriggerCase[], tasks: ReadonlySet<string>) {
  const wrong = (c: TriggerCase) =>
    c.activated.filter((got) => got !== c.shouldTrigger).length * 2 > c.activated.length;
  const mine = cases.filter((c) => tasks.has(c.task) && wrong(c));
  return {
    missed: [...new Set(mine.filter((c) => c.shouldTrigger).map((c) => c.task))],
    falseAlarms: [...new Set(mine.filter((c) => !c.shouldTrigger).map((c) => c.task))],
  };
}
