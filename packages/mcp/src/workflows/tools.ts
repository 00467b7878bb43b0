// The workflow tools: one per runnable workflow, and workflow_status / workflow_approve /
// workflow_cancel to continue with a run that did not end within a call.
import type { RunDetail, WorkflowInfo } from "@skillflow/service";
import type { McpTool } from "../area.js";
import { toolError, toolResult } from "../results.js";
import { errorAnswer, statusAnswer } from "./answer.js";
import { waitAndAnswer, type WorkflowsContext } from "./run-call.js";
import { checkArguments, inputSchemaOf, outputSchemaOf } from "./schema.js";
import { hasEnded } from "./wait.js";

/** Names of the tools that continue with a run (workflow tools never take them). */
export const CONTROL_TOOLS = ["workflow_status", "workflow_approve", "workflow_cancel"] as const;

/**
 * Every tool name the server's own areas use: a workflow (a file anyone can write) is never served
 * under one, so `dry_run_workflow` is always the dry run and never a real run of a workflow so named.
 */
export const RESERVED_TOOLS = [
  ...CONTROL_TOOLS,
  "list_skills",
  "activate_skill",
  "read_skill_file",
  "list_tools",
  "validate_workflow",
  "dry_run_workflow",
] as const;

const RUN_ID = { runId: { type: "string", description: "The run id a workflow tool answered." } };

/** The tool that runs `info` under `name`. */
export function workflowTool(ctx: WorkflowsContext, info: WorkflowInfo, name: string): McpTool {
  return {
    definition: {
      name,
      title: info.name,
      description:
        `${info.description ?? `Runs the workflow ${info.name}.`} Answers its outputs; a run that ` +
        `takes longer answers { runId, status } instead (continue with workflow_status / workflow_approve).`,
      inputSchema: inputSchemaOf(info.inputs),
      outputSchema: outputSchemaOf(info.outputs),
    },
    async call(args, extra) {
      const problem = checkArguments(info.inputs, args);
      if (problem) return toolError(problem.code, problem.message, problem.field);
      let runId: string;
      try {
        ({ runId } = await ctx.runner.startRun({
          workflow: info.name,
          inputs: args,
          trigger: { kind: "mcp" },
        }));
      } catch (error) {
        return errorAnswer(error);
      }
      return waitAndAnswer(ctx, runId, extra, (run) => hasEnded(run) || run.status !== "running");
    },
  };
}

/**
 * Whether an MCP client started the run (in this process `mcp`; through a running serve, whose API
 * records `manual` by `mcp`). An agent decides and cancels only its own runs: a schedule's or a
 * person's approval gate is for a person, whatever the agent read that says otherwise.
 */
function startedOverMcp(run: RunDetail): boolean {
  const trigger = run.trigger;
  return trigger.kind === "mcp" || (trigger.kind === "manual" && trigger.by === "mcp");
}

/** The refusal of a decision or cancellation of a run an MCP client did not start. */
function notOurs(run: RunDetail, what: string) {
  return toolError(
    "NOT_AN_MCP_RUN",
    `run ${run.id} was not started over MCP (trigger: ${run.trigger.kind}), so it cannot be ${what} ` +
      "here; a person decides it with `skillflow approve`, the HTTP API or the dashboard",
    "runId",
  );
}

function statusTool(ctx: WorkflowsContext): McpTool {
  return {
    definition: {
      name: "workflow_status",
      description:
        "Where a workflow run is: status, steps done, outputs or error, and the approvals it waits for (message, deadline, response fields).",
      inputSchema: { type: "object", properties: RUN_ID, required: ["runId"] },
      annotations: { readOnlyHint: true },
    },
    async call(args) {
      const problem = checkArguments({ runId: { type: "string" } }, args, "argument");
      if (problem) return toolError(problem.code, problem.message, problem.field);
      try {
        return statusAnswer(await ctx.runner.getRun(args["runId"] as string));
      } catch (error) {
        return errorAnswer(error);
      }
    },
  };
}

const APPROVE_ARGS = {
  runId: { type: "string" },
  key: { type: "string", nullable: true },
  approved: { type: "boolean" },
  response: { type: "object", nullable: true },
  by: { type: "string", nullable: true },
  note: { type: "string", nullable: true },
};

function approveTool(ctx: WorkflowsContext): McpTool {
  return {
    definition: {
      name: "workflow_approve",
      description:
        "Approves or rejects an approval a run waits for, with its response fields, then waits for the run like a workflow tool.",
      inputSchema: {
        type: "object",
        properties: {
          ...RUN_ID,
          key: {
            type: "string",
            description: "The approval key (workflow_status lists them); optional when one waits.",
          },
          approved: { type: "boolean" },
          response: {
            type: "object",
            description: "Values of the approval's declared response fields.",
          },
          by: { type: "string", description: "Who decided (recorded with the run)." },
          note: {
            type: "string",
            maxLength: 2000,
            description: "Why (kept with the run's decisions, not given to the workflow).",
          },
        },
        required: ["runId", "approved"],
        additionalProperties: false,
      },
    },
    async call(args, extra) {
      const problem = checkArguments(APPROVE_ARGS, args, "argument");
      if (problem) return toolError(problem.code, problem.message, problem.field);
      const runId = args["runId"] as string;
      const approved = args["approved"] as boolean;
      const response = (args["response"] ?? {}) as Record<string, unknown>;
      try {
        const run = await ctx.runner.getRun(runId);
        if (!startedOverMcp(run)) return notOurs(run, "decided");
        const pending = run.pending ?? [];
        if (run.status !== "waiting" || pending.length === 0)
          return toolError(
            "NOT_WAITING",
            `run ${runId} is ${run.status}, not waiting for an approval; workflow_status shows where it is`,
            "runId",
          );
        const key = (args["key"] as string | null | undefined) ?? undefined;
        const approval =
          key === undefined && pending.length === 1
            ? pending[0]
            : pending.find((p) => p.key === key);
        if (approval === undefined)
          return toolError(
            key === undefined ? "APPROVAL_KEY_REQUIRED" : "UNKNOWN_APPROVAL",
            `${key === undefined ? "several approvals wait" : `no approval "${key}" waits`}; give key, one of: ${pending.map((p) => p.key).join(", ")}`,
            "key",
          );
        // A rejection needs no response field, but those given must still fit.
        const declared = approved
          ? approval.response
          : Object.fromEntries(
              Object.entries(approval.response).map(([n, d]) => [n, { ...d, nullable: true }]),
            );
        const wrong = checkArguments(declared, response, "response field");
        if (wrong) return toolError("INVALID_DECISION", wrong.message, `response.${wrong.field}`);
        const by = args["by"];
        const note = args["note"];
        await ctx.runner.decide(runId, approval.key, {
          approved,
          response,
          ...(typeof by === "string" ? { by } : {}),
          ...(typeof note === "string" ? { note } : {}),
        });
        const decided = approval.key;
        return await waitAndAnswer(
          ctx,
          runId,
          extra,
          (seen) =>
            hasEnded(seen) ||
            seen.status === "interrupted" ||
            (seen.status === "waiting" && !(seen.pending ?? []).some((p) => p.key === decided)),
        );
      } catch (error) {
        return errorAnswer(error);
      }
    },
  };
}

function cancelTool(ctx: WorkflowsContext): McpTool {
  return {
    definition: {
      name: "workflow_cancel",
      description: "Cancels a queued, running or waiting workflow run.",
      inputSchema: { type: "object", properties: RUN_ID, required: ["runId"] },
      annotations: { destructiveHint: true, idempotentHint: true },
    },
    async call(args) {
      const problem = checkArguments({ runId: { type: "string" } }, args, "argument");
      if (problem) return toolError(problem.code, problem.message, problem.field);
      try {
        const run = await ctx.runner.getRun(args["runId"] as string);
        if (!startedOverMcp(run)) return notOurs(run, "cancelled");
        const ref = await ctx.runner.cancelRun(run.id);
        return toolResult({ runId: ref.runId, status: ref.status });
      } catch (error) {
        return errorAnswer(error);
      }
    },
  };
}

/** workflow_status, workflow_approve and workflow_cancel. */
export function controlTools(ctx: WorkflowsContext): McpTool[] {
  return [statusTool(ctx), approveTool(ctx), cancelTool(ctx)];
}
