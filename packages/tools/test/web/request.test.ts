// The fetch core: per-hop guard checks, manual redirects, timeouts, aborts, size cap, redaction.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SecretRedactor } from "../../src/secrets.js";
import { type NetworkGuard, createNetworkGuard } from "../../src/web/network.js";
import { type RequestSettings, sendRequest, statusError } from "../../src/web/request.js";
import { failure, fakeLookup } from "./_helpers.js";
import { type Fixture, startFixture } from "./_server.js";

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(() => fixture.close());
beforeEach(() => {
  fixture.seen.length = 0;
});

const never = (): AbortSignal => new AbortController().signal;

function settings(overrides: Partial<RequestSettings> = {}): RequestSettings {
  return {
    guard: createNetworkGuard({
      policy: { allowPrivateNetwork: true },
      lookup: fakeLookup({ "a.test": ["127.0.0.1"], "b.test": ["127.0.0.1"] }),
    }),
    timeoutMs: 2_000,
    maxResponseBytes: 1024 * 1024,
    maxRedirects: 5,
    userAgent: "skillflow-test",
    redactor: new SecretRedactor(),
    ...overrides,
  };
}

describe("redirects re-check every hop", () => {
  // The seam: a guard that trusts only the first hop's fake public name and hands every other hop
  // to the real, strict guard — as if a public site redirected to an internal address.
  const strict = createNetworkGuard({
    policy: { allowPrivateNetwork: false },
    lookup: fakeLookup({ "metadata.test": ["169.254.169.254"], "intranet.test": ["10.1.2.3"] }),
  });
  const trustedFirstHop: NetworkGuard = async (url, signal) =>
    url.hostname === "public.test"
      ? { url, hostname: "public.test", addresses: [{ address: "127.0.0.1", family: 4 }] }
      : strict(url, signal);

  it.each([
    ["a literal loopback address", () => `http://127.0.0.1:${fixture.port}/json`, "127.0.0.1"],
    [
      "a name resolving to the metadata service",
      () => "http://metadata.test/latest",
      "169.254.169.254",
    ],
  ])("refuses a redirect to %s", async (_label, target, address) => {
    const start = `http://public.test:${fixture.port}/redirect-to?url=${encodeURIComponent(target())}`;
    const error = await failure(
      sendRequest({ url: start }, settings({ guard: trustedFirstHop }), never()),
    );
    expect([error.code, error.retryable]).toEqual(["FORBIDDEN", false]);
    expect(error.message).toContain(`(${address})`);
    expect(fixture.seen.map((r) => r.path)).toEqual([expect.stringMatching(/^\/redirect-to/)]);
  });

  it("refuses a private hop at the end of a chain", async () => {
    const url = `http://public.test:${fixture.port}/redirect?n=3&to=${encodeURIComponent("http://intranet.test/")}`;
    const error = await failure(
      sendRequest({ url }, settings({ guard: trustedFirstHop }), never()),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(fixture.seen).toHaveLength(3);
  });
});

describe("redirects", () => {
  it("follows a chain and reports the final URL", async () => {
    const response = await sendRequest(
      { url: `${fixture.origin}/redirect?n=3` },
      settings(),
      never(),
    );
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${fixture.origin}/json`);
    expect(fixture.seen).toHaveLength(4);
  });

  it("stops after maxRedirects with a non-retryable HTTP_STATUS", async () => {
    const url = `${fixture.origin}/redirect?n=3`;
    const error = await failure(sendRequest({ url }, settings({ maxRedirects: 2 }), never()));
    expect([error.code, error.retryable]).toEqual(["HTTP_STATUS", false]);
    expect(error.message).toContain("more than 2 redirects");
    expect(fixture.seen).toHaveLength(3);
    await expect(
      sendRequest({ url }, settings({ maxRedirects: 3 }), never()),
    ).resolves.toMatchObject({
      status: 200,
    });
  });

  it("turns POST into a bodyless GET on 303 and keeps it on 307", async () => {
    const post = (status: number) =>
      sendRequest(
        {
          url: `${fixture.origin}/redirect-to?status=${status}&url=/echo`,
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: "payload",
        },
        settings(),
        never(),
      );
    await post(303);
    expect(fixture.seen[1]).toMatchObject({ method: "GET", body: "" });
    expect(fixture.seen[1]?.headers["content-type"]).toBeUndefined();
    fixture.seen.length = 0;
    await post(307);
    expect(fixture.seen[1]).toMatchObject({ method: "POST", body: "payload" });
  });

  it("keeps only harmless headers when a redirect leaves the origin", async () => {
    const headers = {
      authorization: "Bearer tok-123456",
      "x-api-key": "key-123456",
      "x-trace": "t",
      accept: "application/json",
    };
    const go = (target: string) =>
      sendRequest(
        {
          url: `http://a.test:${fixture.port}/redirect-to?url=${encodeURIComponent(target)}`,
          headers,
        },
        settings(),
        never(),
      );
    await go(`http://b.test:${fixture.port}/echo`);
    expect(fixture.seen[1]?.headers).toMatchObject({ accept: "application/json" });
    expect(fixture.seen[1]?.headers["x-trace"]).toBeUndefined();
    expect(fixture.seen[1]?.headers.authorization).toBeUndefined();
    expect(fixture.seen[1]?.headers["x-api-key"]).toBeUndefined();
    fixture.seen.length = 0;
    await go("/echo");
    expect(fixture.seen[1]?.headers).toMatchObject({ authorization: "Bearer tok-123456" });
  });
});

describe("limits and cancellation", () => {
  it("times out with a retryable TIMEOUT", async () => {
    const started = Date.now();
    const error = await failure(
      sendRequest({ url: `${fixture.origin}/slow` }, settings({ timeoutMs: 100 }), never()),
    );
    expect([error.code, error.retryable]).toEqual(["TIMEOUT", true]);
    expect(error.message).toContain("after 100 ms");
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("lets one request override the timeout", async () => {
    const error = await failure(
      sendRequest({ url: `${fixture.origin}/slow`, timeoutMs: 50 }, settings(), never()),
    );
    expect(error.code).toBe("TIMEOUT");
  });

  it("stops with ABORTED when the invocation signal aborts", async () => {
    const controller = new AbortController();
    const pending = sendRequest({ url: `${fixture.origin}/slow` }, settings(), controller.signal);
    setTimeout(() => controller.abort(new Error("run cancelled")), 50);
    const error = await failure(pending);
    expect([error.code, error.retryable]).toEqual(["ABORTED", false]);
    expect(error.message).toContain("run cancelled");
  });

  it("does not start when the signal is already aborted", async () => {
    const error = await failure(
      sendRequest({ url: `${fixture.origin}/json` }, settings(), AbortSignal.abort()),
    );
    expect(error.code).toBe("ABORTED");
    expect(fixture.seen).toHaveLength(0);
  });

  it("stops reading a streamed body past maxResponseBytes", async () => {
    const error = await failure(
      sendRequest(
        { url: `${fixture.origin}/huge` },
        settings({ maxResponseBytes: 100_000 }),
        never(),
      ),
    );
    expect([error.code, error.retryable]).toEqual(["TOO_LARGE", false]);
    expect(error.message).toContain("100000 bytes");
  });

  it("refuses a declared Content-Length past the cap without reading", async () => {
    const url = `${fixture.origin}/huge-declared`;
    const error = await failure(sendRequest({ url }, settings(), never()));
    expect(error.code).toBe("TOO_LARGE");
  });

  it("reports a refused connection as a retryable NETWORK error", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const error = await failure(
      sendRequest({ url: `http://127.0.0.1:${port}/` }, settings(), never()),
    );
    expect([error.code, error.retryable]).toEqual(["NETWORK", true]);
    expect(error.message).toContain("ECONNREFUSED");
  });
});

describe("requests", () => {
  it("sends the user agent, defaults and caller headers (caller wins)", async () => {
    await sendRequest(
      {
        url: `${fixture.origin}/echo`,
        headers: { Accept: "text/csv" },
        defaultHeaders: { accept: "application/json", "x-default": "d" },
      },
      settings(),
      never(),
    );
    expect(fixture.seen[0]?.headers).toMatchObject({
      "user-agent": "skillflow-test",
      accept: "text/csv",
      "x-default": "d",
    });
  });

  it("appends query parameters, repeating arrays", async () => {
    const response = await sendRequest(
      { url: `${fixture.origin}/echo?a=1`, query: { b: "two", c: [3, true] } },
      settings(),
      never(),
    );
    expect(response.url).toBe(`${fixture.origin}/echo?a=1&b=two&c=3&c=true`);
  });

  it("moves URL credentials into a Basic Authorization header", async () => {
    const url = `http://user:p%40ss@127.0.0.1:${fixture.port}/echo`;
    const response = await sendRequest({ url }, settings(), never());
    expect(fixture.seen[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from("user:p@ss").toString("base64")}`,
    );
    expect(response.url).toBe(`${fixture.origin}/echo`);
  });

  it("rejects a body on GET and invalid URLs or headers as INVALID_ARGUMENTS", async () => {
    const cases = [
      { url: `${fixture.origin}/echo`, body: "x" },
      { url: "not a url" },
      { url: `${fixture.origin}/echo`, headers: { "bad header": "x" } },
    ];
    for (const request of cases) {
      expect((await failure(sendRequest(request, settings(), never()))).code).toBe(
        "INVALID_ARGUMENTS",
      );
    }
    expect(fixture.seen).toHaveLength(0);
  });

  it("reads HEAD responses as empty", async () => {
    const response = await sendRequest(
      { url: `${fixture.origin}/json`, method: "HEAD" },
      settings(),
      never(),
    );
    expect([response.status, response.body.byteLength]).toEqual([200, 0]);
  });
});

describe("secrets never appear in error messages", () => {
  const token = "sk-live-0123456789abcdef";
  const marked = "host-marked-secret-42";
  const redactor = new SecretRedactor([marked]);

  async function messageOf(url: string, extra: Partial<RequestSettings> = {}): Promise<string> {
    const error = await failure(
      sendRequest(
        { url, headers: { Authorization: `Bearer ${token}`, "X-Api-Key": `${token}-2` } },
        settings({ redactor, timeoutMs: 50, ...extra }),
        never(),
      ),
    );
    return error.message;
  }

  it.each([
    [
      "a timeout",
      () =>
        `http://alice:hunter2-password@127.0.0.1:${fixture.port}/slow?q=${marked}&api_key=plain-key-value`,
    ],
    ["a refused hop", () => `http://alice:hunter2-password@10.0.0.1/?api_key=plain-key-value`],
    ["an invalid URL", () => `http://alice:hunter2-password@[bad/?token=${token}`],
  ])("in %s", async (_label, url) => {
    const strict = createNetworkGuard({ policy: { allowPrivateNetwork: false } });
    const message = await messageOf(url(), url().includes("10.0.0.1") ? { guard: strict } : {});
    for (const secret of [token, "hunter2-password", marked, "plain-key-value"]) {
      expect(message).not.toContain(secret);
    }
    if (message.includes("timed out")) {
      expect(message).toContain("?q=[REDACTED]&api_key=[REDACTED]");
      expect(message).toContain("http://127.0.0.1:");
    }
  });

  it("in HTTP status errors with a body excerpt that echoes them", async () => {
    const response = await sendRequest(
      {
        url: `${fixture.origin}/status?code=503&echo=${marked}`,
        headers: { authorization: token },
      },
      settings({ redactor }),
      never(),
    );
    const error = statusError({
      ...response,
      body: Buffer.from(`upstream saw ${token} and ${marked}`),
    });
    expect([error.code, error.retryable]).toEqual(["HTTP_STATUS", true]);
    expect(error.message).toMatch(/^HTTP 503 Service Unavailable from GET /);
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain(marked);
    expect(error.message).toContain("[REDACTED]");
  });
});
