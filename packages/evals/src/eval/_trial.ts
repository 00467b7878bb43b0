// One trial: a case run once under one condition on one model, then graded.
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { runAgent } from "../agent/run.js";
import type { Transcript } from "../agent/transcript.js";
import type { TrialOutcome } from "../stats/index.js";
import { checkAssertion, type Assertion, type AssertionResult } from "../suite/assertions.js";
import type { Judge } from "../suite/judge.js";
import type { EvalCase } from "../suite/types.js";
import { cachedModel, redactingCache } from "./cache.js";
import type { ConditionHarness } from "./_harness.js";
import type { Condition, EvaluateOptions, TrialRecord } from "./evaluate.js";

/** A case with no assertions but an expected output is graded by the judge against it. */
export function assertionsOf(testCase: EvalCase): Assertion[] {
  if (testCase.assertions.length > 0 || testCase.expectedOutput === undefined)
    return testCase.assertions;
  return [
    {
      type: "llm-judge",
      criteria: [
        {
          description: `The answer matches the expected output: ${testCase.expectedOutput}`,
          weight: 1,
        },
      ],
    },
  ];
}

/**
 * Whether `assertion` is scored under `condition`: `skill-used` only where a version of the skill
 * is available (`with`, `previous`); in the baseline it could only fail, whatever the skill does.
 */
export function scoredUnder(assertion: Assertion, condition: Condition): boolean {
  return assertion.type !== "skill-used" || condition !== "without";
}

/** The assertions every condition scores: what paired differences compare. */
export const sharedAssertions = (testCase: EvalCase): Assertion[] =>
  assertionsOf(testCase).filter((a) => a.type !== "skill-used");

/** Everything one trial needs besides the options. */
export interface TrialJob {
  model: { name: string; model: LanguageModelV3; judge?: Judge | undefined };
  condition: Condition;
  harness: ConditionHarness;
  testCase: EvalCase;
  /** The case's prompt with its files appended. */
  prompt: string;
  n: number;
}

async function grade(job: TrialJob, run: Transcript, options: EvaluateOptions) {
  const { testCase, condition } = job;
  const results: { assertion: Assertion; result: AssertionResult }[] = [];
  for (const assertion of assertionsOf(testCase).filter((a) => scoredUnder(a, condition)))
    results.push({
      assertion,
      result: await checkAssertion(
        assertion,
        {
          output: run.output,
          // A skill loaded up front counts as used (loaded mode).
          activatedSkills: [...run.loadedSkills, ...run.activatedSkills],
          durationMs: run.durationMs,
          tokens: run.usage.totalTokens,
          prompt: testCase.prompt,
          skill: options.suite.skillName,
          ...(run.usage.costUsd !== null ? { costUsd: run.usage.costUsd } : {}),
          ...(testCase.expectedOutput !== undefined
            ? { expectedOutput: testCase.expectedOutput }
            : {}),
        },
        job.model.judge,
      ),
    });
  return results;
}

const outcomeOf = (results: readonly { result: AssertionResult }[]): TrialOutcome =>
  results.every((r) => r.result.passed) ? "pass" : "fail";

/**
 * Runs and grades one trial; never rejects (a failed run or judge is an `error` outcome). The
 * record and the run's transcript go to `options.onTrial` when set.
 */
export async function runTrial(
  job: TrialJob,
  options: EvaluateOptions,
  secrets: string[],
): Promise<TrialRecord> {
  const { record, run } = await trialOf(job, options, secrets);
  options.onTrial?.(record, run);
  return record;
}

async function trialOf(job: TrialJob, options: EvaluateOptions, secrets: string[]) {
  const { model, condition, testCase, n } = job;
  const wrapped = options.cache
    ? cachedModel(model.model, redactingCache(options.cache.store, secrets), n, options.cache.mode)
    : model.model;
  const run = await runAgent({
    ...job.harness,
    model: wrapped,
    secrets,
    prompt: job.prompt,
    ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const record: TrialRecord = {
    model: model.name,
    condition,
    caseId: testCase.id,
    trial: n,
    outcome: "error",
    assertions: [],
    output: run.output,
    activatedSkills: run.activatedSkills,
    durationMs: run.durationMs,
    tokens: run.usage.totalTokens,
    costUsd: run.usage.costUsd,
  };
  if (run.error !== undefined)
    return { record: { ...record, pairedOutcome: "error" as const, error: run.error }, run };
  try {
    const graded = await grade(job, run, options);
    record.assertions = graded.map((g) => g.result);
    record.outcome = outcomeOf(graded);
    const shared = graded.filter((g) => g.assertion.type !== "skill-used");
    if (shared.length > 0) record.pairedOutcome = outcomeOf(shared);
    return { record, run };
  } catch (error) {
    // A judge that is missing or answers nonsense is an error of the evaluation, not a failure of the skill.
    const message = (error as Error).message;
    return { record: { ...record, pairedOutcome: "error" as const, error: message }, run };
  }
}
