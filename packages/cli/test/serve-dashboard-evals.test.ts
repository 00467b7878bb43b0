// The evaluations serve gives the dashboard: the saved reports (newest first, a damaged one left out
// of the list and answered EVAL_REPORT_DAMAGED by id) and a skill's history, from the evals folder.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EVAL_REPORT_SCHEMA_VERSION } from "@skillflow/evals";
import { createApiApp, type Service } from "@skillflow/service";
import { describe, expect, it } from "vitest";
import type { Io } from "../src/io.js";
import { evalsProvider } from "../src/service/dashboard.js";

const TOKEN = "test-token-0123456789abcdef";
const OLD = "20260130T090000Z-pdf-forms-aaaaaa";
const NEW = "20260131T090000Z-pdf-forms-bbbbbb";
const BROKEN = "20260131T100000Z-pdf-forms-cccccc";

/** A minimal stored report (what `skillflow eval` saves), with no models or trials. */
const report = (id: string, createdAt: string) => ({
  schemaVersion: EVAL_REPORT_SCHEMA_VERSION,
  id,
  createdAt,
  startedAt: createdAt,
  skillPath: "skills/pdf-forms",
  skill: "pdf-forms",
  skillHash: "abc",
  mode: "catalog",
  replay: false,
  repeat: 1,
  models: [],
  trials: [],
  cases: [{ id: "one" }],
});

function project(): Io {
  const home = mkdtempSync(path.join(tmpdir(), "skillflow-evals-home-"));
  const reports = path.join(home, "evals/reports");
  mkdirSync(reports, { recursive: true });
  writeFileSync(
    path.join(reports, `${OLD}.json`),
    JSON.stringify(report(OLD, "2026-01-30T09:00:00Z")),
  );
  writeFileSync(
    path.join(reports, `${NEW}.json`),
    JSON.stringify(report(NEW, "2026-01-31T09:00:00Z")),
  );
  writeFileSync(path.join(reports, `${BROKEN}.json`), "{ not json");
  const line = { at: "2026-01-31T09:00:00Z", skill: "pdf-forms", model: "fake", verdict: "helps" };
  writeFileSync(path.join(home, "evals/history.jsonl"), `${JSON.stringify(line)}\n`);
  return { cwd: home, env: { SKILLFLOW_HOME: home } } as unknown as Io;
}

function app(io: Io) {
  // Only the evaluations routes are called: the service itself is never reached.
  const service = {} as Service;
  const api = createApiApp(service, { token: TOKEN, version: "1", evals: evalsProvider(io) });
  return async (route: string) => {
    const response = await api.request(route, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body: unknown = await response.json();
    return { status: response.status, body };
  };
}

describe("serve's evaluations provider", () => {
  it("lists the saved reports newest first, leaving a damaged one out", async () => {
    const get = app(project());
    const list = await get("/api/v1/evals/reports");
    expect(list.status).toBe(200);
    expect((list.body as { id: string }[]).map((r) => r.id)).toEqual([NEW, OLD]);
    expect(list.body).toMatchObject([{ skill: "pdf-forms", cases: 1 }, { skill: "pdf-forms" }]);
  });

  it("answers one report, 404 for an unknown or malformed id, and why a damaged one fails", async () => {
    const get = app(project());
    expect(await get(`/api/v1/evals/reports/${NEW}`)).toMatchObject({
      status: 200,
      body: { id: NEW, skill: "pdf-forms", trials: [] },
    });
    for (const id of ["20260131T090000Z-pdf-forms-zzzzzz", "..%2F..%2Fsecret"])
      expect(await get(`/api/v1/evals/reports/${id}`)).toMatchObject({
        status: 404,
        body: { error: { code: "UNKNOWN_EVAL_REPORT" } },
      });
    expect(await get(`/api/v1/evals/reports/${BROKEN}`)).toMatchObject({
      status: 500,
      body: { error: { code: "EVAL_REPORT_DAMAGED", details: { problem: "REPORT_INVALID" } } },
    });
  });

  it("answers a skill's history, and [] for a skill without one", async () => {
    const get = app(project());
    expect(await get("/api/v1/evals/history/pdf-forms")).toMatchObject({
      status: 200,
      body: [{ skill: "pdf-forms", verdict: "helps" }],
    });
    expect(await get("/api/v1/evals/history/other")).toEqual({ status: 200, body: [] });
  });
});
