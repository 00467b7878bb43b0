// Evaluations: every case, under each condition, repeated on each model; then statistics and a verdict.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { LanguageModel } from "ai";
import { SkillLibrary, hashSkillFolder } from "@skillflow/skills";
import type { LlmEnv, LlmFetch } from "@skillflow/tools";
import { redactDeep } from "@skillflow/workflow";
import { agentSecrets } from "../agent/redact.js";
import { resolveAgentModel, runAgent } from "../agent/run.js";
import type { Transcript } from "../agent/transcript.js";
import {
  pairedComparison,
  summarizeTrials,
  verdict,
  type PairedComparison,
  type TrialOutcome,
  type TrialSummary,
  type Verdict,
} from "../stats/index.js";
import { checkAssertion, type Assertion, type AssertionResult } from "../suite/assertions.js";
import type { Judge } from "../suite/judge.js";
import type { EvalCase, EvalSuite } from "../suite/types.js";
import { cachedModel, redactingCache, type CacheMode, type CallCache } from "./cache.js";

/** A condition of a case: with the skill, without any (baseline), or with its previous version. */
export type Condition = "with" | "without" | "previous";

/** A model to evaluate on: `provider:model` (keys from `env`) or an AI SDK model with a name. */
export type EvalModel = string | { name: string; model: LanguageModel };

/** Options of `evaluateSkill`. */
export interface EvaluateOptions {
  /** The skill under test (its folder). */
  skillDir: string;
  suite: EvalSuite;
  models: readonly EvalModel[];
  /** Trials per case, condition and model; default 3. */
  repeat?: number;
  /** Default `["with", "without"]`, plus `"previous"` when `previousDir` is given. */
  conditions?: readonly Condition[];
  /** The previous version of the skill, for the `previous` condition. */
  previousDir?: string;
  /** Grades `llm-judge` assertions (build one with `modelJudge`). */
  judge?: Judge;
  /** Let the skill run its `!` commands during the evaluation; default false. */
  trustSkill?: boolean;
  cache?: { store: CallCache; mode: CacheMode };
  maxSteps?: number;
  env?: LlmEnv;
  /**
   * Values kept out of transcripts, the report and the cache, besides the secret values of `env`
   * (`*_API_KEY`, `*_TOKEN`, `*_PASSWORD`, …): the redaction run logs get.
   */
  secrets?: readonly string[];
  fetch?: LlmFetch;
  /** pass^k is reported for this k; default `repeat`. */
  k?: number;
  onProgress?: (progress: { done: number; total: number; label: string }) => void;
  signal?: AbortSignal;
}

/** One trial: its outcome, the assertions' results and what the run did. */
export interface TrialRecord {
  model: string;
  condition: Condition;
  caseId: string;
  trial: number;
  outcome: TrialOutcome;
  assertions: AssertionResult[];
  /** Why the trial errored (provider down, timeout, judge unavailable). */
  error?: string;
  output: string;
  activatedSkills: string[];
  durationMs: number;
  tokens: number;
  costUsd: number | null;
}

/** Per model: each condition's summary (overall and per case), the paired comparison, the verdict. */
export interface ModelResult {
  model: string;
  conditions: {
    condition: Condition;
    summary: TrialSummary;
    cases: { caseId: string; summary: TrialSummary }[];
  }[];
  /** with − without, over cases. */
  comparison: PairedComparison;
  verdict: Verdict;
  /** with − previous, when the previous version was evaluated. */
  previous?: { comparison: PairedComparison; verdict: Verdict };
}

/** The whole evaluation, as stored in history and rendered in reports. */
export interface EvalReport {
  skill: string;
  /** Hash of the skill folder (the lockfile's computedHash algorithm). */
  skillHash: string;
  previousHash?: string;
  startedAt: string;
  repeat: number;
  k: number;
  cases: { id: string; prompt: string }[];
  models: ModelResult[];
  trials: TrialRecord[];
}

function modelOf(
  entry: EvalModel,
  options: EvaluateOptions,
): { name: string; model: LanguageModelV3 } {
  if (typeof entry !== "string") return { name: entry.name, model: entry.model as LanguageModelV3 };
  return { name: entry, model: resolveAgentModel(entry, options) };
}

function libraryFor(
  dir: string | undefined,
  name: string,
  trusted: boolean,
): SkillLibrary | undefined {
  if (dir === undefined) return undefined;
  return SkillLibrary.load({
    sources: [{ scope: "team", root: dir }],
    trust: { skills: new Map([[name, trusted]]) },
  });
}

/** The prompt with the case's files appended (text files, as the user would paste them). */
async function promptOf(testCase: EvalCase, skillDir: string): Promise<string> {
  let prompt = testCase.prompt;
  for (const file of testCase.files) {
    const text = await readFile(path.join(skillDir, file), "utf8");
    prompt += `\n\nFile ${path.basename(file)}:\n\`\`\`\n${text}\n\`\`\``;
  }
  return prompt;
}

/** A case with no assertions but an expected output is graded by the judge against it. */
function assertionsOf(testCase: EvalCase): Assertion[] {
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

async function grade(
  testCase: EvalCase,
  run: Transcript,
  suite: EvalSuite,
  judge: Judge | undefined,
) {
  const results: AssertionResult[] = [];
  for (const assertion of assertionsOf(testCase))
    results.push(
      await checkAssertion(
        assertion,
        {
          output: run.output,
          activatedSkills: run.activatedSkills,
          durationMs: run.durationMs,
          tokens: run.usage.totalTokens,
          prompt: testCase.prompt,
          skill: suite.skillName,
          ...(run.usage.costUsd !== null ? { costUsd: run.usage.costUsd } : {}),
          ...(testCase.expectedOutput !== undefined
            ? { expectedOutput: testCase.expectedOutput }
            : {}),
        },
        judge,
      ),
    );
  return results;
}

async function trial(
  options: EvaluateOptions,
  model: { name: string; model: LanguageModelV3 },
  condition: Condition,
  testCase: EvalCase,
  n: number,
): Promise<TrialRecord> {
  const dir =
    condition === "with"
      ? options.skillDir
      : condition === "previous"
        ? options.previousDir
        : undefined;
  const library = libraryFor(dir, options.suite.skillName, options.trustSkill === true);
  const secrets = agentSecrets(options);
  const wrapped = options.cache
    ? cachedModel(model.model, redactingCache(options.cache.store, secrets), n, options.cache.mode)
    : model.model;
  const run = await runAgent({
    model: wrapped,
    secrets,
    prompt: await promptOf(testCase, options.skillDir),
    ...(library ? { library } : {}),
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
  if (run.error !== undefined) return { ...record, error: run.error };
  try {
    record.assertions = await grade(testCase, run, options.suite, options.judge);
  } catch (error) {
    // A judge that is missing or answers nonsense is an error of the evaluation, not a failure of the skill.
    return { ...record, error: (error as Error).message };
  }
  record.outcome = record.assertions.every((a) => a.passed) ? "pass" : "fail";
  return record;
}

function summarize(
  trials: readonly TrialRecord[],
  condition: Condition,
  cases: readonly EvalCase[],
  k: number,
) {
  const mine = trials.filter((t) => t.condition === condition);
  return {
    condition,
    summary: summarizeTrials(
      mine.map((t) => t.outcome),
      k,
    ),
    cases: cases.map((c) => ({
      caseId: c.id,
      summary: summarizeTrials(
        mine.filter((t) => t.caseId === c.id).map((t) => t.outcome),
        k,
      ),
    })),
  };
}

/** Pairs per-case pass rates of two conditions over cases where both have judged trials. */
function compare(result: ModelResult["conditions"], a: Condition, b: Condition) {
  const of = (c: Condition) => result.find((r) => r.condition === c)?.cases ?? [];
  const left = of(a);
  const right = of(b);
  const pairs = left.flatMap((l) => {
    const r = right.find((x) => x.caseId === l.caseId);
    const judged = (s: TrialSummary) => s.passes + s.failures > 0;
    return r && judged(l.summary) && judged(r.summary)
      ? [{ with: l.summary.rate, without: r.summary.rate }]
      : [];
  });
  const comparison = pairedComparison(pairs);
  return { comparison, verdict: verdict(comparison) };
}

/**
 * Runs the evaluation (sequentially, so a rate limit is not a concurrency artefact) and builds the
 * report, which (like every transcript and cached answer) holds no secret value (`agentSecrets`).
 */
export async function evaluateSkill(options: EvaluateOptions): Promise<EvalReport> {
  const repeat = options.repeat ?? 3;
  const k = options.k ?? repeat;
  const conditions =
    options.conditions ??
    (options.previousDir !== undefined ? ["with", "without", "previous"] : ["with", "without"]);
  const models = options.models.map((m) => modelOf(m, options));
  const total = models.length * conditions.length * options.suite.cases.length * repeat;
  const trials: TrialRecord[] = [];
  const report: EvalReport = {
    skill: options.suite.skillName,
    skillHash: await hashSkillFolder(options.skillDir),
    startedAt: new Date().toISOString(),
    repeat,
    k,
    cases: options.suite.cases.map((c) => ({ id: c.id, prompt: c.prompt })),
    models: [],
    trials,
  };
  if (options.previousDir !== undefined)
    report.previousHash = await hashSkillFolder(options.previousDir);
  for (const model of models)
    for (const condition of conditions)
      for (const testCase of options.suite.cases)
        for (let n = 1; n <= repeat; n++) {
          options.onProgress?.({
            done: trials.length,
            total,
            label: `${model.name} ${condition} case ${testCase.id} #${n}`,
          });
          trials.push(await trial(options, model, condition, testCase, n));
        }
  options.onProgress?.({ done: trials.length, total, label: "done" });
  for (const model of models) {
    const mine = trials.filter((t) => t.model === model.name);
    const perCondition = conditions.map((c) => summarize(mine, c, options.suite.cases, k));
    const main = compare(perCondition, "with", "without");
    const result: ModelResult = { model: model.name, conditions: perCondition, ...main };
    if (conditions.includes("previous"))
      result.previous = compare(perCondition, "with", "previous");
    report.models.push(result);
  }
  // Judge errors and provider messages can quote a key too: the report is redacted as a whole.
  return redactDeep(report, agentSecrets(options));
}
