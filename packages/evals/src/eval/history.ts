// Evaluation history: one line per (skill, model, condition) result, so a skill's effect can be followed over time.
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { EvalReport } from "./evaluate.js";

/** One stored result. */
export interface HistoryRecord {
  at: string;
  skill: string;
  skillHash: string;
  model: string;
  /** Pass rates per condition (errors excluded), with trial counts. */
  rates: Partial<
    Record<"with" | "without" | "previous", { rate: number; judged: number; errors: number }>
  >;
  meanDifference: number;
  verdict: string;
  /** How the skill was made available (`catalog` or `loaded`); absent in records before it was kept. */
  mode?: string;
  /** The report was rebuilt from the record/replay cache (no model was called). */
  replay?: true;
  /** The saved report this line comes from (`<evals dir>/reports/<id>.json`), when it was saved. */
  reportId?: string;
}

/**
 * The records a report adds to the history; a replayed report's are marked `replay: true`, and
 * each names the saved report (`reportId`) when there is one.
 */
export function historyRecords(
  report: EvalReport,
  options: { reportId?: string } = {},
): HistoryRecord[] {
  return report.models.map((m) => ({
    at: report.startedAt,
    skill: report.skill,
    skillHash: report.skillHash,
    model: m.model,
    rates: Object.fromEntries(
      m.conditions.map((c) => [
        c.condition,
        {
          rate: c.summary.rate,
          judged: c.summary.passes + c.summary.failures,
          errors: c.summary.errors,
        },
      ]),
    ),
    meanDifference: m.comparison.meanDifference,
    verdict: m.verdict,
    mode: report.mode,
    ...(report.replay ? { replay: true as const } : {}),
    ...(options.reportId !== undefined ? { reportId: options.reportId } : {}),
  }));
}

/** Appends a report's records (one JSON line each; a line is written whole or not at all). */
export async function appendHistory(
  file: string,
  report: EvalReport,
  options: { reportId?: string } = {},
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(
    file,
    historyRecords(report, options)
      .map((r) => `${JSON.stringify(r)}\n`)
      .join(""),
  );
}

/** The records of `skill` (all skills when undefined), oldest first; unreadable lines are skipped. */
export async function readHistory(file: string, skill?: string): Promise<HistoryRecord[]> {
  let text = "";
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const out: HistoryRecord[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const record = JSON.parse(line) as HistoryRecord;
      if (skill === undefined || record.skill === skill) out.push(record);
    } catch {
      // A torn last line (a crash mid-append) is not a reason to lose the rest.
    }
  }
  return out;
}
