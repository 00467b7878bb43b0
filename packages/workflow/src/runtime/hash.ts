// [EXT §13.9.8] The workflow hash of durable runs: SHA-256 through Web Crypto (no node: imports).
import { isMapping } from "../model/objects.js";

/** Lowercase hex SHA-256 of the UTF-8 bytes of `text`. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** `JSON.stringify` with the keys of every mapping sorted, at every level (the text hashed for `runWorkflow`). */
export function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) => {
    if (!isMapping(entry)) return entry;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(entry).sort()) {
      Object.defineProperty(sorted, key, {
        value: entry[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return sorted;
  });
}
