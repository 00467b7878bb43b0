// createServiceClient against a real createService behind createApiApp + startApiServer on 127.0.0.1.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  createApiApp,
  createServiceClient,
  startApiServer,
  type ApiServer,
  type ServiceEvent,
} from "@skillflow/service";
import { approvalWorkflow, codeOf, THREE, until, world, type World } from "../service/_harness.js";

const TOKEN = "client-test-token-0123456789";
const open: { server: ApiServer; w: World }[] = [];
afterEach(async () => {
  for (const { server, w } of open.splice(0)) {
    await server.close();
    for (const s of w.services) await s.stop({ now: true });
  }
});

async function serve() {
  const w = world({ three: THREE, approve: approvalWorkflow() });
  const service = w.service();
  await service.start();
  const server = await startApiServer(createApiApp(service, { token: TOKEN, version: "1.0.0" }), {
    port: 0,
  });
  open.push({ server, w });
  return { w, service, url: server.url };
}

describe("createServiceClient", () => {
  it("lists workflows, starts a run (by mcp), streams its events and reads it back", async () => {
    const { url } = await serve();
    const client = createServiceClient({ url, token: TOKEN });
    expect((await client.listWorkflows()).map((w) => w.name)).toEqual(["approve", "three"]);
    const ref = await client.startRun({ workflow: "three", trigger: { kind: "mcp" } });
    expect(ref).toMatchObject({ status: "queued" });
    await until(async () => (await client.getRun(ref.runId)).status === "success");
    const run = await client.getRun(ref.runId);
    expect(run).toMatchObject({ outputs: { last: "c" }, trigger: { kind: "manual", by: "mcp" } });
    // The stream connects at some point after subscribe: runs are started until one is seen ending.
    const events: ServiceEvent[] = [];
    const stop = client.subscribe((event) => events.push(event));
    const finished = () => events.some((e) => e.kind === "run_finished");
    while (!finished()) {
      const next = await client.startRun({ workflow: "three" });
      await until(async () => (await client.getRun(next.runId)).status === "success");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    stop();
    expect(events.find((e) => e.kind === "run_finished")).toMatchObject({ status: "success" });
  });

  it("decides approvals, cancels runs and throws the API's codes as ServiceErrors", async () => {
    const { url } = await serve();
    const client = createServiceClient({ url, token: TOKEN });
    const ref = await client.startRun({ workflow: "approve" });
    await until(async () => (await client.getRun(ref.runId)).status === "waiting");
    expect((await client.listApprovals()).map((a) => [a.runId, a.key])).toEqual([
      [ref.runId, "confirm"],
    ]);
    expect(await client.decide(ref.runId, "confirm", { approved: true })).toMatchObject({
      status: "queued",
    });
    await until(async () => (await client.getRun(ref.runId)).status === "success");
    const waiting = await client.startRun({ workflow: "approve" });
    await until(async () => (await client.getRun(waiting.runId)).status === "waiting");
    expect(await client.cancelRun(waiting.runId)).toMatchObject({ status: "cancelled" });
    expect(await codeOf(client.getRun("nope"))).toBe("UNKNOWN_RUN");
    expect(await codeOf(client.startRun({ workflow: "nope" }))).toBe("UNKNOWN_WORKFLOW");
    expect(await codeOf(client.cancelRun(ref.runId))).toBe("NOT_CANCELLABLE");
    const wrong = createServiceClient({ url, token: "wrong-token-0123456789" });
    expect(await codeOf(wrong.listWorkflows())).toBe("UNAUTHORIZED");
  });

  it("never follows a redirect, so the token never reaches another address", async () => {
    const hits: (string | undefined)[] = [];
    const listen = (handle: Parameters<typeof createServer>[1]) =>
      new Promise<{ server: Server; url: string }>((resolve) => {
        const server = createServer(handle);
        server.listen(0, "127.0.0.1", () =>
          resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
        );
      });
    const other = await listen((req, res) => {
      hits.push(req.headers.authorization);
      res.setHeader("content-type", "application/json");
      res.end("[]");
    });
    const redirecting = await listen((req, res) => {
      res.statusCode = 307;
      res.setHeader("location", `${other.url}${req.url ?? "/"}`);
      res.end();
    });
    try {
      const client = createServiceClient({ url: redirecting.url, token: TOKEN });
      expect(await codeOf(client.listWorkflows())).toBe("SERVICE_REDIRECTED");
      expect(await codeOf(client.startRun({ workflow: "x" }))).toBe("SERVICE_REDIRECTED");
      expect(hits).toEqual([]);
    } finally {
      for (const s of [other.server, redirecting.server])
        await new Promise((resolve) => s.close(resolve));
    }
  });

  it("says an answer that is not JSON is not the service's, with a code", async () => {
    const client = createServiceClient({
      url: "http://127.0.0.1:1",
      token: TOKEN,
      fetch: () => Promise.resolve(new Response("<html>proxy</html>", { status: 502 })),
    });
    expect(await codeOf(client.listWorkflows())).toBe("HTTP_502");
  });
});
