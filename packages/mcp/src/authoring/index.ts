// The authoring area: the guide as a resource and the tools to list, validate and dry-run workflows.
import type { McpArea } from "../area.js";
import { AUTHORING_GUIDE_URI, guideResources } from "./guide.js";
import { authoringTools, type AuthoringToolsOptions } from "./tools.js";

export { AUTHORING_GUIDE_URI } from "./guide.js";

/** Options of `authoringArea`: the tools a run here would have, and where recorded runs come from. */
export type AuthoringAreaOptions = AuthoringToolsOptions;

/**
 * What an agent needs to write a workflow without guessing: the authoring guide
 * (`skillflow://authoring-guide`), `list_tools`, `validate_workflow` and `dry_run_workflow`. The
 * tools are only listed and checked against, never called.
 */
export function authoringArea(options: AuthoringAreaOptions): McpArea {
  const tools = authoringTools(options);
  return {
    tools: async () => tools,
    resources: guideResources(),
    instructions:
      `To write a workflow: read ${AUTHORING_GUIDE_URI}, call list_tools, validate_workflow until it is valid, ` +
      "then dry_run_workflow with fixtures for the tool calls.",
  };
}
