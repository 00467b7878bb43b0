// Compiles a validated workflow definition into a reusable plan: every expression becomes a closure once.
import type { ExpressionCache } from "../expression/cache.js";
import { parseDuration } from "../model/duration.js";
import { mayCarrySecrets } from "../model/secrets.js";
import type {
  FieldSchema,
  OnError,
  RetryPolicy,
  Step,
  WorkflowDefinition,
} from "../model/schema.js";
import { compileTransform, type TransformFn } from "./transform.js";
import { compileExitOutput, compileExpressionText, compileValue, type Resolver } from "./values.js";

/** A declared output of a step or workflow with its compiled `value` (null when it has none). */
export interface CompiledField {
  name: string;
  decl: FieldSchema;
  value: Resolver | null;
}

/** What a step's executor does, by type. */
export type CompiledExecutor =
  | { type: "tool"; tool: string }
  | { type: "transform"; run: TransformFn }
  | {
      type: "conditional";
      predicate: Resolver;
      then: readonly string[];
      else: readonly string[] | undefined;
    }
  | { type: "exit"; status: "success" | "failed"; output: Resolver }
  /** [EXT §13.5] Runs the child document the host resolved for `ref` (see `ChildWorkflow`). */
  | { type: "workflow"; ref: string }
  | CompiledApproval;

/** [EXT §13.4] An approval: its message, its own deadline (never the workflow's) and response fields. */
export interface CompiledApproval {
  type: "approval";
  message: Resolver;
  /** From the step's own `timeout` only (§13.9.3); undefined = waits for ever. */
  timeoutMs: number | undefined;
  onTimeout: "reject" | "approve" | "fail";
  response: Record<string, FieldSchema>;
}

/** One step, ready to run. */
export interface CompiledStep {
  index: number;
  id: string;
  step: Step;
  description: string | undefined;
  guard: Resolver | undefined;
  each: Resolver | undefined;
  inputs: readonly { name: string; raw: unknown; value: Resolver }[];
  outputs: readonly CompiledField[];
  /** True when at least one declared output has a `value` (§3.4). */
  mapsOutputs: boolean;
  /** True when an input name can hold a secret (`api_key`, `headers`, …): its record is masked. */
  masksInputs: boolean;
  onError: OnError;
  retry: CompiledRetry | undefined;
  timeoutMs: number | undefined;
  delayMs: number;
  concurrency: number;
  executor: CompiledExecutor;
}

/** A retry policy in milliseconds (§6.5, §13.2). */
export interface CompiledRetry {
  max: number;
  delayMs: number;
  backoff: number;
  /** [EXT §13.2] Cap of each wait; undefined = no cap. */
  maxDelayMs: number | undefined;
  /** [EXT §13.2] Each wait drawn uniformly from [0, capped wait]. */
  jitter: boolean;
}

function compileRetry(retry: RetryPolicy): CompiledRetry {
  return {
    max: retry.max,
    delayMs: parseDuration(retry.delay) ?? 0,
    backoff: retry.backoff,
    maxDelayMs: retry.max_delay === undefined ? undefined : parseDuration(retry.max_delay),
    jitter: retry.jitter === true,
  };
}

/** A compiled workflow: reused by every run of the same definition. */
export interface Plan {
  workflow: WorkflowDefinition;
  steps: readonly CompiledStep[];
  /** Step by id (the last declaration wins, as in §5.2). */
  byId: ReadonlyMap<string, CompiledStep>;
  /** Ids listed in any conditional's `then`/`else` (§3.7). */
  branchIds: ReadonlySet<string>;
  /** Declared steps not in `branchIds`, in order. */
  topLevel: readonly CompiledStep[];
  outputs: readonly CompiledField[];
  /** [EXT §13.4] Whether any step is an approval (the run then keeps durable state). */
  hasApprovals: boolean;
}

function compileFields(
  cache: ExpressionCache,
  fields: Record<string, FieldSchema>,
): CompiledField[] {
  return Object.keys(fields).map((name) => {
    const decl = fields[name]!;
    return { name, decl, value: decl.value === undefined ? null : compileValue(cache, decl.value) };
  });
}

function compileExecutor(cache: ExpressionCache, step: Step): CompiledExecutor {
  switch (step.type) {
    case "tool":
      return { type: "tool", tool: step.tool };
    case "transform":
      return { type: "transform", run: compileTransform(cache, step) };
    case "conditional":
      return {
        type: "conditional",
        predicate: compileExpressionText(cache, step.condition),
        then: step.then,
        else: step.else,
      };
    case "exit":
      return { type: "exit", status: step.status, output: compileExitOutput(cache, step.output) };
    case "workflow":
      return { type: "workflow", ref: step.workflow };
    case "approval":
      return {
        type: "approval",
        message: compileValue(cache, step.message),
        timeoutMs: step.timeout === undefined ? undefined : parseDuration(step.timeout),
        onTimeout: step.on_timeout ?? "reject",
        response: step.response ?? {},
      };
  }
}

function compileStep(
  cache: ExpressionCache,
  step: Step,
  index: number,
  workflowTimeout: number | undefined,
): CompiledStep {
  const outputs = compileFields(cache, step.outputs);
  const inputs = Object.keys(step.inputs).flatMap((name) => {
    const raw = step.inputs[name]!.value;
    return raw === undefined ? [] : [{ name, raw, value: compileValue(cache, raw) }];
  });
  return {
    index,
    id: step.id,
    step,
    description: step.description,
    // An empty `condition` or `each` counts as unset, as in the reference and in validation.
    guard:
      step.type !== "conditional" && step.condition
        ? compileExpressionText(cache, step.condition)
        : undefined,
    each: step.each ? compileExpressionText(cache, step.each) : undefined,
    inputs,
    outputs,
    mapsOutputs: outputs.some((o) => o.value !== null),
    masksInputs: inputs.some(({ name }) => mayCarrySecrets(name)),
    onError: step.on_error ?? "fail",
    retry: step.retry && compileRetry(step.retry),
    timeoutMs: step.timeout === undefined ? workflowTimeout : parseDuration(step.timeout),
    delayMs: step.delay === undefined ? 0 : (parseDuration(step.delay) ?? 0),
    concurrency: step.concurrency ?? 1,
    executor: compileExecutor(cache, step),
  };
}

/** Compiles a (validated) definition; expression texts are parsed through `cache`, once each. */
export function compile(workflow: WorkflowDefinition, cache: ExpressionCache): Plan {
  const workflowTimeout =
    workflow.timeout === undefined ? undefined : parseDuration(workflow.timeout);
  const steps = workflow.steps.map((step, i) => compileStep(cache, step, i, workflowTimeout));
  const branchIds = new Set<string>();
  for (const step of workflow.steps) {
    if (step.type === "conditional") {
      for (const id of step.then) branchIds.add(id);
      for (const id of step.else ?? []) branchIds.add(id);
    }
  }
  return {
    workflow,
    steps,
    byId: new Map(steps.map((s) => [s.id, s])),
    branchIds,
    topLevel: steps.filter((s) => !branchIds.has(s.id)),
    outputs: compileFields(cache, workflow.outputs),
    hasApprovals: steps.some((s) => s.executor.type === "approval"),
  };
}
