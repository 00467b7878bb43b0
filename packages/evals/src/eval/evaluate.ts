// Evaluations: every case, under each condition, repeated on each model; then statistics and a verdict.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { LanguageModel } from "ai";
import { hashSkillFolder, type SkillLibraryOptions } from "@skillflow/skills";
import type { LlmEnv, LlmFetch } from "@skillflow/tools";
import { redactDeep, type ToolAdapter } from "@skillflow/workflow";
import { agentSecrets } from "../agent/redact.js";
import type { Transcript } from "../agent/transcript.js";
import { resolveAgentModel } from "../agent/run.js";
import type { PairedComparison, TrialOutcome, TrialSummary, Verdict } from "../stats/index.js";
import type { AssertionResult } from "../suite/assertions.js";
import type { Judge } from "../suite/judge.js";
import type { EvalCase, EvalSuite } from "../suite/types.js";
import type { CacheMode, CallCache } from "./cache.js";
import { conditionHarness, harnessWarnings, type EvalMode } from "./_harness.js";
import { mapPool } from "./_pool.js";
import { modelResult } from "./_results.js";
import { assertionsOf, runTrial, type TrialJob } from "./_trial.js";

export type { EvalMode } from "./_harness.js";

/** A condition of a case: with the skill, without any (baseline), or with its previous version. */
export type Condition = "with" | "without" | "previous";

/** A model to evaluate on: `provider:model` (keys from `env`) or an AI SDK model with a name. */
export type EvalModel = string | { name: string; model: LanguageModel };

/** A judge and the name of its model (so a report can say which model graded which). */
export interface NamedJudge {
  name: string;
  judge: Judge;
}

/** A verdict, or "no data" when no case had judged trials in both conditions (all errored). */
export type EvalVerdict = Verdict | "no data";

/** The host the skill is evaluated in: identical for every condition. */
export interface EvalHost {
  /** Instructions before the skills part of the system prompt (default: `runAgent`'s). */
  system?: string;
  /** The host's tools (standard tools, MCP servers), offered in every condition. */
  tools?: ToolAdapter;
  /** The host's other skills (the skill under test is added to, or disabled in, them). */
  skills?: SkillLibraryOptions;
}

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
  /**
   * `catalog` (default): the skill is one more catalog entry the model must find and activate;
   * `loaded`: what its activation returns is in the system prompt from the start.
   */
  mode?: EvalMode;
  /** System prompt, tools and other skills every condition shares. */
  host?: EvalHost;
  /** The previous version of the skill, for the `previous` condition. */
  previousDir?: string;
  /** Grades `llm-judge` assertions of every model (build one with `modelJudge`). */
  judge?: Judge;
  /**
   * The judge of each model under test, named (wins over `judge`); a model that grades itself is
   * reported in `warnings`.
   */
  judgeFor?: (model: string) => NamedJudge | undefined;
  /** Let the skill run its `!` commands during the evaluation; default false. */
  trustSkill?: boolean;
  cache?: { store: CallCache; mode: CacheMode };
  maxSteps?: number;
  /** Trials run at once; default 1. The report is the same for any value. */
  concurrency?: number;
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
  /** Called with each graded trial and its run's transcript (redacted), e.g. to study failures. */
  onTrial?: (trial: TrialRecord, transcript: Transcript) => void;
  signal?: AbortSignal;
}

/** One trial: its outcome, the assertions' results and what the run did. */
export interface TrialRecord {
  model: string;
  condition: Condition;
  caseId: string;
  trial: number;
  /** Over every assertion scored under this condition (`skill-used` only with a skill). */
  outcome: TrialOutcome;
  /**
   * Over the assertions every condition scores (all but `skill-used`): what paired differences
   * compare. Absent when the case has none.
   */
  pairedOutcome?: TrialOutcome;
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
  /** with − without, over cases, on the assertions both score. */
  comparison: PairedComparison;
  verdict: EvalVerdict;
  /** with − previous, when the previous version was evaluated. */
  previous?: { comparison: PairedComparison; verdict: EvalVerdict };
  /** The distinct error texts of this model's trials, most frequent first (at most 3). */
  errors: { message: string; count: number }[];
}

/** The whole evaluation, as stored in history and rendered in reports. */
export interface EvalReport {
  skill: string;
  /** Hash of the skill folder (the lockfile's computedHash algorithm). */
  skillHash: string;
  previousHash?: string;
  startedAt: string;
  /** How the skill was made available: found in the catalog, or loaded up front. */
  mode: EvalMode;
  /** Every answer came from the record/replay cache: no model was called. */
  replay: boolean;
  repeat: number;
  k: number;
  /** Which model graded each model's llm-judge assertions (only when the suite has any). */
  judges: { model: string; judge: string }[];
  /** What makes the result weaker than it looks (a model that graded itself, a skill not offered). */
  warnings: string[];
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

/** The prompt with the case's files appended (text files, as the user would paste them). */
async function promptOf(testCase: EvalCase, skillDir: string): Promise<string> {
  let prompt = testCase.prompt;
  for (const file of testCase.files) {
    const text = await readFile(path.join(skillDir, file), "utf8");
    prompt += `\n\nFile ${path.basename(file)}:\n\`\`\`\n${text}\n\`\`\``;
  }
  return prompt;
}

const needsJudge = (suite: EvalSuite) =>
  suite.cases.some((c) => assertionsOf(c).some((a) => a.type === "llm-judge"));

/** Each model's judge, and the report's record of who graded whom. */
function judgesOf(options: EvaluateOptions, names: readonly string[]) {
  const judges = new Map<string, Judge | undefined>();
  const named: { model: string; judge: string }[] = [];
  const warnings: string[] = [];
  if (!needsJudge(options.suite)) return { judges, named, warnings };
  for (const name of names) {
    const found = options.judgeFor?.(name);
    judges.set(name, found?.judge ?? options.judge);
    if (!found) continue;
    named.push({ model: name, judge: found.name });
    if (found.name === name)
      warnings.push(
        `${name} graded its own answers (llm-judge): pass --judge-model with another model`,
      );
  }
  return { judges, named, warnings };
}

/** Every trial to run, in the report's order: model, condition, case, trial. */
async function jobsOf(
  options: EvaluateOptions,
  models: readonly { name: string; model: LanguageModelV3; judge?: Judge | undefined }[],
  conditions: readonly Condition[],
  repeat: number,
) {
  const harnesses = new Map(conditions.map((c) => [c, conditionHarness(options, c)]));
  const prompts = new Map<string, string>();
  for (const c of options.suite.cases) prompts.set(c.id, await promptOf(c, options.skillDir));
  const jobs: TrialJob[] = [];
  for (const model of models)
    for (const condition of conditions)
      for (const testCase of options.suite.cases) {
        // The baseline has nothing to score in a case whose only assertions are skill-used.
        if (condition === "without" && !assertionsOf(testCase).some((a) => a.type !== "skill-used"))
          continue;
        for (let n = 1; n <= repeat; n++)
          jobs.push({
            model,
            condition,
            harness: harnesses.get(condition)!,
            testCase,
            prompt: prompts.get(testCase.id)!,
            n,
          });
      }
  const withHarness = harnesses.get("with");
  return { jobs, warnings: withHarness ? harnessWarnings(options, withHarness) : [] };
}

/**
 * Runs the evaluation (`concurrency` trials at a time, default 1, with the same report for any
 * value) and builds the report, which (like every transcript and cached answer) holds no secret
 * value (`agentSecrets`). Every condition runs in the same harness (`options.host`); they differ
 * only in whether the skill under test is available, as `options.mode` says.
 */
export async function evaluateSkill(options: EvaluateOptions): Promise<EvalReport> {
  const repeat = options.repeat ?? 3;
  const k = options.k ?? repeat;
  const conditions =
    options.conditions ??
    (options.previousDir !== undefined ? ["with", "without", "previous"] : ["with", "without"]);
  const resolved = options.models.map((m) => modelOf(m, options));
  const judging = judgesOf(
    options,
    resolved.map((m) => m.name),
  );
  const models = resolved.map((m) => ({ ...m, judge: judging.judges.get(m.name) }));
  const { jobs, warnings } = await jobsOf(options, models, conditions, repeat);
  const report: EvalReport = {
    skill: options.suite.skillName,
    skillHash: await hashSkillFolder(options.skillDir),
    startedAt: new Date().toISOString(),
    mode: options.mode ?? "catalog",
    replay: options.cache?.mode === "replay",
    repeat,
    k,
    judges: judging.named,
    warnings: [...warnings, ...judging.warnings],
    cases: options.suite.cases.map((c) => ({ id: c.id, prompt: c.prompt })),
    models: [],
    trials: [],
  };
  if (options.previousDir !== undefined)
    report.previousHash = await hashSkillFolder(options.previousDir);
  const secrets = agentSecrets(options);
  let done = 0;
  report.trials = await mapPool(jobs, options.concurrency ?? 1, async (job) => {
    options.onProgress?.({
      done,
      total: jobs.length,
      label: `${job.model.name} ${job.condition} case ${job.testCase.id} #${job.n}`,
    });
    const record = await runTrial(job, options, secrets);
    done++;
    return record;
  });
  options.onProgress?.({ done, total: jobs.length, label: "done" });
  for (const model of models)
    report.models.push(modelResult(model.name, report.trials, conditions, options.suite.cases, k));
  // Judge errors and provider messages can quote a key too: the report is redacted as a whole.
  return redactDeep(report, secrets);
}
