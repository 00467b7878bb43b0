// The authoring tools over MCP: list_tools, validate_workflow and dry_run_workflow, thin adapters
// over @skillflow/evals' authoring functions.
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  dryRunWorkflow,
  DryRunError,
  listRunTools,
  parseToolArgs,
  runtimeDecisions,
  toolInputSchema,
  validateWorkflowText,
  type DryRunOptions,
  type RecordedSteps,
} from "@skillflow/evals";
import type { ToolAdapter } from "@skillflow/workflow";
import type { McpTool } from "../area.js";
import { toolError, toolResult } from "../results.js";
import { DryRunArgs, ListToolsArgs, ValidateArgs } from "./args.js";

/** What the authoring tools are given by their host. */
export interface AuthoringToolsOptions {
  tools: ToolAdapter;
  recordedRun?: (runId: string) => Promise<RecordedSteps | undefined>;
}

function invalid(failure: { field: string; message: string }): CallToolResult {
  return toolError("INVALID_ARGUMENTS", failure.message, failure.field);
}

const listTools = (options: AuthoringToolsOptions): McpTool => ({
  definition: {
    name: "list_tools",
    title: "List workflow tools",
    description:
      "The tools a workflow's `tool` steps can call here, with descriptions and input schemas. Use only these names.",
    inputSchema: toolInputSchema(ListToolsArgs),
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async call() {
    return toolResult({ tools: listRunTools(options.tools) });
  },
});

const validate = (options: AuthoringToolsOptions): McpTool => ({
  definition: {
    name: "validate_workflow",
    title: "Validate a workflow",
    description:
      "Checks a SKILL.md (or bare workflow YAML) without running it: every problem with its code, line, column, path and a hint. Fix them all and validate again until valid is true.",
    inputSchema: toolInputSchema(ValidateArgs),
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async call(args) {
    const parsed = parseToolArgs(ValidateArgs, args);
    if (!parsed.ok) return invalid(parsed);
    const result = validateWorkflowText(parsed.value.text, { tools: options.tools });
    return toolResult({ ...result });
  },
});

const dryRun = (options: AuthoringToolsOptions): McpTool => ({
  definition: {
    name: "dry_run_workflow",
    title: "Dry-run a workflow",
    description:
      "Runs a workflow with every tool call answered from fixtures (or a recorded run), never a real tool or the network, and returns the run log: status, each step's inputs and outputs, the outputs, the error, and calls no fixture answered.",
    inputSchema: toolInputSchema(DryRunArgs),
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async call(args, extra) {
    const parsed = parseToolArgs(DryRunArgs, args);
    if (!parsed.ok) return invalid(parsed);
    const { text, inputs, fixtures, runId, approvals } = parsed.value;
    const run: DryRunOptions = { tools: options.tools, signal: extra.signal };
    if (inputs !== undefined) run.inputs = inputs;
    if (fixtures !== undefined) run.fixtures = fixtures;
    if (approvals !== undefined) run.approvals = runtimeDecisions(approvals);
    if (runId !== undefined) {
      if (options.recordedRun === undefined)
        return toolError(
          "NO_RUN_HISTORY",
          "this server has no run history to replay; pass fixtures instead of runId",
          "runId",
        );
      const log = await options.recordedRun(runId);
      if (log === undefined)
        return toolError("UNKNOWN_RUN", `no run "${runId}" in the history; check the id`, "runId");
      run.recordedRun = log;
    }
    try {
      return toolResult({ ...(await dryRunWorkflow(text, run)) });
    } catch (error) {
      if (error instanceof DryRunError) return toolError(error.code, error.message, error.field);
      throw error;
    }
  },
});

/** The three authoring tools. */
export function authoringTools(options: AuthoringToolsOptions): McpTool[] {
  return [listTools(options), validate(options), dryRun(options)];
}
