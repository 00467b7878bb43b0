// Public entry of @skillflow/tools: the standard tool set behind ToolAdapter.
export {
  ToolError,
  defineTool,
  type ToolDefinition,
  type ToolErrorCode,
  type ToolErrorOptions,
  type ToolRunContext,
} from "./tool.js";
export { REDACTED, SECRET_HEADERS, SecretRedactor, secretHeaderValues } from "./secrets.js";
export {
  ToolSet,
  formatSchemaErrors,
  type AnyToolDefinition,
  type ToolSetOptions,
  type ToolSetResult,
} from "./toolset.js";
export { combineAdapters } from "./compose.js";
export {
  PatternError,
  compilePattern,
  safeCompilePattern,
  safeRegExp,
  type PatternErrorCode,
  type SafePattern,
} from "./pattern.js";
export {
  workflowTool,
  workflowFieldSchema,
  workflowInputSchema,
  workflowOutputSchema,
  type DeclaredField,
  type WorkflowToolOptions,
} from "./workflow-tool.js";
export {
  createShellTool,
  type ShellToolOptions,
  type ShellArgs,
  type ShellResult,
} from "./shell/shell.js";
export type { AllowRule, ArgsPattern } from "./shell/allowlist.js";
export { createFileTools } from "./files/files.js";
export type { FileToolsOptions } from "./files/options.js";
export type { FileReadArgs, FileReadResult } from "./files/read.js";
export type { FileWriteArgs, FileWriteResult } from "./files/write.js";
export type { FileListArgs, FileListResult, FileEntry } from "./files/list.js";
export * from "./llm/index.js";
export {
  createWebTools,
  resolveWebSettings,
  WEB_TOOL_DEFAULTS,
  type WebToolOptions,
} from "./web/tools.js";
export {
  networkPolicyFromEnv,
  createNetworkGuard,
  pinnedAgent,
  type NetworkPolicy,
  type NetworkGuard,
  type HostLookup,
  type PinnedTarget,
} from "./web/network.js";
export type { WebFetchInput, WebFetchOutput } from "./web/web-fetch.js";
export type { WebFetchRawInput, WebFetchRawOutput } from "./web/web-fetch-raw.js";
export type { WebScrapeInput, WebScrapeOutput } from "./web/web-scrape.js";
export type { HttpInput, HttpOutput } from "./web/http.js";
export {
  McpToolAdapter,
  connectMcpServers,
  type McpConnectOptions,
  type McpToolResult,
} from "./mcp/adapter.js";
export {
  MCP_SERVER_NAME,
  formatMcpConfigProblem,
  parseMcpServers,
  safeParseMcpServers,
  type McpConfigProblem,
  type McpConfigResult,
  type McpHttpServerConfig,
  type McpServerConfig,
  type McpServersConfig,
  type McpStdioServerConfig,
} from "./mcp/config.js";
export {
  McpServerError,
  type McpConnectFailure,
  type McpServerErrorDetails,
} from "./mcp/errors.js";
export { createStandardTools, type StandardToolsOptions } from "./standard.js";
