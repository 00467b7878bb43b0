// Checks a draft the way the session judges it: a valid skill and workflow whose dry run, with the
// fixtures in force, succeeds with every call answered. Problems come back as data for the model.
import { parseSkill } from "@skillflow/skills";
import type { Decision, ToolAdapter } from "@skillflow/workflow";
import { dryRunWorkflow, DryRunError, type DryRunResult } from "../dry-run.js";
import type { Fixtures } from "../fixtures.js";
import type { RecordedSteps } from "../replay.js";
import { validateWorkflowText, type AuthoringProblem } from "../validate.js";

/** What the model proposed for its dry runs (its last `dry_run_workflow` call). */
export interface DryRunProposal {
  inputs?: Record<string, unknown>;
  fixtures?: Fixtures;
  approvals?: Record<string, Decision>;
}

/** What every check of a session shares: the run's tools and the fixtures that win. */
export interface CheckContext {
  /** The tools a run would have: listed, checked against, never called. */
  tools?: ToolAdapter;
  /** Fixtures the user gave: they win over every other answer. */
  userFixtures?: Fixtures;
  /** Fixtures from a transcript's recorded tool calls: they win over the model's. */
  recordedFixtures?: Fixtures;
  /** A recorded run whose tool steps answer calls by step id (after every fixture). */
  recordedRun?: RecordedSteps;
  /** The skill name wanted (the frontmatter `name` must equal it). */
  name?: string;
  signal?: AbortSignal;
}

/** One problem of a round's draft: a validation problem, or one of the dry run or the skill. */
export interface SessionProblem {
  code: string;
  message: string;
  line?: number;
  column?: number;
  path?: string;
  hint?: string;
}

/** The verdict on one draft. */
export interface DraftCheck {
  /** The workflow and the skill's fields validate. */
  valid: boolean;
  /** Valid, and the dry run succeeded with every call answered. */
  ok: boolean;
  /** The frontmatter name, when it has one. */
  name?: string;
  problems: SessionProblem[];
  /** Absent when the draft is not valid. */
  dryRun?: DryRunResult;
  /** The fixtures the dry run used (all layers merged). */
  fixtures: Fixtures;
}

/** Fixtures by tool name, later layers winning per tool. */
export function mergeFixtures(...layers: (Fixtures | undefined)[]): Fixtures {
  const out: Fixtures = {};
  for (const layer of layers)
    for (const [tool, answer] of Object.entries(layer ?? {}))
      Object.defineProperty(out, tool, {
        value: answer,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  return out;
}

function fromAuthoring(p: AuthoringProblem): SessionProblem {
  const out: SessionProblem = { code: p.code, message: p.message };
  if (p.line !== undefined) out.line = p.line;
  if (p.column !== undefined) out.column = p.column;
  if (p.path !== undefined) out.path = p.path;
  if (p.hint !== undefined) out.hint = p.hint;
  return out;
}

/** The skill's own fields (name, description) as a skill library checks them. */
function skillProblems(text: string, wanted: string | undefined): SessionProblem[] {
  // Strict: what other agents and `skillflow skills validate` accept, not only what we can read.
  const parsed = parseSkill(text, {
    level: "strict",
    ...(wanted !== undefined ? { folderName: wanted } : {}),
  });
  return parsed.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => ({
      code: d.code,
      message: d.message,
      line: d.line,
      column: d.column,
      hint:
        d.code === "NAME_MISMATCH"
          ? `set the frontmatter to name: ${wanted}`
          : "a SKILL.md starts with --- name: <lowercase-name> / description: <when to use it> ---",
    }));
}

/** Problems of a dry run that did not succeed: each unanswered call, else the run's own error. */
function dryRunProblems(result: DryRunResult): SessionProblem[] {
  if (result.ok) return [];
  const out: SessionProblem[] = result.problems
    .filter((p) => p.severity === "error")
    .map(fromAuthoring);
  for (const call of result.unanswered)
    out.push({
      code: "UNANSWERED_CALL",
      message: call.message,
      hint: 'propose a fixture for it in dry_run_workflow\'s "fixtures"',
    });
  if (result.status === "waiting")
    out.push({
      code: "DRY_RUN_WAITING",
      message: `the dry run waits on approvals: ${(result.pending ?? []).map((p) => p.key).join(", ")}`,
      hint: 'decide them in dry_run_workflow\'s "approvals"',
    });
  else if (out.length === 0) {
    const error = result.log?.error;
    out.push({
      code: "DRY_RUN_FAILED",
      message: `the dry run ended ${result.status}${error ? `: ${error.message}` : ""}`,
      hint: "fix the step that failed, or the fixture that answers it, so that the run succeeds",
    });
  }
  return out;
}

/** Validates `text`: the workflow (tools checked against the run's) and the skill's fields. */
export function validateDraft(
  text: string,
  context: Pick<CheckContext, "tools" | "name">,
): { valid: boolean; name?: string; problems: SessionProblem[] } {
  const validation = validateWorkflowText(text, context.tools ? { tools: context.tools } : {});
  const problems = [
    ...validation.problems.filter((p) => p.severity === "error").map(fromAuthoring),
    ...skillProblems(text, context.name),
  ];
  const name = parseSkill(text).frontmatter?.name;
  return { valid: problems.length === 0, problems, ...(name !== undefined ? { name } : {}) };
}

/**
 * Validates `text` (workflow and skill fields), then dry-runs it with the proposal's inputs and
 * approvals and its fixtures under the recorded and the user's (which win). Never throws for the
 * draft: every problem is in the result.
 */
export async function checkDraft(
  text: string,
  proposal: DryRunProposal,
  context: CheckContext,
): Promise<DraftCheck> {
  const fixtures = mergeFixtures(proposal.fixtures, context.recordedFixtures, context.userFixtures);
  const validation = validateDraft(text, context);
  const base = { fixtures, ...(validation.name !== undefined ? { name: validation.name } : {}) };
  if (!validation.valid) return { ...base, valid: false, ok: false, problems: validation.problems };
  let dryRun: DryRunResult;
  try {
    dryRun = await dryRunWorkflow(text, {
      fixtures,
      ...(context.tools ? { tools: context.tools } : {}),
      ...(context.recordedRun ? { recordedRun: context.recordedRun } : {}),
      ...(proposal.inputs ? { inputs: proposal.inputs } : {}),
      ...(proposal.approvals ? { approvals: proposal.approvals } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    });
  } catch (error) {
    if (!(error instanceof DryRunError)) throw error;
    return {
      ...base,
      valid: true,
      ok: false,
      problems: [{ code: error.code, message: error.message, hint: "fix the fixtures" }],
    };
  }
  return { ...base, valid: true, ok: dryRun.ok, problems: dryRunProblems(dryRun), dryRun };
}
