// HTTP error statuses in the four web tools: they fail by default with status, URL and the start of
// the body; 5xx and 429 are retryable with the server's Retry-After; acceptErrorStatus opts out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebResponse } from "../../src/web/request.js";
import { statusError } from "../../src/web/request.js";
import { parseRetryAfter } from "../../src/_retry-after.js";
import { SecretRedactor } from "../../src/secrets.js";
import { type WebToolOptions, createWebTools } from "../../src/web/tools.js";
import { contextFor, failure, fakeLookup, toolNamed } from "./_helpers.js";
import { type Fixture, startFixture } from "./_server.js";

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(() => fixture.close());

const options: WebToolOptions = {
  network: { allowPrivateNetwork: true },
  lookup: fakeLookup({}),
  timeoutMs: 2_000,
};

const TOOLS = ["web_fetch", "web_fetch_raw", "web_scrape", "http"] as const;

function argsFor(tool: string, url: string, extra: Record<string, unknown> = {}) {
  return tool === "web_scrape" ? { url, selectors: { h: "h1" }, ...extra } : { url, ...extra };
}

function run(tool: string, url: string, extra: Record<string, unknown> = {}): Promise<unknown> {
  return toolNamed(createWebTools(options), tool).run(argsFor(tool, url, extra), contextFor());
}

describe.each(TOOLS)("%s on an HTTP error status", (tool) => {
  it("fails a 500 naming the status, the URL and the start of the body; retryable", async () => {
    const url = `${fixture.origin}/status?code=500`;
    const error = await failure(run(tool, url));
    expect([error.code, error.retryable, error.retryAfterMs]).toEqual([
      "HTTP_STATUS",
      true,
      undefined,
    ]);
    expect(error.message).toMatch(/^HTTP 500 /);
    expect(error.message).toContain(url);
    expect(error.message).toContain("failure 500");
    expect(error.message.length).toBeLessThan(400);
  });

  it("fails a 404 as permanent, ignoring any Retry-After", async () => {
    const error = await failure(run(tool, `${fixture.origin}/status?code=404&retry_after=5`));
    expect([error.code, error.retryable, error.retryAfterMs]).toEqual([
      "HTTP_STATUS",
      false,
      undefined,
    ]);
  });

  it("fails a 429 as retryable with the server's Retry-After in ms", async () => {
    const error = await failure(run(tool, `${fixture.origin}/status?code=429`));
    expect([error.retryable, error.retryAfterMs]).toEqual([true, 7000]);
    expect(error.message).toContain("Retry-After: 7");
  });

  it("redacts a secret query value the error body quotes back", async () => {
    const secret = "qs-9f8e7d6c5b";
    for (const name of ["api_key", "TOKEN", "sig"]) {
      const url = `${fixture.origin}/quote-error?${name}=${secret}&q=1`;
      const error = await failure(run(tool, url));
      expect([error.code, error.retryable]).toEqual(["HTTP_STATUS", false]);
      expect(error.message).toContain("you asked for /quote-error?");
      expect(error.message).not.toContain(secret);
    }
  });

  it("shows the control characters of a binary error body, never sends them", async () => {
    const error = await failure(run(tool, `${fixture.origin}/quote-error`));
    const controls = [...error.message].filter((c) => c < " " || (c >= "\u007f" && c <= "\u009f"));
    expect(controls).toEqual([]);
    expect(error.message).toContain("<U+0000>");
    expect(error.message).toContain("<U+001B>[2J");
    expect(error.message).toContain("<U+009B>31m end");
  });

  it("returns the error status as output with acceptErrorStatus: true", async () => {
    const output = (await run(tool, `${fixture.origin}/status?code=503`, {
      acceptErrorStatus: true,
    })) as { status: number };
    expect(output.status).toBe(503);
  });

  it("documents acceptErrorStatus in its input schema", () => {
    const definition = toolNamed(createWebTools(options), tool);
    expect(definition.inputSchema.properties?.["acceptErrorStatus"]).toMatchObject({
      type: "boolean",
    });
    expect(definition.description).toContain("acceptErrorStatus");
  });
});

describe("statusError", () => {
  const response = (headers: Record<string, string>, body = ""): WebResponse => ({
    url: "https://api.example.test/v1/items?api_key=k-123",
    method: "GET",
    status: 503,
    statusText: "Service Unavailable",
    headers: new Headers(headers) as unknown as WebResponse["headers"],
    contentType: "text/plain",
    body: Buffer.from(body),
    redactor: new SecretRedactor(["hunter2-secret"]),
  });

  it("dates an HTTP-date Retry-After from now", () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const error = statusError(response({ "retry-after": "Thu, 01 Jan 2026 12:00:30 GMT" }), {
      now,
    });
    expect(error.retryAfterMs).toBe(30_000);
  });

  it("redacts secrets in the URL and the body excerpt", () => {
    const error = statusError(response({}, "upstream said hunter2-secret"));
    expect(error.message).not.toContain("hunter2-secret");
    expect(error.message).not.toContain("k-123");
    expect(error.message).toContain("upstream said [REDACTED]");
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 1);
  it.each([
    ["120", 120_000],
    [" 0 ", 0],
    ["Thu, 01 Jan 2026 00:01:00 GMT", 60_000],
    ["Wed, 31 Dec 2025 23:00:00 GMT", 0],
  ])("reads %j as %i ms", (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([null, "", "-5", "1.5", "soon", "99999999999999999999"])("ignores %j", (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
