// Verifies one webhook request: size, signature (constant time), timestamp window, replay, JSON body.
import { headerValue, type HeaderSource } from "./_headers.js";
import type { ReplayGuard } from "./replay.js";
import {
  DELIVERY_HEADER,
  GITHUB_DELIVERY_HEADER,
  GITHUB_SIGNATURE_HEADER,
  SIGNATURE_HEADER,
  digestsMatch,
  hmacHex,
  parseSignatureHeader,
} from "./signature.js";

/** Why a webhook request was refused; each code maps to one HTTP status. */
export type WebhookRefusalCode =
  | "BODY_TOO_LARGE"
  | "MISSING_SIGNATURE"
  | "MALFORMED_SIGNATURE"
  | "INVALID_SIGNATURE"
  | "STALE_TIMESTAMP"
  | "REPLAYED"
  | "BODY_NOT_JSON";

/** A refused webhook request: a code, the status to answer with, and a message saying how to fix it. */
export interface WebhookRefusal {
  ok: false;
  code: WebhookRefusalCode;
  httpStatus: 400 | 401 | 409 | 413;
  message: string;
}

/** An accepted webhook request with its parsed JSON body and the id that guards against replays. */
export interface WebhookAccepted {
  ok: true;
  body: unknown;
  deliveryId: string;
  /** `s:<hex>`: the verified signature, bound to the body (and timestamp): the delivery's lasting identity. */
  signatureId: string;
  scheme: "skillflow" | "github";
}

/** The outcome of `verifyWebhook`. */
export type WebhookVerdict = WebhookAccepted | WebhookRefusal;

/** Input of `verifyWebhook`; `now` is injected (epoch ms), never read from the wall clock. */
export interface VerifyWebhookInput {
  secret: string;
  headers: HeaderSource;
  rawBody: string | Uint8Array;
  now: number;
  /** How far the signed timestamp may lie from `now`, either way (default 5 minutes). */
  toleranceMs?: number;
  /** Remembers delivery ids for the replay window. */
  seen: ReplayGuard;
  /** Largest accepted body in bytes (default 1 MiB). */
  maxBytes?: number;
  /** Also accept GitHub's `X-Hub-Signature-256` (no timestamp: replays are caught by delivery id). */
  acceptGithub?: boolean;
  /**
   * How long the id of a GitHub-signed delivery is remembered, in ms (default 7 days). GitHub signs
   * no time, so this memory is the only replay defence: a captured delivery is accepted again once
   * its id is forgotten. (A skillflow-signed delivery is remembered for twice `toleranceMs`, past
   * which its signed timestamp is stale anyway.)
   */
  githubRememberMs?: number;
}

/** Default replay window: five minutes, as Stripe recommends. */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;
/**
 * Default memory of a GitHub delivery id: seven days, as long as GitHub (Enterprise Server) offers a
 * delivery for redelivery; a redelivery keeps the id, so it is refused as a replay meanwhile.
 */
export const DEFAULT_GITHUB_REMEMBER_MS = 7 * 24 * 60 * 60_000;
/** Default largest webhook body. */
export const DEFAULT_MAX_WEBHOOK_BYTES = 1024 * 1024;

const STATUS: Record<WebhookRefusalCode, WebhookRefusal["httpStatus"]> = {
  BODY_TOO_LARGE: 413,
  MISSING_SIGNATURE: 401,
  MALFORMED_SIGNATURE: 401,
  INVALID_SIGNATURE: 401,
  STALE_TIMESTAMP: 401,
  REPLAYED: 409,
  BODY_NOT_JSON: 400,
};

function refuse(code: WebhookRefusalCode, message: string): WebhookRefusal {
  return { ok: false, code, httpStatus: STATUS[code], message };
}

/**
 * A verified signature: `signatureId` (the signature itself, bound to the body and timestamp) and
 * `replayId` (the sender's delivery id when given, else the signature). A delivery header is not
 * signed, so both are remembered: a captured request resent with a new delivery id is still a replay.
 */
type Checked =
  { scheme: WebhookAccepted["scheme"]; replayId: string; signatureId: string } | WebhookRefusal;

function checkSkillflow(input: VerifyWebhookInput, header: string, tolerance: number): Checked {
  const parsed = parseSignatureHeader(header);
  if (parsed === undefined) {
    return refuse(
      "MALFORMED_SIGNATURE",
      `${SIGNATURE_HEADER} must be "t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>"`,
    );
  }
  const expected = hmacHex(input.secret, `${parsed.timestamp}.`, input.rawBody);
  const match = parsed.signatures.find((s) => digestsMatch(expected, s));
  if (match === undefined) {
    return refuse(
      "INVALID_SIGNATURE",
      `${SIGNATURE_HEADER} does not match the body: sign "<t>.<raw body>" with this hook's secret`,
    );
  }
  // Checked after the signature, so an unsigned request learns nothing about the clock.
  if (Math.abs(input.now - parsed.timestamp * 1000) > tolerance) {
    return refuse(
      "STALE_TIMESTAMP",
      `The signed timestamp is more than ${tolerance / 1000} s away from the server's clock: sign the request again (and check the sender's clock)`,
    );
  }
  const delivery = headerValue(input.headers, DELIVERY_HEADER);
  const signatureId = `s:${match.toLowerCase()}`;
  return { scheme: "skillflow", replayId: delivery ? `d:${delivery}` : signatureId, signatureId };
}

function checkGithub(input: VerifyWebhookInput, header: string): Checked {
  const hex = header.startsWith("sha256=") ? header.slice("sha256=".length) : undefined;
  if (hex === undefined) {
    return refuse("MALFORMED_SIGNATURE", `${GITHUB_SIGNATURE_HEADER} must be "sha256=<hex>"`);
  }
  if (!digestsMatch(hmacHex(input.secret, input.rawBody), hex)) {
    return refuse(
      "INVALID_SIGNATURE",
      `${GITHUB_SIGNATURE_HEADER} does not match the body: set the same secret on the GitHub webhook`,
    );
  }
  const delivery = headerValue(input.headers, GITHUB_DELIVERY_HEADER);
  const signatureId = `s:${hex.toLowerCase()}`;
  return { scheme: "github", replayId: delivery ? `g:${delivery}` : signatureId, signatureId };
}

function checkSignature(input: VerifyWebhookInput, tolerance: number): Checked {
  const own = headerValue(input.headers, SIGNATURE_HEADER);
  if (own !== undefined) return checkSkillflow(input, own, tolerance);
  const github = input.acceptGithub
    ? headerValue(input.headers, GITHUB_SIGNATURE_HEADER)
    : undefined;
  if (github !== undefined) return checkGithub(input, github);
  return refuse(
    "MISSING_SIGNATURE",
    `The request has no ${SIGNATURE_HEADER} header${input.acceptGithub ? ` (nor ${GITHUB_SIGNATURE_HEADER})` : ""}: sign it with the hook's secret`,
  );
}

function byteLength(body: string | Uint8Array): number {
  return typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.byteLength;
}

function parseJson(body: string | Uint8Array): { value: unknown } | undefined {
  const text = typeof body === "string" ? body : Buffer.from(body).toString("utf8");
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * Verifies a webhook request in a fixed order — size, signature (constant-time), timestamp window,
 * JSON body, then replay (an id is remembered only for authentic, well-formed deliveries) — and
 * answers with the parsed body or a coded refusal. Never throws for anything the sender controls.
 */
export async function verifyWebhook(input: VerifyWebhookInput): Promise<WebhookVerdict> {
  const tolerance = input.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_WEBHOOK_BYTES;
  if (byteLength(input.rawBody) > maxBytes) {
    return refuse("BODY_TOO_LARGE", `The body is larger than ${maxBytes} bytes (maxBytes)`);
  }
  const checked = checkSignature(input, tolerance);
  if ("ok" in checked) return checked;
  const parsed = parseJson(input.rawBody);
  if (parsed === undefined) {
    return refuse("BODY_NOT_JSON", "The body is not JSON: send Content-Type application/json");
  }
  // A signed timestamp may lie `tolerance` in the future: remember past both edges of the window.
  // GitHub signs no time, so its ids are remembered for much longer.
  const keep =
    checked.scheme === "github"
      ? (input.githubRememberMs ?? DEFAULT_GITHUB_REMEMBER_MS)
      : 2 * tolerance;
  const until = input.now + keep;
  // The signature is always remembered: the delivery header is not signed and proves nothing new.
  const freshSignature = await input.seen.remember(checked.signatureId, until, input.now);
  // A replayed signature is refused without spending its (unsigned) delivery id.
  const freshDelivery =
    freshSignature &&
    (checked.replayId === checked.signatureId ||
      (await input.seen.remember(checked.replayId, until, input.now)));
  if (!freshSignature || !freshDelivery) {
    return refuse(
      "REPLAYED",
      "This delivery was already received: send a new, newly signed request",
    );
  }
  return {
    ok: true,
    body: parsed.value,
    deliveryId: checked.replayId,
    signatureId: checked.signatureId,
    scheme: checked.scheme,
  };
}
