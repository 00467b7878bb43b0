// The assertion union and checking one assertion against the facts of a run.
import { safeCompilePattern } from "@skillflow/tools";
import { extractJson } from "./_json.js";
import { compileSchema, formatSchemaErrors } from "./_schema.js";
import { JudgeAnswerError, JudgeUnavailableError, type Judge, type JudgeRequest } from "./judge.js";

/** Output equals `value`; trimmed by default. */
export interface EqualsAssertion {
  type: "equals";
  value: string;
  trim?: boolean;
  ignoreCase?: boolean;
}
/** Output contains (or, for `not-contains`, does not contain) `value`. */
export interface ContainsAssertion {
  type: "contains" | "not-contains";
  value: string;
  ignoreCase?: boolean;
}
/** Output matches the regular expression `pattern` with `flags`. */
export interface RegexAssertion {
  type: "regex";
  pattern: string;
  flags?: string;
}
/** Output is JSON (bare or in a ```json block) that validates against `schema`. */
export interface JsonSchemaAssertion {
  type: "json-schema";
  schema: object;
}
/** The run activated `skill` (the loader fills in the suite's skill when the file names none). */
export interface SkillUsedAssertion {
  type: "skill-used";
  skill?: string;
}
/** The run cost at most `usd` dollars. */
export interface MaxCostAssertion {
  type: "max-cost";
  usd: number;
}
/** The run took at most `ms` milliseconds. */
export interface MaxLatencyAssertion {
  type: "max-latency";
  ms: number;
}
/** The run used at most `tokens` tokens. */
export interface MaxTokensAssertion {
  type: "max-tokens";
  tokens: number;
}
/** A judge scores the output on weighted criteria; the weighted mean must reach `threshold`. */
export interface LlmJudgeAssertion {
  type: "llm-judge";
  criteria: { description: string; weight?: number }[];
  /** 0..1, default 0.7. */
  threshold?: number;
  model?: string;
}

/** Every assertion an eval case can make, discriminated by `type`. */
export type Assertion =
  | EqualsAssertion
  | ContainsAssertion
  | RegexAssertion
  | JsonSchemaAssertion
  | SkillUsedAssertion
  | MaxCostAssertion
  | MaxLatencyAssertion
  | MaxTokensAssertion
  | LlmJudgeAssertion;

/** The assertion type names, in documentation order. */
export const ASSERTION_TYPES = [
  "equals",
  "contains",
  "not-contains",
  "regex",
  "json-schema",
  "skill-used",
  "max-cost",
  "max-latency",
  "max-tokens",
  "llm-judge",
] as const satisfies readonly Assertion["type"][];

/** The threshold an llm-judge assertion uses when it sets none. */
export const DEFAULT_JUDGE_THRESHOLD = 0.7;

/** What a run produced and cost, as assertions see it. */
export interface RunFacts {
  output: string;
  activatedSkills: string[];
  costUsd?: number;
  durationMs: number;
  tokens?: number;
  expectedOutput?: string;
  prompt: string;
  /** The suite's skill: what `skill-used` checks when the assertion names none. */
  skill?: string;
}

/** One assertion's outcome; `score` is set by graded assertions (llm-judge). */
export interface AssertionResult {
  type: string;
  passed: boolean;
  score?: number;
  detail: string;
}

/**
 * Checks `assertion` against `run`. Throws JudgeUnavailableError for an llm-judge with no `judge`,
 * and JudgeAnswerError when the judge's verdict is malformed, so neither is mistaken for a grade.
 */
export async function checkAssertion(
  assertion: Assertion,
  run: RunFacts,
  judge?: Judge,
): Promise<AssertionResult> {
  const result = (passed: boolean, detail: string): AssertionResult => ({
    type: assertion.type,
    passed,
    detail,
  });
  switch (assertion.type) {
    case "equals": {
      const norm = (s: string) => {
        const t = assertion.trim === false ? s : s.trim();
        return assertion.ignoreCase === true ? t.toLowerCase() : t;
      };
      return norm(run.output) === norm(assertion.value)
        ? result(true, "output equals the expected value")
        : result(false, `expected ${quote(assertion.value)}, got ${quote(run.output)}`);
    }
    case "contains":
    case "not-contains": {
      const fold = (s: string) => (assertion.ignoreCase === true ? s.toLowerCase() : s);
      const found = fold(run.output).includes(fold(assertion.value));
      const want = assertion.type === "contains";
      return result(
        found === want,
        `output ${found ? "contains" : "does not contain"} ${quote(assertion.value)}`,
      );
    }
    case "regex": {
      // RE2 (linear time): a pattern from the suite cannot hang the run on a long output.
      const compiled = safeCompilePattern(assertion.pattern, assertion.flags);
      if (!compiled.ok)
        return result(false, `invalid regular expression: ${compiled.error.message}`);
      const re = compiled.pattern;
      const shown = `/${assertion.pattern}/${assertion.flags ?? ""}`;
      return re.test(run.output)
        ? result(true, `output matches ${shown}`)
        : result(false, `output does not match ${shown}`);
    }
    case "json-schema": {
      const json = extractJson(run.output);
      if (!json) return result(false, "output is not JSON (nor has a ```json block)");
      const validate = compileSchema(assertion.schema);
      if (validate(json.value)) return result(true, "output JSON matches the schema");
      return result(false, formatSchemaErrors(validate.errors).join("; "));
    }
    case "skill-used": {
      const skill = assertion.skill ?? run.skill;
      if (skill === undefined) return result(false, "no skill to check: name one or set run.skill");
      const used = run.activatedSkills.includes(skill);
      const list = run.activatedSkills.length === 0 ? "none" : run.activatedSkills.join(", ");
      return result(
        used,
        `skill ${skill} ${used ? "was" : "was not"} activated (activated: ${list})`,
      );
    }
    case "max-cost":
      return limit(result, "cost", run.costUsd, assertion.usd, (n) => `$${n.toFixed(4)}`);
    case "max-latency":
      return limit(result, "duration", run.durationMs, assertion.ms, (n) => `${n} ms`);
    case "max-tokens":
      return limit(result, "tokens", run.tokens, assertion.tokens, (n) => `${n} tokens`);
    case "llm-judge":
      return judged(assertion, run, judge);
  }
}

/** A budget check; an unknown measure fails, because a limit nobody measured is not met. */
function limit(
  result: (passed: boolean, detail: string) => AssertionResult,
  what: string,
  actual: number | undefined,
  max: number,
  show: (n: number) => string,
): AssertionResult {
  if (actual === undefined) return result(false, `the run reported no ${what}`);
  const passed = actual <= max;
  return result(passed, `${what} ${show(actual)} ${passed ? "≤" : ">"} limit ${show(max)}`);
}

async function judged(
  assertion: LlmJudgeAssertion,
  run: RunFacts,
  judge: Judge | undefined,
): Promise<AssertionResult> {
  if (!judge) throw new JudgeUnavailableError();
  const criteria = assertion.criteria.map((c) => ({
    description: c.description,
    weight: c.weight ?? 1,
  }));
  const request: JudgeRequest = { prompt: run.prompt, output: run.output, criteria };
  if (run.expectedOutput !== undefined) request.expectedOutput = run.expectedOutput;
  if (assertion.model !== undefined) request.model = assertion.model;
  const verdict = await judge(request);
  if (
    verdict.scores.length !== criteria.length ||
    verdict.scores.some((s) => !Number.isFinite(s) || s < 0 || s > 1)
  )
    throw new JudgeAnswerError(
      `judge returned ${verdict.scores.length} scores for ${criteria.length} criteria, each must be in 0..1`,
    );
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (!(total > 0)) throw new JudgeAnswerError("llm-judge criteria weights must sum above 0");
  const score =
    criteria.reduce((sum, c, i) => sum + c.weight * (verdict.scores[i] ?? 0), 0) / total;
  const threshold = assertion.threshold ?? DEFAULT_JUDGE_THRESHOLD;
  // A hair of tolerance so a mean like (1 + 0.4) / 2 meets a 0.7 threshold despite float rounding.
  const passed = score >= threshold - 1e-9;
  const because = verdict.reasoning === undefined ? "" : `: ${verdict.reasoning}`;
  return {
    type: assertion.type,
    passed,
    score,
    detail: `score ${round(score)} ${passed ? "≥" : "<"} threshold ${threshold}${because}`,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text);
}
