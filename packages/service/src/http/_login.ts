// The browser's way in: `/login?code=` turns a one-time code into a session cookie; the cookie and
// the same-origin check (CSRF) that every cookie-authenticated change must pass.
import { PAGE_HEADERS } from "./_static.js";
import type { SessionStore } from "./sessions.js";

/** The name of the session cookie. */
export const SESSION_COOKIE = "skillflow_session";
/** Where the login page is served. */
export const LOGIN_PATH = "/login";

/** True when the client reached this server over https (directly or through a proxy that says so). */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return new URL(request.url).protocol === "https:" || forwarded === "https";
}

/** The session cookie's value, if the request carries one. */
export function sessionOf(request: Request): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) {
      const value = part.slice(at + 1).trim();
      if (value !== "") return value;
    }
  }
  return undefined;
}

/** The `Set-Cookie` value that stores `session` (or, with `""`, removes it). */
export function sessionCookie(session: string, secure: boolean): string {
  const end = session === "" ? "; Max-Age=0" : "";
  return `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/${secure ? "; Secure" : ""}${end}`;
}

/**
 * True when a request comes from this server's own pages: its `Origin` is this server's origin, or
 * the browser says `Sec-Fetch-Site: same-origin`. A page of another site cannot forge either.
 */
export function isSameOrigin(request: Request): boolean {
  if (request.headers.get("sec-fetch-site") === "same-origin") return true;
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  if (origin === null || host === null) return false;
  const own = `${isHttps(request) ? "https" : "http"}://${host}`.toLowerCase();
  return origin.toLowerCase() === own;
}

/** `next` when it is a path of this server (`/runs/x`), else `/`: never another site. */
export function safeNext(next: string | undefined): string {
  if (next === undefined || !next.startsWith("/") || next.startsWith("//")) return "/";
  // No control characters (a header split) and no backslash (`/\\host` is another host to browsers).
  if ([...next].some((ch) => ch === "\\" || ch.charCodeAt(0) < 0x20 || ch === "\x7f")) return "/";
  return next;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The small page shown for a login link that is used, expired or made up. */
function refusedPage(): Response {
  const text =
    "This login link was already used or has expired (links work once, for 10 minutes). " +
    "Get a new one with `skillflow dashboard` in the project folder while `skillflow serve` runs, " +
    "or restart `skillflow serve`, which prints one.";
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>skillflow: login link used or expired</title></head>` +
    `<body><h1>Login link used or expired</h1><p>${escapeHtml(text)}</p></body></html>`;
  return new Response(html, {
    status: 403,
    headers: {
      ...PAGE_HEADERS,
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
}

/** Answers `GET /login?code=&next=`: a session cookie and a 303 to `next`, or the refusal page. */
export function login(request: Request, sessions: SessionStore): Response {
  // A HEAD (a link checker, a preview) must not use the code up before the person opens it.
  if (request.method === "HEAD")
    return new Response(null, {
      status: 200,
      headers: {
        ...PAGE_HEADERS,
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
      },
    });
  const url = new URL(request.url);
  const next = safeNext(url.searchParams.get("next") ?? undefined);
  const code = url.searchParams.get("code") ?? "";
  const session = code === "" ? undefined : sessions.redeem(code);
  const redirect = (cookie?: string): Response => {
    const headers = new Headers({ ...PAGE_HEADERS, Location: next, "Cache-Control": "no-store" });
    if (cookie !== undefined) headers.set("Set-Cookie", cookie);
    return new Response(null, { status: 303, headers });
  };
  if (session !== undefined) return redirect(sessionCookie(session, isHttps(request)));
  // A link opened again in a browser that is already logged in just goes on.
  const current = sessionOf(request);
  if (current !== undefined && sessions.touch(current)) return redirect();
  return refusedPage();
}
