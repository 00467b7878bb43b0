// The authoring guide as an MCP resource: the workflow language, taught to a model.
import type { ReadResourceResult, Resource } from "@modelcontextprotocol/sdk/types.js";
import { AUTHORING_SKILL } from "@skillflow/workflow";
import type { McpResources } from "../area.js";

/** The URI of the authoring guide. */
export const AUTHORING_GUIDE_URI = "skillflow://authoring-guide";

const GUIDE: Resource = {
  uri: AUTHORING_GUIDE_URI,
  name: "authoring-guide",
  title: "How to write a WorkflowSkill",
  description:
    "The WorkflowSkill language for writing a SKILL.md with a deterministic workflow: read it before drafting one.",
  mimeType: "text/markdown",
  size: Buffer.byteLength(AUTHORING_SKILL, "utf8"),
};

/** The guide as the one resource of the authoring area. */
export function guideResources(): McpResources {
  return {
    list: async () => [GUIDE],
    read: async (uri): Promise<ReadResourceResult | undefined> =>
      uri === AUTHORING_GUIDE_URI
        ? { contents: [{ uri, mimeType: "text/markdown", text: AUTHORING_SKILL }] }
        : undefined,
  };
}
