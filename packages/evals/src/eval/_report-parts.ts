// Pieces every evaluation report shares: rates, the summary rows, verdict, error and head lines.
import { visible } from "@skillflow/workflow";
import type { TrialSummary } from "../stats/index.js";
import type { EvalReport, ModelResult } from "./evaluate.js";

/** A rate as a whole percentage. */
export const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
/** A rate with its Wilson interval, or "-" when nothing was judged. */
export const interval = (s: TrialSummary) =>
  s.passes + s.failures === 0
    ? "-"
    : `${pct(s.rate)} [${pct(s.interval.low)}–${pct(s.interval.high)}]`;
/** A difference in points, signed. */
export const signed = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(0)} pts`;

/** What each mode means, in the words of the report. */
export const MODE_TEXT: Readonly<Record<string, string>> = {
  catalog: "catalog (the skill is one more catalog entry; the model must find and activate it)",
  loaded: "loaded (the skill's instructions are in the system prompt from the start)",
};

/** The summary table's header and rows. */
export const HEADER = [
  "MODEL",
  "CONDITION",
  "PASS RATE [95% Wilson]",
  "PASS^K",
  "PASSED",
  "ERRORS",
];

/** One row per model and condition. */
export function rows(report: EvalReport): string[][] {
  return report.models.flatMap((m) =>
    m.conditions.map((c) => [
      m.model,
      c.condition,
      interval(c.summary),
      c.summary.passHatK === undefined || Number.isNaN(c.summary.passHatK)
        ? "-"
        : pct(c.summary.passHatK),
      `${c.summary.passes}/${c.summary.passes + c.summary.failures}`,
      String(c.summary.errors),
    ]),
  );
}

/** One line per model: the verdict and the statistics behind it (or why there are none). */
export function verdictLine(m: ModelResult): string {
  const c = m.comparison;
  if (m.verdict === "no data") {
    const why = m.errors[0] ? `; every trial errored, e.g. ${visible(m.errors[0].message)}` : "";
    return `${m.model}: NO DATA — no case was judged under both conditions${why}`;
  }
  const base = `${m.model}: ${m.verdict.toUpperCase()} — with − without ${signed(c.meanDifference)} over ${c.cases} cases, 95% bootstrap [${signed(c.bootstrap.low)}, ${signed(c.bootstrap.high)}], sign test p = ${c.signTest.pValue.toFixed(3)} (${c.signTest.positive}+ / ${c.signTest.negative}− / ${c.signTest.ties}=)`;
  return m.previous
    ? `${base}; vs previous version: ${m.previous.verdict} (${signed(m.previous.comparison.meanDifference)})`
    : base;
}

/** Error lines: each model's distinct errors with their counts. */
export function errorLines(report: EvalReport): string[] {
  return report.models.flatMap((m) =>
    m.errors.map((e) => `${m.model}: ${e.count} trial(s) errored: ${visible(e.message)}`),
  );
}

/** The lines above the table: what ran, how, and what weakens it. */
export function headLines(report: EvalReport): string[] {
  const lines = [
    `${report.skill} (${report.skillHash.slice(0, 12)}), ${report.cases.length} cases × ${report.repeat} trials, pass^k with k = ${report.k}`,
    `mode: ${MODE_TEXT[report.mode] ?? report.mode}`,
  ];
  if (report.replay)
    lines.push(
      "replay: answers come from the recorded cache; a call never recorded is an error, not a model call",
    );
  for (const j of report.judges) lines.push(`judge of ${j.model}: ${j.judge}`);
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  return lines;
}

/** A case's summary under a condition as `passes/judged (n errors)`, or "-". */
export function caseCell(m: ModelResult, condition: string, caseId: string): string {
  const found = m.conditions
    .find((x) => x.condition === condition)
    ?.cases.find((x) => x.caseId === caseId)?.summary;
  if (!found || found.trials === 0) return "-";
  return `${found.passes}/${found.passes + found.failures}${found.errors ? ` (${found.errors} errors)` : ""}`;
}
