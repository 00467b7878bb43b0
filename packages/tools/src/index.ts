// Public entry of @skillflow/tools: the standard tool set behind ToolAdapter.
export {
  ToolError,
  defineTool,
  type ToolDefinition,
  type ToolErrorCode,
  type ToolRunContext,
} from "./tool.js";
export { REDACTED, SECRET_HEADERS, SecretRedactor, secretHeaderValues } from "./secrets.js";
