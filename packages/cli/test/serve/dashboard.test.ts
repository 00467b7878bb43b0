// The dashboard through a real `skillflow serve`: the login link it prints works once and opens a
// cookie session; `skillflow dashboard` asks the running serve for a fresh link; the skills route.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  call,
  killAll,
  NO_TOOL_STEPS,
  project,
  request,
  startServe,
  SERVE_TEST,
} from "./_serve.js";

afterEach(killAll);

const INDEX = "<!doctype html><title>skillflow dashboard</title>";

/** A built dashboard folder (what @skillflow/dashboard's dist will hold). */
function builtDashboard(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "skillflow-dash-")), "dist");
  mkdirSync(path.join(dir, "assets"), { recursive: true });
  writeFileSync(path.join(dir, "index.html"), INDEX);
  writeFileSync(path.join(dir, "assets/app-1.js"), "void 0;");
  return dir;
}

/** The serve marker (`*.serve.json`) below one of `roots`. */
function findMarker(roots: readonly string[]): string {
  for (const root of roots)
    for (const entry of readdirSync(root, { recursive: true, encoding: "utf8" }))
      if (entry.endsWith(".serve.json")) return path.join(root, entry);
  throw new Error(`no serve marker below ${roots.join(", ")}`);
}

/** Opens a login link: the status and the session cookie it set. */
async function open(link: string): Promise<{ status: number; cookie: string }> {
  const response = await fetch(link, { redirect: "manual" });
  return {
    status: response.status,
    cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] as string,
  };
}

describe("serve's dashboard", SERVE_TEST, () => {
  it("prints a one-time login link that opens a cookie session for the app and the API", async () => {
    const p = await project({}, "{}\n");
    const serve = await startServe(p, "--dashboard", builtDashboard());
    const link = serve.line.dashboard as string;
    expect(link).toMatch(new RegExp(`^${serve.url}/login\\?code=[A-Za-z0-9_-]{43}$`));

    const first = await open(link);
    expect(first.status).toBe(303);
    expect(first.cookie).toMatch(/^skillflow_session=/);
    const page = await fetch(`${serve.url}/runs/some-run`, { headers: { cookie: first.cookie } });
    expect(await page.text()).toBe(INDEX);
    const session = await request(`${serve.url}/api/v1/session`, {
      headers: { cookie: first.cookie },
    });
    expect(session).toEqual({ status: 200, body: { authenticated: true, via: "cookie" } });
    expect((await open(link)).status).toBe(403);
  });

  it("`skillflow dashboard` prints a fresh link from the running serve (and --json)", async () => {
    const p = await project({}, "{}\n");
    const serve = await startServe(p, "--dashboard", builtDashboard());
    const text = await call(p, "dashboard");
    expect(text.code).toBe(0);
    const link = text.stdout.trim();
    expect(link).toMatch(new RegExp(`^${serve.url}/login\\?code=`));
    expect(link).not.toBe(serve.line.dashboard);
    expect((await open(link)).status).toBe(303);

    const json = await call(p, "dashboard", "--json");
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { url: string; expiresAt: string };
    expect(Number.isNaN(Date.parse(parsed.expiresAt))).toBe(false);
    expect((await open(parsed.url)).status).toBe(303);
  });

  it("`skillflow dashboard` prints an answered link without its terminal control characters", async () => {
    const p = await project({}, "{}\n");
    await startServe(p, "--dashboard", builtDashboard());
    // Whatever answers at the marker's address (another local program on that port after a
    // restart) must not write escape sequences to the user's terminal.
    const fake = createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          url: "http://127.0.0.1/login?code=x\u001b]0;owned\u0007",
          expiresAt: "2026-01-01T00:00:00Z",
        }),
      );
    });
    await new Promise<void>((done) => fake.listen(0, "127.0.0.1", done));
    try {
      const marker = findMarker([p.root, p.env.SKILLFLOW_HOME as string]);
      const record = JSON.parse(readFileSync(marker, "utf8")) as { pid: number; url: string };
      const { port } = fake.address() as AddressInfo;
      writeFileSync(marker, JSON.stringify({ ...record, url: `http://127.0.0.1:${port}` }), {
        mode: 0o600,
      });
      const result = await call(p, "dashboard");
      expect(result.code).toBe(0);
      const controls = [...result.stdout].filter((ch) => ch !== "\n" && ch.charCodeAt(0) < 0x20);
      expect(controls).toEqual([]);
      expect(result.stdout).toContain("\\x1b]0;owned\\x07");
    } finally {
      fake.close();
    }
  });

  it("`skillflow dashboard` without a running serve says how to start one (exit 2, no stack)", async () => {
    const p = await project({}, "{}\n");
    const result = await call(p, "dashboard");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error SERVE_NOT_RUNNING: .*skillflow serve/);
    expect(result.stderr).not.toContain("    at ");
  });

  it("serves the installed @skillflow/dashboard's build by default", async () => {
    const p = await project({}, "{}\n");
    const serve = await startServe(p);
    const link = serve.line.dashboard as string;
    expect(link).toMatch(new RegExp(`^${serve.url}/login\\?code=`));
    const { cookie } = await open(link);
    const page = await fetch(`${serve.url}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await page.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${serve.url}${asset}`);
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("with --no-dashboard, serve prints no link and `skillflow dashboard` says why", async () => {
    const p = await project({}, "{}\n");
    const serve = await startServe(p, "--no-dashboard");
    expect(serve.line).not.toHaveProperty("dashboard");
    expect((await request(`${serve.url}/`, {})).status).toBe(404);
    const result = await call(p, "dashboard");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error NO_DASHBOARD: .*@skillflow\/dashboard/);
  });

  it("refuses a --dashboard folder without index.html before starting", async () => {
    const p = await project({}, "{}\n");
    const result = await call(p, "serve", "--dashboard", p.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error BAD_ARGUMENTS: --dashboard .*index\.html/);
  });

  it("lists the problems `skills validate` finds, located, not only those of discovery", async () => {
    const broken = `steps:
  - id: pick
    type: transform
    operation: filter
    where: "true"
    inputs:
      items: { type: array, value: $steps.nowhere.output.items }
    outputs:
      items: { type: array }`;
    const p = await project({ digest: NO_TOOL_STEPS, broken }, "{}\n");
    const serve = await startServe(p, "--no-dashboard");
    const validate = await call(p, "skills", "validate", ".agents/skills/broken", "--json");
    const expected = (
      JSON.parse(validate.stdout) as { diagnostics: { code: string; line: number }[] }[]
    )[0]!.diagnostics.map((d) => ({ code: d.code, line: d.line }));
    expect(expected.length).toBeGreaterThan(0);
    const list = (await serve.api("GET", "/api/v1/skills")).body as {
      name: string;
      problems: { code: string; line: number; severity: string }[];
    }[];
    const problems = list.find((s) => s.name === "broken")?.problems ?? [];
    expect(problems.map((d) => ({ code: d.code, line: d.line }))).toEqual(expected);
    expect(problems.every((d) => d.severity === "error" || d.severity === "warning")).toBe(true);
    expect(list.find((s) => s.name === "digest")?.problems).toEqual([]);
    const one = await serve.api("GET", "/api/v1/skills/broken");
    expect((one.body as { problems: unknown[] }).problems).toEqual(problems);
  });

  it("serves the project's skills with their body and declared inputs", async () => {
    const workflow = `inputs:\n  topic: { type: string, description: What to write about. }\n${NO_TOOL_STEPS}`;
    const p = await project({ digest: workflow }, "{}\n");
    const serve = await startServe(p, "--no-dashboard");
    const list = await serve.api("GET", "/api/v1/skills");
    expect(list.status).toBe(200);
    expect(list.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: "digest",
          scope: "project",
          runnable: true,
          enabled: true,
        }),
      ]),
    );
    const one = await serve.api("GET", "/api/v1/skills/digest");
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      name: "digest",
      files: ["SKILL.md"],
      inputs: { topic: { type: "string", description: "What to write about." } },
    });
    expect((one.body as { body: string }).body).toMatch(/^\s*```workflow/);
    expect((await serve.api("GET", "/api/v1/skills/nope")).body).toMatchObject({
      error: { code: "UNKNOWN_SKILL" },
    });
    expect(one.body).toMatchObject({ problems: [] });
    expect(await serve.api("GET", "/api/v1/evals/reports")).toEqual({ status: 200, body: [] });
    expect(await serve.api("GET", "/api/v1/evals/history/digest")).toEqual({
      status: 200,
      body: [],
    });
  });
});
