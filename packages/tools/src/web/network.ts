// The SSRF guard: resolves a host once, refuses non-public addresses, pins the connection to them.
import type { LookupAddress } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import { Agent } from "undici";
import { ToolError } from "../tool.js";
import { addressRange } from "./_address.js";

/** Which networks the web tools may reach. */
export interface NetworkPolicy {
  /** Allow private, loopback, link-local and other non-public addresses (tests, intranets). */
  allowPrivateNetwork: boolean;
}

/** The policy set by `SKILLFLOW_ALLOW_PRIVATE_NETWORK` (`1` or `true` allows private networks). */
export function networkPolicyFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): NetworkPolicy {
  const value = env.SKILLFLOW_ALLOW_PRIVATE_NETWORK?.trim().toLowerCase();
  return { allowPrivateNetwork: value === "1" || value === "true" };
}

/** Resolves a host name to every address it has, like `dns.promises.lookup(host, { all: true })`. */
export type HostLookup = (hostname: string, options: { all: true }) => Promise<LookupAddress[]>;

/** A URL whose host was resolved and checked; connections go to these addresses only. */
export interface PinnedTarget {
  url: URL;
  /** The host name without IPv6 brackets, as the connector sees it. */
  hostname: string;
  addresses: readonly LookupAddress[];
}

/** Checks one URL before it is fetched: resolves with the pinned target or throws a `ToolError`. */
export type NetworkGuard = (url: URL, signal?: AbortSignal) => Promise<PinnedTarget>;

/** Options of `createNetworkGuard`. */
export interface NetworkGuardOptions {
  policy: NetworkPolicy;
  /** DNS resolution; defaults to `dns.promises.lookup`. Tests inject fake names here. */
  lookup?: HostLookup;
}

const defaultLookup: HostLookup = (hostname, options) => dnsLookup(hostname, options);

/** The host of a URL without the brackets WHATWG URL keeps around IPv6 literals. */
export function bareHostname(url: URL): string {
  const host = url.hostname;
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

function forbidden(host: string, address: string): ToolError {
  return new ToolError(
    "FORBIDDEN",
    `Refusing to connect to ${host} (${address}): private, loopback or link-local addresses need allowPrivateNetwork / SKILLFLOW_ALLOW_PRIVATE_NETWORK=1`,
  );
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      const reason: unknown = signal.reason;
      reject(reason instanceof Error ? reason : new Error("aborted"));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

async function resolveHost(
  lookup: HostLookup,
  hostname: string,
  signal: AbortSignal | undefined,
): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  try {
    addresses = await untilAborted(lookup(hostname, { all: true }), signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    const code = (error as { code?: unknown }).code;
    // NXDOMAIN will not change on a retry; a resolver hiccup (EAI_AGAIN, timeouts) may.
    throw new ToolError("NETWORK", `Could not resolve host ${hostname}: ${String(code ?? error)}`, {
      retryable: code !== "ENOTFOUND",
    });
  }
  if (addresses.length === 0) {
    throw new ToolError("NETWORK", `Could not resolve host ${hostname}: no addresses`, {
      retryable: true,
    });
  }
  return addresses;
}

/**
 * A guard for `policy`: only `http:`/`https:` URLs; the host (a name or a literal IP) is resolved
 * once and refused when ANY address is not public unicast (private, loopback, link-local including
 * 169.254.169.254, unique-local, CGNAT, multicast, reserved, IPv4-mapped forms of those ...),
 * unless the policy allows private networks.
 */
export function createNetworkGuard(options: NetworkGuardOptions): NetworkGuard {
  const lookup = options.lookup ?? defaultLookup;
  return async (url, signal) => {
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new ToolError(
        "INVALID_ARGUMENTS",
        `Unsupported URL scheme "${url.protocol}": only http: and https: URLs can be fetched`,
      );
    }
    const hostname = bareHostname(url);
    const family = isIP(hostname);
    const addresses =
      family === 0 ? await resolveHost(lookup, hostname, signal) : [{ address: hostname, family }];
    if (!options.policy.allowPrivateNetwork) {
      const refused = addresses.find((a) => addressRange(a.address) !== "unicast");
      if (refused !== undefined) throw forbidden(url.hostname, refused.address);
    }
    return { url, hostname, addresses };
  };
}

function pinnedLookup(target: PinnedTarget): LookupFunction {
  return (hostname, options, callback) => {
    const first = target.addresses[0];
    if (hostname !== target.hostname || first === undefined) {
      callback(new Error(`Connection to ${hostname} was not checked by the network guard`), "");
    } else if (options.all === true) {
      callback(null, [...target.addresses]);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

/**
 * A dispatcher that connects only to the target's checked addresses: DNS is not consulted again,
 * so a rebinding between the check and the connection cannot reach another address. One agent
 * serves one target; destroy it when the response is read.
 */
export function pinnedAgent(target: PinnedTarget): Agent {
  return new Agent({ connect: { lookup: pinnedLookup(target) } });
}
