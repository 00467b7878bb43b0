// Webhook signatures: the skillflow scheme (`t=<unix>,v1=<hmac>`) and, when enabled, GitHub's.
import { createHmac, timingSafeEqual } from "node:crypto";

/** The skillflow signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = "x-skillflow-signature";
/** An optional unique id per delivery; without it the signature itself is the replay id. */
export const DELIVERY_HEADER = "x-skillflow-delivery";
/** GitHub's header: `sha256=<hex HMAC-SHA256 of the raw body>` (accepted only when enabled). */
export const GITHUB_SIGNATURE_HEADER = "x-hub-signature-256";
/** GitHub's unique delivery id, the replay id of GitHub-signed requests. */
export const GITHUB_DELIVERY_HEADER = "x-github-delivery";

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** Hex HMAC-SHA256 under `secret` of the parts concatenated (text is UTF-8). */
export function hmacHex(secret: string, ...parts: (string | Uint8Array)[]): string {
  const hmac = createHmac("sha256", secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
}

/** Constant-time comparison of a computed hex digest with a received one (any length, any text). */
export function digestsMatch(expectedHex: string, receivedHex: string): boolean {
  if (!HEX_SHA256.test(receivedHex)) return false;
  const expected = Buffer.from(expectedHex, "hex");
  const received = Buffer.from(receivedHex, "hex");
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/** The parts of a skillflow signature header, or undefined when it is malformed. */
export interface ParsedSignature {
  timestamp: number;
  /** Every `v1=` value (several while a secret is being rotated). */
  signatures: string[];
}

/** Parses `t=<unix>,v1=<hex>[,v1=<hex>...]`; other schemes (`v0=`) are ignored, as Stripe does. */
export function parseSignatureHeader(value: string): ParsedSignature | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const item = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(item)) timestamp = Number(item);
    else if (key === "v1") signatures.push(item);
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

/** Headers that sign `body` at `now` (epoch ms), for tests, docs and clients of the service. */
export function signWebhook(
  secret: string,
  body: string,
  now: number,
): { [SIGNATURE_HEADER]: string } {
  const t = Math.floor(now / 1000);
  return { [SIGNATURE_HEADER]: `t=${t},v1=${hmacHex(secret, `${t}.`, body)}` };
}
