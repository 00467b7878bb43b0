// The JSON Schema of the workflow document, generated from the zod schema, for editors.
import { z } from "zod";
import * as S from "../model/schema.js";

/** Where the published schema can be fetched (the package ships it as `schema/workflow.schema.json`). */
export const WORKFLOW_SCHEMA_ID =
  "https://unpkg.com/@skillflow/workflow/schema/workflow.schema.json";

interface Meta {
  id?: string;
  title?: string;
  description?: string;
}

const DURATION = 'A duration: a whole number followed by ms, s, m or h, e.g. "500ms" or "30s".';

/** Names and help texts for editors; kept here so the model stays free of presentation. */
function metadata(): z.core.$ZodRegistry<Meta> {
  const registry = z.registry<Meta>();
  const base = S.ToolStepSchema.shape;
  const entries: [z.ZodType, Meta][] = [
    [
      S.SchemaTypeSchema,
      {
        id: "TypeName",
        description: "A declared type: string, int, float, boolean, array or object.",
      },
    ],
    [
      S.ItemsSchema,
      {
        id: "Items",
        description: "Element description of a list (metadata; only its type is checked).",
      },
    ],
    [S.FieldSchemaSchema, { id: "Field", title: "Output declaration" }],
    [S.StepInputSchema, { id: "StepInput", title: "Step input declaration" }],
    [S.WorkflowInputSchema, { id: "WorkflowInput", title: "Workflow input declaration" }],
    [
      S.RetryPolicySchema,
      {
        id: "RetryPolicy",
        description:
          "Retry policy of a step: max, delay and backoff are required; max_delay and jitter are optional.",
      },
    ],
    [
      S.RetryPolicySchema.shape.max_delay,
      {
        description: `Cap of each wait between attempts (also of a tool's Retry-After). ${DURATION}`,
      },
    ],
    [
      S.RetryPolicySchema.shape.jitter,
      { description: "When true, each wait is a uniformly random time up to the computed wait." },
    ],
    [
      S.StepSchema,
      {
        id: "Step",
        description: "A step, chosen by its type (and, for transforms, its operation).",
      },
    ],
    [S.ToolStepSchema, { id: "ToolStep", title: "Tool step" }],
    [S.TransformStepSchema, { id: "TransformStep", title: "Transform step" }],
    [S.TransformFilterStepSchema, { id: "FilterStep", title: "Transform step: filter" }],
    [S.TransformMapStepSchema, { id: "MapStep", title: "Transform step: map" }],
    [S.TransformSortStepSchema, { id: "SortStep", title: "Transform step: sort" }],
    [S.ConditionalStepSchema, { id: "ConditionalStep", title: "Conditional step" }],
    [S.ExitStepSchema, { id: "ExitStep", title: "Exit step" }],
    [
      S.WorkflowDefinitionSchema.shape.steps,
      { description: "The steps, run in order; at least one." },
    ],
    [
      S.WorkflowDefinitionSchema.shape.timeout,
      { description: `Default per-attempt time limit of every step. ${DURATION}` },
    ],
    [base.id, { description: 'Unique step id, referenced as $steps.<id> (or $steps["<id>"]).' }],
    [base.description, { description: "Human-readable text, echoed in step events." }],
    [
      base.condition,
      {
        description:
          'Guard expression: the step is skipped when false. Quote literals, e.g. "true".',
      },
    ],
    [
      base.each,
      { description: "Expression yielding a list: the step runs once per item ($item, $index)." },
    ],
    [base.delay, { description: `Pause between iterations of an each step. ${DURATION}` }],
    [
      base.on_error,
      {
        description:
          "fail (default) halts the run when the step fails; ignore records the failure and continues.",
      },
    ],
    [base.concurrency, { description: "Iterations of an each step run in parallel (default 1)." }],
    [base.timeout, { description: `Per-attempt time limit of this step. ${DURATION}` }],
    [S.StepInputSchema.shape.default, { description: 'Not allowed on step inputs: use "value".' }],
    [
      S.WorkflowInputSchema.shape.default,
      { description: "Value used when the caller does not supply this input." },
    ],
    [base.tool, { description: "Name of the tool to invoke." }],
    [
      S.ConditionalStepSchema.shape.condition,
      { description: "Branch predicate: then runs when true, else otherwise." },
    ],
    [
      S.ConditionalStepSchema.shape.then,
      { description: "Ids of the steps to run when the condition holds." },
    ],
    [S.ConditionalStepSchema.shape.else, { description: "Ids of the steps to run otherwise." }],
    [
      S.ExitStepSchema.shape.output,
      { description: "Workflow output on exit: an expression string or a mapping." },
    ],
  ];
  for (const [schema, meta] of entries) registry.add(schema, meta);
  return registry;
}

/** The JSON Schema (draft-07) of the workflow document as authored: defaults optional, unknown keys allowed. */
export function workflowJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(S.WorkflowDefinitionSchema, {
    io: "input",
    target: "draft-7",
    metadata: metadata(),
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: WORKFLOW_SCHEMA_ID,
    title: "WorkflowSkill workflow",
    description:
      "The YAML of a WorkflowSkill: inputs, outputs and steps. Fenced ```workflow blocks in SKILL.md are not checked by editors; use validateWorkflowSkill or the CLI.",
    ...rest,
  };
}

/** The schema file's exact text: two-space JSON plus a final newline. */
export function renderWorkflowJsonSchema(): string {
  return `${JSON.stringify(workflowJsonSchema(), null, 2)}\n`;
}
