// Test helpers: parse a service config and answer its config, or its problems as { code, path }.
import {
  safeParseServiceConfig,
  type ServiceConfigInput,
  type ServiceConfigProblem,
} from "../../src/index.js";
import type { ServiceConfig } from "../../src/service/types.js";

/** An environment with a hook secret and two notification URLs. */
export const ENV: Readonly<Record<string, string | undefined>> = {
  HOOK_SECRET: "s3cret-value",
  OTHER_SECRET: "other-secret",
  ALERT_URL: "https://hooks.example.test/services/T000/B000/tokentoken",
  SLACK_URL: "https://hooks.slack.example.test/services/T1/B1/xyz",
  EMPTY: "",
  NOT_A_URL: "ftp://files.example.test/x",
};

/** The problems of an input (empty when it parses), codes and paths only. */
export function problems(
  input: ServiceConfigInput,
  env = ENV,
): Array<Pick<ServiceConfigProblem, "code" | "path">> {
  const result = safeParseServiceConfig(input, env);
  if (result.ok) return [];
  return result.problems.map(({ code, path }) => ({ code, path }));
}

/** The parsed config; throws (failing the test) with the problems when it does not parse. */
export function parsed(input: ServiceConfigInput, env = ENV): ServiceConfig {
  const result = safeParseServiceConfig(input, env);
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.config;
}

/** Every message of a result, for checks that a secret never appears in one. */
export function messages(input: ServiceConfigInput, env = ENV): string {
  const result = safeParseServiceConfig(input, env);
  return JSON.stringify(result.ok ? result.warnings : result.problems);
}
