// Request guards: the bearer token (constant-time) and the Host header check against DNS rebinding.
import { createHash, timingSafeEqual } from "node:crypto";
import { errorBody } from "./errors.js";

const digest = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest();

/** True when `header` is `Bearer <token>` (scheme case-insensitive); compared in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header ?? "");
  // Hashing first makes both sides the same length, so the comparison time says nothing of the token.
  return match !== null && timingSafeEqual(digest(match[1] as string), digest(token));
}

/** The 401 answer for a missing or wrong token, with its `WWW-Authenticate` challenge. */
export function unauthorized(header: string | undefined): Response {
  const presented = header !== undefined && header !== "";
  const message = presented
    ? "The bearer token is wrong; send the token `skillflow serve --print-token` prints."
    : "This route needs `Authorization: Bearer <token>`; `skillflow serve --print-token` prints the token.";
  const challenge = presented
    ? 'Bearer realm="skillflow", error="invalid_token"'
    : 'Bearer realm="skillflow"';
  return Response.json(errorBody("UNAUTHORIZED", message), {
    status: 401,
    headers: { "WWW-Authenticate": challenge },
  });
}

/** True for an address only this machine can reach (`127.0.0.0/8`, `::1`, `localhost`). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** The host name of a Host header without its port (`[::1]:7787` → `::1`), lower-case. */
export function hostName(header: string): string {
  const host = header.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed !== null) return bracketed[1] as string;
  // A bare IPv6 address (`::1`) has no port to strip.
  return host.split(":").length > 2 ? host : host.replace(/:\d+$/, "");
}

/**
 * The Host check of a server bound to loopback: a web page on another site that re-points its DNS name
 * at 127.0.0.1 sends its own name as Host, and is refused (403 HOST_NOT_ALLOWED). Undefined when
 * the server is not bound to loopback (then nothing is checked: the token guards it).
 */
export function hostGuard(
  boundHost: string,
  allowedHosts: readonly string[] = [],
): ((request: Request) => Response | undefined) | undefined {
  if (!isLoopbackHost(boundHost)) return undefined;
  const allowed = new Set(
    ["localhost", "127.0.0.1", "::1", boundHost, ...allowedHosts].map(hostName),
  );
  return (request) => {
    const header = request.headers.get("host");
    if (header !== null && allowed.has(hostName(header))) return undefined;
    const shown = header ?? "(none)";
    return Response.json(
      errorBody(
        "HOST_NOT_ALLOWED",
        `This server is bound to ${boundHost} and answers only to localhost names, not Host "${shown}"; ` +
          "open it as http://127.0.0.1:<port>, or list the name in the service's allowed hosts.",
        { host: shown },
      ),
      { status: 403 },
    );
  };
}
