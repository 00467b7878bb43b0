// The "no skill" decision: whether the best match carries enough evidence, measured against the library.

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
}

/** Defaults chosen on the tuned routing set only (see docs/routing.md, "Tuning"). */
export const DEFAULT_NO_SKILL_PARAMS: Readonly<NoSkillParams> = {
  informativeIdf: 0.25,
  minCoverage: 0.05,
  minEvidence: 2,
  soloCoverage: 0.35,
  soloSkillShare: 0.1,
};

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
  if (evidence.coverage < params.minCoverage) return false;
  if (evidenceCount(evidence) >= params.minEvidence) return true;
  if (evidence.informative.length === 0) return false;
  return evidence.coverage >= params.soloCoverage || evidence.skillShare >= params.soloSkillShare;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

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
