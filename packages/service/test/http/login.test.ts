// The browser's way in: one-time login codes become session cookies; the cookie authenticates the
// API (SSE included) but never the token-only routes, and a change by cookie must be same-origin.
import { describe, expect, it } from "vitest";
import type { ServiceEvent } from "../../src/service/types.js";
import { createApiApp } from "../../src/http/app.js";
import { LOGIN_CODE_TTL_MS, SESSION_IDLE_MS } from "../../src/http/sessions.js";
import { dashboardHarness, loginCookie } from "./_dashboard.js";
import { fakeService } from "./_fake-service.js";
import { readUntil, TOKEN } from "./_harness.js";

const queued = (seq: number): ServiceEvent => ({
  seq,
  at: "2026-01-31T09:00:00.000Z",
  kind: "run_queued",
  runId: `run-${seq}`,
  workflow: "check-site",
  trigger: { kind: "manual" },
});

const manual = { auth: false, redirect: "manual" as const };

describe("GET /login", () => {
  it("turns a valid code into a strict HttpOnly session cookie and a 303 to /", async () => {
    const harness = await dashboardHarness();
    const { code } = harness.sessions.issueCode();
    const response = await harness.call(`/login?code=${code}`, manual);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(
      /^skillflow_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/,
    );
    const session = await harness.call("/api/v1/session", {
      auth: false,
      headers: { cookie: cookie.split(";")[0] as string },
    });
    expect(session.status).toBe(200);
    expect(await session.json()).toEqual({ authenticated: true, via: "cookie" });
  });

  it("marks the cookie Secure when the request came over https (a proxy's X-Forwarded-Proto)", async () => {
    const harness = await dashboardHarness();
    const { code } = harness.sessions.issueCode();
    const response = await harness.call(`/login?code=${code}`, {
      ...manual,
      headers: { "x-forwarded-proto": "https" },
    });
    expect(response.headers.get("set-cookie")).toMatch(/; Secure$/);
  });

  it("works once: the same code again answers the used-or-expired page", async () => {
    const harness = await dashboardHarness();
    const { code } = harness.sessions.issueCode();
    expect((await harness.call(`/login?code=${code}`, manual)).status).toBe(303);
    const again = await harness.call(`/login?code=${code}`, manual);
    expect(again.status).toBe(403);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(again.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(again.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await again.text()).toContain("skillflow dashboard");
  });

  it("is not used up by a HEAD (a link checker)", async () => {
    const harness = await dashboardHarness();
    const { code } = harness.sessions.issueCode();
    const head = await harness.call(`/login?code=${code}`, { ...manual, method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("set-cookie")).toBeNull();
    expect((await harness.call(`/login?code=${code}`, manual)).status).toBe(303);
  });

  it("expires after 10 minutes (a fake clock)", async () => {
    const harness = await dashboardHarness();
    const early = harness.sessions.issueCode();
    const late = harness.sessions.issueCode();
    harness.clock.advance(LOGIN_CODE_TTL_MS - 1);
    expect((await harness.call(`/login?code=${early.code}`, manual)).status).toBe(303);
    harness.clock.advance(1);
    expect((await harness.call(`/login?code=${late.code}`, manual)).status).toBe(403);
    expect(LOGIN_CODE_TTL_MS).toBe(600_000);
  });

  it.each(["", "?code=", "?code=made-up", "?other=1"])("refuses %j", async (query) => {
    const harness = await dashboardHarness();
    const response = await harness.call(`/login${query}`, manual);
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it.each([
    ["/runs/abc?x=1", "/runs/abc?x=1"],
    ["//evil.example/", "/"],
    ["https://evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["runs", "/"],
    ["/\r\nSet-Cookie: x=1", "/"],
    ["/\tx", "/"],
  ])("redirects next=%j to %j (same origin only)", async (next, location) => {
    const harness = await dashboardHarness();
    const { code } = harness.sessions.issueCode();
    const response = await harness.call(
      `/login?code=${code}&next=${encodeURIComponent(next)}`,
      manual,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(location);
  });

  it("lets a browser with a live session through a used link", async () => {
    const harness = await dashboardHarness();
    const cookie = await loginCookie(harness);
    const response = await harness.call("/login?code=used", { ...manual, headers: { cookie } });
    expect(response.status).toBe(303);
  });
});

describe("session cookie", () => {
  it("authenticates every bearer route, the event stream included", async () => {
    const harness = await dashboardHarness();
    const cookie = await loginCookie(harness);
    const runs = await harness.call("/api/v1/runs", { auth: false, headers: { cookie } });
    expect(runs.status).toBe(200);
    const abort = new AbortController();
    const events = await harness.call("/api/v1/events", {
      auth: false,
      headers: { cookie },
      signal: abort.signal,
    });
    expect(events.status).toBe(200);
    expect(events.headers.get("content-type")).toMatch(/^text\/event-stream/);
    abort.abort();
  });

  it("expires after 12 idle hours; use keeps it alive", async () => {
    const harness = await dashboardHarness();
    const cookie = await loginCookie(harness);
    const get = () => harness.call("/api/v1/session", { auth: false, headers: { cookie } });
    harness.clock.advance(SESSION_IDLE_MS - 1);
    expect((await get()).status).toBe(200);
    harness.clock.advance(SESSION_IDLE_MS - 1);
    expect((await get()).status).toBe(200);
    harness.clock.advance(SESSION_IDLE_MS);
    const expired = await get();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  });

  it("no authenticated answer may be stored by a browser or proxy (Cache-Control: no-store)", async () => {
    const harness = await dashboardHarness();
    const cookie = await loginCookie(harness);
    const answers = [
      await harness.call("/api/v1/runs", { auth: false, headers: { cookie } }),
      await harness.call("/api/v1/runs"),
      await harness.call("/api/v1/session", { auth: false, headers: { cookie } }),
      await harness.call("/api/v1/skills", { auth: false, headers: { cookie } }),
      await harness.call("/api/v1/runs", { auth: false }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 404, 401]);
    for (const answer of answers) expect(answer.headers.get("cache-control")).toBe("no-store");
    // Public answers keep their own rules.
    expect(
      (await harness.call("/api/v1/health", { auth: false })).headers.get("cache-control"),
    ).toBeNull();
  });

  it.each(["skillflow_session=made-up", "skillflow_session=", "other=1"])(
    "a cookie %j is refused 401",
    async (cookie) => {
      const harness = await dashboardHarness();
      const response = await harness.call("/api/v1/runs", { auth: false, headers: { cookie } });
      expect(response.status).toBe(401);
    },
  );

  it("a wrong token beside a good cookie is refused (the token is judged alone)", async () => {
    const harness = await dashboardHarness();
    const cookie = await loginCookie(harness);
    const response = await harness.call("/api/v1/runs", {
      auth: false,
      headers: { cookie, authorization: "Bearer wrong-token-0123456789" },
    });
    expect(response.status).toBe(401);
  });

  it("is not accepted by an app without a dashboard", async () => {
    const harness = await dashboardHarness();
    const cookie = await loginCookie(harness);
    const other = createApiApp(fakeService(), { token: TOKEN, version: "1" });
    const response = await other.request("/api/v1/runs", { headers: { cookie } });
    expect(response.status).toBe(401);
  });

  it("GET /session says how a token-authenticated request got in; 401 without either", async () => {
    const harness = await dashboardHarness();
    expect(await (await harness.call("/api/v1/session")).json()).toEqual({
      authenticated: true,
      via: "token",
    });
    expect((await harness.call("/api/v1/session", { auth: false })).status).toBe(401);
  });

  it("POST /logout ends the session and removes the cookie", async () => {
    const harness = await dashboardHarness();
    const cookie = await loginCookie(harness);
    const origin = harness.server.url;
    const response = await harness.call("/api/v1/logout", {
      auth: false,
      method: "POST",
      headers: { cookie, origin },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ loggedOut: true });
    expect(response.headers.get("set-cookie")).toMatch(/^skillflow_session=; .*Max-Age=0/);
    const after = await harness.call("/api/v1/session", { auth: false, headers: { cookie } });
    expect(after.status).toBe(401);
    const byToken = await harness.call("/api/v1/logout", { method: "POST" });
    expect(await byToken.json()).toEqual({ loggedOut: false });
  });

  it("POST /logout ends the event streams of that session, not others (a hang fails by timeout)", async () => {
    const harness = await dashboardHarness();
    const cookie = await loginCookie(harness);
    const other = await loginCookie(harness);
    const open = async (headers: Record<string, string>) =>
      (
        await readUntil(
          (await harness.call("/api/v1/events", { auth: false, headers })).body!,
          (t) => t.includes(": connected"),
        )
      ).reader;
    const mine = await open({ cookie });
    const theirs = await open({ cookie: other });
    const byToken = await readUntil((await harness.call("/api/v1/events")).body!, (t) =>
      t.includes(": connected"),
    );
    const origin = harness.server.url;
    await harness.call("/api/v1/logout", {
      auth: false,
      method: "POST",
      headers: { cookie, origin },
    });
    for (;;) if ((await mine.read()).done) break;
    harness.service.emit(queued(1));
    expect(new TextDecoder().decode((await theirs.read()).value)).toContain("data: ");
    expect(new TextDecoder().decode((await byToken.reader.read()).value)).toContain("data: ");
    await theirs.cancel();
    await byToken.reader.cancel();
  });
});

describe("session expiry", () => {
  it("ends a session's event stream at the first heartbeat after it expired (a hang fails by timeout)", async () => {
    const harness = await dashboardHarness({ heartbeatMs: 20 });
    const cookie = await loginCookie(harness);
    const events = await harness.call("/api/v1/events", { auth: false, headers: { cookie } });
    const { reader } = await readUntil(events.body!, (t) => t.includes(": heartbeat"));
    expect(harness.sessions.isLive(cookie.split("=")[1]!)).toBe(true);
    harness.clock.advance(SESSION_IDLE_MS);
    for (;;) if ((await reader.read()).done) break;
    const again = await harness.call("/api/v1/events", { auth: false, headers: { cookie } });
    expect(again.status).toBe(401);
  });
});

describe("CSRF", () => {
  const change = "/api/v1/runs/r1/cancel";

  it.each([
    ["no Origin", {}],
    ["another site's Origin", { origin: "http://evil.example" }],
    ["Origin null", { origin: "null" }],
    ["another port", { origin: "http://127.0.0.1:1" }],
    ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site same-site", { "sec-fetch-site": "same-site" }],
  ])("refuses a cookie-authenticated POST with %s (403 CSRF_REFUSED)", async (_what, headers) => {
    const harness = await dashboardHarness();
    const cookie = await loginCookie(harness);
    const response = await harness.call(change, {
      auth: false,
      method: "POST",
      headers: { cookie, ...headers },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "CSRF_REFUSED" } });
    expect(harness.service.calls).toEqual([]);
  });

  it("accepts a cookie-authenticated POST from this server's origin or same-origin fetch", async () => {
    const harness = await dashboardHarness();
    const cookie = await loginCookie(harness);
    for (const headers of [{ origin: harness.server.url }, { "sec-fetch-site": "same-origin" }]) {
      const response = await harness.call(change, {
        auth: false,
        method: "POST",
        headers: { cookie, ...headers },
      });
      expect(response.status).toBe(200);
    }
    expect(harness.service.calls.map((c) => c.method)).toEqual(["cancelRun", "cancelRun"]);
  });

  it("does not apply to the token (scripts send no Origin)", async () => {
    const harness = await dashboardHarness();
    const response = await harness.call(change, { method: "POST" });
    expect(response.status).toBe(200);
  });
});

describe("POST /login-links", () => {
  it("gives a link on this server's origin that logs in once", async () => {
    const harness = await dashboardHarness();
    const response = await harness.call("/api/v1/login-links", { method: "POST" });
    expect(response.status).toBe(200);
    const link = (await response.json()) as { url: string; expiresAt: string };
    expect(link.url).toMatch(new RegExp(`^${harness.server.url}/login\\?code=[A-Za-z0-9_-]{43}$`));
    expect(link.expiresAt).toBe(new Date(harness.clock.now() + LOGIN_CODE_TTL_MS).toISOString());
    expect((await fetch(link.url, { redirect: "manual" })).status).toBe(303);
    expect((await fetch(link.url, { redirect: "manual" })).status).toBe(403);
  });

  it("takes the token only: a cookie (even same-origin) is refused 401", async () => {
    const harness = await dashboardHarness();
    const cookie = await loginCookie(harness);
    const response = await harness.call("/api/v1/login-links", {
      auth: false,
      method: "POST",
      headers: { cookie, origin: harness.server.url },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  });

  it("answers 404 DASHBOARD_NOT_SERVED without a dashboard", async () => {
    const app = createApiApp(fakeService(), { token: TOKEN, version: "1" });
    const response = await app.request("/api/v1/login-links", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "DASHBOARD_NOT_SERVED" } });
  });
});

describe("MCP mount", () => {
  it("takes the token only, never the cookie", async () => {
    let calls = 0;
    const mcp = () => {
      calls += 1;
      return Promise.resolve(Response.json({ ok: true }));
    };
    const harness = await dashboardHarness({ mcp });
    const cookie = await loginCookie(harness);
    const refused = await harness.call("/mcp", {
      auth: false,
      method: "POST",
      headers: { cookie, origin: harness.server.url },
      json: {},
    });
    expect(refused.status).toBe(401);
    expect(calls).toBe(0);
    expect((await harness.call("/mcp", { method: "POST", json: {} })).status).toBe(200);
    expect(calls).toBe(1);
  });
});
