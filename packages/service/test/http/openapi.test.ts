// The OpenAPI document describes exactly the app's routes (both read the one route table).
import { describe, expect, it } from "vitest";
import { createApiApp } from "../../src/http/app.js";
import { openApiDocument, openApiPath } from "../../src/http/openapi.js";
import { ROUTES } from "../../src/http/routes.js";
import { fakeService } from "./_fake-service.js";
import { startHarness, TOKEN } from "./_harness.js";

type Doc = {
  openapi: string;
  info: { version: string };
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string }[];
        responses: Record<string, unknown>;
        requestBody?: unknown;
        security: unknown[];
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
};

const doc = openApiDocument("9.9.9") as Doc;

describe("OpenAPI document", () => {
  it("lists exactly the routes the app answers", () => {
    const app = createApiApp(fakeService(), { token: TOKEN, version: "1" });
    const served = app.routes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(served).toEqual(documented);
    expect(served.length).toBe(ROUTES.length);
  });

  it("documents each path parameter of each route, and the error shape on every error status", () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
        expect(declared, path).toEqual(inPath);
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) >= 400) {
            expect(response, `${path} ${status}`).toMatchObject({
              content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
            });
          }
        }
      }
    }
  });

  it("every $ref points at a component", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map(
      (m) => m[1],
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty(name as string);
  });

  it("marks the bearer routes as secured and the open ones not", () => {
    // The token, or the dashboard's session cookie.
    expect(doc.paths["/api/v1/runs"]?.["get"]?.security).toEqual([
      { bearerAuth: [] },
      { sessionCookie: [] },
    ]);
    // The token only.
    expect(doc.paths["/api/v1/login-links"]?.["post"]?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/api/v1/health"]?.["get"]?.security).toEqual([]);
    expect(doc.paths["/hooks/{name}"]?.["post"]?.security).toEqual([]);
    expect(doc.paths["/api/v1/runs"]?.["get"]?.responses).toHaveProperty("401");
  });

  it("describes the query of GET /runs and the body of a decision", () => {
    const query = doc.paths["/api/v1/runs"]?.["get"]?.parameters?.map((p) => p.name);
    expect(query).toEqual(["status", "workflow", "schedule", "since", "until", "limit", "cursor"]);
    expect(doc.paths["/api/v1/runs/{id}/approvals/{key}"]?.["post"]?.requestBody).toMatchObject({
      required: true,
      content: { "application/json": { schema: { required: ["approved"] } } },
    });
  });

  it("is served at /api/v1/openapi.json without a token, with the app's version", async () => {
    const { call } = await startHarness();
    const response = await call("/api/v1/openapi.json", { auth: false });
    expect(response.status).toBe(200);
    const served = (await response.json()) as Doc;
    expect(served.openapi).toBe("3.1.0");
    expect(served.info.version).toBe("1.2.3");
    expect(Object.keys(served.paths)).toEqual(Object.keys(doc.paths));
  });
});
