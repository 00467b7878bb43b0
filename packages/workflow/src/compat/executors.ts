// Single-step executors of the reference API (§8.3), built on the compiled executors of the runtime.
import { compileExitOutput, compileExpressionText } from "../compile/values.js";
import { compileTransform } from "../compile/transform.js";
import { selectArray, transformResult } from "../execute/dispatch.js";
import { errorMessage } from "../execute/failure.js";
import { ExpressionCache } from "../expression/cache.js";
import type { ToolAdapter } from "../model/adapter.js";
import type { RuntimeContext } from "../model/run-log.js";
import type {
  ConditionalStep,
  ExitStatus,
  ExitStep,
  Step,
  ToolStep,
  TransformStep,
} from "../model/schema.js";
import { StepExecutionError } from "./errors.js";

let shared = new ExpressionCache();
let uses = 0;
/** A shared parse cache, renewed now and then so it stays bounded. */
function expressions(): ExpressionCache {
  if (++uses > 10_000) {
    shared = new ExpressionCache();
    uses = 0;
  }
  return shared;
}

/** Result of a conditional step: the selected branch and its step ids. */
export interface ConditionalOutput {
  branch: "then" | "else" | null;
  stepIds: string[];
}

/** Result of an exit step. */
export interface ExitOutput {
  status: ExitStatus;
  output: unknown;
}

/** Result of `dispatch`, discriminated by `kind`. */
export type DispatchResult =
  | { kind: "output"; output: unknown }
  | ({ kind: "branch" } & ConditionalOutput)
  | ({ kind: "exit" } & ExitOutput);

/** Invokes a tool step's tool; a `ToolResult.error` throws a retriable `StepExecutionError`. */
export async function executeTool(
  step: ToolStep,
  resolvedInputs: Record<string, unknown>,
  toolAdapter: ToolAdapter,
): Promise<{ output: unknown }> {
  let result;
  try {
    result = await toolAdapter.invoke(step.tool, resolvedInputs);
  } catch (error) {
    throw new StepExecutionError(errorMessage(error), true, { tool: step.tool });
  }
  if (result === null || typeof result !== "object") {
    throw new StepExecutionError(`Tool "${step.tool}" returned no result`, false, {
      tool: step.tool,
    });
  }
  if (result.error) throw new StepExecutionError(String(result.error), true, { tool: step.tool });
  return { output: result.output };
}

/** Runs a transform step over its input array; returns `{ <first output name | items>: array }`. */
export function executeTransform(
  step: TransformStep,
  resolvedInputs: Record<string, unknown>,
  context: RuntimeContext,
): unknown {
  const run = compileTransform(expressions(), step);
  try {
    const items = run(selectArray(resolvedInputs), {
      inputs: context.inputs,
      steps: context.steps,
    });
    return transformResult(Object.keys(step.outputs)[0], items);
  } catch (error) {
    throw new StepExecutionError(errorMessage(error));
  }
}

/** Evaluates a conditional's predicate and returns the selected branch. */
export function executeConditional(
  step: ConditionalStep,
  context: RuntimeContext,
): ConditionalOutput {
  let pass: unknown;
  try {
    pass = compileExpressionText(expressions(), step.condition)(context);
  } catch (error) {
    throw new StepExecutionError(errorMessage(error), false, { expression: step.condition });
  }
  if (pass) return { branch: "then", stepIds: [...step.then] };
  return step.else ? { branch: "else", stepIds: [...step.else] } : { branch: null, stepIds: [] };
}

/** Resolves an exit step's output. */
export function executeExit(step: ExitStep, context: RuntimeContext): ExitOutput {
  try {
    return { status: step.status, output: compileExitOutput(expressions(), step.output)(context) };
  } catch (error) {
    throw new StepExecutionError(errorMessage(error));
  }
}

/** Routes a step to its executor. */
export async function dispatch(
  step: Step,
  resolvedInputs: Record<string, unknown>,
  context: RuntimeContext,
  toolAdapter: ToolAdapter,
): Promise<DispatchResult> {
  switch (step.type) {
    case "tool":
      return { kind: "output", ...(await executeTool(step, resolvedInputs, toolAdapter)) };
    case "transform":
      return { kind: "output", output: executeTransform(step, resolvedInputs, context) };
    case "conditional":
      return { kind: "branch", ...executeConditional(step, context) };
    case "exit":
      return { kind: "exit", ...executeExit(step, context) };
    case "workflow":
      // [EXT §13.5] A child run needs the resolved document: only the runtime entry points have it.
      throw new StepExecutionError(
        `Step "${step.id}": workflow steps run only through runWorkflow / runWorkflowSkill (with resolveWorkflow)`,
      );
    case "approval":
      throw new StepExecutionError(
        `Step "${step.id}": approval steps need runWorkflow or runWorkflowSkill (§13.4)`,
      );
  }
}
