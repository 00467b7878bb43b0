// `createServiceClient`: the run part of a Service over the HTTP API of a running `skillflow serve`
// (bearer token), so an MCP server in another process runs workflows through the service.
import { ServiceError } from "../errors.js";
import type { Service, ServiceEvent } from "../service/types.js";
import { API_PREFIX } from "./routes.js";

/** What the client offers: the run methods of `Service` (those the MCP server uses). */
export type ServiceClient = Pick<
  Service,
  "listWorkflows" | "startRun" | "getRun" | "cancelRun" | "decide" | "listApprovals" | "subscribe"
>;

/** Options of `createServiceClient`. */
export interface ServiceClientOptions {
  /** The service's address (`http://127.0.0.1:7787`), without `/api/v1`. */
  url: string;
  /** The API token (`skillflow serve --print-token`). */
  token: string;
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
  /** Told when the event stream of `subscribe` fails or ends (listeners then get no more events). */
  onStreamEnd?: (error: unknown) => void;
}

const enc = encodeURIComponent;

/**
 * Redirects are never followed: the token goes only to the address the client was given, not to
 * wherever an answer points (a proxy or a process on the port that is not the service).
 */
function refuseRedirect(response: Response, what: string): void {
  if (response.type !== "opaqueredirect" && (response.status < 300 || response.status > 399))
    return;
  throw new ServiceError(
    "SERVICE_REDIRECTED",
    `${what} answered with a redirect, which the client does not follow (the token is sent only to the service's own address); use the address \`skillflow serve\` prints`,
  );
}

/** The JSON of an answer, or a ServiceError saying it was not the service's JSON. */
function parseAnswer(text: string, what: string, status: number): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ServiceError(
      `HTTP_${status}`,
      `${what} answered ${status} with a body that is not JSON: is a skillflow serve listening at that address?`,
    );
  }
}

/**
 * A client of the service's HTTP API. Error answers are thrown as `ServiceError`s with the API's
 * code (`UNKNOWN_RUN`, `INVALID_DECISION`...). `subscribe` reads `GET /api/v1/events` (server-sent
 * events) while it has listeners; it does not reconnect, so callers that must not miss the end of
 * a run also look at it now and then (the MCP workflows area does).
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const base = `${options.url.replace(/\/+$/, "")}${API_PREFIX}`;
  const doFetch = options.fetch ?? fetch;
  const headers = { authorization: `Bearer ${options.token}` };

  async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const response = await doFetch(`${base}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      redirect: "manual",
    });
    refuseRedirect(response, `${method} ${path}`);
    const text = await response.text();
    const json = parseAnswer(text, `${method} ${path}`, response.status);
    if (response.ok) return json as T;
    const error = (json as { error?: { code?: string; message?: string; details?: object } })
      ?.error;
    throw new ServiceError(
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `${method} ${path} answered ${response.status}`,
      error?.details !== undefined ? { details: error.details as Record<string, unknown> } : {},
    );
  }

  const listeners = new Set<(event: ServiceEvent) => void>();
  let stream: AbortController | undefined;

  async function read(signal: AbortSignal): Promise<void> {
    const response = await doFetch(`${base}/events`, { headers, signal, redirect: "manual" });
    refuseRedirect(response, "GET /events");
    if (!response.ok || response.body === null)
      throw new ServiceError(`HTTP_${response.status}`, "the event stream was refused");
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split("\n")
          .filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(5).trimStart())
          .join("\n");
        // Comments (heartbeats) and `resync` carry no ServiceEvent.
        if (data === "" || /^event:/m.test(block)) continue;
        const event = JSON.parse(data) as ServiceEvent;
        for (const listener of listeners) listener(event);
      }
    }
  }

  return {
    listWorkflows: () => call("GET", "/workflows"),
    startRun: (request) =>
      call("POST", `/workflows/${enc(request.workflow)}/runs`, {
        ...(request.inputs !== undefined ? { inputs: request.inputs } : {}),
        // The API records every run it starts as `manual`; `by` keeps where it came from.
        ...(request.trigger?.kind === "mcp" ? { by: "mcp" } : {}),
      }),
    getRun: (runId) => call("GET", `/runs/${enc(runId)}`),
    cancelRun: (runId) => call("POST", `/runs/${enc(runId)}/cancel`),
    decide: (runId, key, decision) =>
      call("POST", `/runs/${enc(runId)}/approvals/${enc(key)}`, decision),
    listApprovals: () => call("GET", "/approvals"),
    subscribe(listener) {
      listeners.add(listener);
      if (stream === undefined) {
        const controller = new AbortController();
        stream = controller;
        const ended = (error: unknown): void => {
          // The next subscription after an end opens a new stream.
          if (stream === controller) stream = undefined;
          if (!controller.signal.aborted) options.onStreamEnd?.(error);
        };
        read(controller.signal).then(() => ended(undefined), ended);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stream?.abort();
          stream = undefined;
        }
      };
    },
  };
}
