// The evaluation charts' data: Wilson intervals, rate rows and their aligned chart series, the two
// conditions of each case side by side, and a skill's history as rows and lines.
import { describe, expect, it } from "vitest";
import {
  caseComparisons,
  historyChart,
  historyRows,
  isLong,
  percent,
  rateChart,
  rateRows,
  summaryRates,
  wilson,
} from "../app/eval-charts";
import type { EvalReport, HistoryLine, ModelResult, TrialRecord } from "../app/eval-types";

const summary = (passes: number, failures: number, errors = 0, low = 0.1, high = 0.9) => ({
  trials: passes + failures + errors,
  passes,
  failures,
  errors,
  rate: passes + failures === 0 ? 0 : passes / (passes + failures),
  interval: { low, high },
});

const model = (name: string, withoutToo = true): ModelResult => ({
  model: name,
  conditions: [
    // Out of order on purpose: rows follow with, without, previous.
    ...(withoutToo ? [{ condition: "without" as const, summary: summary(1, 2), cases: [] }] : []),
    { condition: "with" as const, summary: summary(3, 0, 1, 0.44, 1), cases: [] },
  ],
  comparison: {
    cases: 2,
    meanDifference: 0.5,
    bootstrap: { low: 0, high: 1 },
    signTest: { positive: 1, negative: 0, ties: 1, pValue: 1 },
  },
  verdict: "no clear effect",
  errors: [],
});

const trial = (over: Partial<TrialRecord>): TrialRecord => ({
  model: "m1",
  condition: "with",
  caseId: "a",
  trial: 0,
  outcome: "pass",
  assertions: [],
  output: "out",
  durationMs: 1,
  ...over,
});

const report = (over: Partial<EvalReport> = {}): EvalReport => ({
  skill: "digest",
  skillHash: "abc",
  startedAt: "2026-12-06T10:00:00.000Z",
  mode: "catalog",
  replay: false,
  repeat: 2,
  cases: [
    { id: "a", prompt: "Summarise A" },
    { id: "b", prompt: "Summarise B" },
  ],
  models: [model("m1"), model("m2", false)],
  trials: [],
  ...over,
});

describe("wilson", () => {
  it("matches the interval skillflow eval reports, pinned at 0/n and n/n", () => {
    const mid = wilson(5, 10);
    expect(mid.low).toBeCloseTo(0.2366, 4);
    expect(mid.high).toBeCloseTo(0.7634, 4);
    expect(wilson(0, 4)).toEqual({ low: 0, high: expect.closeTo(0.4899, 4) });
    expect(wilson(4, 4)).toEqual({ low: expect.closeTo(0.5101, 4), high: 1 });
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe("rateRows and rateChart", () => {
  it("lists each model's conditions in order with judged counts that leave errors out", () => {
    expect(rateRows(report())).toEqual([
      {
        model: "m1",
        condition: "with",
        rate: 1,
        low: 0.44,
        high: 1,
        passes: 3,
        judged: 3,
        errors: 1,
      },
      {
        model: "m1",
        condition: "without",
        rate: 1 / 3,
        low: 0.1,
        high: 0.9,
        passes: 1,
        judged: 3,
        errors: 0,
      },
      {
        model: "m2",
        condition: "with",
        rate: 1,
        low: 0.44,
        high: 1,
        passes: 3,
        judged: 3,
        errors: 1,
      },
    ]);
  });

  it("aligns the series on ascending x: a model's conditions beside it, null where a series has no point", () => {
    const chart = rateChart(rateRows(report()));
    expect(chart.models).toEqual(["m1", "m2"]);
    expect(chart.x).toEqual([-0.15, 0.15, 0.85, 1.15]);
    expect(chart.series.map((s) => s.condition)).toEqual(["with", "without"]);
    expect(chart.series[0]).toEqual({
      condition: "with",
      rate: [1, null, 1, null],
      low: [0.44, null, 0.44, null],
      high: [1, null, 1, null],
    });
    // m2 has no "without": its place stays empty in every series.
    expect(chart.series[1]?.rate).toEqual([null, 1 / 3, null, null]);
    for (const s of chart.series) expect(s.rate).toHaveLength(chart.x.length);
  });

  it("puts a lone condition on the model itself, and draws nothing for no rows", () => {
    const chart = rateChart(rateRows(report({ models: [model("m2", false)] })));
    expect(chart.x).toEqual([0]);
    expect(rateChart([])).toEqual({ models: [], x: [], series: [] });
  });

  it("reads a listed report's rates, tolerating a summary without models or rates", () => {
    expect(summaryRates({ id: "r", skill: "s" })).toEqual([]);
    expect(
      summaryRates({ id: "r", skill: "s", models: [{ model: "m", verdict: "helps" }] }),
    ).toEqual([{ model: "m", verdict: "helps", rates: {} }]);
  });
});

describe("caseComparisons", () => {
  it("puts each case's conditions side by side with their trials in order, for one model", () => {
    const cases = caseComparisons(
      report({
        trials: [
          trial({ trial: 1, output: "second", outcome: "fail" }),
          trial({ trial: 0, output: "first" }),
          trial({ condition: "without", outcome: "error", error: "timeout", output: "" }),
          trial({ caseId: "b", outputTruncated: { chars: 30_000 } }),
          trial({ model: "m2", output: "other model" }),
        ],
      }),
      "m1",
    );
    expect(cases.map((c) => [c.caseId, c.prompt, c.sides.map((s) => s.condition)])).toEqual([
      ["a", "Summarise A", ["with", "without"]],
      ["b", "Summarise B", ["with", "without"]],
    ]);
    expect(cases[0]?.sides[0]).toMatchObject({
      passes: 1,
      judged: 2,
      trials: [
        { trial: 0, output: "first" },
        { trial: 1, output: "second" },
      ],
    });
    expect(cases[0]?.sides[1]).toMatchObject({
      passes: 0,
      judged: 0,
      trials: [{ error: "timeout" }],
    });
    expect(cases[1]?.sides[0]?.trials[0]?.outputTruncated).toEqual({ chars: 30_000 });
    expect(cases[1]?.sides[1]?.trials).toEqual([]);
  });

  it("collapses an output when it is long in characters or in lines", () => {
    expect(isLong("short")).toBe(false);
    expect(isLong("x".repeat(601))).toBe(true);
    expect(isLong("a\n".repeat(12))).toBe(true);
  });
});

const line = (over: Partial<HistoryLine>): HistoryLine => ({
  at: "2026-12-01T10:00:00.000Z",
  skill: "digest",
  skillHash: "h1",
  model: "m1",
  rates: {
    with: { rate: 0.5, judged: 10, errors: 0 },
    without: { rate: 0.2, judged: 10, errors: 0 },
  },
  meanDifference: 0.3,
  verdict: "helps",
  ...over,
});

describe("history", () => {
  const lines = [
    line({
      at: "2026-12-03T10:00:00.000Z",
      skillHash: "h2",
      rates: { with: { rate: 1, judged: 4, errors: 0 } },
    }),
    line({}),
    line({
      model: "m2",
      rates: { with: { rate: 0, judged: 0, errors: 3 } },
      replay: true,
      mode: "loaded",
    }),
  ];

  it("lists the history oldest first with Wilson intervals from the judged counts", () => {
    const rows = historyRows(lines);
    expect(rows.map((r) => [r.at.slice(0, 10), r.model, r.skillHash, r.mode, r.replay])).toEqual([
      ["2026-12-01", "m1", "h1", "catalog", false],
      ["2026-12-01", "m2", "h1", "loaded", true],
      ["2026-12-03", "m1", "h2", "catalog", false],
    ]);
    expect(rows[0]?.rates.with).toEqual({ rate: 0.5, ...wilson(5, 10), judged: 10 });
    expect(rows[2]?.rates.without).toBeUndefined();
  });

  it("draws one line per model and condition over the distinct times, with gaps where nothing was judged", () => {
    const chart = historyChart(lines);
    expect(chart.x).toEqual([
      Date.parse("2026-12-01T10:00:00.000Z") / 1000,
      Date.parse("2026-12-03T10:00:00.000Z") / 1000,
    ]);
    expect(chart.series).toEqual([
      { model: "m1", condition: "with", values: [0.5, 1] },
      { model: "m1", condition: "without", values: [0.2, null] },
    ]);
  });

  it("draws nothing for no history", () => {
    expect(historyChart([])).toEqual({ x: [], series: [] });
  });

  it("shows rates as whole percentages", () => {
    expect([percent(0.834), percent(0), percent(null), percent(Number.NaN)]).toEqual([
      "83%",
      "0%",
      "—",
      "—",
    ]);
  });
});
