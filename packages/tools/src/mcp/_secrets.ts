// Which values of a server configuration are secret: header credentials, key-like env values, URL credentials.
import { type SecretRedactor, secretHeaderValues } from "../secrets.js";
import { type McpServerConfig, isStdioServer } from "./config.js";

/** Names of environment variables and query parameters whose values are treated as secrets. */
const SECRET_NAME = /key|token|secret|passw|pwd|credential|auth|cookie|session/i;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function urlSecrets(raw: string): string[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [];
  }
  const out = [decoded(url.password), url.password];
  for (const [name, value] of url.searchParams) if (SECRET_NAME.test(name)) out.push(value);
  return out;
}

function envSecrets(env: Record<string, string> | undefined): string[] {
  if (!env) return [];
  return Object.entries(env)
    .filter(([name]) => SECRET_NAME.test(name))
    .map(([, value]) => value);
}

/** The host's redactor extended with the secrets this server's configuration carries. */
export function redactorFor(config: McpServerConfig, base: SecretRedactor): SecretRedactor {
  if (isStdioServer(config)) return base.with(envSecrets(config.env));
  return base.with([...secretHeaderValues(config.headers), ...urlSecrets(config.url)]);
}
