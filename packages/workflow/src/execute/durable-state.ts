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
  /** [EXT §13.4, §13.9.4] Set for a child run: what it shares with the top run of its tree. */
  nested?: NestedDurable | undefined;
}

/**
 * What a child run (§13.5) shares with its tree: approvals are keyed by path from the top, so the
 * top run's decisions and formerly pending approvals serve every child; the segment is the top's.
 */
export interface NestedDurable {
  /** `[<parent step id>, <iteration?>]` from the top run to this child's steps. */
  prefix: readonly string[];
  segment: number;
  waitingBefore: Map<string, PendingApproval>;
  decisions: Map<string, Decision>;
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
  /** [EXT §13.9.4] The approval path prefix of this run: `[]` at the top, `[step, iteration?]` per child level. */
  readonly prefix: readonly string[];
  /** `prefix` joined with `/` plus a trailing `/` (`""` at the top): approval keys start with it. */
  readonly keyPrefix: string;
  /** Checkpoints of child runs of steps without a record yet, by child run id (restored ones included). */
  readonly children: Map<string, Checkpoint>;
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
  const nested = options.nested;
  const children = new Map<string, Checkpoint>();
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
    for (const [id, child] of Object.entries(resume.children ?? {})) children.set(id, child);
    if (nested === undefined) {
      for (const pending of resume.pending ?? []) waitingBefore.set(pending.key, pending);
      for (const [key, decision] of Object.entries(resume.decisions ?? {})) {
        decisions.set(key, decision);
      }
    }
  }
  const prefix = nested?.prefix ?? [];
  return {
    onCheckpoint: options.onCheckpoint,
    approve: options.approve,
    workflowHash: options.workflowHash ?? "",
    segment: nested ? nested.segment : resume ? resume.segment + 1 : 1,
    resumed: resume !== undefined,
    startedAt: resume ? resume.started_at : new Date(startedAt).toISOString(),
    restored,
    waitingBefore: nested?.waitingBefore ?? waitingBefore,
    decisions: nested?.decisions ?? decisions,
    iterations,
    prefix,
    keyPrefix: prefix.length === 0 ? "" : `${prefix.join("/")}/`,
    children,
    pending: [],
    stack: [],
    position: plan.topLevel[0] ? [plan.topLevel[0].id] : null,
    chain: Promise.resolve(),
  };
}
