// improveSkill: evaluate, show a model the failures of half the cases, keep its revision only if it
// wins on the other half; within rounds and a cost budget that is always enforced.
import { candidateFolder, candidateProblem, extractSkillText, lengthLimit } from "./candidate.js";
import { compareHalf, scoreHalf, type HalfComparison } from "./compare.js";
import { unifiedDiff } from "./diff.js";
import { ImproveError } from "./errors.js";
import { shownFailures } from "./failures.js";
import { guardedProposal } from "./_proposal.js";
import { Session, type VersionEvaluation } from "./_session.js";
import { checkSkill } from "./guard.js";
import { seededSplit } from "./split.js";
import type { ImproveOptions, ImproveResult, ImproveRound, StopReason } from "./types.js";

const fmt = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(0)}%`;

/** One line on a comparison: the verdict, the difference and its interval, the p-value. */
export function describeComparison(c: HalfComparison): string {
  const { comparison: d } = c;
  return `${c.model}: ${c.verdict} (${fmt(d.meanDifference)}, 95% interval ${fmt(d.bootstrap.low)} to ${fmt(d.bootstrap.high)}, sign test p=${d.signTest.pValue.toPrecision(2)}, ${d.cases} cases)`;
}

/** Kept only when every model's held-out verdict is "helps"; otherwise why not. */
function decide(
  shown: HalfComparison[],
  heldOut: HalfComparison[],
): { kept: boolean; reason: string } {
  if (heldOut.every((c) => c.verdict === "helps"))
    return {
      kept: true,
      reason: `better on the held-out cases: ${heldOut.map(describeComparison).join("; ")}`,
    };
  const onlySeen = shown.some((c) => c.verdict === "helps");
  return {
    kept: false,
    reason: `${onlySeen ? "better only on the cases it was shown; " : ""}not better on the held-out cases: ${heldOut.map(describeComparison).join("; ")}`,
  };
}

/**
 * The improvement loop. Refuses before spending anything (ImproveError) when the skill is shadowed
 * by a namesake, is not the suite's skill, has fewer than two cases, or a model has no price.
 * Never writes the skill: the result holds the best candidate (if any) and its diff.
 */
export async function improveSkill(options: ImproveOptions): Promise<ImproveResult> {
  const { text: original, warnings } = await checkSkill(
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
  const rounds = Math.max(1, options.rounds ?? 3);
  const alpha = 0.05 / rounds;
  const names = session.models.map((m) => m.name);
  const prompts = new Map(options.suite.cases.map((c) => [c.id, c.prompt]));
  const result: ImproveResult = {
    skill: options.suite.skillName,
    seed,
    split,
    alpha,
    original,
    before: { shown: [], heldOut: [] },
    rounds: [],
    stopped: "rounds",
    stopReason: "",
    cost: session.cost(),
    warnings,
  };
  const stop = (why: StopReason, reason: string) => {
    result.stopped = why;
    result.stopReason = reason;
    result.cost = session.cost();
    return result;
  };
  const first = await session.evaluate(options.skillDir, 0, "current version");
  result.before = {
    shown: scoreHalf(first.trials, names, split.shown),
    heldOut: scoreHalf(first.trials, names, split.heldOut),
  };
  if (first.cutShort)
    return stop("budget", "the budget ran out while evaluating the current version");
  const trialCost =
    (session.budget.byRole.evaluation + session.budget.byRole.judge) /
    Math.max(1, first.trials.length);
  let current = { text: original, evaluation: first };
  let feedback: string | undefined;
  let best: { round: number; text: string; evaluation: VersionEvaluation } | undefined;
  for (let round = 1; round <= rounds; round++) {
    if (options.signal?.aborted) return stop("aborted", "aborted");
    const spentBefore = session.budget.spentUsd;
    const entry = (r: Omit<ImproveRound, "round" | "limit" | "costUsd">): ImproveRound => ({
      round,
      limit: lengthLimit(current.text.length),
      costUsd: session.budget.spentUsd - spentBefore,
      ...r,
    });
    const failures = shownFailures(
      current.evaluation.trials,
      current.evaluation.transcripts,
      split.shown,
      prompts,
    );
    if (failures.length === 0)
      return finish(
        stop("no-failures", "no trial failed on the shown cases: nothing to learn from"),
      );
    options.onProgress?.({
      phase: "propose",
      round,
      label: `asking ${session.proposer.name} for a revision`,
    });
    const proposal = await guardedProposal(session, current.text, failures, feedback);
    if (proposal.kind === "budget") {
      result.rounds.push(entry({ outcome: "budget", reason: proposal.reason }));
      return finish(stop("budget", proposal.reason));
    }
    if (proposal.kind === "failed") {
      result.rounds.push(entry({ outcome: "proposer-failed", reason: proposal.reason }));
      return finish(stop("proposer-failed", proposal.reason));
    }
    const text = extractSkillText(proposal.answer);
    const problem =
      text === undefined
        ? {
            code: "NO_SKILL_TEXT" as const,
            message: "the answer holds no SKILL.md between <skill_md> tags",
          }
        : candidateProblem(text, current.text, options.suite.skillName);
    if (problem || text === undefined) {
      feedback = problem?.message;
      result.rounds.push(
        entry({
          outcome: "invalid",
          reason: problem!.message,
          problem: problem!,
          ...(text ? { chars: text.length } : {}),
        }),
      );
      continue;
    }
    const estimate = trialCost * current.evaluation.trials.length;
    if (!session.budget.affords(estimate)) {
      const reason = `evaluating the candidate (about $${estimate.toFixed(4)}) would pass the budget ($${session.budget.remainingUsd.toFixed(4)} left)`;
      result.rounds.push(
        entry({
          outcome: "budget",
          reason,
          chars: text.length,
          diff: unifiedDiff(current.text, text),
        }),
      );
      return finish(stop("budget", reason));
    }
    const folder = await session.folder();
    const dir = await candidateFolder(options.skillDir, folder.root, folder.label, text);
    const evaluation = await session.evaluate(dir, round, `candidate ${round}`);
    const shown = compareHalf(
      current.evaluation.trials,
      evaluation.trials,
      names,
      split.shown,
      alpha,
    );
    const heldOut = compareHalf(
      current.evaluation.trials,
      evaluation.trials,
      names,
      split.heldOut,
      alpha,
    );
    const diff = unifiedDiff(current.text, text);
    if (evaluation.cutShort) {
      const reason = "the budget ran out while evaluating the candidate: not kept";
      result.rounds.push(
        entry({ outcome: "budget", reason, chars: text.length, shown, heldOut, diff }),
      );
      return finish(stop("budget", reason));
    }
    const call = decide(shown, heldOut);
    result.rounds.push(
      entry({
        outcome: call.kept ? "kept" : "refused",
        reason: call.reason,
        chars: text.length,
        shown,
        heldOut,
        diff,
      }),
    );
    feedback = call.kept ? undefined : call.reason;
    if (call.kept) {
      current = { text, evaluation };
      best = { round, text, evaluation };
    }
  }
  return finish(stop("rounds", `${rounds} round(s) done`));

  function finish(done: ImproveResult): ImproveResult {
    if (best)
      done.best = {
        round: best.round,
        text: best.text,
        diff: unifiedDiff(original, best.text),
        shown: compareHalf(first.trials, best.evaluation.trials, names, split.shown, alpha),
        heldOut: compareHalf(first.trials, best.evaluation.trials, names, split.heldOut, alpha),
      };
    return done;
  }
}
