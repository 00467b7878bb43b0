// Reading saved evaluation reports and the history back: the list (newest first), one report, a skill's history.
import { lstat, readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { defaultHistoryPath } from "@skillflow/store";
import type { EvalVerdict } from "./evaluate.js";
import { readHistory, type HistoryRecord } from "./history.js";
import {
  EVAL_REPORT_SCHEMA_VERSION,
  evalReportFile,
  isEvalReportId,
  type StoredEvalReport,
} from "./stored.js";

/** A history line, as `readEvalHistory` returns it. */
export type HistoryLine = HistoryRecord;

/** A condition's pass rate in a summary: the rate over judged trials with its 95% Wilson interval. */
export interface EvalRateSummary {
  rate: number;
  low: number;
  high: number;
  passes: number;
  /** Trials that passed or failed (errors left out). */
  judged: number;
  errors: number;
}

/** One saved report in the list: enough to draw a row without reading every trial. */
export interface EvalReportSummary {
  id: string;
  skill: string;
  skillHash: string;
  skillPath: string;
  createdAt: string;
  startedAt: string;
  mode: string;
  replay: boolean;
  repeat: number;
  cases: number;
  models: {
    model: string;
    verdict: EvalVerdict;
    /** with − without, over cases. */
    meanDifference: number;
    rates: Partial<Record<"with" | "without" | "previous", EvalRateSummary>>;
  }[];
}

/** A report file that could not be listed, and why. */
export interface EvalReportProblem {
  /** The file's name in `reports/`. */
  file: string;
  code: "REPORT_UNREADABLE" | "REPORT_INVALID" | "REPORT_TOO_NEW" | "REPORT_TOO_LARGE";
  message: string;
}

/** `listEvalReports`' answer: the summaries, newest first, with the files it skipped. */
export type EvalReportList = EvalReportSummary[] & { problems: EvalReportProblem[] };

/** Why `readEvalReport` could not read a report that exists. */
export class EvalReportError extends Error {
  override readonly name = "EvalReportError";
  /** The problem's code. */
  readonly code: EvalReportProblem["code"];
  constructor(code: EvalReportProblem["code"], message: string) {
    super(message);
    this.code = code;
  }
}

/** The largest report file read (outputs are capped at 20 000 characters each). */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/**
 * The evaluations folder, next to the run history: `$SKILLFLOW_HOME/evals` when set, else
 * `<project>/.skillflow/evals` (the project as `defaultHistoryPath` finds it; its checks apply).
 */
export function evalsDir(context: {
  cwd: string;
  env: Record<string, string | undefined>;
}): string {
  return path.join(path.dirname(defaultHistoryPath(context)), "evals");
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/** Parses a report file's text; a wrong shape is an EvalReportError naming what is wrong. */
function parseReport(text: string, id: string): StoredEvalReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EvalReportError("REPORT_INVALID", `not JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) throw new EvalReportError("REPORT_INVALID", "not a JSON object");
  if (typeof value.schemaVersion === "number" && value.schemaVersion > EVAL_REPORT_SCHEMA_VERSION)
    throw new EvalReportError(
      "REPORT_TOO_NEW",
      `schemaVersion ${value.schemaVersion}: written by a newer skillflow; update skillflow to read it`,
    );
  const wrong = [
    value.schemaVersion !== EVAL_REPORT_SCHEMA_VERSION && "schemaVersion",
    value.id !== id && "id",
    typeof value.skill !== "string" && "skill",
    typeof value.startedAt !== "string" && "startedAt",
    typeof value.createdAt !== "string" && "createdAt",
    !Array.isArray(value.models) && "models",
    !Array.isArray(value.trials) && "trials",
    !Array.isArray(value.cases) && "cases",
  ].filter((x): x is string => x !== false);
  if (wrong.length > 0)
    throw new EvalReportError(
      "REPORT_INVALID",
      `not an eval report (${wrong.join(", ")} missing or wrong)`,
    );
  return value as unknown as StoredEvalReport;
}

/** Reads a report file: a regular file (never a link) of bounded size, parsed and checked. */
async function readReportFile(file: string, id: string): Promise<StoredEvalReport | undefined> {
  let stats;
  try {
    stats = await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new EvalReportError("REPORT_UNREADABLE", (error as Error).message);
  }
  if (!stats.isFile())
    throw new EvalReportError("REPORT_UNREADABLE", "not a regular file (links are not followed)");
  if (stats.size > MAX_REPORT_BYTES)
    throw new EvalReportError("REPORT_TOO_LARGE", `${stats.size} bytes, over ${MAX_REPORT_BYTES}`);
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new EvalReportError("REPORT_UNREADABLE", (error as Error).message);
  }
  return parseReport(text, id);
}

/**
 * The saved report `id` of the evals folder `dir`, or undefined when there is none or `id` is not a
 * well-formed report id (`../x` and the like never reach the file system). Only regular files in
 * `<dir>/reports/` are read. A damaged report is an `EvalReportError` (`REPORT_INVALID`,
 * `REPORT_TOO_NEW`, `REPORT_TOO_LARGE`, `REPORT_UNREADABLE`) naming the file.
 */
export async function readEvalReport(
  dir: string,
  id: string,
): Promise<StoredEvalReport | undefined> {
  if (!isEvalReportId(id)) return undefined;
  const file = evalReportFile(dir, id);
  try {
    return await readReportFile(file, id);
  } catch (error) {
    if (!(error instanceof EvalReportError)) throw error;
    throw new EvalReportError(
      error.code,
      `${file}: ${error.message}; delete the file or run skillflow eval again`,
    );
  }
}

function rateOf(summary: {
  rate: number;
  interval: { low: number; high: number };
  passes: number;
  failures: number;
  errors: number;
}): EvalRateSummary {
  return {
    rate: summary.rate,
    low: summary.interval.low,
    high: summary.interval.high,
    passes: summary.passes,
    judged: summary.passes + summary.failures,
    errors: summary.errors,
  };
}

/** A report's summary: no trials, per model the rates with intervals and the verdict. */
export function summarizeEvalReport(report: StoredEvalReport & { id: string }): EvalReportSummary {
  return {
    id: report.id,
    skill: report.skill,
    skillHash: report.skillHash,
    skillPath: report.skillPath,
    createdAt: report.createdAt,
    startedAt: report.startedAt,
    mode: report.mode,
    replay: report.replay,
    repeat: report.repeat,
    cases: report.cases.length,
    models: report.models.map((m) => ({
      model: m.model,
      verdict: m.verdict,
      meanDifference: m.comparison.meanDifference,
      rates: Object.fromEntries(m.conditions.map((c) => [c.condition, rateOf(c.summary)])),
    })),
  };
}

/** The `.json` files of `<dir>/reports`, or none when the folder does not exist. */
async function reportFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(dir, "reports"))).filter(
      (name) => name.endsWith(".json") && !name.startsWith("."),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * The saved reports of the evals folder `dir`, newest first (by `createdAt`, then id). A file that
 * cannot be read, is not a report, or is named like no report id is skipped and listed in
 * `problems`; the list never fails because of one file.
 */
export async function listEvalReports(dir: string): Promise<EvalReportList> {
  const problems: EvalReportProblem[] = [];
  const summaries: EvalReportSummary[] = [];
  for (const file of await reportFiles(dir)) {
    const id = file.slice(0, -".json".length);
    if (!isEvalReportId(id)) {
      problems.push({ file, code: "REPORT_INVALID", message: "not named like a report id" });
      continue;
    }
    try {
      const report = await readReportFile(evalReportFile(dir, id), id);
      if (report) summaries.push(summarizeEvalReport({ ...report, id }));
    } catch (error) {
      if (error instanceof EvalReportError)
        problems.push({ file, code: error.code, message: error.message });
      else problems.push({ file, code: "REPORT_INVALID", message: (error as Error).message });
    }
  }
  summaries.sort((a, b) =>
    a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : a.createdAt < b.createdAt ? 1 : -1,
  );
  return Object.assign(summaries, { problems });
}

/** The history lines of `skill` in the evals folder `dir` (`history.jsonl`), oldest first. */
export function readEvalHistory(dir: string, skill: string): Promise<HistoryLine[]> {
  return readHistory(path.join(dir, "history.jsonl"), skill);
}
