// Evaluation reports as the API answers them: the list's summaries, a saved report (the JSON
// `skillflow eval` writes, docs/evals.md) and a skill's history lines. Only the fields the views read.

/** A condition of a case: with the skill, without any, or with its previous version. */
export type Condition = "with" | "without" | "previous";

/** A condition's pass rate in a summary, with its 95% Wilson interval. */
export interface RateSummary {
  rate: number;
  low: number;
  high: number;
  passes: number;
  judged: number;
  errors: number;
}

/** One saved report in the list. */
export interface EvalReportSummary {
  id: string;
  skill: string;
  skillHash?: string;
  createdAt?: string;
  startedAt?: string;
  mode?: string;
  replay?: boolean;
  repeat?: number;
  cases?: number;
  models?: {
    model: string;
    verdict: string;
    meanDifference?: number;
    rates?: Partial<Record<Condition, RateSummary>>;
  }[];
}

/** The counts and rate of a set of trials. */
export interface TrialSummary {
  trials: number;
  passes: number;
  failures: number;
  errors: number;
  rate: number;
  interval: { low: number; high: number };
}

/** One model's results in a report. */
export interface ModelResult {
  model: string;
  conditions: {
    condition: Condition;
    summary: TrialSummary;
    cases: { caseId: string; summary: TrialSummary }[];
  }[];
  comparison: {
    cases: number;
    meanDifference: number;
    bootstrap: { low: number; high: number };
    signTest: { positive: number; negative: number; ties: number; pValue: number };
  };
  verdict: string;
  errors: { message: string; count: number }[];
}

/** One trial of a case under a condition. */
export interface TrialRecord {
  model: string;
  condition: Condition;
  caseId: string;
  trial: number;
  outcome: "pass" | "fail" | "error";
  assertions: { type: string; passed: boolean; detail: string }[];
  error?: string;
  output: string;
  outputTruncated?: { chars: number };
  durationMs: number;
}

/** A saved report. */
export interface EvalReport {
  id?: string;
  skill: string;
  skillHash: string;
  skillPath?: string;
  startedAt: string;
  createdAt?: string;
  mode: string;
  replay: boolean;
  repeat: number;
  warnings?: string[];
  judges?: { model: string; judge: string }[];
  cases: { id: string; prompt: string }[];
  models: ModelResult[];
  trials: TrialRecord[];
}

/** One line of a skill's evaluation history (one model of one evaluation). */
export interface HistoryLine {
  at: string;
  skill: string;
  skillHash: string;
  model: string;
  rates: Partial<Record<Condition, { rate: number; judged: number; errors: number }>>;
  meanDifference: number;
  verdict: string;
  mode?: string;
  replay?: true;
  reportId?: string;
}
