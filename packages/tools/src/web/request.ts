// The one fetch core of the web tools: guarded hops, manual redirects, timeout, size cap, errors.
import { Headers, fetch, type Response } from "undici";
import { visible } from "@skillflow/workflow";
import { type SecretRedactor, secretHeaderValues } from "../secrets.js";
import { ToolError } from "../tool.js";
import { BodyTooLarge, decodeText, readCapped } from "./_body.js";
import { classifyFailure } from "./_failure.js";
import { type Hop, isRedirect, nextHop } from "./_redirect.js";
import { parseRetryAfter } from "../_retry-after.js";
import { displayUrl, parseUrl, secretQueryValues, splitCredentials } from "./_url.js";
import { type NetworkGuard, pinnedAgent } from "./network.js";

/** How every request of a tool set is made. */
export interface RequestSettings {
  guard: NetworkGuard;
  timeoutMs: number;
  maxResponseBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Host-marked secrets; each request adds its own secret headers and URL credentials. */
  redactor: SecretRedactor;
}

/** One request as a tool asks for it. */
export interface WebRequest {
  url: string;
  /** Upper-case method; default GET. */
  method?: string;
  headers?: Record<string, string>;
  /** Headers set only when `headers` lacks them (compared case-insensitively). */
  defaultHeaders?: Record<string, string>;
  body?: string | Uint8Array;
  /** Query parameters appended to the URL; an array value repeats the parameter. */
  query?: Record<string, QueryValue | QueryValue[]>;
  /** Overrides `RequestSettings.timeoutMs` for this request. */
  timeoutMs?: number;
}

/** One query parameter value. */
export type QueryValue = string | number | boolean;

/** The final response, read in full. */
export interface WebResponse {
  /** The final URL, after redirects, without user info. */
  url: string;
  /** The method of the final hop (a 303 turns POST into GET). */
  method: string;
  status: number;
  statusText: string;
  headers: Headers;
  contentType: string;
  body: Uint8Array;
  /** Hides the host's secrets and this request's secret headers and credentials. */
  redactor: SecretRedactor;
}

interface Prepared {
  first: Hop;
  redactor: SecretRedactor;
  label: string;
}

function prepare(request: WebRequest, base: SecretRedactor, userAgent: string): Prepared {
  const withHeaders = base.with(secretHeaderValues(request.headers));
  const split = splitCredentials(parseUrl(request.url, withHeaders));
  for (const [name, value] of Object.entries(request.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      split.url.searchParams.append(name, String(item));
    }
  }
  const redactor = withHeaders.with([...split.secrets, ...secretQueryValues(split.url)]);
  const method = request.method ?? "GET";
  let headers: Headers;
  try {
    headers = new Headers(request.headers);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ToolError("INVALID_ARGUMENTS", redactor.redact(`Invalid request header: ${reason}`));
  }
  const defaults = { ...request.defaultHeaders, "user-agent": userAgent };
  for (const [name, value] of Object.entries(defaults))
    if (!headers.has(name)) headers.set(name, value);
  if (split.authorization !== undefined && !headers.has("authorization")) {
    headers.set("authorization", split.authorization);
  }
  if (request.body !== undefined && (method === "GET" || method === "HEAD")) {
    throw new ToolError("INVALID_ARGUMENTS", `A ${method} request cannot have a body`);
  }
  const first: Hop = { url: split.url, method, headers };
  if (request.body !== undefined) first.body = request.body;
  return { first, redactor, label: `${method} ${displayUrl(split.url, redactor)}` };
}

async function finish(response: Response, hop: Hop, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(limit);
  }
  return hop.method === "HEAD" ? new Uint8Array(0) : readCapped(response.body, limit);
}

async function follow(
  prepared: Prepared,
  settings: RequestSettings,
  signal: AbortSignal,
): Promise<WebResponse> {
  let hop = prepared.first;
  for (let redirects = 0; ; redirects++) {
    // Every hop is checked again: a public page may redirect to a private address.
    const agent = pinnedAgent(await settings.guard(hop.url, signal));
    try {
      const response = await fetch(hop.url, {
        method: hop.method,
        headers: hop.headers,
        body: hop.body ?? null,
        redirect: "manual",
        dispatcher: agent,
        signal,
      });
      const location = response.headers.get("location");
      if (isRedirect(response.status, location)) {
        await response.body?.cancel().catch(() => undefined);
        if (redirects >= settings.maxRedirects) {
          throw new ToolError(
            "HTTP_STATUS",
            `${prepared.label}: more than ${settings.maxRedirects} redirects (maxRedirects)`,
          );
        }
        hop = nextHop(hop, response.status, location);
        continue;
      }
      const body = await finish(response, hop, settings.maxResponseBytes);
      const contentType = response.headers.get("content-type") ?? "";
      const { status, statusText, headers } = response;
      const url = hop.url.href;
      const { redactor } = prepared;
      return { url, method: hop.method, status, statusText, headers, contentType, body, redactor };
    } finally {
      agent.destroy().catch(() => undefined);
    }
  }
}

/**
 * Sends `request` through the guard: each hop's host is resolved, checked and pinned; redirects
 * are followed by hand up to `maxRedirects`; the whole exchange (every hop and the body) must end
 * within the timeout and `signal`; bodies past `maxResponseBytes` stop being read. Failures are
 * `ToolError`s (NETWORK and TIMEOUT retryable; FORBIDDEN, TOO_LARGE, ABORTED not) whose messages
 * never contain secret headers, URL credentials or host-marked secrets.
 */
export async function sendRequest(
  request: WebRequest,
  settings: RequestSettings,
  signal: AbortSignal,
): Promise<WebResponse> {
  const prepared = prepare(request, settings.redactor, settings.userAgent);
  const timeoutMs = request.timeoutMs ?? settings.timeoutMs;
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(new Error("timed out")), timeoutMs);
  try {
    return await follow(prepared, settings, AbortSignal.any([signal, timer.signal]));
  } catch (error) {
    throw classifyFailure(error, {
      label: prepared.label,
      redactor: prepared.redactor,
      timeoutMs,
      maxResponseBytes: settings.maxResponseBytes,
      timedOut: timer.signal.aborted && !signal.aborted,
      aborted: signal,
    });
  } finally {
    clearTimeout(handle);
  }
}

/** Whether a response status is a failure unless the step accepts error statuses: 400 and above. */
export function isErrorStatus(status: number): boolean {
  return status >= 400;
}

/**
 * The HTTP_STATUS error for a failed response: retryable for 429 and 5xx (with the server's
 * `Retry-After` as `retryAfterMs`), permanent for other statuses; the message names the status,
 * the request and the start of the body (all redacted, control characters made visible). `now` (default: the wall clock) dates an
 * HTTP-date `Retry-After`.
 */
export function statusError(response: WebResponse, options: { now?: number } = {}): ToolError {
  const { status, redactor } = response;
  const shown = displayUrl(new URL(response.url), redactor);
  let message = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""} from ${response.method} ${shown}`;
  const retryAfter = response.headers.get("retry-after");
  if (retryAfter !== null) message += ` (Retry-After: ${retryAfter})`;
  if (response.body.byteLength > 0) {
    const text = decodeText(response.body.subarray(0, 600), response.contentType);
    const flat = text.replace(/\s+/g, " ").trim();
    if (flat !== "") message += `: ${flat.length > 200 ? `${flat.slice(0, 200)}…` : flat}`;
  }
  const retryable = status === 429 || status >= 500;
  const retryAfterMs = retryable
    ? parseRetryAfter(retryAfter, options.now ?? Date.now())
    : undefined;
  // The server wrote the status text, Retry-After and body: their control characters (an escape
  // sequence, a NUL from a binary body) are shown as <U+XXXX>, never sent to a terminal.
  return new ToolError("HTTP_STATUS", visible(redactor.redact(message)), {
    retryable,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
