// runWorkflowTests: each test of a skill is a dry run (no real tool is called) compared with its
// expectations; the outcome of each, with a readable diff.
import type { RunStatus, ToolAdapter, WorkflowResolver } from "@skillflow/workflow";
import { runtimeDecisions } from "../author/decisions.js";
import { dryRunWorkflow, type DryRunResult } from "../author/dry-run.js";
import type { Fixtures } from "../author/fixtures.js";
import type { WorkflowTestDiagnostic } from "./diagnostics.js";
import { diffOutputs, type OutputDifference } from "./diff.js";
import { loadWorkflowTests, type LoadedWorkflowTest } from "./load.js";
import { recordingFixtures } from "./recording.js";
import type { Expectation } from "./schema.js";
import { writeExpectations } from "./update.js";

/** Options of `runWorkflowTests`. */
export interface WorkflowTestOptions {
  /** The skill folder: its `tests/*.json` are run. */
  skillDir: string;
  /** The workflow document (the skill's SKILL.md text). */
  content: string;
  /** Where `content` was read from (names it in problems; sub-workflows resolve from it). */
  source?: string;
  /** Only the tests with these names (file names without `.json`). */
  only?: readonly string[];
  /** Write each run's outputs as the test's expectations (when the run reached its expected status). */
  update?: boolean;
  /** Finds sub-workflows, as a real run would. */
  resolveWorkflow?: WorkflowResolver;
  /** The tools a real run would have (never called): a step naming another one fails as UNKNOWN_TOOL. */
  tools?: ToolAdapter;
  signal?: AbortSignal;
}

/** Why a test failed, as codes a program can act on. */
export type WorkflowTestFailure =
  "INVALID_WORKFLOW" | "UNANSWERED_CALL" | "WRONG_STATUS" | "NO_EXPECTATIONS" | "OUTPUTS_DIFFER";

/** The outcome of one test. */
export interface WorkflowTestResult {
  name: string;
  file: string;
  passed: boolean;
  /** Why it failed, first reason first (absent when it passed). */
  failure?: WorkflowTestFailure;
  /** One sentence per reason, saying what to do. */
  reasons: string[];
  status: RunStatus | "invalid";
  expectedStatus: RunStatus;
  differences: OutputDifference[];
  /** The run's outputs. */
  outputs: Record<string, unknown>;
  /** The expectations were written (`update`). */
  updated: boolean;
}

/** The outcome of a skill's tests, plus the problems of the files that could not be run. */
export interface WorkflowTestReport {
  tests: WorkflowTestResult[];
  diagnostics: WorkflowTestDiagnostic[];
  passed: number;
  failed: number;
  /** The tests folder. */
  folder: string;
}

/** Inline fixtures first; a tool they name no longer takes the recording's answers. */
function fixturesOf(test: LoadedWorkflowTest): Fixtures {
  const recorded = test.recording ? recordingFixtures(test.recording) : {};
  return { ...recorded, ...(test.test.fixtures ?? {}) };
}

/** Runs every test of the skill (see `WorkflowTestOptions`); never calls a real tool. */
export async function runWorkflowTests(options: WorkflowTestOptions): Promise<WorkflowTestReport> {
  const loaded = await loadWorkflowTests(
    options.skillDir,
    options.only ? { only: options.only } : {},
  );
  const report: WorkflowTestReport = {
    tests: [],
    diagnostics: loaded.diagnostics,
    passed: 0,
    failed: 0,
    folder: loaded.folder,
  };
  for (const test of loaded.tests) {
    const result = await runOne(test, options);
    report.tests.push(result);
    if (result.passed) report.passed++;
    else report.failed++;
  }
  return report;
}

async function runOne(
  test: LoadedWorkflowTest,
  options: WorkflowTestOptions,
): Promise<WorkflowTestResult> {
  const { test: spec, recording } = test;
  const given = spec.approvals ?? recording?.approvals;
  const approvals = given === undefined ? undefined : runtimeDecisions(given);
  const run = await dryRunWorkflow(options.content, {
    inputs: spec.inputs ?? recording?.inputs ?? {},
    fixtures: fixturesOf(test),
    bound: false,
    ...(approvals !== undefined ? { approvals } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.resolveWorkflow ? { resolveWorkflow: options.resolveWorkflow } : {}),
    ...(options.tools ? { tools: options.tools } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const expectedStatus = spec.expect?.status ?? "success";
  const outputs = run.log?.outputs ?? {};
  const result: WorkflowTestResult = {
    name: test.name,
    file: test.file,
    passed: false,
    reasons: [],
    status: run.status,
    expectedStatus,
    differences: [],
    outputs,
    updated: false,
  };
  const fail = (code: WorkflowTestFailure, reason: string) => {
    result.failure ??= code;
    result.reasons.push(reason);
  };
  judgeRun(run, expectedStatus, fail);
  if (result.reasons.length === 0 && options.update === true) {
    await writeExpectations(test.file, outputs);
    result.updated = true;
  } else if (result.reasons.length === 0) compareOutputs(spec.expect, result, fail);
  result.passed = result.reasons.length === 0;
  return result;
}

/** Compares the run's outputs with the test's expected ones (reasons through `fail`). */
function compareOutputs(
  expect: Expectation | undefined,
  result: WorkflowTestResult,
  fail: (code: WorkflowTestFailure, reason: string) => void,
): void {
  if (expect?.outputs === undefined) {
    fail(
      "NO_EXPECTATIONS",
      `the test has no expected outputs: write them as "expect": { "outputs": ... } or run skillflow test --update`,
    );
    return;
  }
  result.differences = diffOutputs(expect.outputs, result.outputs, {
    ...(expect.match ? { match: expect.match } : {}),
    ...(expect.ignore ? { ignore: expect.ignore } : {}),
  });
  if (result.differences.length > 0)
    fail(
      "OUTPUTS_DIFFER",
      `the outputs differ from the expectations in ${result.differences.length} place(s) (skillflow test --update accepts the new ones)`,
    );
}

/** Problems of the run itself: invalid document, calls nothing answered, an unexpected status. */
function judgeRun(
  run: DryRunResult,
  expected: RunStatus,
  fail: (code: WorkflowTestFailure, reason: string) => void,
): void {
  if (run.status === "invalid") {
    const problems = run.problems.filter((p) => p.severity === "error").map((p) => p.formatted);
    fail(
      "INVALID_WORKFLOW",
      `the workflow (or the test's inputs) does not validate:\n${problems.join("\n")}`,
    );
    return;
  }
  for (const call of run.unanswered)
    fail(
      "UNANSWERED_CALL",
      `${call.message.replace(/^dry run: /, "")}, or record a new run with skillflow run <skill> --record <file>`,
    );
  if (run.status === expected || run.unanswered.length > 0) return;
  if (run.status === "waiting") {
    const keys = (run.pending ?? []).map((p) => p.key);
    fail(
      "WRONG_STATUS",
      `the run waits on approval ${keys.map((k) => `"${k}"`).join(", ")}: decide it in the test, ` +
        `"approvals": { "${keys[0] ?? "step"}": { "approved": true } }`,
    );
  } else if (run.status === "failed")
    fail("WRONG_STATUS", `the run failed: ${run.log?.error?.message ?? "a step failed"}`);
  else fail("WRONG_STATUS", `the run ended ${run.status}, the test expects ${expected}`);
}
