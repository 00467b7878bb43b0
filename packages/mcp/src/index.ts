// @skillflow/mcp: the MCP server of skillflow (skills over SEP-2640, workflows as tools, authoring tools).
export { createMcpServer, type McpServerOptions, type SkillflowMcpServer } from "./server.js";
export type {
  McpArea,
  McpMethod,
  McpPrompt,
  McpRequestExtra,
  McpResources,
  McpTool,
} from "./area.js";
export { toolError, toolResult } from "./results.js";
export {
  authoringArea,
  AUTHORING_GUIDE_URI,
  type AuthoringAreaOptions,
} from "./authoring/index.js";
