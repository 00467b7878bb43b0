// Skill router: a BM25F inverted index over name, whenToUse and description, ranked per task.
import {
  DECISION_MODEL,
  DEFAULT_NO_SKILL_PARAMS,
  checkDecisionModel,
  confidence,
  evidenceCount,
  fits,
  noMatchReason,
  signed,
  type DecisionModel,
  type NoMatchReason,
  type NoSkillParams,
  type RouteEvidence,
} from "./decide.js";
import { indexMeaning, readTask, weighMeaning, type MeaningIndex } from "./meaning.js";
import { bigrams, contentWords, stem, tokenize, tokenizeName } from "./tokenize.js";
import { bundledWordVectors, type WordVectors } from "./vectors.js";
import { Vocabulary } from "./vocabulary.js";

/** A skill as the router sees it: the fields an agent would read to choose it. */
export interface RoutableSkill {
  name: string;
  description: string;
  whenToUse?: string;
  /** Unique key such as `project:pdf-tools`; defaults to `name`. */
  id?: string;
}

/** The skill fields that are indexed. */
export type RouteField = "name" | "description" | "whenToUse";

/** One query term's share of a match's score, in the field where it matched. */
export interface RouteTerm {
  term: string;
  field: RouteField;
  contribution: number;
}

/**
 * Why a skill matched: every (term, field) pair that scored, largest first, a one-line summary, and
 * the evidence the "no skill" decision weighed.
 */
export interface RouteExplanation {
  terms: RouteTerm[];
  summary: string;
  evidence: RouteEvidence;
}

/**
 * One ranked skill. `score` is 0..1: the BM25F score over the sum of the query words' idf (unknown
 * words at the highest idf), i.e. the share of the best score this query could ever reach; with word
 * vectors, plus `meaningWeight` × the task's cosine with the skill (so a skill that shares no word
 * can score above 0, and pass a `minScore`, by meaning alone).
 */
export interface RouteMatch {
  id: string;
  name: string;
  score: number;
  explanation: RouteExplanation;
}

/** Per-call options of `route` and `routeWithHook`. */
export interface RouteOptions {
  /** Maximum number of matches; default 3. */
  k?: number;
  /** Token budget for the returned matches, counted as ceil(chars / 4) of name plus description. */
  budget?: number;
  /**
   * A fixed threshold on the normalised score instead of the calibrated decision; defaults to the
   * router's `minScore`. `0` returns every candidate.
   */
  minScore?: number;
}

/**
 * Ranked matches; `noMatch` is true when no skill fits (budget cuts do not count), and `reason` then
 * says why.
 */
export interface RouteResult {
  matches: RouteMatch[];
  noMatch: boolean;
  reason?: NoMatchReason;
}

/**
 * Rescoring hook for `routeWithHook`, e.g. blending embedding cosine similarity into `score`. It sees
 * the lexical candidates before the threshold is applied and returns them rescored (order is ignored;
 * results are re-sorted, then thresholded, cut to `k` and to the budget).
 */
export type ScoreHook = (
  task: string,
  candidates: readonly RouteMatch[],
) => RouteMatch[] | Promise<RouteMatch[]>;

/** Relative importance of a term occurrence in each field. */
export interface FieldWeights {
  name: number;
  description: number;
  whenToUse: number;
}

/** Options of `createRouter`; the defaults were tuned on the labelled routing set. */
export interface RouterOptions {
  fieldWeights?: Partial<FieldWeights>;
  /** BM25 term-frequency saturation. */
  k1?: number;
  /** BM25 length normalisation. */
  b?: number;
  /** Multiplier for adjacent-word (bigram) matches, which reward phrases over scattered words. */
  phraseWeight?: number;
  /**
   * Word vectors for routing by meaning: the bundled GloVe vectors by default, your own
   * `WordVectors`, or `false` for a purely lexical router (and the word-rule "no skill" decision).
   */
  vectors?: WordVectors | false;
  /** Weight of the task–skill cosine added to the lexical score when ranking; default 0.1. */
  meaningWeight?: number;
  /** The logistic "no skill" model used with word vectors; default `DECISION_MODEL`. */
  decisionModel?: DecisionModel;
  /**
   * A fixed threshold on the normalised score. Unset (the default), the router decides "no skill"
   * from evidence relative to the library (`noSkill`), which transfers to libraries it was not tuned on.
   */
  minScore?: number;
  /** Thresholds of the calibrated "no skill" decision. */
  noSkill?: Partial<NoSkillParams>;
  /** Rescoring hook used by `routeWithHook`. */
  hook?: ScoreHook;
  /** How many lexical candidates `routeWithHook` passes to the hook; default 20. */
  candidatePool?: number;
}

/**
 * A ranked skill index. `route` is synchronous and offline (words and bundled word vectors);
 * `routeWithHook` is the async path that lets the host's hook rescore candidates (it behaves like
 * `route` when no hook was given).
 */
export interface Router {
  route(task: string, options?: RouteOptions): RouteResult;
  routeWithHook(task: string, options?: RouteOptions): Promise<RouteResult>;
}

/** Field weights tuned on the labelled set: a name word is the strongest evidence. */
export const DEFAULT_FIELD_WEIGHTS: Readonly<FieldWeights> = {
  name: 3,
  whenToUse: 2,
  description: 1,
};

/** Default BM25F parameters, tuned on the labelled set. */
export const DEFAULT_ROUTER_PARAMS = {
  k1: 0.8,
  b: 0.75,
  phraseWeight: 0.5,
  meaningWeight: 0.1,
} as const;

const FIELDS: readonly RouteField[] = ["name", "whenToUse", "description"];

/** Postings of one term: parallel arrays, sorted by document, with the score split across fields. */
interface Postings {
  docs: number[];
  scores: number[];
  /** Three entries per posting, in FIELDS order, summing to the posting's score. */
  parts: number[];
  /** The term's BM25 idf, which bounds its contribution because saturation stays below 1. */
  idf: number;
}

interface Doc {
  id: string;
  name: string;
  tokens: number;
  /** Sum of the idf of the skill's distinct words: its own information, for `skillShare`. */
  mass: number;
}

type FieldCounts = Map<string, [number, number, number]>;

function fieldTokens(skill: RoutableSkill): string[][] {
  return [tokenizeName(skill.name), tokenize(skill.whenToUse ?? ""), tokenize(skill.description)];
}

function countTerms(fields: string[][]): FieldCounts {
  const counts: FieldCounts = new Map();
  fields.forEach((tokens, f) => {
    for (const term of [...tokens, ...bigrams(tokens)]) {
      const tf = counts.get(term) ?? [0, 0, 0];
      tf[f]! += 1;
      counts.set(term, tf);
    }
  });
  return counts;
}

function idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function buildIndex(
  skills: readonly RoutableSkill[],
  options: RouterOptions,
): { docs: Doc[]; index: Map<string, Postings> } {
  const weights = { ...DEFAULT_FIELD_WEIGHTS, ...options.fieldWeights };
  const w = FIELDS.map((field) => weights[field]);
  const k1 = options.k1 ?? DEFAULT_ROUTER_PARAMS.k1;
  const b = options.b ?? DEFAULT_ROUTER_PARAMS.b;
  const phrase = options.phraseWeight ?? DEFAULT_ROUTER_PARAMS.phraseWeight;
  const tokenized = skills.map(fieldTokens);
  const avg = FIELDS.map(
    (_, f) => tokenized.reduce((sum, fields) => sum + fields[f]!.length, 0) / skills.length || 1,
  );
  const counts = tokenized.map(countTerms);
  const df = new Map<string, number>();
  for (const doc of counts) for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);

  const index = new Map<string, Postings>();
  counts.forEach((doc, d) => {
    for (const [term, tf] of doc) {
      // BM25F: weight and length-normalise each field's count before one shared saturation.
      const norm = tf.map((count, f) => {
        const length = tokenized[d]![f]!.length;
        return (w[f]! * count) / (1 - b + (b * length) / avg[f]!);
      });
      const pseudo = norm.reduce((sum, x) => sum + x, 0);
      const factor = term.includes(" ") ? phrase : 1;
      const score = (factor * idf(df.get(term)!, skills.length) * pseudo) / (k1 + pseudo);
      const postings = index.get(term) ?? {
        docs: [],
        scores: [],
        parts: [],
        idf: idf(df.get(term)!, skills.length),
      };
      postings.docs.push(d);
      postings.scores.push(score);
      postings.parts.push(...norm.map((x) => (score * x) / pseudo));
      index.set(term, postings);
    }
  });
  const docs = skills.map((skill, d) => {
    let mass = 0;
    for (const term of counts[d]!.keys()) if (!term.includes(" ")) mass += index.get(term)!.idf;
    return {
      id: skill.id ?? skill.name,
      name: skill.name,
      tokens: Math.ceil((skill.name.length + skill.description.length) / 4),
      mass,
    };
  });
  return { docs, index };
}

function findPosting(docs: readonly number[], doc: number): number {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = docs[mid]!;
    if (value === doc) return mid;
    if (value < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** What the task's words (not phrases) are worth in this skill, relative to the task and the skill. */
function weighEvidence(
  index: Map<string, Postings>,
  words: { words: readonly string[]; ceiling: number; floor: number },
  doc: Doc,
  d: number,
): RouteEvidence {
  let matched = 0;
  let inName = false;
  const informative: { word: string; idf: number }[] = [];
  for (const word of words.words) {
    const postings = index.get(word);
    const at = postings ? findPosting(postings.docs, d) : -1;
    if (!postings || at < 0) continue;
    matched += postings.idf;
    if (postings.idf < words.floor) continue;
    informative.push({ word, idf: postings.idf });
    if (postings.parts[at * 3]! > 0) inName = true;
  }
  informative.sort((x, y) => y.idf - x.idf);
  return {
    coverage: words.ceiling > 0 ? Math.min(1, matched / words.ceiling) : 0,
    skillShare: doc.mass > 0 ? Math.min(1, matched / doc.mass) : 0,
    informative: informative.map((entry) => entry.word),
    inName,
  };
}

function explain(
  index: Map<string, Postings>,
  queryTerms: readonly string[],
  doc: number,
  evidence: RouteEvidence,
): RouteExplanation {
  const terms: RouteTerm[] = [];
  for (const term of queryTerms) {
    const postings = index.get(term);
    const at = postings ? findPosting(postings.docs, doc) : -1;
    if (!postings || at < 0) continue;
    FIELDS.forEach((field, f) => {
      const contribution = postings.parts[at * 3 + f]!;
      if (contribution > 0) terms.push({ term, field, contribution });
    });
  }
  terms.sort((x, y) => y.contribution - x.contribution);
  const lexical = terms.length
    ? `matched ${terms.map((t) => `"${t.term}" (${t.field})`).join(", ")}`
    : "no terms matched";
  const summary = evidence.meaning
    ? `${lexical}; meaning: cosine ${evidence.meaning.cosine.toFixed(2)}, ` +
      `${signed(evidence.meaning.standout)} sd from the library's mean`
    : lexical;
  return { terms, summary, evidence };
}

/** Keeps the `size` best (doc, score) pairs in descending order: O(candidates × size). */
function topCandidates(acc: Float64Array, touched: readonly number[], size: number): number[] {
  const top: number[] = [];
  for (const doc of touched) {
    const score = acc[doc]!;
    if (top.length === size && score <= acc[top[size - 1]!]!) continue;
    let at = Math.min(top.length, size - 1);
    while (at > 0 && acc[top[at - 1]!]! < score) at--;
    top.splice(at, 0, doc);
    if (top.length > size) top.pop();
  }
  return top;
}

/** How many candidates of `route` get the meaning evidence, features and confidence. */
const DETAILED_CANDIDATES = 20;

/**
 * The decision's `margin` feature for the `i`-th of the ranked candidates `top`: its lead over the
 * best other candidate as a share of its own ranking score, in -1..1 (0 for a best match that does
 * not score above 0, as in the data the model was fitted on).
 */
function margin(ranking: Float64Array, top: readonly number[], i: number): number {
  const own = ranking[top[i]!]!;
  const other = top[i === 0 ? 1 : 0];
  if (other === undefined) return 1;
  if (own <= 0) return i === 0 ? 0 : -1;
  return Math.max(-1, Math.min(1, (own - ranking[other]!) / own));
}

/** Standard deviations above the library's mean cosine that let a later match with no shared word through. */
const STANDOUT_ALONE = 1.5;

/** How a route decides "no skill": a fixed score threshold, or evidence relative to the library. */
interface Decision {
  minScore: number | undefined;
  noSkill: NoSkillParams;
  /** False when the task had no words left after stop words. */
  hasWords: boolean;
}

function passes(match: RouteMatch, decision: Decision): boolean {
  if (decision.minScore !== undefined) return match.score >= decision.minScore;
  const evidence = match.explanation?.evidence as RouteEvidence | undefined;
  if (evidence === undefined) return false;
  if (evidence.coverage >= decision.noSkill.minCoverage) return true;
  // A match by meaning alone must stand clearly above the library's average.
  return (evidence.meaning?.standout ?? 0) >= STANDOUT_ALONE;
}

/**
 * Applies the decision, `k` and the token budget to candidates sorted by descending score. Under the
 * calibrated decision the best candidate must fit; the ones after it only need `minCoverage`.
 */
function select(
  sorted: readonly RouteMatch[],
  tokens: (match: RouteMatch) => number,
  k: number,
  decision: Decision,
  budget: number | undefined,
): RouteResult {
  const best = sorted[0];
  const bestFits =
    best !== undefined &&
    (decision.minScore !== undefined
      ? best.score >= decision.minScore
      : best.explanation?.evidence !== undefined &&
        fits(best.explanation.evidence, decision.noSkill));
  if (!bestFits) {
    const nearest = best?.explanation?.evidence
      ? { ...best, evidence: best.explanation.evidence }
      : undefined;
    return {
      matches: [],
      noMatch: true,
      reason: noMatchReason(decision.hasWords, nearest, decision.noSkill, decision.minScore),
    };
  }
  const passing = sorted.filter((match, i) => i === 0 || passes(match, decision));
  const matches: RouteMatch[] = [];
  let spent = 0;
  for (const match of passing.slice(0, k)) {
    spent += tokens(match);
    if (budget !== undefined && spent > budget) break;
    matches.push(match);
  }
  return { matches, noMatch: false };
}

function assertUniqueIds(skills: readonly RoutableSkill[]): void {
  const seen = new Set<string>();
  for (const skill of skills) {
    const id = skill.id ?? skill.name;
    if (seen.has(id))
      throw new Error(`Duplicate skill id "${id}": give skills that share a name distinct ids`);
    seen.add(id);
  }
}

/** Indexes the skills once (term → postings) and returns a router whose cost grows with postings. */
export function createRouter(
  skills: readonly RoutableSkill[],
  options: RouterOptions = {},
): Router {
  assertUniqueIds(skills);
  const { docs, index } = buildIndex(skills, options);
  const noSkill = { ...DEFAULT_NO_SKILL_PARAMS, ...options.noSkill };
  const byId = new Map(docs.map((doc) => [doc.id, doc]));
  const tokens = (match: RouteMatch) =>
    byId.get(match.id)?.tokens ?? Math.ceil(match.name.length / 4);
  // A word no skill uses still counts, at the rarest idf, so off-topic tasks normalise low.
  const unknownIdf = idf(0, docs.length);
  // A word only one skill uses is always informative, even where idf cannot tell (one or two skills).
  const floor = Math.min(noSkill.informativeIdf * unknownIdf, idf(1, docs.length));
  const vocabulary = new Vocabulary(index.keys());
  const meaning: MeaningIndex | undefined =
    options.vectors === false
      ? undefined
      : indexMeaning(
          options.vectors ?? bundledWordVectors(),
          skills.map((s) => `${s.name} ${s.whenToUse ?? ""} ${s.description}`),
        );
  const meaningWeight = options.meaningWeight ?? DEFAULT_ROUTER_PARAMS.meaningWeight;
  const decisionModel = options.decisionModel ?? DECISION_MODEL;
  if (options.decisionModel) checkDecisionModel(options.decisionModel);
  const pool = options.candidatePool ?? DETAILED_CANDIDATES;
  // Reused between calls, so the lexical part of a route allocates nothing proportional to the
  // library size (the meaning part allocates one cosine per skill).
  const acc = new Float64Array(docs.length);
  const ranking = new Float64Array(docs.length);
  const everyDoc = docs.map((_, d) => d);

  /**
   * The `size` best candidates, the first `detailed` of them with meaning evidence and confidence.
   * The runner-up is always ranked, so the decision on the best does not depend on `size`.
   */
  function rank(
    task: string,
    size: number,
    detailed: number,
  ): { matches: RouteMatch[]; hasWords: boolean } {
    const raw = contentWords(task);
    const tokens = raw.map(stem).map((t) => (index.has(t) ? t : (vocabulary.closest(t) ?? t)));
    const words = [...new Set(tokens)];
    const queryTerms = [...words, ...new Set(bigrams(tokens))];
    const ceiling = words.reduce((sum, term) => sum + (index.get(term)?.idf ?? unknownIdf), 0);
    const touched: number[] = [];
    for (const term of queryTerms) {
      const postings = index.get(term);
      if (!postings) continue;
      for (let i = 0; i < postings.docs.length; i++) {
        const doc = postings.docs[i]!;
        if (acc[doc] === 0) touched.push(doc);
        acc[doc]! += postings.scores[i]!;
      }
    }
    const share = (doc: number) => (ceiling > 0 ? Math.min(1, acc[doc]! / ceiling) : 0);
    // By meaning, every skill is a candidate: its lexical share plus a little of its cosine.
    const taskMeaning = meaning && words.length > 0 ? readTask(meaning, raw) : undefined;
    if (taskMeaning)
      for (const doc of everyDoc)
        ranking[doc] = share(doc) + meaningWeight * taskMeaning.cosines[doc]!;
    else for (const doc of touched) ranking[doc] = acc[doc]!;
    const top = topCandidates(ranking, taskMeaning ? everyDoc : touched, Math.max(size, 2));
    const matches = top.slice(0, size).map((doc, i) => {
      const evidence = weighEvidence(index, { words, ceiling, floor }, docs[doc]!, doc);
      // Word-by-word meaning costs more per skill; the decision reads the first candidate, a hook
      // its pool, and a catalog ordered by the task needs none of it.
      if (meaning && taskMeaning && i < detailed) {
        evidence.meaning = weighMeaning(meaning, taskMeaning, doc);
        evidence.features = {
          coverage: evidence.coverage,
          skillShare: evidence.skillShare,
          evidence: Math.min(3, evidenceCount(evidence)),
          score: share(doc),
          margin: margin(ranking, top, i),
          ...evidence.meaning,
        };
        evidence.confidence = confidence(evidence.features, decisionModel);
      }
      return {
        id: docs[doc]!.id,
        name: docs[doc]!.name,
        score: Math.max(0, Math.min(1, taskMeaning ? ranking[doc]! : share(doc))),
        explanation: explain(index, queryTerms, doc, evidence),
      };
    });
    for (const doc of touched) acc[doc] = 0;
    if (taskMeaning) ranking.fill(0);
    else for (const doc of touched) ranking[doc] = 0;
    return { matches, hasWords: words.length > 0 };
  }

  const decide = (routeOptions: RouteOptions, hasWords: boolean): Decision => ({
    minScore: routeOptions.minScore ?? options.minScore,
    noSkill,
    hasWords,
  });

  return {
    route(task, routeOptions = {}) {
      const k = routeOptions.k ?? 3;
      const { matches, hasWords } = rank(task, k, DETAILED_CANDIDATES);
      return select(matches, tokens, k, decide(routeOptions, hasWords), routeOptions.budget);
    },
    async routeWithHook(task, routeOptions = {}) {
      const k = routeOptions.k ?? 3;
      // The hook may promote any candidate of its pool, so all of them carry the full evidence.
      const size = Math.max(k, pool);
      const ranked = rank(task, size, size);
      const rescored = options.hook ? await options.hook(task, ranked.matches) : ranked.matches;
      const sorted = [...rescored].sort((x, y) => y.score - x.score);
      return select(sorted, tokens, k, decide(routeOptions, ranked.hasWords), routeOptions.budget);
    },
  };
}
