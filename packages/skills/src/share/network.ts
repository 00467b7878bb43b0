// Which hosts fetching a source may reach: the built-in guard (DNS once, public addresses only).
import type { LookupAddress } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { addressRange } from "./_address.js";
import { SourceError } from "./_source-error.js";

/** One address a host resolved to; connections go to these and nowhere else. */
export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/** One host about to be contacted: `url` is what the refusal names. */
export interface HostCheck {
  /** A name or a literal address, without IPv6 brackets. */
  host: string;
  url: string;
  signal?: AbortSignal;
}

/**
 * Checks a host before anything connects to it and resolves with the addresses to connect to
 * (connections are pinned to them); throws a `SourceError` to refuse.
 */
export type HostGuard = (check: HostCheck) => Promise<readonly ResolvedAddress[]>;

/** Resolves a host name to every address it has, like `dns.promises.lookup(host, { all: true })`. */
export type HostLookup = (hostname: string, options: { all: true }) => Promise<LookupAddress[]>;

/** Which networks fetching a source may reach (archive URLs, well-known indexes, git remotes). */
export interface SourceNetwork {
  /** Reach private, loopback, link-local and metadata addresses (intranets, tests). Default false. */
  allowPrivateNetwork?: boolean;
  /** How the user allows private networks; ends each refusal (the CLI names its setting). */
  allowHint?: string;
  /** Replaces the built-in check (`createHostGuard`); `allowPrivateNetwork` is then its business. */
  guard?: HostGuard;
}

/** Options of `createHostGuard`. */
export interface HostGuardOptions extends Omit<SourceNetwork, "guard"> {
  /** DNS resolution; defaults to `dns.promises.lookup`. */
  lookup?: HostLookup;
}

const DEFAULT_HINT = "pass network: { allowPrivateNetwork: true } to allow private networks";

/** The host of a URL without the brackets WHATWG URL keeps around IPv6 literals. */
export function bareHost(url: URL): string {
  const host = url.hostname;
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

async function resolve(lookup: HostLookup, check: HostCheck): Promise<ResolvedAddress[]> {
  const family = isIP(check.host);
  if (family !== 0) return [{ address: check.host, family }];
  check.signal?.throwIfAborted();
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(check.host, { all: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new SourceError(
      "FETCH_FAILED",
      `${check.url}: could not resolve host ${check.host} (${String(code ?? error)})`,
      { cause: error },
    );
  }
  if (addresses.length === 0)
    throw new SourceError("FETCH_FAILED", `${check.url}: host ${check.host} has no addresses`);
  return addresses;
}

/**
 * The built-in guard: the host (a name or a literal address) is resolved once and refused
 * (PRIVATE_NETWORK) when ANY of its addresses is not public unicast (private, loopback, link-local
 * including 169.254.169.254, unique-local, CGNAT, multicast, reserved, IPv4-mapped forms of those),
 * unless `allowPrivateNetwork` is set.
 */
export function createHostGuard(options: HostGuardOptions = {}): HostGuard {
  const lookup = options.lookup ?? ((host, o) => dnsLookup(host, o));
  return async (check) => {
    const addresses = await resolve(lookup, check);
    if (options.allowPrivateNetwork === true) return addresses;
    for (const { address } of addresses) {
      const range = addressRange(address);
      if (range !== "unicast")
        throw new SourceError(
          "PRIVATE_NETWORK",
          `${check.url}: refused to connect to ${check.host} (${address}, a ${range} address); ${options.allowHint ?? DEFAULT_HINT}`,
        );
    }
    return addresses;
  };
}

/**
 * The guard for one fetch. `typedHost`: the host of a source the user typed, which may be private
 * (their say-so); every other host (a redirect, an index entry elsewhere) passes the policy.
 */
export function sourceGuard(network: SourceNetwork = {}, typedHost?: string): HostGuard {
  const strict = network.guard ?? createHostGuard(network);
  if (typedHost === undefined) return strict;
  const open = network.guard ?? createHostGuard({ ...network, allowPrivateNetwork: true });
  return (check) =>
    check.host.toLowerCase() === typedHost.toLowerCase() ? open(check) : strict(check);
}
