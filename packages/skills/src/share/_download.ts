// Downloads for sources: every hop's host checked by the guard, the connection pinned to the checked
// addresses, redirects followed by hand, the body capped while it is read.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { bareHost, type HostGuard, type ResolvedAddress } from "./network.js";
import { SourceError } from "./_source-error.js";

const MAX_REDIRECTS = 5;
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** A server that sends nothing for this long is given up on. */
const IDLE_MS = 60_000;

/** Options of `download`. */
export interface DownloadOptions {
  /** Bytes accepted; more is refused while reading. */
  max: number;
  guard: HostGuard;
  signal?: AbortSignal;
}

/** A URL as messages show it: without user name and password. */
export function shownUrl(url: URL): string {
  if (url.username === "" && url.password === "") return url.href;
  const copy = new URL(url.href);
  copy.username = "";
  copy.password = "";
  return copy.href;
}

function httpUrl(text: string, from?: URL): URL {
  let url: URL;
  try {
    url = from === undefined ? new URL(text) : new URL(text, from);
  } catch {
    throw new SourceError("FETCH_FAILED", `${from ? shownUrl(from) : text}: invalid URL ${text}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new SourceError(
      "FETCH_FAILED",
      `${from ? `${shownUrl(from)} redirects to` : ""}${shownUrl(url)}: only http and https URLs are fetched`,
    );
  url.hash = "";
  return url;
}

/** A DNS lookup that answers only the checked host, with the checked addresses. */
function pinned(host: string, addresses: readonly ResolvedAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const first = addresses[0];
    if (hostname !== host || first === undefined)
      callback(new Error(`${hostname} was not checked by the network guard`), "");
    else if (options.all === true)
      callback(
        null,
        addresses.map((a) => ({ ...a })),
      );
    else callback(null, first.address, first.family);
  };
}

function get(url: URL, addresses: readonly ResolvedAddress[], signal?: AbortSignal) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        headers: { "user-agent": "skillflow", accept: "*/*" },
        lookup: pinned(bareHost(url), addresses),
        agent: false,
        timeout: IDLE_MS,
        ...(signal ? { signal } : {}),
      },
      resolve,
    );
    request.on("timeout", () => request.destroy(new Error(`no data for ${IDLE_MS / 1000} s`)));
    request.on("error", reject);
    request.end();
  });
}

async function readBody(response: IncomingMessage, url: URL, max: number): Promise<Buffer> {
  const tooLarge = () =>
    new SourceError(
      "FETCH_FAILED",
      `${shownUrl(url)}: more than ${max} bytes (download limit: skills.limits.maxDownloadBytes)`,
    );
  if (Number(response.headers["content-length"]) > max) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).byteLength;
    if (size > max) {
      response.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function exchange(url: URL, addresses: readonly ResolvedAddress[], options: DownloadOptions) {
  try {
    return await get(url, addresses, options.signal);
  } catch (error) {
    throw new SourceError("FETCH_FAILED", `${shownUrl(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Downloads an http(s) URL into memory. Each hop's host passes `options.guard` before anything
 * connects, the connection goes only to the addresses it checked (no second DNS answer), and a
 * redirect is a new hop (at most 5): a public URL that redirects to a private address is refused
 * there. Non-2xx answers, other schemes and more than `max` bytes are FETCH_FAILED.
 */
export async function download(location: string, options: DownloadOptions): Promise<Buffer> {
  const first = httpUrl(location);
  let url = first;
  for (let hops = 0; ; hops++) {
    const shown =
      hops === 0 ? shownUrl(url) : `${shownUrl(url)} (redirected from ${shownUrl(first)})`;
    const addresses = await options.guard({
      host: bareHost(url),
      url: shown,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const response = await exchange(url, addresses, options);
    const status = response.statusCode ?? 0;
    const target = response.headers.location;
    if (REDIRECTS.has(status) && target !== undefined && target !== "") {
      response.destroy();
      if (hops >= MAX_REDIRECTS)
        throw new SourceError(
          "FETCH_FAILED",
          `${shownUrl(first)}: more than ${MAX_REDIRECTS} redirects`,
        );
      url = httpUrl(target, url);
      continue;
    }
    if (status < 200 || status > 299) {
      response.destroy();
      throw new SourceError("FETCH_FAILED", `${shown}: HTTP ${status}`);
    }
    return readBody(response, url, options.max);
  }
}
