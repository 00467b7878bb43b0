// summarizeTrials: counting, excluding errors from the rate, Wilson interval and optional pass^k.
import { describe, expect, it } from "vitest";
import { summarizeTrials, type TrialOutcome } from "../../src/stats/index.js";

const repeat = (outcome: TrialOutcome, times: number): TrialOutcome[] =>
  Array.from({ length: times }, () => outcome);

describe("summarizeTrials", () => {
  it("excludes errors from the denominator", () => {
    const summary = summarizeTrials([
      ...repeat("pass", 8),
      ...repeat("fail", 2),
      ...repeat("error", 5),
    ]);
    expect(summary.trials).toBe(15);
    expect(summary.passes).toBe(8);
    expect(summary.failures).toBe(2);
    expect(summary.errors).toBe(5);
    expect(summary.rate).toBeCloseTo(0.8, 12);
    expect(summary.interval.low).toBeCloseTo(0.4902, 4);
    expect(summary.interval.high).toBeCloseTo(0.9433, 4);
    expect(summary).not.toHaveProperty("passHatK");
  });

  it("adds pass^k over judged trials when k is given", () => {
    const outcomes = [...repeat("pass", 3), ...repeat("fail", 2), "error" as const];
    expect(summarizeTrials(outcomes, 2).passHatK).toBeCloseTo(0.3, 12);
    expect(summarizeTrials(outcomes, 6).passHatK).toBeNaN(); // only 5 judged trials
  });

  it("reports nothing known when every trial errored or there are none", () => {
    expect(summarizeTrials(repeat("error", 3))).toEqual({
      trials: 3,
      passes: 0,
      failures: 0,
      errors: 3,
      rate: 0,
      interval: { low: 0, high: 1 },
    });
    expect(summarizeTrials([]).interval).toEqual({ low: 0, high: 1 });
  });
});
