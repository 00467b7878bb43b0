// dryRunWorkflow: runs a document with every tool call answered from fixtures or a recorded run,
// never from a real tool, and returns its (bounded) run log.
import {
  formatDiagnostic,
  parseWorkflowFromMd,
  runWorkflowSkill,
  type Decision,
  type PendingApproval,
  type RunLog,
  type RunStatus,
  type ToolAdapter,
  type WorkflowDefinition,
  type WorkflowResolver,
} from "@skillflow/workflow";
import { createTestServices } from "@skillflow/workflow/testing";
import { boundForReply } from "./bound.js";
import { hintFor } from "./hints.js";
import { firstIssue } from "./issues.js";
import { FixtureBook, FixturesSchema, type Fixtures } from "./fixtures.js";
import { RecordedRun, type RecordedSteps } from "./replay.js";
import { DryRunAdapter, type UnansweredCall } from "./_adapter.js";
import { validateWorkflowText, type AuthoringProblem } from "./validate.js";

export type { UnansweredCall } from "./_adapter.js";

/** Options of `dryRunWorkflow`. */
export interface DryRunOptions {
  inputs?: Record<string, unknown>;
  /** Answers by tool name (see `FixturesSchema`); checked first. */
  fixtures?: Fixtures;
  /** A run from the history: each tool step is answered with what it returned then. */
  recordedRun?: RecordedSteps;
  /** Decisions for approvals by `PendingApproval.key` (the step id at top level); others suspend. */
  approvals?: Record<string, Decision>;
  /**
   * The tools a real run would have: a step naming another tool is `UNKNOWN_TOOL`, as in a real run.
   * They are never called. Without it every tool name is accepted.
   */
  tools?: ToolAdapter;
  source?: string;
  resolveWorkflow?: WorkflowResolver;
  signal?: AbortSignal;
  /** `false`: the log is returned whole, not bounded for a reply (a workflow test compares every value). */
  bound?: boolean;
}

/** What a dry run did. */
export interface DryRunResult {
  /** The run succeeded and every call had an answer. */
  ok: boolean;
  /** The run's status, or `invalid` when the document (or the inputs) did not validate. */
  status: RunStatus | "invalid";
  /** Validation and input problems, located, with hints. */
  problems: AuthoringProblem[];
  /** The run log, its values bounded (see `truncated`); absent when the document is invalid. */
  log?: RunLog;
  /** Calls no fixture or recording answered: each made its step fail. */
  unanswered: UnansweredCall[];
  /** Approvals the run waits on (status `waiting`): decide them with `approvals`. */
  pending?: PendingApproval[];
  /** Remarks about how answers were made (a recorded output that could not be undone exactly). */
  notes: string[];
  /** Some value of the log was cut to keep the result small. */
  truncated: boolean;
}

/** A coded error of a dry run's own options (fixtures that do not follow the format). */
export class DryRunError extends Error {
  readonly code: "INVALID_FIXTURES";
  readonly field: string;
  constructor(message: string, field: string) {
    super(message);
    this.name = "DryRunError";
    this.code = "INVALID_FIXTURES";
    this.field = field;
  }
}

function checkedFixtures(fixtures: unknown): Fixtures {
  const parsed = FixturesSchema.safeParse(fixtures ?? {});
  if (parsed.success) return parsed.data;
  const issue = firstIssue(parsed.error);
  const field = ["fixtures", ...issue.path.map(String)].join(".");
  throw new DryRunError(`${field}: ${issue.message}`, field);
}

function definitionOf(text: string): WorkflowDefinition | undefined {
  try {
    return parseWorkflowFromMd(text);
  } catch {
    return undefined;
  }
}

/**
 * Validates `text`, then runs it with a tool adapter that answers each call from `fixtures`, else
 * from `recordedRun`, else fails the call (listed in `unanswered`, the step's error naming the tool,
 * the step and the fixture to add). Time is virtual (retries and delays do not wait); nothing
 * reaches the network or a real tool. Throws `DryRunError` only for fixtures not in the format.
 */
export async function dryRunWorkflow(
  text: string,
  options: DryRunOptions = {},
): Promise<DryRunResult> {
  const fixtures = checkedFixtures(options.fixtures);
  const validation = validateWorkflowText(text, options);
  if (!validation.valid)
    return {
      ok: false,
      status: "invalid",
      problems: validation.problems,
      unanswered: [],
      notes: [],
      truncated: false,
    };
  const replay = options.recordedRun
    ? new RecordedRun(options.recordedRun, definitionOf(text))
    : undefined;
  const adapter = new DryRunAdapter(new FixtureBook(fixtures), replay, options.tools);
  const decisions = options.approvals ?? {};
  const log = await runWorkflowSkill({
    content: text,
    toolAdapter: adapter,
    inputs: options.inputs ?? {},
    services: createTestServices({ idPrefix: "dry-run" }),
    iterationErrors: true,
    approve: async (request) =>
      Object.hasOwn(decisions, request.key) ? decisions[request.key] : undefined,
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.resolveWorkflow ? { resolveWorkflow: options.resolveWorkflow } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const refused = inputProblems(log, options.source ?? "SKILL.md");
  const bounded = options.bound === false ? { value: log, truncated: false } : boundForReply(log);
  const result: DryRunResult = {
    ok: log.status === "success" && adapter.unanswered.length === 0,
    status: refused.length > 0 ? "invalid" : log.status,
    problems: [...validation.problems, ...refused],
    log: bounded.value as RunLog,
    unanswered: adapter.unanswered,
    notes: adapter.notes,
    truncated: bounded.truncated,
  };
  if (log.pending !== undefined) result.pending = log.pending;
  return result;
}

/** Problems of a run that failed before its first step (its inputs), as located problems. */
function inputProblems(log: RunLog, file: string): AuthoringProblem[] {
  if (log.error === undefined || log.error.phase === "execute") return [];
  const details = log.error.details ?? [{ path: "", message: log.error.message }];
  return details.map((d) => {
    const code = d.code ?? "INVALID_INPUTS";
    const hint = hintFor(code);
    return {
      code,
      severity: "error" as const,
      message: d.message,
      ...(d.path ? { path: d.path } : {}),
      ...(d.line !== undefined ? { line: d.line } : {}),
      ...(d.column !== undefined ? { column: d.column } : {}),
      ...(hint !== undefined ? { hint } : {}),
      formatted: formatDiagnostic({ ...d, code }, "", file),
    };
  });
}
