// The data behind the evaluation charts and their tables: pass rates per model and condition with
// Wilson intervals, the two conditions of each case side by side, and a skill's history over time.
import type {
  Condition,
  EvalReport,
  EvalReportSummary,
  HistoryLine,
  RateSummary,
  TrialRecord,
} from "./eval-types";

/** The conditions in the order they are shown. */
export const CONDITIONS: readonly Condition[] = ["with", "without", "previous"];

/** One model × condition pass rate, as the chart draws it and its table lists it. */
export interface RateRow {
  model: string;
  condition: Condition;
  rate: number;
  low: number;
  high: number;
  passes: number;
  judged: number;
  errors: number;
}

/**
 * The 95% Wilson score interval of `passes` out of `judged` (z = 1.96), the same interval
 * `skillflow eval` reports; `[0, 1]` when nothing was judged.
 */
export function wilson(passes: number, judged: number): { low: number; high: number } {
  if (judged <= 0) return { low: 0, high: 1 };
  const z = 1.959963984540054;
  const rate = passes / judged;
  const z2n = (z * z) / judged;
  const center = (rate + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((rate * (1 - rate)) / judged + z2n / (4 * judged));
  return {
    low: passes === 0 ? 0 : Math.max(0, center - half),
    high: passes === judged ? 1 : Math.min(1, center + half),
  };
}

/** The pass rate of every model and condition of a report, models in report order. */
export function rateRows(report: Pick<EvalReport, "models">): RateRow[] {
  return report.models.flatMap((m) =>
    CONDITIONS.flatMap((condition) => {
      const c = m.conditions.find((x) => x.condition === condition);
      if (!c) return [];
      const s = c.summary;
      return [
        {
          model: m.model,
          condition,
          rate: s.rate,
          low: s.interval.low,
          high: s.interval.high,
          passes: s.passes,
          judged: s.passes + s.failures,
          errors: s.errors,
        },
      ];
    }),
  );
}

/** The rates of a listed report's models (the list's summary form). */
export function summaryRates(
  summary: EvalReportSummary,
): { model: string; verdict: string; rates: Partial<Record<Condition, RateSummary>> }[] {
  return (summary.models ?? []).map((m) => ({
    model: m.model,
    verdict: m.verdict,
    rates: m.rates ?? {},
  }));
}

/** A chart series: one condition's rate and interval at each x (null where it has no point). */
export interface RateSeries {
  condition: Condition;
  rate: (number | null)[];
  low: (number | null)[];
  high: (number | null)[];
}

/** The rate chart's data: models on a category axis, each condition's point beside the others. */
export interface RateChart {
  models: string[];
  /** Ascending x positions: model `i`'s condition `j` sits at `i + offset(j)`. */
  x: number[];
  series: RateSeries[];
}

/** How far apart the conditions of one model are drawn (in model widths). */
export const CONDITION_SPREAD = 0.3;

/**
 * The rate chart's data for `rows`: each model at an integer, its conditions spread around it, so
 * the x values ascend and each series holds values only at its own positions (uPlot's aligned data).
 */
export function rateChart(rows: readonly RateRow[]): RateChart {
  const models = [...new Set(rows.map((r) => r.model))];
  const conditions = CONDITIONS.filter((c) => rows.some((r) => r.condition === c));
  const offset = (j: number) =>
    conditions.length <= 1
      ? 0
      : -CONDITION_SPREAD / 2 + (CONDITION_SPREAD * j) / (conditions.length - 1);
  const x: number[] = [];
  const series: RateSeries[] = conditions.map((condition) => ({
    condition,
    rate: [],
    low: [],
    high: [],
  }));
  models.forEach((model, i) => {
    conditions.forEach((condition, j) => {
      x.push(i + offset(j));
      const row = rows.find((r) => r.model === model && r.condition === condition);
      series.forEach((s, k) => {
        const mine = k === j && row !== undefined;
        s.rate.push(mine ? row.rate : null);
        s.low.push(mine ? row.low : null);
        s.high.push(mine ? row.high : null);
      });
    });
  });
  return { models, x, series };
}

/** A condition of one case: its trials' outcomes and outputs. */
export interface CaseSide {
  condition: Condition;
  passes: number;
  judged: number;
  trials: Pick<TrialRecord, "trial" | "outcome" | "output" | "error" | "outputTruncated">[];
}

/** One case of one model with its conditions side by side. */
export interface CaseComparison {
  caseId: string;
  prompt: string;
  sides: CaseSide[];
}

/** Per case of `model`: its prompt and each condition's trials (trial order), conditions in order. */
export function caseComparisons(report: EvalReport, model: string): CaseComparison[] {
  const trials = report.trials.filter((t) => t.model === model);
  const present = CONDITIONS.filter((c) => trials.some((t) => t.condition === c));
  return report.cases.map((c) => ({
    caseId: c.id,
    prompt: c.prompt,
    sides: present.map((condition) => {
      const mine = trials
        .filter((t) => t.caseId === c.id && t.condition === condition)
        .sort((a, b) => a.trial - b.trial);
      return {
        condition,
        passes: mine.filter((t) => t.outcome === "pass").length,
        judged: mine.filter((t) => t.outcome !== "error").length,
        trials: mine.map((t) => ({
          trial: t.trial,
          outcome: t.outcome,
          output: t.output,
          ...(t.error === undefined ? {} : { error: t.error }),
          ...(t.outputTruncated === undefined ? {} : { outputTruncated: t.outputTruncated }),
        })),
      };
    }),
  }));
}

/** Whether a text is long enough to start collapsed (many characters or many lines). */
export function isLong(text: string, maxChars = 600, maxLines = 12): boolean {
  return text.length > maxChars || text.split("\n").length > maxLines;
}

/** A history line as its table lists it: per condition the rate with its interval. */
export interface HistoryRow {
  at: string;
  model: string;
  skillHash: string;
  mode: string;
  replay: boolean;
  verdict: string;
  meanDifference: number;
  reportId?: string;
  rates: Partial<Record<Condition, { rate: number; low: number; high: number; judged: number }>>;
}

/** The history's table rows, oldest first, each rate with its Wilson interval. */
export function historyRows(lines: readonly HistoryLine[]): HistoryRow[] {
  return [...lines]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((line) => {
      const rates: HistoryRow["rates"] = {};
      for (const condition of CONDITIONS) {
        const r = line.rates[condition];
        if (!r) continue;
        rates[condition] = {
          rate: r.rate,
          ...wilson(Math.round(r.rate * r.judged), r.judged),
          judged: r.judged,
        };
      }
      return {
        at: line.at,
        model: line.model,
        skillHash: line.skillHash,
        mode: line.mode ?? "catalog",
        replay: line.replay === true,
        verdict: line.verdict,
        meanDifference: line.meanDifference,
        ...(line.reportId === undefined ? {} : { reportId: line.reportId }),
        rates,
      };
    });
}

/** A line of the history chart: one model's rate under one condition over time. */
export interface HistorySeries {
  model: string;
  condition: Condition;
  values: (number | null)[];
}

/** The history chart's data: distinct times (Unix seconds, ascending) and one series per model × condition. */
export interface HistoryChart {
  x: number[];
  series: HistorySeries[];
}

/**
 * The history chart of `lines`: `with` and `without` of each model over the evaluations' times
 * (lines with nothing judged under a condition leave a gap there).
 */
export function historyChart(
  lines: readonly HistoryLine[],
  conditions: readonly Condition[] = ["with", "without"],
): HistoryChart {
  const times = [...new Set(lines.map((l) => Date.parse(l.at)).filter(Number.isFinite))].sort(
    (a, b) => a - b,
  );
  const models = [...new Set(lines.map((l) => l.model))];
  const series: HistorySeries[] = [];
  for (const model of models)
    for (const condition of conditions) {
      const values = times.map((t) => {
        // The last line of that time wins (a report rerun at the same second).
        const line = lines.filter((l) => l.model === model && Date.parse(l.at) === t).at(-1);
        const r = line?.rates[condition];
        return r && r.judged > 0 ? r.rate : null;
      });
      if (values.some((v) => v !== null)) series.push({ model, condition, values });
    }
  return { x: times.map((t) => t / 1000), series };
}

/** `83%` for 0.83; `—` for a value that is not a number. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? "—"
    : `${Math.round(value * 100)}%`;
}
