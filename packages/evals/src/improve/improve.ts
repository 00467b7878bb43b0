// improveSkill: evaluate, show a model the failures of half the cases, keep its revision only if it
// wins on the other half; within rounds and a cost budget that is always enforced.
import { compareHalf, scoreHalf } from "./compare.js";
import { unifiedDiff } from "./diff.js";
import { ImproveError } from "./errors.js";
import {
  improveRound,
  roundLimit,
  type CurrentVersion,
  type RoundContext,
} from "./_improve-round.js";
import { Session } from "./_session.js";
import { checkSkill } from "./guard.js";
import { seededSplit } from "./split.js";
import type { ImproveOptions, ImproveResult, StopReason } from "./types.js";

export { describeComparison } from "./_improve-round.js";

/** The guards (nothing spent yet), the split and the result skeleton. */
async function start(options: ImproveOptions) {
  const { text, warnings } = await checkSkill(
    options.skillDir,
    options.suite.skillName,
    options.host?.skills,
  );
  const ids = options.suite.cases.map((c) => c.id);
  if (ids.length < 2)
    throw new ImproveError(
      "NO_CASES",
      `the suite has ${ids.length} case(s): at least 2 are needed to hold some out (6 or more per half for a verdict)`,
    );
  const session = new Session(options);
  const seed = options.seed ?? 1;
  const split = seededSplit(ids, seed, 0.5);
  const alpha = 0.05 / Math.max(1, options.rounds ?? 3);
  const result: ImproveResult = {
    skill: options.suite.skillName,
    seed,
    split,
    alpha,
    original: text,
    before: { shown: [], heldOut: [] },
    rounds: [],
    stopped: "rounds",
    stopReason: "",
    cost: session.cost(),
    warnings,
  };
  return { session, split, alpha, result };
}

/**
 * The improvement loop. Refuses before spending anything (ImproveError) when the skill is shadowed
 * by a namesake, is not the suite's skill, has fewer than two cases, or a model has no price.
 * Never writes the skill: the result holds the best candidate (if any) and its diff.
 */
export async function improveSkill(options: ImproveOptions): Promise<ImproveResult> {
  const started = await start(options);
  try {
    return await loop(options, started);
  } finally {
    await started.session.cleanup();
  }
}

async function loop(
  options: ImproveOptions,
  { session, split, alpha, result }: Awaited<ReturnType<typeof start>>,
): Promise<ImproveResult> {
  const names = session.models.map((m) => m.name);
  const stop = (why: StopReason, reason: string) =>
    Object.assign(result, { stopped: why, stopReason: reason, cost: session.cost() });
  const first = await session.evaluate(options.skillDir, 0, "current version");
  result.before = {
    shown: scoreHalf(first.trials, names, split.shown),
    heldOut: scoreHalf(first.trials, names, split.heldOut),
  };
  if (first.cutShort)
    return stop("budget", "the budget ran out while evaluating the current version");
  const ctx: RoundContext = {
    session,
    split,
    names,
    alpha,
    prompts: new Map(options.suite.cases.map((c) => [c.id, c.prompt])),
    trialCost:
      (session.budget.byRole.evaluation + session.budget.byRole.judge) /
      Math.max(1, first.trials.length),
  };
  let current: CurrentVersion = { text: result.original, evaluation: first };
  let feedback: string | undefined;
  const rounds = Math.max(1, options.rounds ?? 3);
  for (let round = 1; round <= rounds && !result.stopReason; round++) {
    if (options.signal?.aborted) stop("aborted", "aborted");
    else {
      const spent = session.budget.spentUsd;
      const limit = roundLimit(current);
      const outcome = await improveRound(ctx, round, current, feedback);
      if (outcome.entry)
        result.rounds.push({
          round,
          limit,
          costUsd: session.budget.spentUsd - spent,
          ...outcome.entry,
        });
      feedback = outcome.feedback;
      if (outcome.kept) {
        current = outcome.kept;
        result.best = {
          round,
          text: current.text,
          diff: unifiedDiff(result.original, current.text),
          shown: compareHalf(first.trials, current.evaluation.trials, names, split.shown, alpha),
          heldOut: compareHalf(
            first.trials,
            current.evaluation.trials,
            names,
            split.heldOut,
            alpha,
          ),
        };
      }
      if (outcome.stop) stop(outcome.stop.why, outcome.stop.reason);
    }
  }
  return result.stopReason ? result : stop("rounds", `${rounds} round(s) done`);
}
