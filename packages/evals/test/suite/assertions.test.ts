// Tests for checkAssertion: each assertion type passing and failing, and the llm-judge contract.
import { describe, expect, it } from "vitest";
import {
  checkAssertion,
  JudgeAnswerError,
  JudgeUnavailableError,
  type Assertion,
  type Judge,
  type JudgeRequest,
  type RunFacts,
} from "../../src/suite/index.js";

const run = (over: Partial<RunFacts> = {}): RunFacts => ({
  output: "  Taxpayer Name: Ada  ",
  activatedSkills: ["pdf-forms"],
  costUsd: 0.02,
  durationMs: 1500,
  tokens: 900,
  prompt: "Fill in the form",
  ...over,
});

/** passed flag of `assertion` against `facts`. */
async function passes(assertion: Assertion, facts: RunFacts = run()): Promise<boolean> {
  return (await checkAssertion(assertion, facts)).passed;
}

describe("checkAssertion", () => {
  it("equals trims by default and can ignore case", async () => {
    expect(await passes({ type: "equals", value: "Taxpayer Name: Ada" })).toBe(true);
    expect(await passes({ type: "equals", value: "Taxpayer Name: Ada", trim: false })).toBe(false);
    expect(await passes({ type: "equals", value: "taxpayer name: ada" })).toBe(false);
    expect(await passes({ type: "equals", value: "taxpayer name: ada", ignoreCase: true })).toBe(
      true,
    );
    const result = await checkAssertion({ type: "equals", value: "x" }, run({ output: "y" }));
    expect(result).toEqual({ type: "equals", passed: false, detail: 'expected "x", got "y"' });
  });

  it("contains and not-contains", async () => {
    expect(await passes({ type: "contains", value: "Taxpayer" })).toBe(true);
    expect(await passes({ type: "contains", value: "taxpayer" })).toBe(false);
    expect(await passes({ type: "contains", value: "taxpayer", ignoreCase: true })).toBe(true);
    expect(await passes({ type: "not-contains", value: "TODO" })).toBe(true);
    expect(await passes({ type: "not-contains", value: "Ada" })).toBe(false);
  });

  it("regex", async () => {
    expect(await passes({ type: "regex", pattern: "name: \\w+", flags: "i" })).toBe(true);
    expect(await passes({ type: "regex", pattern: "^\\d+$" })).toBe(false);
    const bad = await checkAssertion({ type: "regex", pattern: "(" }, run());
    expect(bad.passed).toBe(false);
    expect(bad.detail).toMatch(/^invalid regular expression/);
  });

  // V8 backtracks for about 37 s on this pair; RE2 answers at once (guarded by the test timeout).
  it("regex and json-schema patterns run in linear time", async () => {
    const output = `${"a".repeat(30)}!`;
    const regex = await checkAssertion({ type: "regex", pattern: "^(a+)+$" }, run({ output }));
    expect(regex.passed).toBe(false);
    const schema = { type: "string", pattern: "^(a+)+$" };
    const quoted = await checkAssertion(
      { type: "json-schema", schema },
      run({ output: JSON.stringify(output) }),
    );
    expect(quoted.passed).toBe(false);
  });

  it("json-schema accepts bare JSON and a ```json fenced block, and reports Ajv errors", async () => {
    const schema = {
      type: "object",
      required: ["name", "age"],
      properties: { name: { type: "string" }, age: { type: "integer" } },
    };
    const check = (output: string) =>
      checkAssertion({ type: "json-schema", schema }, run({ output }));
    expect((await check('{"name":"Ada","age":36}')).passed).toBe(true);
    const fenced = 'Here it is:\n```json\n{ "name": "Ada", "age": 36 }\n```\nDone.';
    expect((await check(fenced)).passed).toBe(true);
    expect(await check('```json\n{ "name": 1, "age": 2.5 }\n```')).toEqual({
      type: "json-schema",
      passed: false,
      detail: "/name must be string; /age must be integer",
    });
    expect((await check('{"name":"Ada"}')).detail).toBe("/ must have required property 'age'");
    expect((await check("no json here")).passed).toBe(false);
  });

  it("json-schema supports 2020-12 schemas", async () => {
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "array",
      prefixItems: [{ type: "number" }],
    };
    expect(await passes({ type: "json-schema", schema }, run({ output: "[1]" }))).toBe(true);
    expect(await passes({ type: "json-schema", schema }, run({ output: '["a"]' }))).toBe(false);
  });

  it("skill-used checks the named skill, else the run's suite skill", async () => {
    expect(await passes({ type: "skill-used", skill: "pdf-forms" })).toBe(true);
    expect(await passes({ type: "skill-used", skill: "docx" })).toBe(false);
    expect(await passes({ type: "skill-used" }, run({ skill: "pdf-forms" }))).toBe(true);
    expect(
      await passes({ type: "skill-used" }, run({ skill: "pdf-forms", activatedSkills: [] })),
    ).toBe(false);
    expect(await passes({ type: "skill-used" })).toBe(false);
  });

  it("max-cost, max-latency and max-tokens, failing when the measure is unknown", async () => {
    expect(await passes({ type: "max-cost", usd: 0.02 })).toBe(true);
    expect(await passes({ type: "max-cost", usd: 0.01 })).toBe(false);
    expect(await passes({ type: "max-latency", ms: 2000 })).toBe(true);
    expect(await passes({ type: "max-latency", ms: 1000 })).toBe(false);
    expect(await passes({ type: "max-tokens", tokens: 900 })).toBe(true);
    expect(await passes({ type: "max-tokens", tokens: 899 })).toBe(false);
    const { costUsd: _c, tokens: _t, ...unmeasured } = run();
    const noCost = await checkAssertion({ type: "max-cost", usd: 1 }, unmeasured);
    expect(noCost).toEqual({ type: "max-cost", passed: false, detail: "the run reported no cost" });
    expect(await passes({ type: "max-tokens", tokens: 1e9 }, unmeasured)).toBe(false);
  });
});

describe("llm-judge", () => {
  const judgeAssertion: Assertion = {
    type: "llm-judge",
    criteria: [{ description: "Accurate", weight: 3 }, { description: "Concise" }],
    model: "judge-1",
  };
  const fake = (scores: number[], seen: JudgeRequest[] = []): Judge => {
    return async (request) => {
      seen.push(request);
      return { scores, reasoning: "ok" };
    };
  };

  it("passes when the weighted mean reaches the threshold, and sends the run to the judge", async () => {
    const seen: JudgeRequest[] = [];
    const facts = run({ expectedOutput: "A filled form" });
    const result = await checkAssertion(judgeAssertion, facts, fake([0.8, 0.4], seen));
    // (3 × 0.8 + 1 × 0.4) / 4 = 0.7, the default threshold.
    expect(result).toEqual({
      type: "llm-judge",
      passed: true,
      score: expect.closeTo(0.7, 9),
      detail: "score 0.7 ≥ threshold 0.7: ok",
    });
    expect(seen).toEqual([
      {
        prompt: "Fill in the form",
        output: "  Taxpayer Name: Ada  ",
        expectedOutput: "A filled form",
        criteria: [
          { description: "Accurate", weight: 3 },
          { description: "Concise", weight: 1 },
        ],
        model: "judge-1",
      },
    ]);
  });

  it("fails below the threshold", async () => {
    const result = await checkAssertion(judgeAssertion, run(), fake([0.5, 1]));
    expect(result.passed).toBe(false);
    // (3 × 0.5 + 1 × 1) / 4 = 0.625 < 0.7.
    expect(result.score).toBe(0.625);
    expect(result.detail).toBe("score 0.625 < threshold 0.7: ok");
    const strict = await checkAssertion(
      { ...judgeAssertion, threshold: 0.9 },
      run(),
      fake([1, 0.5]),
    );
    expect(strict).toMatchObject({ passed: false, score: 0.875 });
  });

  it("throws JudgeUnavailableError when no judge is given", async () => {
    await expect(checkAssertion(judgeAssertion, run())).rejects.toBeInstanceOf(
      JudgeUnavailableError,
    );
  });

  it("throws JudgeAnswerError when the judge returns the wrong number or range of scores", async () => {
    await expect(checkAssertion(judgeAssertion, run(), fake([1]))).rejects.toBeInstanceOf(
      JudgeAnswerError,
    );
    await expect(checkAssertion(judgeAssertion, run(), fake([1, 1.5]))).rejects.toBeInstanceOf(
      JudgeAnswerError,
    );
  });
});
