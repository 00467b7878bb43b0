// The dashboard's data routes over injected providers (skills, evaluation reports and history):
// answered from the providers, 404 with a code when a provider or an item is absent, documented.
import { describe, expect, it } from "vitest";
import { createApiApp } from "../../src/http/app.js";
import { openApiDocument } from "../../src/http/openapi.js";
import type { CatalogProvider, EvalsProvider, SkillDetail } from "../../src/http/providers.js";
import { fakeService } from "./_fake-service.js";
import { TOKEN } from "./_harness.js";

const detail: SkillDetail = {
  name: "pdf-forms",
  id: "project:pdf-forms",
  scope: "project",
  description: "Fills PDF forms.",
  enabled: true,
  shadowed: false,
  runnable: true,
  trusted: false,
  problems: [{ code: "FIELD_UNKNOWN", message: "unknown field", line: 3, column: 1 }],
  body: "# PDF forms\n<script>alert(1)</script>\n",
  inputs: { file: { type: "string" } },
  files: ["SKILL.md", "scripts/fill.py"],
};

const catalog: CatalogProvider = {
  skills: () => {
    const { body: _b, inputs: _i, files: _f, ...info } = detail;
    return Promise.resolve([info]);
  },
  skill: (name) => Promise.resolve(name === detail.name || name === detail.id ? detail : undefined),
};

const evals: EvalsProvider = {
  reports: () => Promise.resolve([{ id: "2026-01-31-pdf-forms", skill: "pdf-forms", models: 2 }]),
  report: (id) =>
    Promise.resolve(id === "2026-01-31-pdf-forms" ? { skill: "pdf-forms", models: [] } : undefined),
  history: (skill) => Promise.resolve(skill === "pdf-forms" ? [{ skill, verdict: "helps" }] : []),
};

const get = async (app: ReturnType<typeof createApiApp>, path: string) => {
  const response = await app.request(path, { headers: { authorization: `Bearer ${TOKEN}` } });
  const body: unknown = await response.json();
  return { status: response.status, body };
};

describe("skills and evaluations routes", () => {
  const app = createApiApp(fakeService(), { token: TOKEN, version: "1", catalog, evals });
  const bare = createApiApp(fakeService(), { token: TOKEN, version: "1" });

  it("lists the skills and answers one by name or id, body as raw text", async () => {
    expect(await get(app, "/api/v1/skills")).toMatchObject({
      status: 200,
      body: [{ name: "pdf-forms", problems: [{ code: "FIELD_UNKNOWN", line: 3 }] }],
    });
    expect(await get(app, "/api/v1/skills/pdf-forms")).toEqual({ status: 200, body: detail });
    expect((await get(app, "/api/v1/skills/project%3Apdf-forms")).body).toEqual(detail);
  });

  it("answers an unknown skill 404 UNKNOWN_SKILL", async () => {
    expect(await get(app, "/api/v1/skills/nope")).toMatchObject({
      status: 404,
      body: { error: { code: "UNKNOWN_SKILL" } },
    });
  });

  it("lists the reports, answers one, and a skill's history", async () => {
    expect(await get(app, "/api/v1/evals/reports")).toMatchObject({
      status: 200,
      body: [{ id: "2026-01-31-pdf-forms", skill: "pdf-forms" }],
    });
    expect(await get(app, "/api/v1/evals/reports/2026-01-31-pdf-forms")).toMatchObject({
      status: 200,
      body: { skill: "pdf-forms" },
    });
    expect(await get(app, "/api/v1/evals/history/pdf-forms")).toEqual({
      status: 200,
      body: [{ skill: "pdf-forms", verdict: "helps" }],
    });
    expect(await get(app, "/api/v1/evals/history/other")).toEqual({ status: 200, body: [] });
  });

  it("answers an unknown report 404 UNKNOWN_EVAL_REPORT", async () => {
    expect(await get(app, "/api/v1/evals/reports/nope")).toMatchObject({
      status: 404,
      body: { error: { code: "UNKNOWN_EVAL_REPORT" } },
    });
  });

  it.each([
    ["/api/v1/skills", "SKILLS_NOT_SERVED"],
    ["/api/v1/skills/pdf-forms", "SKILLS_NOT_SERVED"],
    ["/api/v1/evals/reports", "EVALS_NOT_SERVED"],
    ["/api/v1/evals/reports/x", "EVALS_NOT_SERVED"],
    ["/api/v1/evals/history/pdf-forms", "EVALS_NOT_SERVED"],
  ])("without a provider, %s answers 404 %s", async (path, code) => {
    expect(await get(bare, path)).toMatchObject({ status: 404, body: { error: { code } } });
  });

  it("needs the token (or a session)", async () => {
    for (const path of ["/api/v1/skills", "/api/v1/evals/reports"]) {
      expect((await app.request(path)).status).toBe(401);
    }
  });

  it("a failing provider is a 500 INTERNAL without its text", async () => {
    const problems: string[] = [];
    const failing = createApiApp(fakeService(), {
      token: TOKEN,
      version: "1",
      catalog: { ...catalog, skills: () => Promise.reject(new Error("disk /secret/path")) },
      onProblem: (p) => problems.push(p.code),
    });
    const answer = await get(failing, "/api/v1/skills");
    expect(answer).toMatchObject({ status: 500, body: { error: { code: "INTERNAL" } } });
    expect(JSON.stringify(answer.body)).not.toContain("/secret/path");
    expect(problems).toEqual(["HTTP_INTERNAL"]);
  });

  it("are in the OpenAPI document with their schemas", () => {
    const doc = openApiDocument("1") as {
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
          }
        >
      >;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    const ops = {
      "/api/v1/skills": [
        "get",
        "listSkills",
        { type: "array", items: { $ref: "#/components/schemas/SkillInfo" } },
      ],
      "/api/v1/skills/{name}": ["get", "getSkill", { $ref: "#/components/schemas/SkillDetail" }],
      "/api/v1/evals/reports": [
        "get",
        "listEvalReports",
        { type: "array", items: { $ref: "#/components/schemas/EvalReportSummary" } },
      ],
      "/api/v1/evals/reports/{id}": [
        "get",
        "getEvalReport",
        { $ref: "#/components/schemas/EvalReport" },
      ],
      "/api/v1/evals/history/{skill}": [
        "get",
        "getEvalHistory",
        { type: "array", items: { $ref: "#/components/schemas/EvalHistoryRecord" } },
      ],
      "/api/v1/session": ["get", "getSession", { $ref: "#/components/schemas/Session" }],
      "/api/v1/logout": ["post", "logout", { $ref: "#/components/schemas/LoggedOut" }],
      "/api/v1/login-links": [
        "post",
        "createLoginLink",
        { $ref: "#/components/schemas/LoginLink" },
      ],
    } as const;
    for (const [path, [method, id, schema]] of Object.entries(ops)) {
      const op = doc.paths[path]?.[method];
      expect(op?.operationId).toBe(id);
      expect(op?.responses["200"]?.content?.["application/json"]?.schema).toEqual(schema);
    }
    expect(doc.components.schemas["SkillInfo"]?.required).toEqual([
      "name",
      "id",
      "scope",
      "description",
      "enabled",
      "shadowed",
      "runnable",
      "trusted",
      "problems",
    ]);
    expect(doc.components.schemas["SkillDetail"]?.required).toEqual(
      expect.arrayContaining(["body", "inputs", "files"]),
    );
  });
});
