// What one improvement run shares: metered models, the budget, and evaluating a version of the skill.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { resolveAgentModel } from "../agent/run.js";
import type { Transcript } from "../agent/transcript.js";
import { evaluateSkill, type EvalModel, type TrialRecord } from "../eval/evaluate.js";
import { modelJudge } from "../eval/judge-model.js";
import { Budget, meteredModel, priceOf, type SpendRole } from "./budget.js";
import { ImproveError } from "./errors.js";
import { trialKey } from "./failures.js";
import type { CostReport, ImproveCommon, ImproveOptions } from "./types.js";

/** A model with its name, charged to the budget. */
export interface Metered {
  name: string;
  model: LanguageModelV3;
}

/** One version's evaluation: every trial and its transcript. */
export interface VersionEvaluation {
  trials: TrialRecord[];
  transcripts: Map<string, Transcript>;
  /** Some call was refused by the budget: the evaluation is incomplete. */
  cutShort: boolean;
}

/** The model of `entry`, metered with its price (PRICE_UNKNOWN before anything is spent). */
function metered(
  entry: EvalModel,
  options: ImproveCommon,
  budget: Budget,
  role: SpendRole,
): Metered {
  const name = typeof entry === "string" ? entry : entry.name;
  const price = priceOf(name, options.prices);
  const model =
    typeof entry === "string"
      ? resolveAgentModel(entry, {
          ...(options.env ? { env: options.env } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        })
      : (entry.model as LanguageModelV3);
  return { name, model: meteredModel(model, price, budget, role) };
}

/** The session of one `improveSkill` or `tuneDescription` call. */
export class Session {
  readonly budget: Budget;
  readonly models: Metered[];
  readonly proposer: Metered;
  readonly judge: Metered | undefined;
  #workDir: string | undefined;
  #labels = 0;

  constructor(readonly options: ImproveOptions) {
    if (!(options.maxCostUsd >= 0))
      throw new ImproveError(
        "BAD_OPTIONS",
        `maxCostUsd must be a number >= 0, got ${options.maxCostUsd}`,
      );
    if (options.models.length === 0)
      throw new ImproveError("BAD_OPTIONS", "no model to evaluate with: name at least one");
    this.budget = new Budget(options.maxCostUsd);
    this.models = options.models.map((m) => metered(m, options, this.budget, "evaluation"));
    this.proposer = metered(
      options.proposer ?? options.models[0]!,
      options,
      this.budget,
      "proposer",
    );
    this.judge = options.judge ? metered(options.judge, options, this.budget, "judge") : undefined;
  }

  /** A fresh folder for a candidate (under `workDir`, or one temporary folder per session). */
  async folder(): Promise<{ root: string; label: string }> {
    this.#workDir ??=
      this.options.workDir ?? (await mkdtemp(path.join(tmpdir(), "skillflow-improve-")));
    return { root: this.#workDir, label: `candidate-${++this.#labels}` };
  }

  /** Evaluates the skill in `dir` (the `with` condition only) on every case and model. */
  async evaluate(dir: string, round: number, label: string): Promise<VersionEvaluation> {
    const o = this.options;
    const transcripts = new Map<string, Transcript>();
    const refusedBefore = this.budget.refused;
    const report = await evaluateSkill({
      skillDir: dir,
      suite: o.suite,
      models: this.models,
      conditions: ["with"],
      repeat: o.repeat ?? 3,
      ...(this.judge
        ? { judge: modelJudge(this.judge.model, o.signal ? { signal: o.signal } : {}) }
        : {}),
      ...(o.mode ? { mode: o.mode } : {}),
      ...(o.host ? { host: o.host } : {}),
      ...(o.trustSkill !== undefined ? { trustSkill: o.trustSkill } : {}),
      ...(o.maxSteps !== undefined ? { maxSteps: o.maxSteps } : {}),
      ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
      ...(o.env ? { env: o.env } : {}),
      ...(o.secrets ? { secrets: o.secrets } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      // Once at the start and once at the end: a line per trial would drown the terminal.
      onProgress: ({ done, total, label: what }) => {
        if (done === 0 || what === "done")
          o.onProgress?.({ phase: "evaluate", round, label: `${label}: ${done}/${total} trials` });
      },
      onTrial: (trial, transcript) => transcripts.set(trialKey(trial), transcript),
    });
    return { trials: report.trials, transcripts, cutShort: this.budget.refused > refusedBefore };
  }

  /** Removes the temporary folder of the candidates (a given `workDir` is left alone). */
  async cleanup(): Promise<void> {
    if (this.#workDir !== undefined && this.options.workDir === undefined)
      await rm(this.#workDir, { recursive: true, force: true });
  }

  /** What the budget paid for so far. */
  cost(): CostReport {
    const b = this.budget;
    return {
      limitUsd: b.limitUsd,
      spentUsd: b.spentUsd,
      byRole: { ...b.byRole },
      calls: b.calls,
      refused: b.refused,
    };
  }
}
