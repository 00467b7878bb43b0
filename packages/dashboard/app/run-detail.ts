// The shapes of one run as GET /api/v1/runs/{id} answers it (RunDetail), and of the actions on it:
// the dashboard's copy of the service's public JSON, since the app imports no @skillflow package.
import type { RunStatus, RunTrigger } from "./api";

/** A step's status as stored: final, or `running`/`waiting` while the run goes on. */
export type StepStatus = "success" | "failed" | "skipped" | "waiting" | "running";

/** Retry bookkeeping of a step: how many attempts ran and the errors of the failed ones. */
export interface StepRetries {
  attempts: number;
  errors: string[];
}

/** A child run's log (a `workflow` step's sub-workflow), as recorded inside its parent's step. */
export interface ChildRunLog {
  id: string;
  workflow: string;
  status: "success" | "failed" | "waiting";
  started_at: string;
  completed_at: string;
  duration_ms: number;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  steps: StoredStep[];
  error?: { phase: string; message: string };
}

/** One step as stored; `started_at` is absent for skipped steps. */
export interface StoredStep {
  id: string;
  executor?: string;
  status: StepStatus;
  reason?: string;
  duration_ms?: number;
  started_at?: string;
  inputs?: Record<string, unknown>;
  output?: unknown;
  error?: string;
  iterations?: number;
  retries?: StepRetries;
  iteration_errors?: { index: number; error: string }[];
  runs?: ChildRunLog[];
}

/** An approval a waiting run waits for. */
export interface PendingApproval {
  key: string;
  stepId: string;
  path: string[];
  message: string;
  expires_at: string | null;
}

/** One notification attempt (host only). */
export interface NotificationRecord {
  event: string;
  at: string;
  result: {
    ok: boolean;
    host?: string;
    status?: number;
    error?: { code: string; message: string };
  };
}

/** One run with its steps, inputs, outputs, pending approvals, trigger and notifications. */
export interface RunDetail {
  id: string;
  workflow: string;
  source?: string;
  status: RunStatus;
  startedAt: string;
  completedAt?: string;
  durationMs?: number;
  totalSteps?: number;
  stepsExecuted: number;
  stepsSkipped: number;
  error?: { phase: string; message: string };
  pending?: PendingApproval[];
  verbosity?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  steps: StoredStep[];
  trigger: RunTrigger;
  queued?: boolean;
  notifications?: NotificationRecord[];
  /** Decisions sent for its approvals, oldest first (absent from services before notes). */
  decisions?: DecisionRecord[];
}

/** A decision as the run keeps it: which approval, how, by whom, when and why. */
export interface DecisionRecord {
  key: string;
  approved: boolean;
  by: string | null;
  note: string | null;
  at: string;
}

/** What an action on a run answers: the run (a new one for a rerun) and where it is. */
export interface RunRef {
  runId: string;
  status: RunStatus;
}

/** Whether a run has not ended yet (so the view keeps refreshing). */
export function isLive(status: RunStatus): boolean {
  return status === "queued" || status === "running" || status === "waiting";
}

/** Whether a run can be cancelled (queued, running or waiting). */
export const canCancel = isLive;
