// PLACEHOLDER (svc-core): another helper writes the real `previous_run` tool here; this pass-through
// only fixes the signature the service calls, so that the lead's merge replaces this file whole.
import type { RunStore } from "@skillflow/store";
import type { ToolAdapter } from "@skillflow/workflow";

/** What the `previous_run` tool of one run reads. */
export interface PreviousRunContext {
  store: RunStore;
  workflow: string;
  runId: string;
}

/** The run's tools plus `previous_run` (for now: the tools unchanged). */
export function withPreviousRun(adapter: ToolAdapter, _context: PreviousRunContext): ToolAdapter {
  return adapter;
}
