// URL handling for requests: parsing, moving URL credentials into a header, and safe display.
import { REDACTED, type SecretRedactor } from "../secrets.js";
import { ToolError } from "../tool.js";

/** `raw` as a URL, or an INVALID_ARGUMENTS error that shows it without user info or query. */
export function parseUrl(raw: string, redactor: SecretRedactor): URL {
  try {
    return new URL(raw);
  } catch {
    const shown = raw
      .replace(/^([^/]*\/\/)[^/?#]*@/, "$1")
      .replace(/[?#].*$/s, "")
      .slice(0, 200);
    throw new ToolError("INVALID_ARGUMENTS", `Invalid URL: ${redactor.redact(shown)}`);
  }
}

/** A URL without user info, and the Basic `Authorization` value the user info stood for. */
export interface SplitCredentials {
  url: URL;
  authorization?: string;
  secrets: string[];
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray "%" that is not an escape stays literal, as curl sends it
  }
}

/**
 * Moves `user:password@` out of the URL (fetch refuses such URLs) into a Basic authorization
 * value, and lists the password forms and the token so they can be redacted from messages.
 */
export function splitCredentials(url: URL): SplitCredentials {
  if (url.username === "" && url.password === "") return { url, secrets: [] };
  const user = decoded(url.username);
  const password = decoded(url.password);
  const token = Buffer.from(`${user}:${password}`).toString("base64");
  const stripped = new URL(url.href);
  stripped.username = "";
  stripped.password = "";
  return {
    url: stripped,
    authorization: `Basic ${token}`,
    // The user name is not a secret (and redacting it would blank ordinary words in outputs).
    secrets: [url.password, password, token, `${user}:${password}`],
  };
}

// Query parameters that conventionally carry credentials are hidden in messages even when the
// host did not mark their values secret.
const SECRET_QUERY_NAMES = new Set([
  "access_token",
  "api_key",
  "apikey",
  "api-key",
  "auth",
  "client_secret",
  "key",
  "password",
  "secret",
  "sig",
  "signature",
  "token",
]);

/**
 * The values of the URL's credential-carrying query parameters (`api_key=…`, `token=…`), as sent
 * and decoded: `displayUrl` hides them in the URL, and a server that echoes the request (an
 * error page quoting it) must not show them either.
 */
export function secretQueryValues(url: URL): string[] {
  const values: string[] = [];
  for (const pair of url.search.slice(1).split("&")) {
    const at = pair.indexOf("=");
    if (at < 0) continue;
    const name = decoded(pair.slice(0, at).replaceAll("+", " "));
    if (!SECRET_QUERY_NAMES.has(name.toLowerCase())) continue;
    const raw = pair.slice(at + 1);
    values.push(raw, decoded(raw.replaceAll("+", " ")));
  }
  return values;
}

/** The URL as shown in messages: no user info, secret query values replaced by `[REDACTED]`. */
export function displayUrl(url: URL, redactor: SecretRedactor): string {
  const shown = new URL(url.href);
  shown.username = "";
  shown.password = "";
  const params = [...shown.searchParams];
  const hide = ([name, value]: [string, string]): boolean =>
    SECRET_QUERY_NAMES.has(name.toLowerCase()) || redactor.redact(value) !== value;
  if (params.some(hide)) {
    const encode = (pair: [string, string]): string =>
      `${encodeURIComponent(pair[0])}=${hide(pair) ? REDACTED : encodeURIComponent(pair[1])}`;
    shown.search = params.map(encode).join("&");
  }
  return redactor.redact(shown.href);
}
