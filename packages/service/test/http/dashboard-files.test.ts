// The built dashboard served at `/`: content types, cache rules, strict headers, the single-page
// fallback, and no way out of its folder (`..`, encoded `..`, symlinks, hidden files).
import { describe, expect, it } from "vitest";
import { DASHBOARD_CSP } from "../../src/http/_static.js";
import { APP_JS, dashboardHarness, INDEX_HTML, rawGet, SECRET } from "./_dashboard.js";
import { startHarness } from "./_harness.js";

const CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; " +
  "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

describe("dashboard files", () => {
  it("serves index.html at / with no-cache and the strict page headers", async () => {
    const { call } = await dashboardHarness();
    const response = await call("/", { auth: false });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("content-security-policy")).toBe(CSP);
    expect(DASHBOARD_CSP).toBe(CSP);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it.each([
    ["/assets/app-1a2b.js", "text/javascript; charset=utf-8"],
    ["/assets/app-1a2b.css", "text/css; charset=utf-8"],
  ])("serves the hashed asset %s as %s, cached for a year and immutable", async (file, type) => {
    const { call } = await dashboardHarness();
    const response = await call(file, { auth: false });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(type);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves other files (not hashed) with no-cache", async () => {
    const { call } = await dashboardHarness();
    const response = await call("/favicon.svg", { auth: false });
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(response.headers.get("cache-control")).toBe("no-cache");
  });

  it.each(["/runs/0b7c-42", "/approvals", "/skills/pdf-forms", "/evals/reports/x", "/index.html"])(
    "answers the app's own route %s with index.html",
    async (route) => {
      const { call } = await dashboardHarness();
      const response = await call(route, { auth: false });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(INDEX_HTML);
      expect(response.headers.get("cache-control")).toBe("no-cache");
    },
  );

  it("answers HEAD like GET, without a body", async () => {
    const { call } = await dashboardHarness();
    const response = await call("/assets/app-1a2b.js", { auth: false, method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });

  it("answers a missing hashed asset 404, not the app's HTML", async () => {
    const { call } = await dashboardHarness();
    const response = await call("/assets/app-gone.js", { auth: false });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it.each(["/api/v1/nothing", "/api", "/hooks", "/hooks/x", "/mcp", "/mcp/x"])(
    "never answers %s with the app (the API's 404 instead)",
    async (route) => {
      const { call } = await dashboardHarness();
      const response = await call(route, { auth: false });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    },
  );

  it.each([
    "/../secret.txt",
    "/../outside/secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt",
    "/assets/..%2f..%2fsecret.txt",
    "/assets/%2e%2e/%2e%2e/outside/secret.txt",
    "/..%5c..%5csecret.txt",
    "/assets/link.js",
    "/out/secret.txt",
    "/.env",
    "/assets/%00.js",
    "/%E0%A4%A",
  ])("never answers %s with a file outside the folder or a hidden one", async (rawPath) => {
    const { server } = await dashboardHarness();
    const answer = await rawGet(server.url, rawPath);
    expect(answer.text).not.toContain(SECRET);
    expect(answer.text).not.toContain(APP_JS);
    expect([200, 400, 404]).toContain(answer.status);
  });

  it("refuses an encoded `..`, a symlink out and a hidden file with 404 (not the fallback page)", async () => {
    const { server } = await dashboardHarness();
    const refused = [
      "/assets/..%2f..%2fsecret.txt",
      "/..%5csecret.txt",
      "/assets/link.js",
      "/out/secret.txt",
      "/.env",
      "/%E0%A4%A",
    ];
    for (const rawPath of refused) {
      const answer = await rawGet(server.url, rawPath);
      expect([rawPath, answer.status]).toEqual([rawPath, 404]);
    }
  });

  it("without the dashboard option, / and app routes answer 404 as before", async () => {
    const { call } = await startHarness();
    for (const route of ["/", "/runs/x", "/login?code=x"]) {
      const response = await call(route, { auth: false });
      expect([route, response.status]).toEqual([route, 404]);
    }
  });
});

describe("dashboard behind the Host guard (DNS rebinding)", () => {
  it.each(["/", "/runs/r1", "/assets/app-1a2b.js", "/login"])(
    "refuses %s to another site's Host with 403 HOST_NOT_ALLOWED",
    async (file) => {
      const { server } = await dashboardHarness();
      const response = await rawGet(server.url, file, { host: "evil.example" });
      expect(response.status).toBe(403);
      expect(JSON.parse(response.text)).toMatchObject({ error: { code: "HOST_NOT_ALLOWED" } });
    },
  );

  it("does not use a login code up for another site's Host", async () => {
    const harness = await dashboardHarness();
    const { code } = harness.sessions.issueCode();
    const refused = await rawGet(harness.server.url, `/login?code=${code}`, {
      host: "evil.example",
    });
    expect(refused.status).toBe(403);
    expect(refused.headers["set-cookie"]).toBeUndefined();
    const own = await rawGet(harness.server.url, `/login?code=${code}`);
    expect(own.status).toBe(303);
  });
});
