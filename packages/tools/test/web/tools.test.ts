// The four web tools end to end against the local fixture: outputs, schemas, errors, safety.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SecretRedactor } from "../../src/secrets.js";
import type { ToolDefinition } from "../../src/tool.js";
import { type NetworkGuard, createNetworkGuard } from "../../src/web/network.js";
import { type WebToolOptions, createWebTools, resolveWebSettings } from "../../src/web/tools.js";
import { webFetchTool } from "../../src/web/web-fetch.js";
import { contextFor, expectSchema, failure, fakeLookup, toolNamed } from "./_helpers.js";
import { type Fixture, startFixture } from "./_server.js";

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(() => fixture.close());
beforeEach(() => {
  fixture.seen.length = 0;
});

// The tests reach the fixture on loopback, so they allow private networks explicitly.
const options: WebToolOptions = {
  network: { allowPrivateNetwork: true },
  lookup: fakeLookup({ "site.test": ["127.0.0.1"] }),
  timeoutMs: 2_000,
};

async function call(
  name: string,
  args: Record<string, unknown>,
  extra: WebToolOptions = {},
): Promise<Record<string, unknown>> {
  const tool = toolNamed(createWebTools({ ...options, ...extra }), name);
  const output = await tool.run(args, contextFor());
  expectSchema(tool.outputSchema, output);
  return output as Record<string, unknown>;
}

function run(
  name: string,
  args: Record<string, unknown>,
  extra: WebToolOptions = {},
): Promise<unknown> {
  return toolNamed(createWebTools({ ...options, ...extra }), name).run(args, contextFor());
}

describe("createWebTools", () => {
  it("defines the four tools with object input and output schemas", () => {
    const tools = createWebTools(options);
    expect(tools.map((t) => t.name)).toEqual(["web_fetch", "web_fetch_raw", "web_scrape", "http"]);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type).toBe("object");
    }
  });

  it.each([{ timeoutMs: 0 }, { maxResponseBytes: -1 }, { maxRedirects: 1.5 }])(
    "rejects %j as CONFIGURATION",
    (bad) => {
      expect(() => createWebTools(bad)).toThrow(expect.objectContaining({ code: "CONFIGURATION" }));
    },
  );
});

describe("web_fetch", () => {
  it("reduces an article page to Markdown with absolute links", async () => {
    const out = await call("web_fetch", { url: `${fixture.origin}/article` });
    expect(out.title).toBe("Tools in Skillflow");
    expect(out.url).toBe(`${fixture.origin}/article`);
    const content = out.content as string;
    expect(content).toContain("## Safety");
    expect(content).toMatch(/^- +Private addresses are refused$/m);
    expect(content).toContain(`[tool reference](${fixture.origin}/docs/tools)`);
    for (const noise of ["Copyright footer", "SCRIPT-CONTENT", "About"])
      expect(content).not.toContain(noise);
  });

  it("returns plain text with paragraphs and list items on their own lines", async () => {
    const out = await call("web_fetch", { url: `${fixture.origin}/article`, extract: "text" });
    const content = out.content as string;
    expect(content).not.toMatch(/^#/m);
    expect(content).toMatch(
      /\n\nSafety\n\nPrivate addresses are refused\nSecrets are redacted\n\n/,
    );
  });

  it("falls back to the body when Readability finds no article", async () => {
    const out = await call("web_fetch", { url: `${fixture.origin}/no-article` });
    expect(out).toEqual({
      content: "Just a short line.",
      title: "Tiny",
      url: `${fixture.origin}/no-article`,
      status: 200,
    });
  });

  it("handles HTML fragments and sniffs untyped HTML", async () => {
    const fragment = await call("web_fetch", {
      url: `${fixture.origin}/fragment`,
      extract: "text",
    });
    expect(fragment).toMatchObject({ content: "Only a fragment.", title: "Frag" });
    const sniffed = await call("web_fetch", { url: `${fixture.origin}/untyped-html` });
    expect(sniffed.content).toBe("Sniffed.");
  });

  it("returns non-HTML bodies as text, decoded by charset", async () => {
    expect(await call("web_fetch", { url: `${fixture.origin}/plain` })).toEqual({
      content: "plain text",
      url: `${fixture.origin}/plain`,
      status: 200,
    });
    expect((await call("web_fetch", { url: `${fixture.origin}/latin1` })).content).toBe("café");
  });

  it("reports the final URL after redirects, through pinned fake names", async () => {
    const out = await call("web_fetch", { url: `http://site.test:${fixture.port}/redirect?n=2` });
    expect(out.url).toBe(`http://site.test:${fixture.port}/json`);
    expect(JSON.parse(out.content as string)).toEqual({ ok: true, items: [1, 2] });
  });

  it.each([
    [404, false],
    [429, true],
    [503, true],
  ])("fails HTTP %i with HTTP_STATUS (retryable: %s)", async (code, retryable) => {
    const error = await failure(run("web_fetch", { url: `${fixture.origin}/status?code=${code}` }));
    expect([error.code, error.retryable]).toEqual(["HTTP_STATUS", retryable]);
    expect(error.message).toMatch(new RegExp(`^HTTP ${code} `));
  });
});

describe("web_fetch_raw", () => {
  it("returns the body untransformed with status and content type", async () => {
    const out = await call("web_fetch_raw", { url: `${fixture.origin}/json` });
    expect(out).toEqual({
      content: '{"ok":true,"items":[1,2]}',
      url: `${fixture.origin}/json`,
      contentType: "application/json",
      status: 200,
    });
  });

  it("sends any method (case-insensitive), headers and body", async () => {
    await call("web_fetch_raw", {
      url: `${fixture.origin}/echo`,
      method: "put",
      headers: { "content-type": "text/plain", "x-one": "1" },
      body: "hello",
    });
    expect(fixture.seen[0]).toMatchObject({
      method: "PUT",
      body: "hello",
      headers: { "x-one": "1" },
    });
  });

  it("returns error statuses as output only with acceptErrorStatus", async () => {
    const url = `${fixture.origin}/status?code=500`;
    const error = await failure(run("web_fetch_raw", { url }));
    expect([error.code, error.retryable]).toEqual(["HTTP_STATUS", true]);
    const out = await call("web_fetch_raw", { url, acceptErrorStatus: true });
    expect(out.status).toBe(500);
    expect(out.content).toContain("failure 500");
  });

  it("returns a 3xx it does not follow with its status", async () => {
    const out = await call("web_fetch_raw", {
      url: `${fixture.origin}/redirect-to?status=304`,
    });
    expect(out.status).toBe(304);
  });

  it("redacts secret request headers that the server echoes back", async () => {
    const out = await call("web_fetch_raw", {
      url: `${fixture.origin}/echo`,
      headers: { authorization: "Bearer echo-secret-123" },
    });
    expect(out.content).not.toContain("echo-secret-123");
    expect(out.content).toContain("[REDACTED]");
  });

  it("rejects unsupported methods and bodies on GET", async () => {
    for (const args of [
      { url: `${fixture.origin}/echo`, method: "TRACE" },
      { url: `${fixture.origin}/echo`, body: "x" },
    ]) {
      expect((await failure(run("web_fetch_raw", args))).code).toBe("INVALID_ARGUMENTS");
    }
  });
});

describe("web_scrape", () => {
  it("returns the trimmed, non-empty text of every match per selector", async () => {
    const out = await call("web_scrape", {
      url: `${fixture.origin}/list`,
      selectors: {
        names: ".product .name",
        prices: ".price",
        cells: "#stock td",
        none: ".missing",
      },
    });
    expect(out).toEqual({
      status: 200,
      results: {
        names: ["Widget", "Gadget"],
        prices: ["$3", "$5", "$0"],
        cells: ["Widget", "7", "Gadget", "0"],
        none: [],
      },
    });
  });

  it("keeps odd selector names as data and passes headers", async () => {
    const out = await call("web_scrape", {
      url: `${fixture.origin}/list`,
      selectors: JSON.parse('{ "__proto__": "title", "constructor": "th" }') as object,
      headers: { "x-scraper": "yes" },
    });
    const results = out.results as Record<string, string[]>;
    expect(Object.getPrototypeOf(results)).toBe(Object.prototype);
    expect(Object.hasOwn(results, "__proto__")).toBe(true);
    expect(results.constructor).toEqual(["Item", "Qty"]);
    expect(fixture.seen[0]?.headers["x-scraper"]).toBe("yes");
  });

  it("fails a 404 page, and returns its status with acceptErrorStatus", async () => {
    const args = { url: `${fixture.origin}/nope`, selectors: { h: "h1" } };
    const error = await failure(run("web_scrape", args));
    expect([error.code, error.retryable]).toEqual(["HTTP_STATUS", false]);
    const out = await call("web_scrape", { ...args, acceptErrorStatus: true });
    expect(out).toEqual({ status: 404, results: { h: [] } });
  });

  it("rejects an invalid selector before any request", async () => {
    const error = await failure(
      run("web_scrape", { url: `${fixture.origin}/list`, selectors: { broken: "li[[" } }),
    );
    expect(error.code).toBe("INVALID_ARGUMENTS");
    expect(error.message).toContain('"broken"');
    expect(fixture.seen).toHaveLength(0);
  });
});

describe("http", () => {
  it("parses JSON responses and returns headers", async () => {
    const out = await call("http", { url: `${fixture.origin}/json` });
    expect(out).toMatchObject({
      status: 200,
      body: { ok: true, items: [1, 2] },
      bodyEncoding: "json",
    });
    expect(out.headers).toMatchObject({
      "content-type": "application/json",
      "x-request-id": "r-1",
    });
  });

  it("sends a JSON body and query parameters", async () => {
    const out = await call("http", {
      url: `${fixture.origin}/echo`,
      method: "POST",
      query: { page: 2, tags: ["a", "b"] },
      body: { name: "widget", count: 3 },
    });
    const echoed = out.body as { method: string; query: Record<string, string>; body: string };
    expect(echoed.method).toBe("POST");
    expect(JSON.parse(echoed.body)).toEqual({ name: "widget", count: 3 });
    expect(fixture.seen[0]?.path).toBe("/echo?page=2&tags=a&tags=b");
    expect(fixture.seen[0]?.headers).toMatchObject({
      "content-type": "application/json",
      accept: expect.stringContaining("application/json"),
    });
  });

  it.each([
    ["/plain", "plain text", "text"],
    ["/binary", "AAEC/w==", "base64"],
    ["/empty", "", "text"],
  ])("returns %s as %j (%s)", async (path, body, bodyEncoding) => {
    expect(await call("http", { url: `${fixture.origin}${path}` })).toMatchObject({
      body,
      bodyEncoding,
    });
  });

  it("hides Set-Cookie values", async () => {
    const out = await call("http", { url: `${fixture.origin}/cookie` });
    expect((out.headers as Record<string, string>)["set-cookie"]).toBe("[REDACTED]");
    expect(JSON.stringify(out)).not.toContain("abc123secret");
  });

  it("fails invalid JSON with INVALID_OUTPUT", async () => {
    expect((await failure(run("http", { url: `${fixture.origin}/bad-json` }))).code).toBe(
      "INVALID_OUTPUT",
    );
  });

  it.each([
    [429, true],
    [500, true],
    [404, false],
  ])(
    "fails HTTP %i with HTTP_STATUS (retryable: %s) and a body excerpt",
    async (code, retryable) => {
      const error = await failure(run("http", { url: `${fixture.origin}/status?code=${code}` }));
      expect([error.code, error.retryable]).toEqual(["HTTP_STATUS", retryable]);
      expect(error.message).toContain(`HTTP ${code}`);
      expect(error.message).toContain(`failure ${code}`);
      expect(error.message.length).toBeLessThan(400);
      if (code === 429) expect(error.message).toContain("Retry-After: 7");
    },
  );

  it("honours a per-call timeoutMs", async () => {
    const error = await failure(run("http", { url: `${fixture.origin}/slow`, timeoutMs: 50 }));
    expect([error.code, error.retryable]).toEqual(["TIMEOUT", true]);
  });
});

describe("safety and limits through the tools", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const byTool: [string, Record<string, unknown>][] = [
    ["web_fetch", {}],
    ["web_fetch_raw", {}],
    ["web_scrape", { selectors: { t: "title" } }],
    ["http", {}],
  ];

  it.each(byTool)("%s refuses loopback by default", async (name, extra) => {
    vi.stubEnv("SKILLFLOW_ALLOW_PRIVATE_NETWORK", "");
    const tool = toolNamed(createWebTools(), name);
    for (const url of [`${fixture.origin}/json`, `http://[::1]:${fixture.port}/json`]) {
      const error = await failure(tool.run({ url, ...extra }, contextFor()));
      expect(error.code).toBe("FORBIDDEN");
    }
    expect(fixture.seen).toHaveLength(0);
  });

  it("reads the private-network switch from the environment by default", async () => {
    vi.stubEnv("SKILLFLOW_ALLOW_PRIVATE_NETWORK", "1");
    const tool = toolNamed(createWebTools(), "http");
    await expect(tool.run({ url: `${fixture.origin}/json` }, contextFor())).resolves.toMatchObject({
      status: 200,
    });
  });

  it("refuses a redirect to a private address when the first hop is allowed", async () => {
    const strict = createNetworkGuard({ policy: { allowPrivateNetwork: false } });
    const guard: NetworkGuard = async (url, signal) =>
      url.hostname === "public.test"
        ? { url, hostname: "public.test", addresses: [{ address: "127.0.0.1", family: 4 }] }
        : strict(url, signal);
    const tool: ToolDefinition = webFetchTool({ ...resolveWebSettings(options), guard });
    const target = encodeURIComponent(`http://127.0.0.1:${fixture.port}/json`);
    const url = `http://public.test:${fixture.port}/redirect-to?url=${target}`;
    expect((await failure(tool.run({ url }, contextFor()))).code).toBe("FORBIDDEN");
    expect(fixture.seen).toHaveLength(1);
  });

  it("aborts with the invocation signal", async () => {
    const controller = new AbortController();
    const tool = toolNamed(createWebTools(options), "web_fetch");
    const pending = tool.run({ url: `${fixture.origin}/slow` }, contextFor(controller.signal));
    setTimeout(() => controller.abort(), 30);
    expect((await failure(pending)).code).toBe("ABORTED");
  });

  it("caps response size", async () => {
    const error = await failure(
      run("web_fetch_raw", { url: `${fixture.origin}/huge` }, { maxResponseBytes: 4096 }),
    );
    expect(error.code).toBe("TOO_LARGE");
  });

  it("limits redirects", async () => {
    const error = await failure(
      run("web_fetch", { url: `${fixture.origin}/redirect?n=3` }, { maxRedirects: 1 }),
    );
    expect(error.code).toBe("HTTP_STATUS");
  });

  it("keeps header secrets, URL credentials and host-marked secrets out of errors", async () => {
    const redactor = new SecretRedactor(["host-secret-9876"]);
    const error = await failure(
      run(
        "http",
        {
          url: `http://bob:pa55word-xyz@127.0.0.1:${fixture.port}/status?code=401&k=host-secret-9876`,
          headers: { "X-Api-Key": "api-key-abcdef" },
        },
        { redactor },
      ),
    );
    expect(error.code).toBe("HTTP_STATUS");
    for (const secret of ["pa55word-xyz", "host-secret-9876", "api-key-abcdef"]) {
      expect(error.message).not.toContain(secret);
    }
  });
});
