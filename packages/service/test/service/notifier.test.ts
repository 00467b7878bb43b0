// createNotifier against a local HTTP server: rules, formats, change detection, failures recorded, secrets redacted.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Decision, RunLog } from "@skillflow/workflow";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createNotifier, type NotifierOptions } from "../../src/index.js";
import type { ServiceStateStore } from "../../src/service/state.js";
import type { NotificationRecord, ServiceProblem } from "../../src/service/types.js";

/** A tiny in-test ServiceStateStore: only notifications matter here. */
function fakeState(): ServiceStateStore & { records: Map<string, NotificationRecord[]> } {
  const records = new Map<string, NotificationRecord[]>();
  return {
    records,
    pausedSchedules: () => Promise.resolve(new Set<string>()),
    setPaused: () => Promise.resolve(),
    lastFire: () => Promise.resolve(undefined),
    setLastFire: () => Promise.resolve(),
    addDecision: () => Promise.resolve(),
    decisions: () => Promise.resolve(new Map<string, Decision>()),
    clearDecisions: () => Promise.resolve(),
    addDecisionRecord: () => Promise.resolve(),
    decisionRecords: () => Promise.resolve([]),
    addNotification: (runId, record) => {
      records.set(runId, [...(records.get(runId) ?? []), record]);
      return Promise.resolve();
    },
    notifications: (runId) => Promise.resolve(records.get(runId) ?? []),
    rememberDelivery: () => Promise.resolve(true),
    close: () => Promise.resolve(),
  };
}

let server: Server;
let base: string;
let received: { path: string; body: unknown }[] = [];

async function readBody(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += String(chunk);
  return text;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((text) => {
      received.push({ path: req.url ?? "", body: JSON.parse(text) });
      if (req.url?.startsWith("/fail")) res.writeHead(500).end("no");
      else if (req.url?.startsWith("/hang")) return;
      else res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
});

const NOW = Date.parse("2030-01-01T00:00:05.000Z");

function log(overrides: Partial<RunLog> = {}): RunLog {
  return {
    id: "run-7",
    workflow: "check",
    status: "success",
    summary: { steps_executed: 1, steps_skipped: 0, total_duration_ms: 20 },
    started_at: "2030-01-01T00:00:00.000Z",
    completed_at: "2030-01-01T00:00:01.000Z",
    duration_ms: 20,
    inputs: {},
    steps: [],
    outputs: { price: 10 },
    ...overrides,
  };
}

function setUp(overrides: Partial<NotifierOptions> = {}) {
  const state = fakeState();
  const problems: ServiceProblem[] = [];
  const notifier = createNotifier({
    defaults: { on: ["failure"], targets: [{ url: `${base}/hook/TOKEN-1`, format: "json" }] },
    baseUrl: "https://flows.example.com",
    allowPrivateNetwork: true,
    state,
    previousOutputs: () => Promise.resolve(undefined),
    onProblem: (p) => problems.push(p),
    now: () => NOW,
    ...overrides,
  });
  return { notifier, state, problems, host: new URL(base).host };
}

describe("createNotifier", () => {
  it("sends the JSON notification of a failed run and records the attempt by host only", async () => {
    const { notifier, state, problems, host } = setUp();
    await notifier.afterRun(
      log({ status: "failed", error: { phase: "execute", message: "boom" } }),
      {},
    );
    expect(received).toEqual([
      {
        path: "/hook/TOKEN-1",
        body: expect.objectContaining({
          event: "failure",
          link: "https://flows.example.com/runs/run-7",
          run: expect.objectContaining({ id: "run-7", status: "failed" }),
        }),
      },
    ]);
    expect(state.records.get("run-7")).toEqual([
      { event: "failure", at: "2030-01-01T00:00:05.000Z", result: { ok: true, host, status: 200 } },
    ]);
    expect(JSON.stringify(state.records.get("run-7"))).not.toContain("TOKEN-1");
    expect(problems).toEqual([]);
  });

  it("sends nothing when the rules do not ask for the outcome", async () => {
    const { notifier, state } = setUp();
    await notifier.afterRun(log(), {});
    expect(received).toEqual([]);
    expect(state.records.size).toBe(0);
  });

  it("uses a schedule's own rules instead of the defaults, in Slack's format", async () => {
    const perSchedule = new Map([
      [
        "daily",
        { on: ["success" as const], targets: [{ url: `${base}/slack`, format: "slack" as const }] },
      ],
    ]);
    const { notifier } = setUp({ perSchedule });
    await notifier.afterRun(log(), { schedule: "daily" });
    expect(received).toHaveLength(1);
    expect(received[0]?.path).toBe("/slack");
    expect(received[0]?.body).toMatchObject({
      text: expect.any(String),
      blocks: expect.any(Array),
    });
    await notifier.afterRun(log(), { schedule: "other" });
    expect(received).toHaveLength(1);
  });

  it("records a 500 answer as a failed attempt and reports it without the URL", async () => {
    const defaults = {
      on: ["failure" as const],
      targets: [{ url: `${base}/fail/TOKEN-2`, format: "json" as const }],
    };
    const { notifier, state, problems } = setUp({ defaults });
    await expect(
      notifier.afterRun(log({ status: "failed" }), { schedule: "s" }),
    ).resolves.toBeUndefined();
    expect(state.records.get("run-7")?.[0]?.result).toMatchObject({
      ok: false,
      status: 500,
      error: { code: "HTTP_STATUS" },
    });
    expect(problems.map((p) => [p.code, p.runId])).toEqual([["NOTIFICATION_FAILED", "run-7"]]);
    expect(JSON.stringify([problems, state.records.get("run-7")])).not.toContain("TOKEN-2");
  });

  it("records a target that does not answer in time as TIMEOUT", async () => {
    const defaults = {
      on: ["failure" as const],
      targets: [{ url: `${base}/hang`, format: "json" as const }],
    };
    const { notifier, state } = setUp({ defaults, timeoutMs: 200 });
    await notifier.afterRun(log({ status: "failed" }), {});
    expect(state.records.get("run-7")?.[0]?.result.error?.code).toBe("TIMEOUT");
  });

  it("never throws when the sender or the state store throw; both are reported", async () => {
    const state = fakeState();
    state.addNotification = () => Promise.reject(new Error("disk full"));
    const { notifier, problems } = setUp({
      state,
      send: (target) => Promise.reject(new Error(`socket gone for ${target.url}`)),
    });
    await expect(notifier.afterRun(log({ status: "failed" }), {})).resolves.toBeUndefined();
    expect(JSON.stringify(problems)).not.toContain("TOKEN-1");
    expect(problems.map((p) => p.code)).toEqual([
      "NOTIFICATION_FAILED",
      "NOTIFICATION_NOT_RECORDED",
    ]);
  });

  it("redacts secret values from the payload and the record", async () => {
    const { notifier, state } = setUp({ secrets: ["hunter2-secret"] });
    await notifier.afterRun(
      log({
        status: "failed",
        error: { phase: "execute", message: "token hunter2-secret refused" },
        outputs: { k: "hunter2-secret" },
      }),
      {},
    );
    expect(JSON.stringify(received)).not.toContain("hunter2-secret");
    expect(JSON.stringify(state.records.get("run-7"))).not.toContain("hunter2-secret");
    expect(received).toHaveLength(1);
  });

  it("notifies a change only when the outputs differ from the previous successful run", async () => {
    let previous: Record<string, unknown> | undefined = { price: 10 };
    const asked: [string, string][] = [];
    const defaults = {
      on: ["change" as const],
      targets: [{ url: `${base}/change`, format: "json" as const }],
    };
    const { notifier } = setUp({
      defaults,
      previousOutputs: (workflow, runId) => {
        asked.push([workflow, runId]);
        return Promise.resolve(previous);
      },
    });
    await notifier.afterRun(log({ outputs: { price: 10 } }), {});
    expect(received).toEqual([]);
    await notifier.afterRun(log({ outputs: { price: 12 } }), {});
    expect(received.map((r) => (r.body as { event: string }).event)).toEqual(["change"]);
    previous = undefined;
    await notifier.afterRun(log({ outputs: { price: 12 } }), {});
    expect(received).toHaveLength(2);
    expect(asked[0]).toEqual(["check", "run-7"]);
  });

  it("counts unreadable previous outputs as a change and reports it", async () => {
    const defaults = {
      on: ["change" as const],
      targets: [{ url: `${base}/change`, format: "json" as const }],
    };
    const { notifier, problems } = setUp({
      defaults,
      previousOutputs: () => Promise.reject(new Error("store locked")),
    });
    await notifier.afterRun(log(), {});
    expect(received).toHaveLength(1);
    expect(problems.map((p) => p.code)).toEqual(["NOTIFICATION_PREVIOUS_UNAVAILABLE"]);
  });

  it("sends one notification per target, each recorded", async () => {
    const defaults = {
      on: ["waiting" as const],
      targets: [
        { url: `${base}/a`, format: "json" as const },
        { url: `${base}/fail`, format: "slack" as const },
      ],
    };
    const { notifier, state } = setUp({ defaults });
    await notifier.afterRun(log({ status: "waiting" }), {});
    expect(received.map((r) => r.path).sort()).toEqual(["/a", "/fail"]);
    expect(
      state.records
        .get("run-7")
        ?.map((r) => [r.event, r.result.ok])
        .sort(),
    ).toEqual([
      ["waiting", false],
      ["waiting", true],
    ]);
  });
});
