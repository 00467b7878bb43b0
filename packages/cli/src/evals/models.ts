// Models named on the command line: resolved up front, a missing key or base URL a user error.
import { resolveAgentModel } from "@skillflow/evals";
import { LLM_ENV_VARS, ToolError, parseModelRef, type LlmEnv } from "@skillflow/tools";
import { CliError } from "../errors.js";

/**
 * The AI SDK model `name` (`provider:model`) names, keys and base URLs read from `env` (the
 * environment and ./.env). A missing key or base URL is INVALID_CONFIG naming the variable to set;
 * a malformed name is BAD_ARGUMENTS. Never a stack trace.
 */
export function cliModel(
  name: string,
  env: LlmEnv,
  options: { replay?: boolean } = {},
): ReturnType<typeof resolveAgentModel> {
  try {
    return resolveAgentModel(name, { env: options.replay === true ? replayEnv(name, env) : env });
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    if (error.code === "CONFIGURATION")
      throw new CliError(
        "INVALID_CONFIG",
        `${error.message}: export it or put it in ./.env, or pick another model with -m <provider:model>`,
      );
    throw new CliError("BAD_ARGUMENTS", `-m ${name}: ${error.message}`);
  }
}

/** Whether `name` resolves with `env` (its key and base URL are set). */
export function modelAvailable(name: string, env: LlmEnv): boolean {
  try {
    resolveAgentModel(name, { env });
    return true;
  } catch {
    return false;
  }
}

/**
 * `env` with placeholders for the key and base URL of `name`'s provider where they are unset: a
 * replay answers from the cache and never calls the provider, so it needs neither.
 */
function replayEnv(name: string, env: LlmEnv): LlmEnv {
  const vars = LLM_ENV_VARS[parseModelRef(name, "anthropic").provider];
  const unset = (key: string) => (env[key] ?? "").trim() === "";
  return {
    ...env,
    ...(unset(vars.apiKey) ? { [vars.apiKey]: "replay-without-a-key" } : {}),
    ...(unset(vars.baseUrl) ? { [vars.baseUrl]: "http://127.0.0.1:9" } : {}),
  };
}
