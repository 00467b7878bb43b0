// Delivers one notification: guarded (no private networks unless allowed), timed out, never throws.
import { createNetworkGuard, pinnedAgent, ToolError, type HostLookup } from "@skillflow/tools";
import { fetch as undiciFetch } from "undici";

/** Where a notification goes. The URL is a secret (Slack's carries its token) and is never recorded. */
export interface NotificationTarget {
  url: string;
}

/** Why a notification was not delivered. */
export type NotificationErrorCode =
  "INVALID_TARGET" | "FORBIDDEN" | "TIMEOUT" | "ABORTED" | "NETWORK" | "HTTP_STATUS";

/** What is recorded about one delivery attempt (the run's outcome never depends on it). */
export interface NotificationResult {
  ok: boolean;
  /** Host of the target only: the rest of a webhook URL may hold a token. */
  host?: string;
  /** HTTP status of the answer, when there was one. */
  status?: number;
  error?: { code: NotificationErrorCode; message: string };
}

/** Options of `sendNotification`. */
export interface SendNotificationOptions {
  /** The fetch to use (undici's signature, it receives the pinned `dispatcher`); defaults to undici's. */
  fetch?: typeof undiciFetch;
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Allow loopback, private and link-local targets (tests, intranets); refused by default. */
  allowPrivateNetwork?: boolean;
  /** DNS resolution for the SSRF guard (tests inject names). */
  lookup?: HostLookup;
}

/** Default delivery timeout. */
export const DEFAULT_NOTIFICATION_TIMEOUT_MS = 10_000;

function failed(
  code: NotificationErrorCode,
  message: string,
  extra: Partial<NotificationResult> = {},
): NotificationResult {
  return { ok: false, ...extra, error: { code, message } };
}

function describeFailure(
  error: unknown,
  timeout: AbortSignal,
  signal: AbortSignal | undefined,
  host: string,
): NotificationResult {
  if (signal?.aborted) return failed("ABORTED", `Sending to ${host} was cancelled`, { host });
  if (timeout.aborted) {
    return failed(
      "TIMEOUT",
      `${host} did not answer in time: raise timeoutMs or check the receiver`,
      { host },
    );
  }
  if (error instanceof ToolError) {
    const code =
      error.code === "FORBIDDEN"
        ? "FORBIDDEN"
        : error.code === "INVALID_ARGUMENTS"
          ? "INVALID_TARGET"
          : "NETWORK";
    return failed(code, error.message, { host });
  }
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const detail =
    typeof cause === "string" ? cause : error instanceof Error ? error.message : String(error);
  return failed("NETWORK", `Could not reach ${host} (${detail}): check the notification URL`, {
    host,
  });
}

/**
 * POSTs `payload` as JSON to the target and records the outcome; it never throws and never follows
 * redirects (a redirect could lead to a private address). Success is a 2xx answer.
 */
export async function sendNotification(
  target: NotificationTarget,
  payload: unknown,
  options: SendNotificationOptions = {},
): Promise<NotificationResult> {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return failed("INVALID_TARGET", "The notification URL is not a valid absolute URL");
  }
  const host = url.host;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_NOTIFICATION_TIMEOUT_MS);
  const signal =
    options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
  const guard = createNetworkGuard({
    policy: { allowPrivateNetwork: options.allowPrivateNetwork === true },
    ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
  });
  let agent: ReturnType<typeof pinnedAgent> | undefined;
  try {
    agent = pinnedAgent(await guard(url, signal));
    const response = await (options.fetch ?? undiciFetch)(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "skillflow-service" },
      body: JSON.stringify(payload),
      redirect: "manual",
      dispatcher: agent,
      signal,
    });
    await response.body?.cancel().catch(() => undefined);
    const { status } = response;
    if (status >= 200 && status < 300) return { ok: true, host, status };
    return failed("HTTP_STATUS", `${host} answered ${status}: check the receiver and its URL`, {
      host,
      status,
    });
  } catch (error) {
    return describeFailure(error, timeout, options.signal, host);
  } finally {
    await agent?.destroy().catch(() => undefined);
  }
}
