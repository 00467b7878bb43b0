// Every route of the API answers through real HTTP with the fake service's data and passes its arguments on.
import { describe, expect, it } from "vitest";
import { startHarness } from "./_harness.js";

describe("routes over a fake service", () => {
  it("GET /health answers ok and the version without a token", async () => {
    const { call } = await startHarness();
    const response = await call("/api/v1/health", { auth: false });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, version: "1.2.3" });
  });

  it("GET /workflows lists the workflows", async () => {
    const { call } = await startHarness();
    const response = await call("/api/v1/workflows");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual([
      { name: "check-site", source: "/p/check-site/SKILL.md", inputs: {}, outputs: {} },
    ]);
  });

  it("POST /workflows/:name/runs starts a manual run with the inputs (name URL-decoded)", async () => {
    const { call, service } = await startHarness();
    const response = await call(`/api/v1/workflows/${encodeURIComponent("flows/a.yaml")}/runs`, {
      method: "POST",
      json: { inputs: { url: "https://example.com" }, by: "ana" },
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ runId: "run-1", status: "queued" });
    expect(service.calls).toEqual([
      {
        method: "startRun",
        args: [
          {
            workflow: "flows/a.yaml",
            inputs: { url: "https://example.com" },
            trigger: { kind: "manual", by: "ana" },
          },
        ],
      },
    ]);
  });

  it("POST /workflows/:name/runs without a body starts the run with no inputs", async () => {
    const { call, service } = await startHarness();
    const response = await call("/api/v1/workflows/check-site/runs", { method: "POST" });
    expect(response.status).toBe(202);
    expect(service.calls[0]?.args).toEqual([
      { workflow: "check-site", trigger: { kind: "manual" } },
    ]);
  });

  it("GET /runs passes the filters (limit as a number) and answers the page", async () => {
    const { call, service } = await startHarness();
    const query =
      "status=failed&workflow=check-site&schedule=daily&since=2026-01-01T00:00:00Z" +
      "&until=2026-02-01T00:00:00Z&limit=20&cursor=abc";
    const response = await call(`/api/v1/runs?${query}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: unknown[]; next: string };
    expect(page.next).toBe("cursor-2");
    expect(page.items).toHaveLength(1);
    expect(service.calls[0]?.args).toEqual([
      {
        status: "failed",
        workflow: "check-site",
        schedule: "daily",
        since: "2026-01-01T00:00:00Z",
        until: "2026-02-01T00:00:00Z",
        limit: 20,
        cursor: "abc",
      },
    ]);
  });

  it("GET /runs/:id answers the run with its steps", async () => {
    const { call, service } = await startHarness();
    const response = await call("/api/v1/runs/run-1");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: "run-1", steps: [], notifications: [] });
    expect(service.calls[0]).toEqual({ method: "getRun", args: ["run-1"] });
  });

  it("POST /runs/:id/cancel, /rerun and /resume call the service", async () => {
    const { call, service } = await startHarness();
    const cancel = await call("/api/v1/runs/run-1/cancel", { method: "POST" });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toEqual({ runId: "run-1", status: "cancelled" });
    const rerun = await call("/api/v1/runs/run-1/rerun", {
      method: "POST",
      json: { inputs: { a: 1 } },
    });
    expect(rerun.status).toBe(202);
    expect(await rerun.json()).toEqual({ runId: "run-2", status: "queued" });
    const resume = await call("/api/v1/runs/run-1/resume", { method: "POST" });
    expect(resume.status).toBe(202);
    expect(service.calls).toEqual([
      { method: "cancelRun", args: ["run-1"] },
      { method: "rerun", args: ["run-1", { inputs: { a: 1 } }] },
      { method: "resumeRun", args: ["run-1"] },
    ]);
  });

  it("GET /approvals lists the pending approvals", async () => {
    const { call } = await startHarness();
    const response = await call("/api/v1/approvals");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject([
      { key: "confirm", runId: "run-1", expired: false },
    ]);
  });

  it("POST /runs/:id/approvals/:key passes the decision (a key with slashes URL-encoded)", async () => {
    const { call, service } = await startHarness();
    const key = encodeURIComponent("digests/2/confirm");
    const decision = { approved: true, response: { reason: "ok" }, by: "ana" };
    const response = await call(`/api/v1/runs/run-1/approvals/${key}`, {
      method: "POST",
      json: decision,
    });
    expect(response.status).toBe(202);
    expect(service.calls[0]).toEqual({
      method: "decide",
      args: ["run-1", "digests/2/confirm", decision],
    });
  });

  it("GET /schedules and POST pause, resume, trigger call the service", async () => {
    const { call, service } = await startHarness();
    expect(await (await call("/api/v1/schedules")).json()).toMatchObject([{ name: "daily" }]);
    const pause = await call("/api/v1/schedules/daily/pause", { method: "POST" });
    expect(pause.status).toBe(200);
    expect(await pause.json()).toMatchObject({ name: "daily", paused: true });
    expect((await call("/api/v1/schedules/daily/resume", { method: "POST" })).status).toBe(200);
    const trigger = await call("/api/v1/schedules/daily/trigger", {
      method: "POST",
      json: { inputs: { x: 1 } },
    });
    expect(trigger.status).toBe(202);
    expect(service.calls.map((c) => [c.method, ...c.args])).toEqual([
      ["listSchedules"],
      ["pauseSchedule", "daily"],
      ["resumeSchedule", "daily"],
      ["triggerSchedule", "daily", { inputs: { x: 1 } }],
    ]);
  });

  it.each(["/api/v1/hooks/deploy", "/hooks/deploy"])(
    "POST %s passes the raw body bytes and the headers, without a token",
    async (path) => {
      const { call, service } = await startHarness();
      // Not JSON-normalised: spacing, key order and a non-ASCII character must reach the verifier as sent.
      const raw = '{ "b":1,  "a": "é" }\n';
      const response = await call(path, {
        method: "POST",
        auth: false,
        body: raw,
        headers: { "x-skillflow-signature": "t=1,v1=abc", "content-type": "application/json" },
      });
      expect(response.status).toBe(202);
      expect(service.calls[0]?.args[0]).toBe("deploy");
      const hook = service.lastHook!;
      expect(hook.rawBody).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(hook.rawBody as Uint8Array).equals(Buffer.from(raw, "utf8"))).toBe(true);
      expect((hook.headers as Headers).get("x-skillflow-signature")).toBe("t=1,v1=abc");
    },
  );

  it("POST /hooks/:name passes an empty body as zero bytes", async () => {
    const { call, service } = await startHarness();
    const response = await call("/hooks/deploy", { method: "POST", auth: false });
    expect(response.status).toBe(202);
    expect((service.lastHook!.rawBody as Uint8Array).byteLength).toBe(0);
  });
});
