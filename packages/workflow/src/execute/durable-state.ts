// [EXT §13.6] The durable state of one segment: what the host asked for and what earlier segments left.
import type { Plan } from "../compile/plan.js";
import type {
  ApproveCallback,
  Checkpoint,
  Decision,
  IterationResult,
  PendingApproval,
} from "../model/durable.js";
import type { StepRecord } from "../model/run-log.js";

/** Receives every checkpoint; awaited before the run goes on (§13.6). */
export type CheckpointSink = (checkpoint: Checkpoint) => void | Promise<void>;

/** What the host asked for: present only when a §13 option is given or the plan has approvals. */
export interface DurableOptions {
  onCheckpoint?: CheckpointSink | undefined;
  approve?: ApproveCallback | undefined;
  /** Lowercase hex SHA-256 of the document (computed only with `onCheckpoint` or `resume`). */
  workflowHash?: string | undefined;
  /** The checkpoint this segment continues (decisions already checked). */
  resume?: (Checkpoint & { decisions?: Record<string, Decision> }) | undefined;
}

/** Per-run durable bookkeeping, hung on `RunState.durable`. */
export interface DurableState {
  readonly onCheckpoint: CheckpointSink | undefined;
  readonly approve: ApproveCallback | undefined;
  readonly workflowHash: string;
  readonly segment: number;
  readonly resumed: boolean;
  /** ISO start of the first segment. */
  readonly startedAt: string;
  /** Records of earlier segments not replayed yet, by step id, in run-log order. */
  readonly restored: Map<string, StepRecord[]>;
  /** Approvals that were pending when this segment started, by key. */
  readonly waitingBefore: Map<string, PendingApproval>;
  /** Decisions of this segment, by key; taken once. */
  readonly decisions: Map<string, Decision>;
  /** Finished iterations of `each` steps that have no record yet. */
  readonly iterations: Map<string, Map<number, IterationResult>>;
  /** Approvals that suspended in this segment. */
  readonly pending: PendingApproval[];
  /** Ids of the steps in flight, from the top through branches. */
  readonly stack: string[];
  /** The next step to run, as a path; null once the run has ended. */
  position: string[] | null;
  /** Serialises `onCheckpoint` calls so a host never stores an older snapshot after a newer one. */
  chain: Promise<void>;
}

/** Builds the durable state of a segment. */
export function createDurable(
  options: DurableOptions,
  startedAt: number,
  plan: Plan,
): DurableState {
  const resume = options.resume;
  const restored = new Map<string, StepRecord[]>();
  const iterations = new Map<string, Map<number, IterationResult>>();
  const waitingBefore = new Map<string, PendingApproval>();
  const decisions = new Map<string, Decision>();
  if (resume) {
    for (const record of resume.records) {
      if (record.status === "waiting") continue;
      const list = restored.get(record.id);
      if (list) list.push(record);
      else restored.set(record.id, [record]);
    }
    for (const [id, results] of Object.entries(resume.iterations ?? {})) {
      const byIndex = new Map<number, IterationResult>();
      for (const [index, result] of Object.entries(results)) byIndex.set(Number(index), result);
      iterations.set(id, byIndex);
    }
    for (const pending of resume.pending ?? []) waitingBefore.set(pending.key, pending);
    for (const [key, decision] of Object.entries(resume.decisions ?? {})) {
      decisions.set(key, decision);
    }
  }
  return {
    onCheckpoint: options.onCheckpoint,
    approve: options.approve,
    workflowHash: options.workflowHash ?? "",
    segment: resume ? resume.segment + 1 : 1,
    resumed: resume !== undefined,
    startedAt: resume ? resume.started_at : new Date(startedAt).toISOString(),
    restored,
    waitingBefore,
    decisions,
    iterations,
    pending: [],
    stack: [],
    position: plan.topLevel[0] ? [plan.topLevel[0].id] : null,
    chain: Promise.resolve(),
  };
}
