// tuneDescription: propose descriptions from the training sentences the agent got wrong, keep the
// one that does best on held-out sentences, if better than the current one and taking no other
// skill's tasks; within rounds and a cost budget that is always enforced.
import { parseSkill } from "@skillflow/skills";
import type { TriggerCase } from "../eval/triggers.js";
import { unifiedDiff } from "./diff.js";
import { ImproveError } from "./errors.js";
import { checkSkill } from "./guard.js";
import { otherSkills } from "./_others.js";
import { Session } from "./_session.js";
import { seededSplit } from "./split.js";
import { TuneRun, type CurrentDescription } from "./_tune-run.js";
import { misses, triggerScores, type TriggerScores } from "./trigger-score.js";
import type { TuneCandidate, TuneOptions, TuneResult, TuneRound, TuneStop } from "./tune-types.js";

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

const empty = (): TriggerScores => ({
  recall: 0,
  specificity: 0,
  precision: 0,
  score: 0,
  routing: { recall: 0, specificity: 0 },
  trials: 0,
});

/** The run's split, other skills and result skeleton, after the guards (nothing spent yet). */
async function start(options: TuneOptions) {
  const name = options.suite.skillName;
  const { text, warnings } = await checkSkill(options.skillDir, name, options.host?.skills);
  const trigger = options.suite.trigger;
  if (!trigger || trigger.shouldTrigger.length < 2)
    throw new ImproveError(
      "NO_TRIGGERS",
      "the suite has no trigger set with 2 or more should_trigger sentences: add a trigger set to evals/evals.json (docs/evals.md)",
    );
  const session = new Session(options);
  const seed = options.seed ?? 1;
  const should = seededSplit(trigger.shouldTrigger, seed, 0.4);
  const shouldNot = seededSplit(trigger.shouldNotTrigger, seed + 1, 0.4);
  const others = await otherSkills(options.host, name);
  if (others.sentences.length === 0)
    warnings.push(
      "no other skill with trigger sentences or eval cases: nothing to check stealing against",
    );
  const sets = {
    train: new Set([...should.shown, ...shouldNot.shown]),
    heldOut: new Set([...should.heldOut, ...shouldNot.heldOut]),
  };
  const result: TuneResult = {
    skill: name,
    seed,
    split: {
      train: { shouldTrigger: should.shown, shouldNotTrigger: shouldNot.shown },
      heldOut: { shouldTrigger: should.heldOut, shouldNotTrigger: shouldNot.heldOut },
    },
    original: text,
    current: {
      description: parseSkill(text).frontmatter?.description ?? "",
      train: empty(),
      heldOut: empty(),
    },
    rounds: [],
    stopped: "rounds",
    stopReason: "",
    cost: session.cost(),
    warnings,
  };
  return { run: new TuneRun(session, options, trigger, sets, others), result };
}

/**
 * The best scored candidate that beats `current` on the held-out sentences and takes no other
 * skill's tasks (checked in order of held-out score); marks the others.
 */
async function choose(
  run: TuneRun,
  current: CurrentDescription,
  scored: ReadonlyMap<TuneCandidate, { dir: string; cases: TriggerCase[] }>,
  round: number,
) {
  const ranked = [...scored.keys()]
    .filter((c) => c.heldOut!.score > current.heldOut.score)
    .sort((a, b) => b.heldOut!.score - a.heldOut!.score);
  for (const candidate of ranked) {
    if (run.others.sentences.length > 0) {
      const steal = await run.steals(run.options.skillDir, scored.get(candidate)!.dir, round);
      if (!steal) {
        candidate.outcome = "not checked";
        run.outOfMoney = true;
        return undefined;
      }
      candidate.steal = steal;
      if (steal.steals) {
        candidate.outcome = "steals";
        continue;
      }
    }
    candidate.outcome = "kept";
    return candidate;
  }
  return undefined;
}

/** One round: propose, score, choose. The new current description when one was kept. */
async function tuneRound(run: TuneRun, current: CurrentDescription, record: TuneRound) {
  const proposal = await run.propose(current);
  if (proposal.kind !== "answer") return { stop: proposal.kind, reason: proposal.reason };
  const scored = new Map<TuneCandidate, { dir: string; cases: TriggerCase[]; text: string }>();
  for (const description of proposal.descriptions) {
    const candidate: TuneCandidate = { description, outcome: "not better" };
    record.candidates.push(candidate);
    const checked = run.candidateText(current, description);
    if ("problem" in checked) {
      Object.assign(candidate, { outcome: "invalid", problem: checked.problem });
      continue;
    }
    const runs = await run.score(candidate, checked.text, record.round);
    if (runs) scored.set(candidate, { ...runs, text: checked.text });
  }
  const kept = await choose(run, current, scored, record.round);
  if (!kept)
    return {
      reason:
        proposal.descriptions.length === 0
          ? "the proposer's answer held no descriptions (a JSON array of strings)"
          : "no candidate scored better on the held-out sentences without taking other skills' tasks",
    };
  const { text, cases } = scored.get(kept)!;
  record.kept = true;
  return {
    reason: `kept: held-out score ${pct(kept.heldOut!.score)} (recall ${pct(kept.heldOut!.recall)}), better than ${pct(current.heldOut.score)} before`,
    next: { text, description: kept.description, cases, heldOut: kept.heldOut! },
    kept,
  };
}

/**
 * Description tuning. Refuses before spending anything (ImproveError) when the skill is shadowed,
 * is not the suite's skill, the suite has no trigger set with two or more should-trigger sentences,
 * or a model has no price. Never writes the skill.
 */
export async function tuneDescription(options: TuneOptions): Promise<TuneResult> {
  const { run, result } = await start(options);
  try {
    return await tune(options, run, result);
  } finally {
    await run.session.cleanup();
  }
}

async function tune(options: TuneOptions, run: TuneRun, result: TuneResult): Promise<TuneResult> {
  const { session, sets } = run;
  const stop = (why: TuneStop, reason: string) =>
    Object.assign(result, { stopped: why, stopReason: reason, cost: session.cost() });
  options.onProgress?.({ phase: "evaluate", round: 0, label: "scoring the current description" });
  const baseline = await run.runs(options.skillDir);
  result.current.train = triggerScores(baseline.cases, sets.train);
  result.current.heldOut = triggerScores(baseline.cases, sets.heldOut);
  if (baseline.cutShort)
    return stop("budget", "the budget ran out while scoring the current description");
  run.perTrial =
    session.budget.spentUsd /
    Math.max(
      1,
      baseline.cases.reduce((n, c) => n + c.activated.length, 0),
    );
  let current: CurrentDescription = {
    text: result.original,
    description: result.current.description,
    cases: baseline.cases,
    heldOut: result.current.heldOut,
  };
  const rounds = Math.max(1, options.rounds ?? 3);
  for (let round = 1; round <= rounds; round++) {
    if (options.signal?.aborted) return stop("aborted", "aborted");
    const wrong = misses(current.cases, sets.train);
    if (wrong.missed.length + wrong.falseAlarms.length === 0)
      return stop(
        "no-misses",
        "the agent got every training sentence right: nothing to learn from",
      );
    options.onProgress?.({
      phase: "propose",
      round,
      label: `asking ${session.proposer.name} for descriptions`,
    });
    const spent = session.budget.spentUsd;
    const record: TuneRound = { round, candidates: [], kept: false, reason: "", costUsd: 0 };
    const outcome = await tuneRound(run, current, record);
    result.rounds.push({
      ...record,
      reason: outcome.reason,
      costUsd: session.budget.spentUsd - spent,
    });
    if ("stop" in outcome)
      return stop(outcome.stop === "budget" ? "budget" : "proposer-failed", outcome.reason);
    if (outcome.next && outcome.kept) {
      current = outcome.next;
      result.best = {
        round,
        description: current.description,
        text: current.text,
        diff: unifiedDiff(result.original, current.text),
        train: outcome.kept.train!,
        heldOut: outcome.kept.heldOut!,
        ...(outcome.kept.steal ? { steal: outcome.kept.steal } : {}),
      };
    }
    if (run.outOfMoney) return stop("budget", "the budget could not pay for the next evaluation");
  }
  return stop("rounds", `${rounds} round(s) done`);
}
