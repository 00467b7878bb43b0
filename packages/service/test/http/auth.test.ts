// The bearer token guards every route but health, the OpenAPI document and webhooks; the Host guard
// refuses DNS-rebinding requests to a loopback-bound server.
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { hostName, isLoopbackHost } from "../../src/http/_auth.js";
import { createApiApp } from "../../src/http/app.js";
import { ROUTES } from "../../src/http/routes.js";
import { startApiServer } from "../../src/http/server.js";
import { fakeService } from "./_fake-service.js";
import { startHarness, TOKEN } from "./_harness.js";

const concrete = (path: string): string => path.replace(/:([a-z]+)/g, "x");

describe("bearer token", () => {
  const guarded = ROUTES.filter((route) => route.auth === "bearer");

  it.each(guarded.map((r) => [r.method, r.path] as const))(
    "%s %s without a token is 401 UNAUTHORIZED with a challenge, and the service is not called",
    async (method, path) => {
      const { call, service } = await startHarness();
      const response = await call(concrete(path), { method, auth: false });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="skillflow"');
      expect(await response.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
      expect(service.calls).toEqual([]);
    },
  );

  it.each([
    `Bearer ${TOKEN}x`,
    `Bearer ${TOKEN.slice(0, -1)}`,
    "Bearer ",
    `Basic ${TOKEN}`,
    TOKEN,
    `Bearer ${TOKEN} extra`,
  ])("a wrong Authorization %j is refused with error=invalid_token", async (authorization) => {
    const { call } = await startHarness();
    const response = await call("/api/v1/runs", { auth: false, headers: { authorization } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("accepts the scheme in any case", async () => {
    const { call } = await startHarness();
    const response = await call("/api/v1/workflows", {
      auth: false,
      headers: { authorization: `bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
  });

  it("the open routes are exactly health, the OpenAPI document and the webhooks", () => {
    expect(ROUTES.filter((r) => r.auth !== "bearer").map((r) => `${r.auth} ${r.path}`)).toEqual([
      "none /api/v1/health",
      "none /api/v1/openapi.json",
      "signature /api/v1/hooks/:name",
      "signature /hooks/:name",
      "token /api/v1/login-links",
    ]);
  });

  it("refuses a token shorter than 16 characters when the app is made", () => {
    expect(() => createApiApp(fakeService(), { token: "short", version: "1" })).toThrow(
      expect.objectContaining({ code: "API_TOKEN_TOO_SHORT" }),
    );
  });
});

function rawGet(
  url: string,
  host: string | undefined,
  path: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: path.includes("hooks") ? "POST" : "GET",
        headers,
        setHost: host === undefined,
      },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    if (host !== undefined) req.setHeader("host", host);
    req.on("error", reject);
    req.end();
  });
}

describe("Host guard (DNS rebinding) on a loopback-bound server", () => {
  it.each([
    "evil.example:7787",
    "evil.example",
    "127.0.0.1.evil.example",
    "localhost.evil.example:80",
  ])("refuses Host %s with 403 HOST_NOT_ALLOWED", async (host) => {
    const { server, service } = await startHarness();
    const response = await rawGet(server.url, host, "/api/v1/workflows");
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: "HOST_NOT_ALLOWED" } });
    expect(service.calls).toEqual([]);
  });

  it("refuses it on health too", async () => {
    const { server } = await startHarness();
    expect((await rawGet(server.url, "evil.example", "/api/v1/health")).status).toBe(403);
  });

  it.each(["127.0.0.1:1234", "localhost", "LOCALHOST:99", "[::1]:7787"])(
    "accepts Host %s",
    async (host) => {
      const { server } = await startHarness();
      expect((await rawGet(server.url, host, "/api/v1/workflows")).status).toBe(200);
    },
  );

  it("accepts the names in allowedHosts", async () => {
    const app = createApiApp(fakeService(), { token: TOKEN, version: "1" });
    const server = await startApiServer(app, { port: 0, allowedHosts: ["skillflow.internal"] });
    try {
      expect((await rawGet(server.url, "skillflow.internal:443", "/api/v1/workflows")).status).toBe(
        200,
      );
      expect((await rawGet(server.url, "other.internal", "/api/v1/workflows")).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it("lets webhooks through whatever their Host (a tunnel's name): their signature guards them", async () => {
    const { server, service } = await startHarness();
    expect((await rawGet(server.url, "hooks.example.com", "/hooks/deploy")).status).toBe(202);
    expect(service.calls.map((c) => c.method)).toEqual(["receiveHook"]);
  });

  it("knows loopback names and strips ports", () => {
    expect(["127.0.0.1", "127.3.4.5", "::1", "[::1]", "localhost"].every(isLoopbackHost)).toBe(
      true,
    );
    expect(["0.0.0.0", "192.168.1.2", "example.com", "::"].some(isLoopbackHost)).toBe(false);
    expect(["[::1]:80", "::1", "LocalHost:8080", "a.b"].map(hostName)).toEqual([
      "::1",
      "::1",
      "localhost",
      "a.b",
    ]);
  });
});
