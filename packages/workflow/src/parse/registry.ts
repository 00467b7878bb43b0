// Remembers the SourceMap of each parsed definition so later phases can locate its problems.
import type { SourceMap } from "../diagnostics/source-map.js";
import type { WorkflowDefinition } from "../model/schema.js";

const maps = new WeakMap<WorkflowDefinition, SourceMap>();

/** Records where `workflow` came from; called by every successful parse. */
export function registerSourceMap(workflow: WorkflowDefinition, sourceMap: SourceMap): void {
  maps.set(workflow, sourceMap);
}

/** The SourceMap of a definition returned by a parse function; undefined for hand-built definitions. */
export function sourceMapOf(workflow: WorkflowDefinition): SourceMap | undefined {
  return maps.get(workflow);
}
