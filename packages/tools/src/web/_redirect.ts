// Manual redirects: which statuses redirect, and how method, body and headers change per hop.
import { Headers } from "undici";
import { ToolError } from "../tool.js";

/** One request on the way to the final response. */
export interface Hop {
  url: URL;
  method: string;
  headers: Headers;
  body?: string | Uint8Array;
}

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Request headers kept when a redirect leaves the origin (lower case). */
const CROSS_ORIGIN_SAFE: ReadonlySet<string> = new Set([
  "accept",
  "accept-language",
  "accept-encoding",
  "user-agent",
  "content-type",
  "content-language",
  "cache-control",
  "pragma",
]);

/** Whether a response with this status and `Location` is a redirect to follow. */
export function isRedirect(status: number, location: string | null): location is string {
  return REDIRECT_STATUSES.has(status) && location !== null && location !== "";
}

const BODY_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "content-language",
  "content-location",
];

/**
 * The hop a redirect leads to. 301/302/303 turn into a GET without a body (HEAD stays HEAD);
 * 307/308 repeat the method and body. Leaving the origin drops every secret header
 * (`Authorization`, cookies, API keys) so credentials never follow a redirect to another host.
 */
export function nextHop(hop: Hop, status: number, location: string): Hop {
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch {
    throw new ToolError("HTTP_STATUS", `HTTP ${status} redirect with an invalid Location header`);
  }
  url.username = "";
  url.password = "";
  url.hash = "";
  const headers = new Headers(hop.headers);
  const next: Hop = { url, method: hop.method, headers };
  if (status === 307 || status === 308) {
    if (hop.body !== undefined) next.body = hop.body;
  } else {
    if (hop.method !== "HEAD") next.method = "GET";
    for (const name of BODY_HEADERS) headers.delete(name);
  }
  if (url.origin !== hop.url.origin) {
    // Another origin gets only headers known to be harmless: any other header the caller set
    // (X-Auth-Token, Private-Token, a custom key header…) may be a credential for the first host.
    for (const name of [...headers.keys()]) if (!CROSS_ORIGIN_SAFE.has(name)) headers.delete(name);
  }
  return next;
}
