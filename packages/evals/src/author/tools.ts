// listRunTools: the tools a run would have, as a model needs them to write tool steps.
import type { JsonSchema, ToolAdapter } from "@skillflow/workflow";

/** One tool a workflow's `tool` steps can name. */
export interface RunToolInfo {
  name: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
}

/**
 * The adapter's catalog (name, description, input and output schemas), sorted by name; an adapter
 * without `list` has no catalog to show (an empty list).
 */
export function listRunTools(adapter: ToolAdapter): RunToolInfo[] {
  const listed = adapter.list?.() ?? [];
  return listed
    .map((t) => {
      const out: RunToolInfo = {
        name: t.name,
        description: t.description,
        inputSchema: t.inputSchema ?? { type: "object" },
      };
      if (t.outputSchema !== undefined) out.outputSchema = t.outputSchema;
      return out;
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
