// createService with schedules, webhooks and notifications wired: fires once per fire time, pause, hooks.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  DELIVERY_HEADER,
  parseSchedules,
  signWebhook,
  type ServiceEvent,
} from "@skillflow/service";
import { approvalWorkflow, codeOf, THREE, until, world, type World } from "./_harness.js";

const worlds: World[] = [];
function fresh(): World {
  const w = world({ three: THREE });
  worlds.push(w);
  return w;
}
afterEach(async () => {
  for (const w of worlds.splice(0)) for (const s of w.services) await s.stop({ now: true });
});

const EVERY_MINUTE = parseSchedules([
  { name: "minutely", workflow: "three", cron: "* * * * *", inputs: { who: "cron" } },
]);

describe("createService wiring", () => {
  it("fires a schedule once per fire time, with its inputs and trigger, and not while paused", async () => {
    const w = fresh();
    const service = w.service({ schedules: EVERY_MINUTE });
    const events: ServiceEvent[] = [];
    service.subscribe((event) => events.push(event));
    await service.start();
    await w.clock.advance(60_000);
    await until(async () => (await service.listRuns()).items.length === 1);
    await service.idle();
    const [run] = (await service.listRuns({ schedule: "minutely" })).items;
    expect(run).toMatchObject({
      status: "success",
      trigger: { kind: "schedule", schedule: "minutely", fireTime: "2026-01-01T00:01:00.000Z" },
    });
    expect((await service.getRun(run!.id)).inputs).toEqual({ who: "cron" });

    expect(await service.pauseSchedule("minutely")).toMatchObject({ paused: true, next: [] });
    expect(events.at(-1)).toMatchObject({ kind: "schedule_changed", paused: true });
    await w.clock.advance(60_000);
    await service.idle();
    expect((await service.listRuns()).items).toHaveLength(1);
    const [info] = await service.listSchedules();
    expect(info).toMatchObject({ name: "minutely", paused: true, lastRun: { runId: run!.id } });
    expect((await service.resumeSchedule("minutely")).paused).toBe(false);
    expect(await codeOf(service.pauseSchedule("nope"))).toBe("UNKNOWN_SCHEDULE");
  });

  it("triggers a schedule now, outside its fire times", async () => {
    const w = fresh();
    const service = w.service({ schedules: EVERY_MINUTE });
    const ref = await service.triggerSchedule("minutely", { inputs: { who: "now" } });
    await service.start();
    await service.idle();
    expect(await service.getRun(ref.runId)).toMatchObject({
      status: "success",
      inputs: { who: "now" },
      trigger: { kind: "schedule", schedule: "minutely" },
    });
    expect(await codeOf(service.triggerSchedule("nope"))).toBe("UNKNOWN_SCHEDULE");
  });

  it("starts a run from a signed webhook, and refuses a bad signature with WEBHOOK_REFUSED", async () => {
    const w = fresh();
    const hooks = [
      { name: "release", workflow: "three", secret: "hook-secret", inputs: { who: "$.tag" } },
    ];
    const service = w.service({ hooks });
    const body = JSON.stringify({ tag: "v1" });
    const headers = { ...signWebhook("hook-secret", body, w.clock.now()), [DELIVERY_HEADER]: "d1" };
    const ref = await service.receiveHook("release", { headers, rawBody: body });
    await service.start();
    await service.idle();
    expect(await service.getRun(ref.runId)).toMatchObject({
      status: "success",
      inputs: { who: "v1" },
      trigger: { kind: "webhook", hook: "release", deliveryId: expect.stringContaining("d1") },
    });
    const forged = { ...signWebhook("wrong", body, w.clock.now()), [DELIVERY_HEADER]: "d2" };
    expect(await codeOf(service.receiveHook("release", { headers: forged, rawBody: body }))).toBe(
      "WEBHOOK_REFUSED",
    );
    expect(await codeOf(service.receiveHook("nope", { headers, rawBody: body }))).toBe(
      "UNKNOWN_HOOK",
    );
  });

  it("refuses a delivery replayed to a restarted service, also under a forged delivery id", async () => {
    const w = fresh();
    const hooks = [
      { name: "release", workflow: "three", secret: "hook-secret", inputs: { who: "$.tag" } },
    ];
    const body = JSON.stringify({ tag: "v1" });
    const headers = { ...signWebhook("hook-secret", body, w.clock.now()), [DELIVERY_HEADER]: "d1" };
    const first = w.service({ hooks });
    await first.receiveHook("release", { headers, rawBody: body });
    await first.stop();
    const second = w.service({ hooks });
    // The delivery header is not signed: the same signed request under another id is a replay too.
    for (const id of ["d1", "d-forged"]) {
      const replayed = await second
        .receiveHook("release", { headers: { ...headers, [DELIVERY_HEADER]: id }, rawBody: body })
        .catch((error: unknown) => error);
      expect(replayed).toMatchObject({
        code: "WEBHOOK_REFUSED",
        details: { reason: "REPLAYED", httpStatus: 409 },
      });
    }
    expect((await w.queue.list()).length).toBe(1);
  });
});

/** A local notification target recording the bodies it receives; closed after `body`. */
async function withTarget(body: (port: number, received: string[]) => Promise<void>) {
  const received: string[] = [];
  const server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", () => {
      received.push(text);
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await body((server.address() as AddressInfo).port, received);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe("createService notifications", () => {
  it("notifies when a run waits for an approval", async () => {
    await withTarget(async (port, received) => {
      const w = world({ approve: approvalWorkflow() });
      worlds.push(w);
      const service = w.service({
        allowPrivateNotifications: true,
        notifications: {
          on: ["waiting"],
          targets: [{ url: `http://127.0.0.1:${port}/notify`, format: "json" }],
        },
      });
      await service.start();
      const { runId } = await service.startRun({ workflow: "approve" });
      await until(async () => (await service.getRun(runId)).notifications.length === 1);
      expect(JSON.parse(received[0]!)).toMatchObject({
        event: "waiting",
        run: { id: runId, status: "waiting" },
      });
    });
  });

  it("notifies a finished run's targets and records the attempt with the run", async () => {
    await withTarget(async (port, received) => {
      const w = fresh();
      const service = w.service({
        allowPrivateNotifications: true,
        notifications: {
          on: ["success"],
          targets: [{ url: `http://127.0.0.1:${port}/notify`, format: "json" }],
        },
      });
      await service.start();
      const { runId } = await service.startRun({ workflow: "three" });
      await service.idle();
      await until(async () => (await service.getRun(runId)).notifications.length === 1);
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0]!)).toMatchObject({ run: { id: runId, status: "success" } });
      const [record] = (await service.getRun(runId)).notifications;
      expect(record).toMatchObject({ event: "success" });
      expect(JSON.stringify(record)).not.toContain("/notify");
    });
  });
});
