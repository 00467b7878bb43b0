// Classifies IP addresses for the source guard: only globally routable unicast addresses are public.
import ipaddr from "ipaddr.js";

/**
 * The special-purpose range an address belongs to (ipaddr.js names such as `loopback`, `private`,
 * `linkLocal`, `uniqueLocal`, `carrierGradeNat`, `reserved`), or `unicast` for a public address.
 * IPv4-mapped IPv6 addresses are classified as the IPv4 address they carry. The same ranges as the
 * web tools' guard in @skillflow/tools (which this package may not import); the tests share a table.
 */
export function addressRange(address: string): string {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return "invalid";
  const parsed = ipaddr.process(bare);
  if (parsed.kind() === "ipv6") {
    const [first = 0] = (parsed as ipaddr.IPv6).parts;
    // ipaddr.js calls ::/8 outside its named ranges unicast, but IANA reserves all of it and the
    // deprecated IPv4-compatible form (::127.0.0.1) must not slip through as a public address.
    if (first < 0x0100 && parsed.range() === "unicast") return "reserved";
  }
  return parsed.range();
}
