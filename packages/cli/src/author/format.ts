// What `skillflow author` prints for people: progress per round, the graph, the dry run, the
// budget used, the cost comparison and the next steps.
import type { AuthorResult, AuthorRound, CostComparison } from "@skillflow/evals";
import { parseWorkflowFromMd } from "@skillflow/workflow";
import { displayValue } from "../display-value.js";
import { toMermaid } from "../graph/mermaid.js";
import { printable } from "../terminal-text.js";

const usd = (cost: number | null) => (cost === null ? "cost unknown" : `$${cost.toFixed(4)}`);

/** One line per finished round (stderr). */
export function roundLine(round: AuthorRound, maxRounds: number): string {
  const verdict = round.ok
    ? "valid, dry run ok"
    : `${round.valid ? "valid, dry run not ok" : "not valid"}: ${round.problems.map((p) => p.code).join(", ")}`;
  const tools = Object.entries(round.toolCalls)
    .map(([name, n]) => `${name} ×${n}`)
    .join(", ");
  return printable(
    `round ${round.round}/${maxRounds}: ${verdict}${tools ? ` (${tools})` : ""}; ${round.usage.totalTokens} tokens so far, ${usd(round.usage.costUsd)}${round.error !== undefined ? `; ${round.error}` : ""}`,
  );
}

/** The workflow of `skill` as a Mermaid flowchart, or undefined when it does not parse. */
export function graphOf(skill: string): string | undefined {
  try {
    return toMermaid(parseWorkflowFromMd(skill));
  } catch {
    return undefined;
  }
}

/** The dry run in a few lines: status, each step, the outputs. */
export function dryRunLines(result: AuthorResult): string[] {
  const run = result.dryRun;
  if (run === undefined) return ["dry run: none (the last draft is not valid)"];
  const lines = [`dry run: ${run.status}${run.ok ? "" : " (not ok)"}`];
  for (const step of run.log?.steps ?? [])
    lines.push(`  ${step.id}  ${step.status}${step.error ? `  ${step.error}` : ""}`);
  if (run.log?.outputs !== undefined)
    lines.push(`  outputs:\n${indent(displayValue(run.log.outputs), 4)}`);
  for (const note of run.notes) lines.push(`  note: ${note}`);
  return lines.map(printable);
}

const indent = (text: string, by: number) =>
  text
    .split("\n")
    .map((l) => `${" ".repeat(by)}${l}`)
    .join("\n");

/** Rounds, tokens and cost used against the limits. */
export function budgetLine(result: AuthorResult): string {
  const { usage, limits } = result;
  const cost = limits.maxCostUsd !== undefined ? ` of $${limits.maxCostUsd}` : "";
  return `budget: ${result.rounds.length} of ${limits.maxRounds} rounds, ${usage.modelCalls} model calls, ${usage.totalTokens} of ${limits.maxTokens} tokens, ${usd(usage.costUsd)}${cost}`;
}

/** The recorded run's model usage against the workflow's. */
export function costLines(cost: CostComparison): string[] {
  const r = cost.recorded;
  const what = r.kind === "transcript" ? "the agent run" : "the recorded run";
  return [
    `cost: ${what} used ${r.totalTokens} tokens (${usd(r.costUsd)}); the workflow: ${cost.workflow.note}`,
    ...(cost.workflow.subWorkflowSteps.length > 0
      ? [`  sub-workflows not counted: ${cost.workflow.subWorkflowSteps.join(", ")}`]
      : []),
  ];
}

/** What to do with the new skill. */
export function nextSteps(name: string): string[] {
  return [
    "next steps:",
    `  skillflow run ${name}`,
    `  skillflow run ${name} --record run.json && skillflow test ${name} --init first --from-record run.json`,
    `  skillflow schedules add ${name}-daily --workflow ${name} --cron "0 9 * * *"`,
    `  skillflow eval init ${name}    (then add cases to its evals/evals.json and run skillflow eval ${name})`,
  ];
}
