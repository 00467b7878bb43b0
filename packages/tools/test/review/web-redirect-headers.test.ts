// Review: credential headers outside the fixed secret-name list follow redirects to other origins.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWebTools } from "../../src/web/tools.js";
import { contextFor, fakeLookup, toolNamed } from "../web/_helpers.js";

let server: Server;
let port: number;
const seen: { host: string | undefined; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ host: req.headers.host, headers: req.headers });
    if (req.url === "/start") {
      res.writeHead(302, { location: `http://other.test:${port}/echo` }).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(req.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen.length = 0;
});

const tools = () =>
  createWebTools({
    network: { allowPrivateNetwork: true },
    lookup: fakeLookup({ "api.test": ["127.0.0.1"], "other.test": ["127.0.0.1"] }),
  });

describe("review: credential headers on cross-origin redirects", () => {
  // RISK (low/medium): only Authorization, Proxy-Authorization, Cookie, X-Api-Key and Api-Key are
  // dropped when a redirect leaves the origin. Widely used credential headers such as
  // `X-Auth-Token` (OpenStack, many SaaS APIs) and `Private-Token` (GitLab) are forwarded to
  // whatever host the first server redirects to, and are not redacted from outputs either.
  it("does not forward X-Auth-Token / Private-Token to another origin", async () => {
    const raw = toolNamed(tools(), "web_fetch_raw");
    await raw.run(
      {
        url: `http://api.test:${port}/start`,
        headers: { "X-Auth-Token": "xat-0123456789", "Private-Token": "glpat-0123456789" },
      },
      contextFor(),
    );
    const second = seen.find((s) => s.host?.startsWith("other.test"));
    expect(second).toBeDefined();
    expect(second?.headers["x-auth-token"]).toBeUndefined();
    expect(second?.headers["private-token"]).toBeUndefined();
  });
});
