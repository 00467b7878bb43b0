// tuneDescription: propose descriptions from the training sentences the agent got wrong, keep the
// one that does best on held-out sentences, if better than the current one and taking no other
// skill's tasks; within rounds and a cost budget that is always enforced.
import { requestCost } from "@skillflow/tools";
import { parseSkill } from "@skillflow/skills";
import { BudgetExceededError, priceOf } from "./budget.js";
import { candidateFolder, candidateProblem } from "./candidate.js";
import {
  describe,
  describeMaxTokens,
  describerPrompt,
  DESCRIBER_SYSTEM,
  parseDescriptions,
} from "./describe.js";
import { unifiedDiff } from "./diff.js";
import { ImproveError } from "./errors.js";
import { withDescription } from "./frontmatter.js";
import { checkSkill } from "./guard.js";
import { otherSkills, type OtherSkills } from "./_others.js";
import { Session } from "./_session.js";
import { seededSplit } from "./split.js";
import { triggerRuns, triggerTrials } from "./_trigger-runs.js";
import type { TriggerCase } from "../eval/triggers.js";
import { misses, triggerScores, type TriggerScores } from "./trigger-score.js";
import type {
  StealCheck,
  TuneCandidate,
  TuneOptions,
  TuneResult,
  TuneRound,
  TuneStop,
} from "./tune-types.js";

const usd = (x: number) => `$${x.toFixed(4)}`;

/** Whether `dir`'s description takes other skills' sentences compared with `before` (the current one's runs). */
async function stealCheck(session: Session, dir: string, others: OtherSkills) {
  const runs = await triggerRuns(
    session,
    dir,
    { shouldTrigger: [], shouldNotTrigger: others.sentences },
    others,
  );
  return {
    routed: new Set(runs.cases.filter((c) => c.routed).map((c) => c.task)),
    activations: runs.cases.reduce((n, c) => n + c.activated.filter(Boolean).length, 0),
    cutShort: runs.cutShort,
  };
}

/**
 * Description tuning. Refuses before spending anything (ImproveError) when the skill is shadowed,
 * is not the suite's skill, the suite has no trigger set with two or more should-trigger sentences,
 * or a model has no price. Never writes the skill.
 */
export async function tuneDescription(options: TuneOptions): Promise<TuneResult> {
  const { text: original, warnings } = await checkSkill(
    options.skillDir,
    options.suite.skillName,
    options.host?.skills,
  );
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
  const split = {
    train: { shouldTrigger: should.shown, shouldNotTrigger: shouldNot.shown },
    heldOut: { shouldTrigger: should.heldOut, shouldNotTrigger: shouldNot.heldOut },
  };
  const trainSet = new Set([...should.shown, ...shouldNot.shown]);
  const heldSet = new Set([...should.heldOut, ...shouldNot.heldOut]);
  const others = await otherSkills(options.host, options.suite.skillName);
  if (others.sentences.length === 0)
    warnings.push(
      "no other skill with trigger sentences or eval cases: nothing to check stealing against",
    );
  const parsed = parseSkill(original);
  const name = options.suite.skillName;
  const result: TuneResult = {
    skill: name,
    seed,
    split,
    original,
    current: {
      description: parsed.frontmatter?.description ?? "",
      train: empty(),
      heldOut: empty(),
    },
    rounds: [],
    stopped: "rounds",
    stopReason: "",
    cost: session.cost(),
    warnings,
  };
  const stop = (why: TuneStop, reason: string) => {
    Object.assign(result, { stopped: why, stopReason: reason, cost: session.cost() });
    return result;
  };
  options.onProgress?.({ phase: "evaluate", round: 0, label: "scoring the current description" });
  const baseline = await triggerRuns(session, options.skillDir, trigger, others);
  result.current.train = triggerScores(baseline.cases, trainSet);
  result.current.heldOut = triggerScores(baseline.cases, heldSet);
  if (baseline.cutShort)
    return stop("budget", "the budget ran out while scoring the current description");
  const trials = baseline.cases.reduce((n, c) => n + c.activated.length, 0);
  const perTrial = session.budget.spentUsd / Math.max(1, trials);
  let current = {
    text: original,
    description: result.current.description,
    cases: baseline.cases,
    heldOut: result.current.heldOut,
  };
  let currentSteal: Awaited<ReturnType<typeof stealCheck>> | undefined;
  const rounds = Math.max(1, options.rounds ?? 3);
  for (let round = 1; round <= rounds; round++) {
    if (options.signal?.aborted) return stop("aborted", "aborted");
    const spentBefore = session.budget.spentUsd;
    const record: TuneRound = { round, candidates: [], kept: false, reason: "", costUsd: 0 };
    const done = (reason: string) => {
      record.reason = reason;
      record.costUsd = session.budget.spentUsd - spentBefore;
      result.rounds.push(record);
    };
    const wrong = misses(current.cases, trainSet);
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
    const request = {
      name,
      description: current.description,
      body: parseSkill(current.text).body,
      missed: wrong.missed,
      falseAlarms: wrong.falseAlarms,
      others: others.skills,
      count: options.candidates ?? 3,
    };
    const price = priceOf(session.proposer.name, options.prices);
    const worst =
      requestCost(
        price,
        Math.ceil((DESCRIBER_SYSTEM.length + describerPrompt(request).length) / 4),
        describeMaxTokens(request.count),
      ) ?? 0;
    if (!session.budget.affords(worst)) {
      done(
        `the proposer's call (up to ${usd(worst)}) would pass the budget (${usd(session.budget.remainingUsd)} left)`,
      );
      return stop("budget", record.reason);
    }
    let answer: string;
    try {
      answer = await describe({
        ...request,
        model: session.proposer.model,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      const budget = error instanceof BudgetExceededError;
      done(budget ? error.message : `the proposer failed: ${(error as Error).message}`);
      return stop(budget ? "budget" : "proposer-failed", record.reason);
    }
    const proposals = [...new Set(parseDescriptions(answer))].slice(0, request.count);
    const sentences = [...trainSet, ...heldSet].length;
    let outOfMoney = false;
    const before = current.heldOut.score;
    const scored = new Map<TuneCandidate, { dir: string; cases: TriggerCase[] }>();
    for (const description of proposals) {
      const candidate: TuneCandidate = { description, outcome: "not better" };
      record.candidates.push(candidate);
      const text = withDescription(current.text, description);
      const problem =
        text === undefined
          ? {
              code: "INVALID_SKILL" as const,
              message: "the current SKILL.md has no frontmatter to change",
            }
          : /[<>]/.test(description)
            ? {
                code: "INVALID_SKILL" as const,
                message: "angle brackets are not allowed in a description",
              }
            : candidateProblem(text, current.text, name);
      if (problem || text === undefined) {
        Object.assign(candidate, { outcome: "invalid", problem });
        continue;
      }
      if (outOfMoney || !session.budget.affords(perTrial * triggerTrials(session, sentences))) {
        candidate.outcome = "budget";
        outOfMoney = true;
        continue;
      }
      options.onProgress?.({
        phase: "evaluate",
        round,
        label: `scoring "${description.slice(0, 50)}"`,
      });
      const folder = await session.folder();
      const dir = await candidateFolder(options.skillDir, folder.root, folder.label, text);
      const runs = await triggerRuns(session, dir, trigger, others);
      if (runs.cutShort) {
        candidate.outcome = "budget";
        outOfMoney = true;
        continue;
      }
      Object.assign(candidate, {
        train: triggerScores(runs.cases, trainSet),
        heldOut: triggerScores(runs.cases, heldSet),
      });
      scored.set(candidate, { dir, cases: runs.cases });
    }
    const ranked = record.candidates
      .filter((c) => c.heldOut !== undefined && c.heldOut.score > current.heldOut.score)
      .sort((a, b) => b.heldOut!.score - a.heldOut!.score);
    let kept: TuneCandidate | undefined;
    for (const candidate of ranked) {
      const extra = scored.get(candidate)!;
      if (others.sentences.length > 0) {
        const cost =
          perTrial * triggerTrials(session, others.sentences.length) * (currentSteal ? 1 : 2);
        if (!session.budget.affords(cost)) {
          candidate.outcome = "not checked";
          outOfMoney = true;
          break;
        }
        options.onProgress?.({
          phase: "check",
          round,
          label: "checking it takes no other skill's tasks",
        });
        currentSteal ??= await stealCheck(session, options.skillDir, others);
        const now = await stealCheck(session, extra.dir, others);
        if (currentSteal.cutShort || now.cutShort) {
          candidate.outcome = "not checked";
          outOfMoney = true;
          break;
        }
        const steal: StealCheck = {
          checked: others.sentences.length,
          router: [...now.routed].filter((s) => !currentSteal!.routed.has(s)),
          agent: { current: currentSteal.activations, candidate: now.activations },
          steals: false,
        };
        steal.steals = steal.router.length > 0 || steal.agent.candidate > steal.agent.current;
        candidate.steal = steal;
        if (steal.steals) {
          candidate.outcome = "steals";
          continue;
        }
      }
      candidate.outcome = "kept";
      kept = candidate;
      current = {
        text: withDescription(current.text, candidate.description)!,
        description: candidate.description,
        cases: extra.cases,
        heldOut: candidate.heldOut!,
      };
      currentSteal = undefined;
      result.best = {
        round,
        description: candidate.description,
        text: current.text,
        diff: unifiedDiff(original, current.text),
        train: candidate.train!,
        heldOut: candidate.heldOut!,
        ...(candidate.steal ? { steal: candidate.steal } : {}),
      };
      break;
    }
    record.kept = kept !== undefined;
    done(
      kept
        ? `kept: held-out score ${pct(kept.heldOut!.score)} (recall ${pct(kept.heldOut!.recall)}), better than ${pct(before)} before`
        : proposals.length === 0
          ? "the proposer's answer held no descriptions (a JSON array of strings)"
          : "no candidate scored better on the held-out sentences without taking other skills' tasks",
    );
    if (outOfMoney) return stop("budget", "the budget could not pay for the next evaluation");
  }
  return stop("rounds", `${rounds} round(s) done`);
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

function empty(): TriggerScores {
  return {
    recall: 0,
    specificity: 0,
    precision: 0,
    score: 0,
    routing: { recall: 0, specificity: 0 },
    trials: 0,
  };
}
