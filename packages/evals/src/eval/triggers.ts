// Trigger evaluation: does the skill fire for the tasks it should, and stay quiet for the rest?
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { SkillLibrary, type SkillSource } from "@skillflow/skills";
import { runAgent } from "../agent/run.js";
import type { TriggerSet } from "../suite/types.js";
import { cachedModel, redactingCache, type CacheMode, type CallCache } from "./cache.js";

/** Precision and recall of one way of deciding (routing, or the agent's activation). */
export interface TriggerScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
}

/** One task sentence's results. */
export interface TriggerCase {
  task: string;
  shouldTrigger: boolean;
  /** Our router put the skill first and above its threshold. */
  routed: boolean;
  /** Per trial: the agent activated the skill. */
  activated: boolean[];
}

/** The trigger report for one model. */
export interface TriggerReport {
  skill: string;
  model: string;
  routing: TriggerScore;
  activation: TriggerScore;
  cases: TriggerCase[];
}

function score(results: readonly { expected: boolean; got: boolean }[]): TriggerScore {
  const count = (e: boolean, g: boolean) =>
    results.filter((r) => r.expected === e && r.got === g).length;
  const tp = count(true, true);
  const fp = count(false, true);
  const fn = count(true, false);
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: count(false, false),
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

/**
 * Runs every task sentence `repeat` times (at least 3) through the agent with the skill among
 * `others` (so it competes as it would in use), and once through the router.
 */
export async function evaluateTriggers(options: {
  skillDir: string;
  skill: string;
  trigger: TriggerSet;
  model: { name: string; model: LanguageModelV3 };
  /** Other skills the agent also sees. */
  others?: readonly SkillSource[];
  repeat?: number;
  cache?: { store: CallCache; mode: CacheMode };
  maxSteps?: number;
  /** Values kept out of the cache (answers are stored redacted), as for `evaluateSkill`. */
  secrets?: readonly string[];
}): Promise<TriggerReport> {
  const repeat = Math.max(3, options.repeat ?? 3);
  const library = SkillLibrary.load({
    sources: [{ scope: "team", root: options.skillDir }, ...(options.others ?? [])],
    trust: { skills: new Map([[options.skill, false]]) },
  });
  const tasks = [
    ...options.trigger.shouldTrigger.map((task) => ({ task, shouldTrigger: true })),
    ...options.trigger.shouldNotTrigger.map((task) => ({ task, shouldTrigger: false })),
  ];
  const cases: TriggerCase[] = [];
  for (const { task, shouldTrigger } of tasks) {
    const route = library.route(task, { k: 1 });
    const activated: boolean[] = [];
    for (let n = 1; n <= repeat; n++) {
      const model = options.cache
        ? cachedModel(
            options.model.model,
            redactingCache(options.cache.store, options.secrets ?? []),
            n,
            options.cache.mode,
          )
        : options.model.model;
      const run = await runAgent({
        model,
        prompt: task,
        library,
        maxSteps: options.maxSteps ?? 4,
        ...(options.secrets ? { secrets: options.secrets } : {}),
      });
      activated.push(run.activatedSkills.includes(options.skill));
    }
    cases.push({
      task,
      shouldTrigger,
      routed: route.matches[0]?.name === options.skill,
      activated,
    });
  }
  return {
    skill: options.skill,
    model: options.model.name,
    routing: score(cases.map((c) => ({ expected: c.shouldTrigger, got: c.routed }))),
    activation: score(
      cases.flatMap((c) => c.activated.map((got) => ({ expected: c.shouldTrigger, got }))),
    ),
    cases,
  };
}
