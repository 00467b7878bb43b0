// GET /events: server-sent events of the service with `id: seq`, heartbeats, Last-Event-ID, prompt close.
import { describe, expect, it } from "vitest";
import type { ServiceEvent } from "../../src/service/types.js";
import { readUntil, startHarness } from "./_harness.js";

const queued = (seq: number): ServiceEvent => ({
  seq,
  at: "2026-01-31T09:00:00.000Z",
  kind: "run_queued",
  runId: `run-${seq}`,
  workflow: "check-site",
  trigger: { kind: "manual" },
});

const dataOf = (text: string): ServiceEvent[] =>
  [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1] as string) as ServiceEvent);
const idsOf = (text: string): string[] =>
  [...text.matchAll(/^id: (.*)$/gm)].map((m) => m[1] as string);

describe("GET /events", () => {
  it("streams the service's events as JSON data with id = seq", async () => {
    const { call, service } = await startHarness();
    const response = await call("/api/v1/events");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const body = response.body!;
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes(": connected")) text += decoder.decode((await reader.read()).value);
    service.emit(queued(1));
    service.emit({
      seq: 2,
      at: "2026-01-31T09:00:01.000Z",
      kind: "schedule_changed",
      schedule: "daily",
      paused: true,
    });
    while (idsOf(text).length < 2) text += decoder.decode((await reader.read()).value);
    expect(idsOf(text)).toEqual(["1", "2"]);
    expect(dataOf(text)).toEqual([
      queued(1),
      {
        seq: 2,
        at: "2026-01-31T09:00:01.000Z",
        kind: "schedule_changed",
        schedule: "daily",
        paused: true,
      },
    ]);
    await reader.cancel();
  });

  it("sends heartbeat comments while nothing happens", async () => {
    const { call } = await startHarness({ heartbeatMs: 5 });
    const response = await call("/api/v1/events");
    const { reader } = await readUntil(response.body!, (text) => text.includes(": heartbeat\n\n"));
    await reader.cancel();
  });

  it("needs the token", async () => {
    const { call, service } = await startHarness();
    expect((await call("/api/v1/events", { auth: false })).status).toBe(401);
    expect(service.listenerCount()).toBe(0);
  });

  it("replays the kept events after Last-Event-ID, then streams live ones", async () => {
    const { call, service } = await startHarness();
    const first = await call("/api/v1/events");
    const opened = await readUntil(first.body!, (text) => text.includes(": connected"));
    [1, 2, 3].forEach((seq) => service.emit(queued(seq)));
    await opened.reader.cancel();
    const again = await call("/api/v1/events", { headers: { "last-event-id": "1" } });
    const replayed = await readUntil(again.body!, (text) => idsOf(text).length >= 2);
    service.emit(queued(4));
    let text = replayed.text;
    const decoder = new TextDecoder();
    while (idsOf(text).length < 3) text += decoder.decode((await replayed.reader.read()).value);
    expect(idsOf(text)).toEqual(["2", "3", "4"]);
    expect(text).not.toContain("event: resync");
    await replayed.reader.cancel();
  });

  it.each([
    ["older than the kept events", 1, 3],
    ["newer than any event (a restarted service)", 99, 1],
  ])("sends event: resync when Last-Event-ID is %s", async (_, lastId, kept) => {
    const { call, service } = await startHarness({ keptEvents: 2 });
    const first = await call("/api/v1/events");
    const opened = await readUntil(first.body!, (text) => text.includes(": connected"));
    for (let seq = 1; seq <= kept + 1; seq++) service.emit(queued(seq));
    await opened.reader.cancel();
    const again = await call("/api/v1/events", { headers: { "last-event-id": String(lastId) } });
    const { text, reader } = await readUntil(again.body!, (t) => t.includes("event: resync"));
    expect(text).toContain(`data: {"lastEventId":${lastId}}`);
    await reader.cancel();
  });

  it("refuses a Last-Event-ID that is not an event id with 400", async () => {
    const { call } = await startHarness();
    const response = await call("/api/v1/events", { headers: { "last-event-id": "abc" } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "INVALID_QUERY" } });
  });

  it("refuses one stream more than maxStreams with 503 TOO_MANY_STREAMS, and takes it once one closes", async () => {
    const { call } = await startHarness({ maxStreams: 2 });
    const open = async () =>
      readUntil((await call("/api/v1/events")).body!, (t) => t.includes(": connected"));
    const a = await open();
    await open();
    const refused = await call("/api/v1/events");
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({
      error: { code: "TOO_MANY_STREAMS", details: { maxStreams: 2 } },
    });
    await a.reader.cancel();
    // The server notices the closed stream on its next write: a reconnect is taken after that.
    let again = await call("/api/v1/events");
    while (again.status === 503) {
      await again.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 20));
      again = await call("/api/v1/events");
    }
    expect(again.status).toBe(200);
    await again.body?.cancel();
  });

  it("subscribes to the service once for all streams", async () => {
    const { call, service } = await startHarness();
    const a = await readUntil((await call("/api/v1/events")).body!, (t) =>
      t.includes(": connected"),
    );
    const b = await readUntil((await call("/api/v1/events")).body!, (t) =>
      t.includes(": connected"),
    );
    expect(service.listenerCount()).toBe(1);
    await Promise.all([a.reader.cancel(), b.reader.cancel()]);
  });

  it("close() ends open streams promptly and resolves", async () => {
    const { call, server } = await startHarness({ heartbeatMs: 60_000 });
    const response = await call("/api/v1/events");
    const { reader } = await readUntil(response.body!, (text) => text.includes(": connected"));
    await server.close();
    // The stream ends (done) instead of hanging until the heartbeat; the test timeout guards a hang.
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
  });
});
