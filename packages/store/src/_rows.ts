// The SQLite store's `runs` rows and how they read back as RunRow.
import type { PendingApproval, RunLogError } from "@skillflow/workflow";
import { fromJson } from "./_record.js";
import type { RunRow, StoredRunStatus, Verbosity } from "./store.js";

/** A `runs` row as SQLite returns it. */
export interface RunDbRow {
  id: string;
  workflow: string;
  source: string | null;
  status: StoredRunStatus;
  started_at: string;
  completed_at: string | null;
  duration_ms: number | null;
  total_steps: number | null;
  steps_executed: number;
  steps_skipped: number;
  inputs: string | null;
  outputs: string | null;
  error: string | null;
  pending: string | null;
  verbosity: Verbosity;
}

/** The columns `toRow` reads. */
export const ROW_COLUMNS =
  "id, workflow, source, status, started_at, completed_at, duration_ms, total_steps, steps_executed, steps_skipped, error, pending";

/** The listed form of a `runs` row. */
export function toRow(r: Omit<RunDbRow, "inputs" | "outputs" | "verbosity">): RunRow {
  const row: RunRow = {
    id: r.id,
    workflow: r.workflow,
    status: r.status,
    startedAt: r.started_at,
    stepsExecuted: r.steps_executed,
    stepsSkipped: r.steps_skipped,
  };
  if (r.source !== null) row.source = r.source;
  if (r.completed_at !== null) row.completedAt = r.completed_at;
  if (r.duration_ms !== null) row.durationMs = r.duration_ms;
  if (r.total_steps !== null) row.totalSteps = r.total_steps;
  const error = fromJson<RunLogError>(r.error);
  if (error !== undefined) row.error = error;
  const pending = fromJson<PendingApproval[]>(r.pending);
  if (pending !== undefined) row.pending = pending;
  return row;
}
