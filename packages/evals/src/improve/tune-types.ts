// The options and the result of `tuneDescription`.
import type { CandidateProblem } from "./candidate.js";
import type { TriggerScores } from "./trigger-score.js";
import type { CostReport, ImproveCommon } from "./types.js";

/** Options of `tuneDescription`. */
export interface TuneOptions extends ImproveCommon {
  /** Candidate descriptions asked for per round; default 3. */
  candidates?: number;
}

/** Whether a description takes the other skills' tasks: by our router, and by the agent. */
export interface StealCheck {
  /** Sentences of other skills checked. */
  checked: number;
  /** Sentences our router now gives to this skill and did not before. */
  router: string[];
  /** Activations of this skill on the other skills' sentences (over every trial), before and now. */
  agent: { current: number; candidate: number };
  steals: boolean;
}

/** One proposed description and what became of it. */
export interface TuneCandidate {
  description: string;
  outcome: "invalid" | "not better" | "steals" | "kept" | "budget" | "not checked";
  problem?: CandidateProblem;
  train?: TriggerScores;
  heldOut?: TriggerScores;
  steal?: StealCheck;
}

/** One round of description tuning. */
export interface TuneRound {
  round: number;
  candidates: TuneCandidate[];
  kept: boolean;
  reason: string;
  costUsd: number;
}

/** Why tuning ended. */
export type TuneStop = "rounds" | "budget" | "no-misses" | "proposer-failed" | "aborted";

/** A set of sentences split in two. */
export interface TriggerHalf {
  shouldTrigger: string[];
  shouldNotTrigger: string[];
}

/** The result of `tuneDescription`. */
export interface TuneResult {
  skill: string;
  seed: number;
  /** 60% to propose from (train), 40% to choose with (held out), each side split apart. */
  split: { train: TriggerHalf; heldOut: TriggerHalf };
  original: string;
  current: { description: string; train: TriggerScores; heldOut: TriggerScores };
  rounds: TuneRound[];
  best?: {
    round: number;
    description: string;
    text: string;
    diff: string;
    train: TriggerScores;
    heldOut: TriggerScores;
    steal?: StealCheck;
  };
  stopped: TuneStop;
  stopReason: string;
  cost: CostReport;
  warnings: string[];
}
