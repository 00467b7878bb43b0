// `workflowsArea`: every runnable workflow as an MCP tool, and the tools that continue with a run
// that did not end within a call (status, approve, cancel), over a Service or a client of one.
import { setMaxListeners } from "node:events";
import type { McpArea } from "../area.js";
import type { WorkflowsContext } from "./run-call.js";
import { toolNames } from "./schema.js";
import { RESERVED_TOOLS, controlTools, workflowTool } from "./tools.js";
import { REAL_TIMERS, type McpRunner, type McpTimers } from "./wait.js";

export type { McpRunner, McpTimers } from "./wait.js";

/** Options of `workflowsArea`. */
export interface WorkflowsAreaOptions {
  runner: McpRunner;
  /**
   * How long a call waits for its run before answering with the run id and status (default 45 s;
   * clients cut calls off after 1–4 minutes).
   */
  waitMs?: number;
  /**
   * How often a waiting call looks at its run besides the runner's events (default 1 s): a runner
   * whose `subscribe` delivers nothing (a lost event stream) still answers.
   */
  pollMs?: number;
  /** Injected clock for tests (setTimeout/clearTimeout), as the runtime core does; default the real one. */
  timers?: McpTimers;
}

/** Default wait of a call for its run. */
export const DEFAULT_WAIT_MS = 45_000;
/** Default period of a waiting call's look at its run. */
export const DEFAULT_POLL_MS = 1_000;

/**
 * The workflows area. Tools are listed per request from `runner.listWorkflows()` (names made fit for
 * MCP and unique); a call checks its arguments against the declared inputs, starts a run (trigger
 * `mcp`) and waits up to `waitMs` for it, sending progress per step; a run still going (or waiting
 * for an approval) answers `{ runId, status, ... }`. Closing the area ends the waits.
 */
export function workflowsArea(options: WorkflowsAreaOptions): McpArea {
  const closing = new AbortController();
  // Every waiting call listens to it (with its own request's signal): as many as calls in flight.
  setMaxListeners(0, closing.signal);
  const ctx: WorkflowsContext = {
    runner: options.runner,
    timers: options.timers ?? REAL_TIMERS,
    waitMs: options.waitMs ?? DEFAULT_WAIT_MS,
    pollMs: options.pollMs ?? DEFAULT_POLL_MS,
    closing: closing.signal,
  };
  return {
    instructions:
      "Each workflow tool runs a skillflow workflow and answers its outputs. A run that takes longer answers " +
      "{ runId, status }: continue with workflow_status, workflow_approve (when it waits for an approval) " +
      "or workflow_cancel.",
    async tools() {
      const workflows = await ctx.runner.listWorkflows();
      const names = toolNames(
        workflows.map((w) => w.name),
        RESERVED_TOOLS,
      );
      return [
        ...workflows.map((info, i) => workflowTool(ctx, info, names[i] as string)),
        ...controlTools(ctx),
      ];
    },
    close() {
      closing.abort();
      return Promise.resolve();
    },
  };
}
