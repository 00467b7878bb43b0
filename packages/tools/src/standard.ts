// The standard tool set a host registers: web, llm and files always; shell only with an allowlist.
import { createFileTools } from "./files/files.js";
import type { FileToolsOptions } from "./files/options.js";
import { LLM_ENV_VARS, createLlmTool, type LlmToolOptions } from "./llm/index.js";
import { SecretRedactor } from "./secrets.js";
import { createShellTool, type ShellToolOptions } from "./shell/shell.js";
import { ToolSet } from "./toolset.js";
import type { AnyToolDefinition } from "./toolset.js";
import { createWebTools, type WebToolOptions } from "./web/tools.js";
import { networkPolicyFromEnv } from "./web/network.js";

/** Settings of `createStandardTools`; every part is optional except the workspace for files and shell. */
export interface StandardToolsOptions {
  /** The folder file tools and shell commands are confined to. */
  workspaceRoot: string;
  /** Where keys, base URLs and `SKILLFLOW_ALLOW_PRIVATE_NETWORK` are read; default `process.env`. */
  env?: Record<string, string | undefined>;
  web?: Omit<WebToolOptions, "redactor">;
  llm?: Omit<LlmToolOptions, "env" | "redactor">;
  files?: Omit<FileToolsOptions, "root">;
  /** Commands workflows may run; without it (or with an empty list) there is no `shell` tool. */
  shell?: Omit<ShellToolOptions, "workspaceRoot">;
  /** More values to keep out of outputs and errors, besides provider keys. */
  secrets?: readonly string[];
}

/** Secret values the environment holds for the providers (API keys). */
function providerSecrets(env: Record<string, string | undefined>): string[] {
  return Object.values(LLM_ENV_VARS).flatMap(({ apiKey }) => {
    const value = env[apiKey];
    return value ? [value] : [];
  });
}

/**
 * Builds the standard tools as one `ToolSet`: `web_fetch`, `web_fetch_raw`, `web_scrape`, `http`,
 * `llm`, `file_read`, `file_write`, `file_list`, and `shell` when commands are allowed. Network tools
 * refuse private addresses unless `web.network` or `SKILLFLOW_ALLOW_PRIVATE_NETWORK=1` allows them.
 */
export function createStandardTools(options: StandardToolsOptions): ToolSet {
  const env = options.env ?? process.env;
  const redactor = new SecretRedactor([...providerSecrets(env), ...(options.secrets ?? [])]);
  const definitions: AnyToolDefinition[] = [
    ...createWebTools({ network: networkPolicyFromEnv(env), ...options.web, redactor }),
    createLlmTool({ ...options.llm, env, redactor }),
    ...createFileTools({ ...options.files, root: options.workspaceRoot }),
  ];
  if (options.shell && options.shell.allow.length > 0) {
    definitions.push(createShellTool({ ...options.shell, workspaceRoot: options.workspaceRoot }));
  }
  return new ToolSet(definitions, { redactor });
}
