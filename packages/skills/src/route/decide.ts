// The "no skill" decision: whether the best match carries enough evidence, measured against the library.
import type { MeaningEvidence } from "./meaning.js";

/**
 * What a match rests on, in the library's own terms. Every share is relative to this library's idf,
 * so it does not depend on field weights, on how long descriptions are or on whether skills have a
 * `when_to_use` field, which is what made a fixed score threshold fail on libraries it was not tuned on.
 */
export interface RouteEvidence {
  /** Share (0..1) of the task's information, its words weighted by idf, that the skill matched. */
  coverage: number;
  /** Share (0..1) of the skill's own information (its distinct words by idf) that the task matched. */
  skillShare: number;
  /** The task's informative words (stems) that the skill matched, rarest first. */
  informative: string[];
  /** True when one of those informative words is in the skill's name. */
  inName: boolean;
  /** What word vectors say (absent when the router has none, `vectors: false`). */
  meaning?: MeaningEvidence;
  /** With word vectors: the inputs of `confidence`. */
  features?: DecisionFeatures;
  /**
   * With word vectors: how likely (0..1) the task is one this skill fits, from all of the evidence above
   * and the lead over the runner-up, by a logistic model fitted on labelled libraries (`DECISION_MODEL`).
   */
  confidence?: number;
}

/** Thresholds of the calibrated "no skill" decision; all are shares, none is an absolute score. */
export interface NoSkillParams {
  /**
   * A word is informative when its idf is at least this share of the library's highest idf (a word
   * no skill uses), or when only one skill uses it. In a library of 26 skills that is a word used by
   * at most 9 of them.
   */
  informativeIdf: number;
  /** Every match needs at least this coverage. */
  minCoverage: number;
  /** Evidence count (informative words matched, plus one for a name match) that makes a fit. */
  minEvidence: number;
  /** Coverage that makes a fit on a single informative word. */
  soloCoverage: number;
  /** Skill share that makes a fit on a single informative word (short, terse skills). */
  soloSkillShare: number;
  /**
   * With word vectors, the decision is `confidence >= minConfidence` instead of the word rules above
   * (which then only bound the matches after the first, by `minCoverage`).
   */
  minConfidence: number;
}

/** Defaults chosen on the tuned routing set only (see docs/routing.md, "Tuning"). */
export const DEFAULT_NO_SKILL_PARAMS: Readonly<NoSkillParams> = {
  informativeIdf: 0.25,
  minCoverage: 0.05,
  minEvidence: 2,
  soloCoverage: 0.35,
  soloSkillShare: 0.1,
  minConfidence: 0.375,
};

/** The inputs of the logistic decision, all shares or small counts, computed per candidate. */
export interface DecisionFeatures {
  coverage: number;
  skillShare: number;
  /** `evidenceCount`, capped at 3. */
  evidence: number;
  /** The lexical score (share of the best score the task could reach). */
  score: number;
  /** (this candidate's ranking score − the best other candidate's) / this one's; 1 when alone. */
  margin: number;
  cosine: number;
  standout: number;
  lead: number;
  nearWords: number;
}

/** Logistic weights over `DecisionFeatures`; fitted by scripts/fit-route-decision.ts. */
export interface DecisionModel {
  bias: number;
  weights: Readonly<DecisionFeatures>;
}

/**
 * Fitted on the tuned set and held-out sets A–G (docs/routing.md), which are development sets for it;
 * set H was committed before the fit and is its blind measurement.
 */
export const DECISION_MODEL: Readonly<DecisionModel> = {
  bias: -3.58,
  weights: {
    coverage: -0.6005,
    skillShare: 15.7,
    evidence: 0.7502,
    score: -1.515,
    margin: 0.3035,
    cosine: 1.585,
    standout: 0.107,
    lead: -0.2376,
    nearWords: 0.9068,
  },
};

/** The decision's features, in a fixed order. */
export const DECISION_FEATURES: readonly (keyof DecisionFeatures)[] = [
  "coverage",
  "skillShare",
  "evidence",
  "score",
  "margin",
  "cosine",
  "standout",
  "lead",
  "nearWords",
];

/** Throws, naming the field, unless the model has a finite bias and a finite weight for every feature. */
export function checkDecisionModel(model: DecisionModel): void {
  if (!Number.isFinite(model.bias)) throw new Error("decisionModel.bias must be a finite number");
  for (const key of DECISION_FEATURES)
    if (!Number.isFinite(model.weights?.[key]))
      throw new Error(`decisionModel.weights.${key} must be a finite number`);
}

/** The model's probability that a candidate with these features fits the task. */
export function confidence(
  features: DecisionFeatures,
  model: DecisionModel = DECISION_MODEL,
): number {
  let z = model.bias;
  for (const key of DECISION_FEATURES) z += model.weights[key] * features[key];
  return 1 / (1 + Math.exp(-z));
}

/** Why a route answered "no skill". */
export type NoMatchCode = "NO_TASK_WORDS" | "NO_SHARED_WORDS" | "WEAK_EVIDENCE" | "BELOW_MIN_SCORE";

/** The reason for `noMatch`, with the nearest skill when there was one, as data and as one line. */
export interface NoMatchReason {
  code: NoMatchCode;
  nearest?: { id: string; name: string; score: number; evidence: RouteEvidence };
  summary: string;
}

/** The evidence count the decision compares with `minEvidence`. */
export function evidenceCount(evidence: RouteEvidence): number {
  return evidence.informative.length + (evidence.inName ? 1 : 0);
}

/** True when a match is strong enough to answer the task rather than "no skill". */
export function fits(evidence: RouteEvidence, params: NoSkillParams): boolean {
  if (evidence.confidence !== undefined) return evidence.confidence >= params.minConfidence;
  if (evidence.coverage < params.minCoverage) return false;
  if (evidenceCount(evidence) >= params.minEvidence) return true;
  if (evidence.informative.length === 0) return false;
  return evidence.coverage >= params.soloCoverage || evidence.skillShare >= params.soloSkillShare;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A number with its sign, to one decimal: "+2.3", "-0.8". */
export function signed(value: number): string {
  return `${value >= 0 ? "+" : ""}${value.toFixed(1)}`;
}

/** Builds the reason for a "no skill" answer from the best candidate (if any). */
export function noMatchReason(
  hasWords: boolean,
  best: { id: string; name: string; score: number; evidence: RouteEvidence } | undefined,
  params: NoSkillParams,
  minScore: number | undefined,
): NoMatchReason {
  if (!hasWords)
    return {
      code: "NO_TASK_WORDS",
      summary: "the task has no words to route on (only stop words)",
    };
  if (best === undefined)
    return { code: "NO_SHARED_WORDS", summary: "no skill shares a word with the task" };
  const nearest = { id: best.id, name: best.name, score: best.score, evidence: best.evidence };
  if (minScore !== undefined)
    return {
      code: "BELOW_MIN_SCORE",
      nearest,
      summary: `nearest skill "${best.name}" scored ${best.score.toFixed(3)}, below minScore ${minScore}`,
    };
  const { coverage, skillShare, informative } = best.evidence;
  const words = informative.length
    ? informative.map((w) => `"${w}"`).join(", ")
    : "no informative word";
  if (best.evidence.confidence !== undefined) {
    const standout = best.evidence.meaning?.standout ?? 0;
    return {
      code: "WEAK_EVIDENCE",
      nearest,
      summary:
        `nearest skill "${best.name}" matched ${words}, ${percent(coverage)} of the task, and its ` +
        `meaning is ${signed(standout)} sd from the library's mean; confidence ` +
        `${best.evidence.confidence.toFixed(2)} is below noSkill.minConfidence ${params.minConfidence}`,
    };
  }
  return {
    code: "WEAK_EVIDENCE",
    nearest,
    summary:
      `nearest skill "${best.name}" matched ${words}, ${percent(coverage)} of the task and ` +
      `${percent(skillShare)} of the skill; a fit needs ${params.minEvidence} informative words ` +
      `(a name word counts twice), or one covering ${percent(params.soloCoverage)} of the task or ` +
      `${percent(params.soloSkillShare)} of the skill`,
  };
}
