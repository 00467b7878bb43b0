// --from-run: a run from the history as a session source. Its steps are shown to the model, and
// its tool steps answer the dry run's calls by step id, so the dry run replays the run.
import { z } from "zod";
import { firstIssueField } from "../issues.js";
import type { RecordedSteps } from "../replay.js";
import { capped, shown } from "./_render.js";
import { AuthorSourceError, type AuthorSource, type RecordedUsage } from "./source.js";

const UsageSchema = z.object({
  inputTokens: z.number().nonnegative(),
  outputTokens: z.number().nonnegative(),
  costUsd: z.number().nonnegative().nullable(),
});

const StepSchema = z.object({
  id: z.string().min(1),
  executor: z.string().optional(),
  status: z.string(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  output: z.unknown().optional(),
  error: z.string().optional(),
  usage: UsageSchema.optional(),
});

/** What a session reads of a stored run (`skillflow runs show --json`). */
const RunSchema = z.object({
  id: z.string().min(1),
  workflow: z.string(),
  status: z.string(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
  steps: z.array(StepSchema),
});

type Run = z.infer<typeof RunSchema>;

/** The model usage of the run's steps (its `llm` calls). */
function usageOf(run: Run): RecordedUsage {
  const out: RecordedUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, costUsd: 0 };
  for (const step of run.steps) {
    if (step.usage === undefined) continue;
    out.inputTokens += step.usage.inputTokens;
    out.outputTokens += step.usage.outputTokens;
    out.totalTokens += step.usage.inputTokens + step.usage.outputTokens;
    out.costUsd =
      out.costUsd === null || step.usage.costUsd === null ? null : out.costUsd + step.usage.costUsd;
  }
  return out;
}

function contextOf(run: Run, workflowText: string | undefined): string {
  const steps = run.steps.map((s) => {
    const result = s.error !== undefined ? `error: ${shown(s.error)}` : shown(s.output);
    return `- ${s.id} (${s.executor ?? "?"}, ${s.status}) inputs ${shown(s.inputs ?? {})} → ${result}`;
  });
  return [
    `What a recorded run did (run ${run.id} of workflow "${run.workflow}", ${run.status}). Its inputs: ${shown(run.inputs ?? {})}`,
    `Its steps, in order (values shortened):\n${steps.length > 0 ? capped(steps) : "(none)"}`,
    `Its outputs: ${shown(run.outputs ?? {})}`,
    ...(workflowText !== undefined
      ? [`The workflow it ran (shortened):\n${shown(workflowText.slice(0, 8000))}`]
      : []),
    "Write a deterministic workflow that does the same. The dry run answers a tool step with what " +
      "the step of the same id returned in this run: keep the ids of the tool steps you keep.",
  ].join("\n\n");
}

/** The steps a replay reads, without the fields the run left out. */
function recorded(run: Run): RecordedSteps {
  return {
    steps: run.steps.map((s) => ({
      id: s.id,
      status: s.status,
      ...(s.executor !== undefined ? { executor: s.executor } : {}),
      ...(s.output !== undefined ? { output: s.output } : {}),
      ...(s.error !== undefined ? { error: s.error } : {}),
    })),
  };
}

/**
 * A stored run (`RunStore.get`, `skillflow runs show --json`) as a session source: its steps for
 * the model, itself as the recorded run the dry run replays by step id, and its steps' model usage
 * for the cost comparison. `workflowText`, when the run's workflow file is still there, is shown too.
 */
export function runSource(value: unknown, workflowText?: string): AuthorSource {
  const parsed = RunSchema.safeParse(value);
  if (!parsed.success) {
    const { field, message } = firstIssueField(parsed.error, "run");
    throw new AuthorSourceError(
      "INVALID_RUN",
      `not a recorded run: ${field}: ${message} (see skillflow runs show <id> --json)`,
      field,
    );
  }
  const run = parsed.data;
  return {
    kind: "run",
    context: contextOf(run, workflowText),
    recordedRun: recorded(run),
    usage: usageOf(run),
  };
}
