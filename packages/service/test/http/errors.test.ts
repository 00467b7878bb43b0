// One error shape for every failure: service codes mapped to statuses, bad bodies and queries named,
// unknown routes as JSON, unexpected exceptions as INTERNAL without their text.
import { describe, expect, it } from "vitest";
import { SERVICE_ERROR_STATUS } from "../../src/http/errors.js";
import type { ServiceErrorCode } from "../../src/service/types.js";
import { serviceError } from "./_fake-service.js";
import { startHarness } from "./_harness.js";

const expected: Record<ServiceErrorCode, number> = {
  UNKNOWN_RUN: 404,
  UNKNOWN_WORKFLOW: 404,
  UNKNOWN_SCHEDULE: 404,
  UNKNOWN_HOOK: 404,
  UNKNOWN_APPROVAL: 404,
  INVALID_INPUTS: 400,
  INVALID_DECISION: 400,
  INVALID_QUERY: 400,
  INVALID_WORKFLOW: 400,
  NOT_CANCELLABLE: 409,
  NOT_WAITING: 409,
  NOT_RESUMABLE: 409,
  SCHEDULE_DISABLED: 409,
  WEBHOOK_REFUSED: 400,
  QUEUE_FULL: 429,
  SERVICE_STOPPED: 503,
};

describe("service errors", () => {
  it.each(Object.entries(expected))(
    "%s answers %i with the code and message",
    async (code, status) => {
      const { call, service } = await startHarness();
      service.failNext("getRun", serviceError(code, { runId: "run-9" }));
      const response = await call("/api/v1/runs/run-9");
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({
        error: { code, message: `refused: ${code}`, details: { runId: "run-9" } },
      });
    },
  );

  it("maps every code of the contract", () => {
    expect(SERVICE_ERROR_STATUS).toEqual(expected);
  });

  it.each([
    [401, "INVALID_SIGNATURE"],
    [409, "REPLAYED"],
    [413, "BODY_TOO_LARGE"],
    [400, "BODY_NOT_JSON"],
  ])("WEBHOOK_REFUSED answers details.httpStatus %i (%s)", async (status, refusal) => {
    const { call, service } = await startHarness();
    service.failNext(
      "receiveHook",
      serviceError("WEBHOOK_REFUSED", { code: refusal, httpStatus: status }),
    );
    const response = await call("/hooks/deploy", { method: "POST", auth: false, body: "{}" });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({
      error: { code: "WEBHOOK_REFUSED", details: { code: refusal } },
    });
  });

  it("WEBHOOK_REFUSED with a status outside 400/401/409/413 answers 400", async () => {
    const { call, service } = await startHarness();
    service.failNext("receiveHook", serviceError("WEBHOOK_REFUSED", { httpStatus: 200 }));
    expect((await call("/hooks/deploy", { method: "POST", auth: false })).status).toBe(400);
  });
});

describe("unexpected failures", () => {
  it.each([
    [
      "an Error",
      Object.assign(new Error("db password hunter2 leaked"), { stack: "at secret.ts:1" }),
    ],
    ["a ServiceError with a code outside the contract", serviceError("QUEUE_CLOSED")],
    ["a thrown string", "hunter2"],
  ])("%s answers 500 INTERNAL without its text, and is reported", async (_, thrown) => {
    const problems: unknown[] = [];
    const { call, service } = await startHarness({ onProblem: (p) => problems.push(p) });
    service.failNext("listWorkflows", thrown);
    const response = await call("/api/v1/workflows");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "INTERNAL" } });
    expect(text).not.toMatch(/hunter2|secret\.ts|QUEUE_CLOSED/);
    expect(problems).toEqual([expect.objectContaining({ code: "HTTP_INTERNAL", error: thrown })]);
  });

  it("a throwing onProblem still answers 500", async () => {
    const { call, service } = await startHarness({
      onProblem: () => {
        throw new Error("log sink down");
      },
    });
    service.failNext("listWorkflows", new Error("boom"));
    expect((await call("/api/v1/workflows")).status).toBe(500);
  });
});

describe("requests the API refuses itself", () => {
  it.each([
    ["/api/v1/nope", "GET"],
    ["/api/v2/health", "GET"],
    ["/", "GET"],
    ["/api/v1/health", "POST"],
    ["/api/v1/runs/run-1/cancel", "GET"],
  ])("%s (%s) is 404 NOT_FOUND as JSON", async (path, method) => {
    const { call } = await startHarness();
    const response = await call(path, { method });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it.each([
    ["{", "not valid JSON"],
    ['{"inputs": {"a": 1},}', "not valid JSON"],
    ["\u00ff", "not valid JSON"],
  ])("the body %j is 400 INVALID_JSON", async (body) => {
    const { call, service } = await startHarness();
    const response = await call("/api/v1/workflows/check-site/runs", { method: "POST", body });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "INVALID_JSON" } });
    expect(service.calls).toEqual([]);
  });

  it("a body that is not UTF-8 is 400 INVALID_JSON", async () => {
    const { call } = await startHarness();
    const response = await call("/api/v1/workflows/x/runs", {
      method: "POST",
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "INVALID_JSON" } });
  });

  it.each([
    ["/api/v1/workflows/x/runs", [], "$: expected object, got array"],
    ["/api/v1/workflows/x/runs", { inputs: "a=1" }, "$.inputs: expected object, got string"],
    ["/api/v1/workflows/x/runs", { input: {} }, 'unknown field "input"'],
    ["/api/v1/runs/r/approvals/k", {}, '"approved" is required'],
    ["/api/v1/runs/r/approvals/k", { approved: "yes" }, "$.approved: expected boolean, got string"],
    ["/api/v1/runs/r/approvals/k", { approved: true, reason: "x" }, 'unknown field "reason"'],
    [
      "/api/v1/runs/r/approvals/k",
      { approved: true, note: 1 },
      "$.note: expected string, got integer",
    ],
    [
      "/api/v1/runs/r/approvals/k",
      { approved: true, note: "x".repeat(2001) },
      "$.note: must have at most 2000 characters",
    ],
    ["/api/v1/schedules/daily/trigger", { inputs: null }, "$.inputs: expected object, got null"],
  ])("POST %s %j is 400 INVALID_BODY naming the field", async (path, json, says) => {
    const { call, service } = await startHarness();
    const response = await call(path, { method: "POST", json });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("INVALID_BODY");
    expect(body.error.message).toContain(says);
    expect(service.calls).toEqual([]);
  });

  it.each(['{"constructor":1}', '{"toString":"x"}', '{"__proto__":{"inputs":{}}}'])(
    "a body with the undeclared field %s is 400 INVALID_BODY",
    async (body) => {
      const { call, service } = await startHarness();
      const response = await call("/api/v1/workflows/x/runs", { method: "POST", body });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "INVALID_BODY" } });
      expect(service.calls).toEqual([]);
    },
  );

  it("a decision without a body is 400 INVALID_BODY", async () => {
    const { call } = await startHarness();
    const response = await call("/api/v1/runs/r/approvals/k", { method: "POST" });
    expect(await response.json()).toMatchObject({ error: { code: "INVALID_BODY" } });
  });

  it.each([
    "status=done",
    "limit=0",
    "limit=201",
    "limit=ten",
    "since=yesterday",
    "state=failed",
    "workflow=a&workflow=b",
    "__proto__=x",
    "constructor=x",
    "toString=x",
  ])("GET /runs?%s is 400 INVALID_QUERY", async (query) => {
    const { call, service } = await startHarness();
    const response = await call(`/api/v1/runs?${query}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "INVALID_QUERY" } });
    expect(service.calls).toEqual([]);
  });

  it.each([
    ["/api/v1/workflows/x/runs", true],
    ["/hooks/deploy", false],
  ])(
    "a body over the limit to %s is 413 BODY_TOO_LARGE (declared or chunked)",
    async (path, auth) => {
      const { call, service } = await startHarness({ maxBodyBytes: 64 });
      const big = JSON.stringify({ inputs: { text: "x".repeat(100) } });
      const declared = await call(path, { method: "POST", auth, body: big });
      expect(declared.status).toBe(413);
      expect(await declared.json()).toMatchObject({
        error: { code: "BODY_TOO_LARGE", details: { maxBytes: 64 } },
      });
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big.slice(0, 50)));
          controller.enqueue(new TextEncoder().encode(big.slice(50)));
          controller.close();
        },
      });
      const chunked = await call(path, {
        method: "POST",
        auth,
        body: chunks,
        duplex: "half",
      });
      expect(chunked.status).toBe(413);
      expect(service.calls).toEqual([]);
    },
  );
});
