// sendNotification against a local server: success, 500, timeout, refused, SSRF guard — never throws.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendNotification } from "../../src/notify/index.js";

let server: Server;
let base: string;
const received: { path: string; type: string | undefined; body: unknown }[] = [];

async function readBody(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += String(chunk);
  return text;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((text) => {
      received.push({
        path: req.url ?? "",
        type: req.headers["content-type"],
        body: JSON.parse(text),
      });
      if (req.url === "/fail") res.writeHead(500).end("no");
      else if (req.url === "/redirect") res.writeHead(302, { location: "/ok" }).end();
      else if (req.url === "/hang")
        return; // never answers
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const local = { allowPrivateNetwork: true };

describe("sendNotification", () => {
  it("POSTs the payload as JSON and records success", async () => {
    const result = await sendNotification({ url: `${base}/ok` }, { text: "hi" }, local);
    expect(result).toEqual({ ok: true, host: new URL(base).host, status: 204 });
    expect(received.at(-1)).toEqual({
      path: "/ok",
      type: "application/json",
      body: { text: "hi" },
    });
  });

  it("records a 500 answer", async () => {
    const result = await sendNotification({ url: `${base}/fail` }, {}, local);
    expect(result).toMatchObject({ ok: false, status: 500, error: { code: "HTTP_STATUS" } });
  });

  it("does not follow redirects", async () => {
    const before = received.length;
    const result = await sendNotification({ url: `${base}/redirect` }, {}, local);
    expect(result).toMatchObject({ ok: false, status: 302, error: { code: "HTTP_STATUS" } });
    expect(received.length).toBe(before + 1);
  });

  it("records a timeout", async () => {
    const result = await sendNotification(
      { url: `${base}/hang` },
      {},
      { ...local, timeoutMs: 100 },
    );
    expect(result).toMatchObject({ ok: false, error: { code: "TIMEOUT" } });
  });

  it("records a cancellation", async () => {
    const controller = new AbortController();
    const sending = sendNotification(
      { url: `${base}/hang` },
      {},
      { ...local, signal: controller.signal },
    );
    controller.abort();
    expect(await sending).toMatchObject({ ok: false, error: { code: "ABORTED" } });
  });

  it("records a refused connection", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await sendNotification({ url: `http://127.0.0.1:${port}/` }, {}, local);
    expect(result).toMatchObject({ ok: false, error: { code: "NETWORK" } });
  });

  it.each([
    "http://127.0.0.1:9/x",
    "http://10.0.0.1/x",
    "http://169.254.169.254/latest",
    "http://[::1]:9/",
  ])("refuses the private target %s unless allowed", async (url) => {
    const result = await sendNotification({ url }, {}, {});
    expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("refuses a public name that resolves to a private address", async () => {
    const lookup = (): Promise<{ address: string; family: number }[]> =>
      Promise.resolve([{ address: "192.168.1.5", family: 4 }]);
    const result = await sendNotification({ url: "https://hooks.example.com/x" }, {}, { lookup });
    expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it.each(["not a url", "ftp://example.com/x", "file:///etc/passwd"])(
    "refuses the target %j",
    async (url) => {
      const result = await sendNotification({ url }, {}, local);
      expect(result).toMatchObject({ ok: false, error: { code: "INVALID_TARGET" } });
    },
  );

  it("never records the target's path or query (they may hold a token)", async () => {
    const result = await sendNotification({ url: `${base}/fail?token=T0KEN-SECRET` }, {}, local);
    expect(JSON.stringify(result)).not.toContain("T0KEN-SECRET");
  });
});
