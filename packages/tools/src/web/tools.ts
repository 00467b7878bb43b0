// The web tool set: web_fetch, web_fetch_raw, web_scrape and http over one guarded fetch core.
import { MAX_TIMER_MS } from "../_options.js";
import { SecretRedactor } from "../secrets.js";
import { ToolError, type ToolDefinition } from "../tool.js";
import { httpTool } from "./http.js";
import {
  type HostLookup,
  type NetworkPolicy,
  createNetworkGuard,
  networkPolicyFromEnv,
} from "./network.js";
import type { RequestSettings } from "./request.js";
import { webFetchRawTool } from "./web-fetch-raw.js";
import { webFetchTool } from "./web-fetch.js";
import { webScrapeTool } from "./web-scrape.js";

/** Settings of the web tools; every field is optional. */
export interface WebToolOptions {
  /** Which networks may be reached; default from `SKILLFLOW_ALLOW_PRIVATE_NETWORK`. */
  network?: NetworkPolicy;
  /** Limit for one call, every redirect and the body included; default 30 000. */
  timeoutMs?: number;
  /** Response bodies larger than this fail with TOO_LARGE; default 10 MiB. */
  maxResponseBytes?: number;
  /** Redirects followed before HTTP_STATUS; default 5 (0 follows none). */
  maxRedirects?: number;
  /** `User-Agent` sent unless the call sets one. */
  userAgent?: string;
  /** DNS resolution (for tests); default `dns.promises.lookup`. */
  lookup?: HostLookup;
  /** Host-marked secrets kept out of outputs and error messages. */
  redactor?: SecretRedactor;
}

/** Defaults of `WebToolOptions`. */
export const WEB_TOOL_DEFAULTS = {
  timeoutMs: 30_000,
  maxResponseBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: "Mozilla/5.0 (compatible; skillflow/0.1)",
} as const;

// setTimeout fires at once for delays past 2^31 - 1 ms, so longer timeouts are refused.

function checked(
  name: "timeoutMs" | "maxResponseBytes" | "maxRedirects",
  value: number | undefined,
  min: number,
): number {
  if (value === undefined) return WEB_TOOL_DEFAULTS[name];
  if (!Number.isInteger(value) || value < min || value > MAX_TIMER_MS) {
    throw new ToolError(
      "CONFIGURATION",
      `Web tool option ${name} must be an integer from ${min} to ${MAX_TIMER_MS}, got ${value}`,
    );
  }
  return value;
}

/** The request settings the web tools use for `options` (defaults filled in and checked). */
export function resolveWebSettings(options: WebToolOptions = {}): RequestSettings {
  const policy = options.network ?? networkPolicyFromEnv();
  return {
    guard: createNetworkGuard({ policy, ...(options.lookup ? { lookup: options.lookup } : {}) }),
    timeoutMs: checked("timeoutMs", options.timeoutMs, 1),
    maxResponseBytes: checked("maxResponseBytes", options.maxResponseBytes, 1),
    maxRedirects: checked("maxRedirects", options.maxRedirects, 0),
    userAgent: options.userAgent ?? WEB_TOOL_DEFAULTS.userAgent,
    redactor: options.redactor ?? new SecretRedactor(),
  };
}

/** The four web tools (`web_fetch`, `web_fetch_raw`, `web_scrape`, `http`) for a ToolSet. */
export function createWebTools(options: WebToolOptions = {}): ToolDefinition[] {
  const settings = resolveWebSettings(options);
  return [
    webFetchTool(settings),
    webFetchRawTool(settings),
    webScrapeTool(settings),
    httpTool(settings),
  ];
}
