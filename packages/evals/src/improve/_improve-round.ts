// One round of the improvement loop: propose, check, evaluate, compare on both halves, decide.
import { candidateFolder, candidateProblem, extractSkillText, lengthLimit } from "./candidate.js";
import { compareHalf, type HalfComparison } from "./compare.js";
import { unifiedDiff } from "./diff.js";
import { shownFailures } from "./failures.js";
import { guardedProposal } from "./_proposal.js";
import type { Session, VersionEvaluation } from "./_session.js";
import type { Split } from "./split.js";
import type { ImproveRound, StopReason } from "./types.js";

const fmt = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(0)}%`;

/** One line on a comparison: the verdict, the difference and its interval, the p-value. */
export function describeComparison(c: HalfComparison): string {
  const { comparison: d } = c;
  return `${c.model}: ${c.verdict} (${fmt(d.meanDifference)}, 95% interval ${fmt(d.bootstrap.low)} to ${fmt(d.bootstrap.high)}, sign test p=${d.signTest.pValue.toPrecision(2)}, ${d.cases} cases)`;
}

/** Kept only when every model's held-out verdict is "helps"; otherwise why not. */
function decide(shown: HalfComparison[], heldOut: HalfComparison[]) {
  const held = heldOut.map(describeComparison).join("; ");
  if (heldOut.every((c) => c.verdict === "helps"))
    return { kept: true, reason: `better on the held-out cases: ${held}` };
  const onlySeen = shown.some((c) => c.verdict === "helps");
  return {
    kept: false,
    reason: `${onlySeen ? "better only on the cases it was shown; " : ""}not better on the held-out cases: ${held}`,
  };
}

/** The version a round starts from. */
export interface CurrentVersion {
  text: string;
  evaluation: VersionEvaluation;
}

/** What a round needs besides the current version. */
export interface RoundContext {
  session: Session;
  split: Split<string>;
  names: string[];
  alpha: number;
  prompts: ReadonlyMap<string, string>;
  /** The measured cost of one trial (evaluation and judge). */
  trialCost: number;
}

/** A round's report, and how the loop goes on: stop, or with a new current version. */
export interface RoundOutcome {
  entry?: Omit<ImproveRound, "round" | "limit" | "costUsd">;
  stop?: { why: StopReason; reason: string };
  kept?: CurrentVersion;
  /** What to tell the proposer next round. */
  feedback?: string;
}

/** Runs round `round` from `current`. */
export async function improveRound(
  ctx: RoundContext,
  round: number,
  current: CurrentVersion,
  feedback: string | undefined,
): Promise<RoundOutcome> {
  const { session, split, names, alpha } = ctx;
  const o = session.options;
  const failures = shownFailures(
    current.evaluation.trials,
    current.evaluation.transcripts,
    split.shown,
    ctx.prompts,
  );
  if (failures.length === 0)
    return {
      stop: {
        why: "no-failures",
        reason: "no trial failed on the shown cases: nothing to learn from",
      },
    };
  o.onProgress?.({
    phase: "propose",
    round,
    label: `asking ${session.proposer.name} for a revision`,
  });
  const proposal = await guardedProposal(session, current.text, failures, feedback);
  if (proposal.kind !== "answer") {
    const why = proposal.kind === "budget" ? "budget" : "proposer-failed";
    return {
      entry: { outcome: why, reason: proposal.reason },
      stop: { why, reason: proposal.reason },
    };
  }
  const text = extractSkillText(proposal.answer);
  const problem =
    text === undefined
      ? {
          code: "NO_SKILL_TEXT" as const,
          message: "the answer holds no SKILL.md between <skill_md> tags",
        }
      : candidateProblem(text, current.text, o.suite.skillName);
  const chars = text === undefined ? {} : { chars: text.length };
  if (problem || text === undefined)
    return {
      entry: { outcome: "invalid", reason: problem!.message, problem: problem!, ...chars },
      feedback: problem!.message,
    };
  const diff = unifiedDiff(current.text, text);
  const estimate = ctx.trialCost * current.evaluation.trials.length;
  if (!session.budget.affords(estimate)) {
    const reason = `evaluating the candidate (about $${estimate.toFixed(4)}) would pass the budget ($${session.budget.remainingUsd.toFixed(4)} left)`;
    return {
      entry: { outcome: "budget", reason, ...chars, diff },
      stop: { why: "budget", reason },
    };
  }
  const folder = await session.folder();
  const dir = await candidateFolder(o.skillDir, folder.root, folder.label, text);
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
  if (evaluation.cutShort) {
    const reason = "the budget ran out while evaluating the candidate: not kept";
    return {
      entry: { outcome: "budget", reason, ...chars, shown, heldOut, diff },
      stop: { why: "budget", reason },
    };
  }
  const call = decide(shown, heldOut);
  return {
    entry: {
      outcome: call.kept ? "kept" : "refused",
      reason: call.reason,
      ...chars,
      shown,
      heldOut,
      diff,
    },
    ...(call.kept ? { kept: { text, evaluation } } : { feedback: call.reason }),
  };
}

/** The length limit a round's proposal had to meet. */
export const roundLimit = (current: CurrentVersion): number => lengthLimit(current.text.length);
