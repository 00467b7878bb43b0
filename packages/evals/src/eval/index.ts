// Evaluations: running, caching, history, reports and trigger checks.
export {
  CacheMissError,
  cachedModel,
  callKey,
  fileCache,
  redactingCache,
  type CacheMode,
  type CallCache,
} from "./cache.js";
export {
  evaluateSkill,
  type Condition,
  type EvalHost,
  type EvalMode,
  type EvalModel,
  type EvalVerdict,
  type NamedJudge,
  type EvalReport,
  type EvaluateOptions,
  type ModelResult,
  type TrialRecord,
} from "./evaluate.js";
export { appendHistory, historyRecords, readHistory, type HistoryRecord } from "./history.js";
export {
  EvalReportError,
  evalsDir,
  listEvalReports,
  readEvalHistory,
  readEvalReport,
  summarizeEvalReport,
  type EvalRateSummary,
  type EvalReportList,
  type EvalReportProblem,
  type EvalReportSummary,
  type HistoryLine,
} from "./read-reports.js";
export {
  EVAL_REPORT_ID,
  EVAL_REPORT_SCHEMA_VERSION,
  MAX_STORED_OUTPUT_CHARS,
  evalReportFile,
  isEvalReportId,
  newEvalReportId,
  saveEvalReport,
  storedEvalReport,
  type StoredEvalReport,
  type StoredTrialRecord,
} from "./stored.js";
export { modelJudge } from "./judge-model.js";
export { formatHistory, formatMarkdown, formatText } from "./report.js";
export { formatHtml } from "./report-html.js";
export {
  evaluateTriggers,
  type TriggerCase,
  type TriggerReport,
  type TriggerScore,
} from "./triggers.js";
