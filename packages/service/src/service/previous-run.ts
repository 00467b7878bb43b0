// The standard tool `previous_run`: the last successful run of the same workflow, so a run can report what changed.
import type { RunStore } from "@skillflow/store";
import { ToolSet, type ToolDefinition } from "@skillflow/tools";
import type {
  ToolAdapter,
  ToolDescriptor,
  ToolInvocationContext,
  ToolResult,
} from "@skillflow/workflow";

/** The name of the standard tool. */
export const PREVIOUS_RUN_TOOL = "previous_run";

/** Which run asks: the tool answers only about runs of `workflow`, never `runId` itself. */
export interface PreviousRunContext {
  store: RunStore;
  /** The name the current run is recorded under (a workflow cannot read another's outputs). */
  workflow: string;
  /** The current run, never answered as its own previous run. */
  runId: string;
}

/**
 * What `previous_run` answers (snake_case, like the run log a workflow reads). `truncated` lists the
 * outputs the history kept only as a size marker (at `standard` verbosity, values over its limit),
 * so a workflow does not mistake a marker for a changed value; `outputs` is `{}` at `minimal`.
 */
export type PreviousRunOutput =
  | { found: false }
  | {
      found: true;
      run_id: string;
      started_at: string;
      completed_at: string | null;
      outputs: Record<string, unknown>;
      truncated?: string[];
    };

function isTruncated(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { $truncated?: unknown }).$truncated === true
  );
}

/** Looks up the newest successful run of `context.workflow` other than `context.runId`. */
export function findPreviousRun(context: PreviousRunContext): PreviousRunOutput {
  // Newest first; at most one of the two is the current run (it can be listed once it succeeded).
  const rows = context.store.list({ workflow: context.workflow, status: "success", limit: 2 });
  const row = rows.find((r) => r.id !== context.runId);
  if (row === undefined) return { found: false };
  const outputs = context.store.get(row.id)?.outputs ?? {};
  const truncated = Object.keys(outputs).filter((key) => isTruncated(outputs[key]));
  return {
    found: true,
    run_id: row.id,
    started_at: row.startedAt,
    completed_at: row.completedAt ?? null,
    outputs,
    ...(truncated.length > 0 ? { truncated } : {}),
  };
}

/**
 * The `previousOutputs` a notifier needs, read from `store`: the outputs of the last successful run
 * of `workflow` other than `runId`, undefined when there is none.
 */
export function previousOutputsFromStore(
  store: RunStore,
): (workflow: string, runId: string) => Promise<Record<string, unknown> | undefined> {
  return (workflow, runId) => {
    try {
      const found = findPreviousRun({ store, workflow, runId });
      return Promise.resolve(found.found ? found.outputs : undefined);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
}

const DESCRIPTION =
  "The last successful run of this same workflow: its id, start and completion time and outputs " +
  "({ found: false } when there is none). Compare with it to report only what changed.";

/** The `previous_run` tool definition for one run (the CLI's `skillflow run` can offer it too). */
export function previousRunTool(context: PreviousRunContext): ToolDefinition {
  return {
    name: PREVIOUS_RUN_TOOL,
    description: DESCRIPTION,
    // No arguments: the workflow is always the caller's own.
    inputSchema: { type: "object", properties: {}, additionalProperties: false },
    outputSchema: {
      type: "object",
      properties: {
        found: { type: "boolean" },
        run_id: { type: "string" },
        started_at: { type: "string" },
        completed_at: { type: ["string", "null"] },
        outputs: { type: "object" },
        truncated: { type: "array", items: { type: "string" } },
      },
      required: ["found"],
    },
    run: () => Promise.resolve(findPreviousRun(context)),
  };
}

/**
 * `adapter` plus the standard tool `previous_run` for the run `context.runId`. The service's own
 * `previous_run` takes the place of one the adapter may offer under that name; every other name
 * is routed to `adapter` unchanged, and `list()` shows the tool beside the adapter's own.
 */
export function withPreviousRun(adapter: ToolAdapter, context: PreviousRunContext): ToolAdapter {
  const definition = previousRunTool(context);
  // Built at the first call: compiling its schemas (a ToolSet's Ajv) costs more than a short run
  // itself, and most runs never call it (`npm run bench`, row 13).
  let own: ToolSet | undefined;
  const descriptor: ToolDescriptor = {
    name: definition.name,
    description: definition.description,
    inputSchema: definition.inputSchema,
    ...(definition.outputSchema === undefined ? {} : { outputSchema: definition.outputSchema }),
  };
  const listed = (): ToolDescriptor[] => [
    ...(adapter.list?.() ?? []).filter((d) => d.name !== PREVIOUS_RUN_TOOL),
    descriptor,
  ];
  return {
    has: (toolName) => toolName === PREVIOUS_RUN_TOOL || adapter.has(toolName),
    list: listed,
    invoke: (
      toolName: string,
      args: Record<string, unknown>,
      invocation?: ToolInvocationContext,
    ): Promise<ToolResult> => {
      const target = toolName === PREVIOUS_RUN_TOOL ? (own ??= new ToolSet([definition])) : adapter;
      return invocation === undefined
        ? target.invoke(toolName, args)
        : target.invoke(toolName, args, invocation);
    },
  };
}
