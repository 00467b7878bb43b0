// The one schema of the workflow document (zod); every document type is inferred from it.
import { z } from "zod";

/** The six declared type names of the language (§2.1). */
export const SCHEMA_TYPES = ["string", "int", "float", "boolean", "array", "object"] as const;
/** The step executors (§3.1), plus [EXT §13.5] `workflow` (composition) and [EXT §13.4] `approval`. */
export const STEP_TYPES = [
  "tool",
  "transform",
  "conditional",
  "exit",
  "workflow",
  "approval",
] as const;

/** The exact V8 message for a `default` key on a step input. */
export const STEP_INPUT_DEFAULT_MESSAGE =
  'Step inputs do not support "default" — use "value" to provide a value. "default" is only valid on workflow inputs.';

const nonEmpty = (what: string) =>
  z.string({ error: `${what} must be a string` }).min(1, { error: `${what} must not be empty` });

export const SchemaTypeSchema = z.enum(SCHEMA_TYPES, {
  error: `"type" must be one of ${SCHEMA_TYPES.join(", ")}`,
});

/** Element description of `items`: its `type` is checked, deeper content is metadata. */
export const ItemsSchema = z.looseObject({ type: SchemaTypeSchema });

const fieldShape = {
  type: SchemaTypeSchema,
  items: ItemsSchema.optional(),
  properties: z
    .record(z.string(), z.union([z.string(), z.record(z.string(), z.unknown())]))
    .optional(),
  /** [EXT §12 D1] null/absent pass the type test. */
  nullable: z.boolean().optional(),
};

/** A declared step output or workflow output: type plus optional `value` (§2.2). */
export const FieldSchemaSchema = z.object({ ...fieldShape, value: z.unknown().optional() });
/** A step input: like a field but `default` is forbidden (V8). */
export const StepInputSchema = z.object({
  ...fieldShape,
  value: z.unknown().optional(),
  default: z.never({ error: STEP_INPUT_DEFAULT_MESSAGE }).optional(),
});
/** A workflow input: type plus optional `default` (§2.3). */
export const WorkflowInputSchema = z.object({ ...fieldShape, default: z.unknown().optional() });

/**
 * Most retries a policy may ask for. A runaway count on an instantly failing tool would otherwise keep
 * a run busy (and its retry record growing) for hours; a hundred retries is already far past any
 * transient failure.
 */
export const RETRY_MAX_LIMIT = 100;
/**
 * Largest `backoff` factor. It keeps every wait `delay × backoff^(k−1)` a finite number of
 * milliseconds for any allowed `max` and `delay` (10^99 × 2^53 is still finite; 1e308 is not).
 */
export const RETRY_BACKOFF_LIMIT = 10;

export const RetryPolicySchema = z.object({
  max: z
    .int({ error: '"max" must be an integer' })
    .min(1, { error: '"max" must be at least 1' })
    .max(RETRY_MAX_LIMIT, {
      error: `"max" must be at most ${RETRY_MAX_LIMIT} (retries of one attempt); lower it`,
    }),
  delay: z.string({ error: '"delay" must be a duration string such as "500ms"' }),
  backoff: z
    .number({ error: '"backoff" must be a number' })
    .gt(0, { error: '"backoff" must be greater than 0' })
    .max(RETRY_BACKOFF_LIMIT, {
      error: `"backoff" must be at most ${RETRY_BACKOFF_LIMIT} (the factor between two waits); lower it`,
    }),
  /** [EXT §13.2] Cap of each wait (a duration, checked by V28). */
  max_delay: z.string({ error: '"max_delay" must be a duration string such as "30s"' }).optional(),
  /** [EXT §13.2] Each wait is uniformly random in [0, computed wait]. */
  jitter: z.boolean({ error: '"jitter" must be true or false' }).optional(),
});

const stepBase = {
  id: nonEmpty('"id"'),
  description: z.string().optional(),
  inputs: z.record(z.string(), StepInputSchema).default({}),
  outputs: z.record(z.string(), FieldSchemaSchema).default({}),
  condition: z
    .string({ error: '"condition" must be a string (quote expressions such as "true")' })
    .optional(),
  each: z.string({ error: '"each" must be an expression string' }).optional(),
  delay: z.string({ error: '"delay" must be a duration string such as "500ms"' }).optional(),
  on_error: z
    .enum(["fail", "ignore"], { error: '"on_error" must be "fail" or "ignore"' })
    .optional(),
  retry: RetryPolicySchema.optional(),
  /** [EXT §10.2] parallel iterations of an `each` step. */
  concurrency: z
    .int({ error: '"concurrency" must be an integer' })
    .min(1, { error: '"concurrency" must be at least 1' })
    .optional(),
  /** [EXT §10.3] per-attempt limit. */
  timeout: z.string({ error: '"timeout" must be a duration string such as "30s"' }).optional(),
};

export const ToolStepSchema = z.object({
  ...stepBase,
  type: z.literal("tool"),
  tool: nonEmpty('"tool"'),
});
export const TransformFilterStepSchema = z.object({
  ...stepBase,
  type: z.literal("transform"),
  operation: z.literal("filter"),
  where: nonEmpty('"where"'),
});
export const TransformMapStepSchema = z.object({
  ...stepBase,
  type: z.literal("transform"),
  operation: z.literal("map"),
  expression: z.record(z.string(), z.unknown(), { error: '"expression" must be a mapping' }),
});
export const TransformSortStepSchema = z.object({
  ...stepBase,
  type: z.literal("transform"),
  operation: z.literal("sort"),
  field: nonEmpty('"field"'),
  direction: z.enum(["asc", "desc"], { error: '"direction" must be "asc" or "desc"' }).optional(),
});
export const ConditionalStepSchema = z.object({
  ...stepBase,
  type: z.literal("conditional"),
  condition: nonEmpty('"condition"'),
  then: z
    .array(z.string({ error: "branch entries must be step id strings" }))
    .min(1, { error: '"then" must list at least one step id' }),
  else: z.array(z.string({ error: "branch entries must be step id strings" })).optional(),
});
export const ExitStepSchema = z.object({
  ...stepBase,
  type: z.literal("exit"),
  status: z.enum(["success", "failed"], { error: '"status" must be "success" or "failed"' }),
  output: z
    .union([z.string(), z.record(z.string(), z.unknown())], {
      error: '"output" must be a string or a mapping',
    })
    .optional(),
});

/**
 * [EXT §13.5] Runs another workflow (a skill name or a relative path, resolved by the host): `workflow`
 * is a literal reference, never an expression, so every child is known before running.
 */
export const WorkflowStepSchema = z.object({
  ...stepBase,
  type: z.literal("workflow"),
  workflow: nonEmpty('"workflow"'),
});

/** [EXT §13.4] An approval step: waits for a person's (or host's) decision. */
export const ApprovalStepSchema = z.object({
  ...stepBase,
  type: z.literal("approval"),
  message: z.string({ error: '"message" is required on approval steps (a string or template)' }),
  on_timeout: z
    .enum(["reject", "approve", "fail"], {
      error: '"on_timeout" must be "reject", "approve" or "fail"',
    })
    .optional(),
  response: z.record(z.string(), FieldSchemaSchema).optional(),
});

/** A transform step, discriminated by `operation`. */
export const TransformStepSchema = z.discriminatedUnion(
  "operation",
  [TransformFilterStepSchema, TransformMapStepSchema, TransformSortStepSchema],
  { error: '"operation" must be one of filter, map, sort' },
);

/** Every step shape, discriminated by `type` (and, for transforms, `operation`). */
export const StepSchema = z.discriminatedUnion(
  "type",
  [
    ToolStepSchema,
    TransformStepSchema,
    ConditionalStepSchema,
    ExitStepSchema,
    WorkflowStepSchema,
    ApprovalStepSchema,
  ],
  { error: `"type" must be one of ${STEP_TYPES.join(", ")}` },
);

/** The workflow document (§1.5). */
export const WorkflowDefinitionSchema = z.object({
  inputs: z.record(z.string(), WorkflowInputSchema).default({}),
  outputs: z.record(z.string(), FieldSchemaSchema).default({}),
  steps: z.array(StepSchema).min(1, { error: "Workflow must have at least one step" }),
  /** [EXT §10.3] default per-attempt timeout of every step. */
  timeout: z.string({ error: '"timeout" must be a duration string such as "30s"' }).optional(),
});

export type SchemaType = z.infer<typeof SchemaTypeSchema>;
export type StepType = (typeof STEP_TYPES)[number];
export type FieldSchema = z.infer<typeof FieldSchemaSchema>;
export type StepInput = z.infer<typeof StepInputSchema>;
export type WorkflowInput = z.infer<typeof WorkflowInputSchema>;
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;
export type ToolStep = z.infer<typeof ToolStepSchema>;
export type TransformFilterStep = z.infer<typeof TransformFilterStepSchema>;
export type TransformMapStep = z.infer<typeof TransformMapStepSchema>;
export type TransformSortStep = z.infer<typeof TransformSortStepSchema>;
export type TransformStep = TransformFilterStep | TransformMapStep | TransformSortStep;
export type ConditionalStep = z.infer<typeof ConditionalStepSchema>;
export type ExitStep = z.infer<typeof ExitStepSchema>;
export type WorkflowStep = z.infer<typeof WorkflowStepSchema>;
export type ApprovalStep = z.infer<typeof ApprovalStepSchema>;
export type Step = z.infer<typeof StepSchema>;
export type WorkflowDefinition = z.infer<typeof WorkflowDefinitionSchema>;
export type OnError = "fail" | "ignore";
export type TransformOperation = "filter" | "map" | "sort";
export type SortDirection = "asc" | "desc";
export type ExitStatus = "success" | "failed";
