// The options and the result of `improveSkill`.
import type { SkillLibraryOptions } from "@skillflow/skills";
import type { LlmEnv, LlmFetch, PriceTable } from "@skillflow/tools";
import type { EvalHost, EvalMode, EvalModel } from "../eval/evaluate.js";
import type { EvalSuite } from "../suite/types.js";
import type { CandidateProblem } from "./candidate.js";
import type { SpendRole } from "./budget.js";
import type { HalfComparison, HalfScore } from "./compare.js";

/** What improve and tune share: models, budget, seed, and the harness of the evaluations. */
export interface ImproveCommon {
  /** The skill under test (its folder); never written to. */
  skillDir: string;
  suite: EvalSuite;
  /** Models the versions are evaluated on. */
  models: readonly EvalModel[];
  /** The model that writes revisions; default the first of `models`. */
  proposer?: EvalModel;
  /** Rounds of proposal and evaluation at most; default 3. */
  rounds?: number;
  /** The cost budget in USD: no model call starts that it cannot pay for. Required. */
  maxCostUsd: number;
  /** Seed of the split; default 1. */
  seed?: number;
  /** Trials per case (or per sentence) and version; default 3. */
  repeat?: number;
  /** Prices by model name, for models the package's table does not list. */
  prices?: PriceTable;
  /** Where candidate folders are written; default a new temporary folder. */
  workDir?: string;
  host?: EvalHost;
  env?: LlmEnv;
  fetch?: LlmFetch;
  secrets?: readonly string[];
  maxSteps?: number;
  signal?: AbortSignal;
  /** Progress for people: what is being done now. */
  onProgress?: (event: {
    phase: "evaluate" | "propose" | "check";
    round: number;
    label: string;
  }) => void;
}

/** Options of `improveSkill`. */
export interface ImproveOptions extends ImproveCommon {
  /** Grades `llm-judge` assertions (its calls are charged to the budget too). */
  judge?: EvalModel;
  mode?: EvalMode;
  trustSkill?: boolean;
  concurrency?: number;
}

/** Why the loop ended. */
export type StopReason = "rounds" | "budget" | "no-failures" | "proposer-failed" | "aborted";

/** What the budget paid for. */
export interface CostReport {
  limitUsd: number;
  spentUsd: number;
  byRole: Record<SpendRole, number>;
  calls: number;
  /** Calls refused because the budget could not pay for them (none were sent). */
  refused: number;
}

/** One round: a proposal, and what became of it. */
export interface ImproveRound {
  round: number;
  outcome: "kept" | "refused" | "invalid" | "budget" | "proposer-failed";
  /** One sentence: why it was kept or not. */
  reason: string;
  problem?: CandidateProblem;
  /** The proposal's length and the limit it had to meet. */
  chars?: number;
  limit: number;
  shown?: HalfComparison[];
  heldOut?: HalfComparison[];
  diff?: string;
  costUsd: number;
}

/** The result of `improveSkill`. */
export interface ImproveResult {
  skill: string;
  seed: number;
  /** Case ids of each half: the proposer saw failures of `shown` only. */
  split: { shown: string[]; heldOut: string[] };
  /** The significance a held-out win must reach: 0.05 over the rounds (Bonferroni). */
  alpha: number;
  /** The current SKILL.md as read at the start. */
  original: string;
  /** The current version's pass rates per model on each half. */
  before: { shown: HalfScore[]; heldOut: HalfScore[] };
  rounds: ImproveRound[];
  /** The best kept candidate, compared with the original; absent when none was kept. */
  best?: {
    round: number;
    text: string;
    diff: string;
    shown: HalfComparison[];
    heldOut: HalfComparison[];
  };
  stopped: StopReason;
  /** One sentence on the stop. */
  stopReason: string;
  cost: CostReport;
  warnings: string[];
}

/** Host options of the library the skill is checked against (shadowing). */
export type HostSkills = SkillLibraryOptions | undefined;
