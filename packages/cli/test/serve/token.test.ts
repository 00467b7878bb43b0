// The API token of a real `skillflow serve`: every /api/v1 route but health and the OpenAPI document
// answers 401 without it and with a wrong one; the token file is readable by its owner only.
import { statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROUTES } from "@skillflow/service";
import { killAll, project, request, startServe, SERVE_TEST } from "./_serve.js";

afterEach(killAll);

const OPEN = new Set(["/api/v1/health", "/api/v1/openapi.json"]);

/** A route's path with its parameters filled in (`/api/v1/runs/:id` → `/api/v1/runs/x`). */
const concrete = (route: string) => route.replace(/:[a-z]+/g, "x");

/** The status of a request with the token (the event stream is not read: it never ends). */
async function statusWithToken(url: string, method: string, token: string): Promise<number> {
  const abort = new AbortController();
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(method === "POST" ? { body: "{}" } : {}),
    signal: abort.signal,
  });
  abort.abort();
  return response.status;
}

describe("serve's API token", SERVE_TEST, () => {
  it("is required by every /api/v1 route but health and openapi; the file is 0600", async () => {
    const p = await project({}, "{}\n");
    const serve = await startServe(p);

    const guarded = ROUTES.filter((r) => r.path.startsWith("/api/v1/") && r.auth === "bearer");
    // The table is what the server answers from: every route is either guarded, open or a webhook.
    expect(guarded.length).toBeGreaterThanOrEqual(14);
    expect(ROUTES.filter((r) => r.auth === "none").map((r) => r.path)).toEqual([...OPEN]);
    for (const route of guarded) {
      const url = `${serve.url}${concrete(route.path)}`;
      const init = route.method === "POST" ? { method: "POST", body: {} } : {};
      const missing = await request(url, init);
      expect([route.path, missing.status]).toEqual([route.path, 401]);
      expect(missing.body).toMatchObject({ error: { code: "UNAUTHORIZED" } });
      const wrong = await request(url, { ...init, token: `${serve.token}x` });
      expect([route.path, wrong.status]).toEqual([route.path, 401]);
      expect(wrong.body).toMatchObject({ error: { code: "UNAUTHORIZED" } });
      // With the token the route answers (200, or its own error for the made-up id), never 401.
      expect([route.path, await statusWithToken(url, route.method, serve.token)]).not.toEqual([
        route.path,
        401,
      ]);
    }
    for (const open of OPEN) expect((await request(`${serve.url}${open}`, {})).status).toBe(200);

    const file = path.join(p.env.SKILLFLOW_CONFIG_HOME!, "service-token");
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

/** The status of GET `url` sent with the `Host` header `host` (fetch cannot set it). */
function statusWithHost(url: string, host: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { headers: { host, authorization: `Bearer ${token}` } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("serve's Host check", SERVE_TEST, () => {
  it("accepts a proxy's host name listed in service.allowedHosts, and refuses others", async () => {
    const p = await project({}, "service:\n  allowedHosts: [flows.example.test]\n");
    const serve = await startServe(p);
    const url = `${serve.url}/api/v1/workflows`;
    expect(await statusWithHost(url, "flows.example.test", serve.token)).toBe(200);
    expect(await statusWithHost(url, "evil.example.test", serve.token)).toBe(403);
  });
});
