// The cost report of a conversion: what the agentic run spent against what the workflow spends
// (no tokens outside its `llm` steps, whose cost depends on each run and is not known offline).
import { parseWorkflowFromMd, type Step } from "@skillflow/workflow";
import type { RecordedUsage } from "./source.js";

/** One `llm` step of the workflow. */
export interface LlmStepInfo {
  id: string;
  /** The model, when the step names one literally. */
  model?: string;
  /** Runs once per item of a list. */
  each: boolean;
}

/** Recorded run against the workflow. */
export interface CostComparison {
  /** What the recorded run (transcript or run) spent on models. */
  recorded: RecordedUsage & { kind: "transcript" | "run" };
  workflow: {
    /** Tokens a run of the workflow spends outside its `llm` steps: always 0. */
    tokensOutsideLlmSteps: 0;
    llmSteps: LlmStepInfo[];
    /** `workflow` steps whose children may hold more `llm` steps (not counted here). */
    subWorkflowSteps: string[];
    /** In words: the llm steps' cost is per run and not known offline. */
    note: string;
  };
}

function llmStep(step: Step): LlmStepInfo | undefined {
  if (step.type !== "tool" || step.tool !== "llm") return undefined;
  const info: LlmStepInfo = { id: step.id, each: step.each !== undefined };
  const model = step.inputs?.["model"]?.value;
  if (typeof model === "string" && !model.trimStart().startsWith("$")) info.model = model;
  return info;
}

/** The comparison of `recorded` usage against the workflow of `skill` (a SKILL.md). */
export function compareCost(recorded: CostComparison["recorded"], skill: string): CostComparison {
  let steps: readonly Step[] = [];
  try {
    steps = parseWorkflowFromMd(skill).steps;
  } catch {
    steps = [];
  }
  const llmSteps = steps.map(llmStep).filter((s): s is LlmStepInfo => s !== undefined);
  const subWorkflowSteps = steps.filter((s) => s.type === "workflow").map((s) => s.id);
  const note =
    llmSteps.length === 0
      ? "a run of the workflow calls no model: 0 tokens"
      : `0 tokens outside its ${llmSteps.length} llm step${llmSteps.length === 1 ? "" : "s"} (${llmSteps.map((s) => s.id).join(", ")}), whose cost depends on each run's data and is not known offline (see the usage of each run in skillflow runs show)`;
  return {
    recorded,
    workflow: { tokensOutsideLlmSteps: 0, llmSteps, subWorkflowSteps, note },
  };
}
