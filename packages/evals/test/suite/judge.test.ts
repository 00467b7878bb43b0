// Tests for the judge prompt and reading judge answers back, including malformed ones.
import { describe, expect, it } from "vitest";
import { JudgeAnswerError, judgePrompt, parseJudgeAnswer } from "../../src/suite/index.js";

const request = {
  prompt: "Summarise the report",
  output: "The report says sales rose.",
  expectedOutput: "A two-line summary",
  criteria: [
    { description: "Mentions sales", weight: 2 },
    { description: "Two lines at most", weight: 1 },
  ],
};

describe("judgePrompt", () => {
  it("includes the task, output, expected output, numbered criteria and the answer format", () => {
    const text = judgePrompt(request);
    expect(text).toContain("<task>\nSummarise the report\n</task>");
    expect(text).toContain("<output>\nThe report says sales rose.\n</output>");
    expect(text).toContain("<expected_output>\nA two-line summary\n</expected_output>");
    expect(text).toContain("1. Mentions sales (weight 2)\n2. Two lines at most (weight 1)");
    expect(text).toContain('{ "scores": [');
    expect(text).toContain("exactly 2 scores");
  });

  it("leaves out the expected output when there is none", () => {
    const { expectedOutput: _e, ...rest } = request;
    expect(judgePrompt(rest)).not.toContain("expected_output");
  });
});

describe("parseJudgeAnswer", () => {
  it("round-trips an answer in the format the prompt asks for", () => {
    const answer = JSON.stringify({ scores: [1, 0.5], reasoning: "mostly" });
    expect(parseJudgeAnswer(answer, request.criteria.length)).toEqual({
      scores: [1, 0.5],
      reasoning: "mostly",
    });
  });

  it("tolerates ```json fences and prose around the object", () => {
    expect(parseJudgeAnswer('```json\n{ "scores": [0, 1] }\n```', 2)).toEqual({ scores: [0, 1] });
    expect(
      parseJudgeAnswer('Sure. { "scores": [0.3], "reasoning": "r" } Hope that helps.', 1),
    ).toEqual({ scores: [0.3], reasoning: "r" });
  });

  it.each([
    ["not JSON at all", 1, /^judge answer is not JSON/],
    ["[0.5]", 1, /must be a JSON object/],
    ['{ "score": 0.5 }', 1, /no "scores" array/],
    ['{ "scores": [0.5] }', 2, /has 1 scores for 2 criteria/],
    ['{ "scores": [1.5] }', 1, /score 1 must be a number from 0 to 1, got 1.5/],
    ['{ "scores": ["high"] }', 1, /score 1 must be a number from 0 to 1/],
  ])("rejects %s", (text, count, message) => {
    expect(() => parseJudgeAnswer(text, count)).toThrow(JudgeAnswerError);
    expect(() => parseJudgeAnswer(text, count)).toThrow(message);
  });
});
