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
export { MAX_MCP_REQUEST_BYTES, createMcpHttpHandler, serveStdio } from "./transports.js";
export {
  DEFAULT_POLL_MS,
  DEFAULT_WAIT_MS,
  workflowsArea,
  type McpRunner,
  type McpTimers,
  type WorkflowsAreaOptions,
} from "./workflows/index.js";
export {
  DIRECTORY_MIME_TYPE,
  DIRECTORY_PAGE_SIZE,
  MAX_SKILL_BYTES,
  MAX_SKILL_RESOURCES,
  OMITTED_META_KEY,
  SKILLS_CACHE,
  SKILLS_EXTENSION,
  SKILLS_PAGE_SIZE,
  parseSkillUri,
  skillUri,
  skillsArea,
  type ActivationOptions as SkillActivationOptions,
  type CommandsSummary,
  type ParsedSkillUri,
  type SkillOmission,
  type SkillOmissionCode,
  type SkillResource,
  type SkillsAreaOptions,
} from "./skills/index.js";
export {
  authoringArea,
  AUTHORING_GUIDE_URI,
  type AuthoringAreaOptions,
} from "./authoring/index.js";
