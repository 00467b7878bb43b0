// Fixtures of the dashboard tests: a built app folder (with traps beside it), raw requests, logins.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createSessionStore, type SessionStore } from "../../src/http/sessions.js";
import { startHarness, type Harness } from "./_harness.js";

/** The content of the fixture's files. */
export const INDEX_HTML =
  "<!doctype html><title>dashboard</title><script src=/assets/app-1a2b.js></script>";
export const APP_JS = "console.log('app');";
export const SECRET = "TOP-SECRET-OUTSIDE";

/** A built dashboard in `dir`; `outside` holds a secret file the server must never answer with. */
export function dashboardFixture(): { dir: string; outside: string } {
  const root = mkdtempSync(path.join(tmpdir(), "skillflow-dashboard-"));
  const dir = path.join(root, "dist");
  const outside = path.join(root, "outside");
  mkdirSync(path.join(dir, "assets"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(dir, "index.html"), INDEX_HTML);
  writeFileSync(path.join(dir, "assets/app-1a2b.js"), APP_JS);
  writeFileSync(path.join(dir, "assets/app-1a2b.css"), "body{}");
  writeFileSync(path.join(dir, "favicon.svg"), "<svg/>");
  writeFileSync(path.join(dir, ".env"), SECRET);
  writeFileSync(path.join(outside, "secret.txt"), SECRET);
  writeFileSync(path.join(root, "secret.txt"), SECRET);
  symlinkSync(path.join(outside, "secret.txt"), path.join(dir, "assets/link.js"));
  symlinkSync(outside, path.join(dir, "out"));
  return { dir, outside };
}

/** A fake clock to move by hand. */
export interface Clock {
  now(): number;
  advance(ms: number): void;
}

/** A clock starting at 2026-01-31T09:00:00Z. */
export function clock(): Clock {
  let at = Date.parse("2026-01-31T09:00:00Z");
  return { now: () => at, advance: (ms) => (at += ms) };
}

/** A harness serving a dashboard fixture, with its session store on a fake clock. */
export async function dashboardHarness(
  options: Parameters<typeof startHarness>[0] = {},
): Promise<Harness & { sessions: SessionStore; clock: Clock; dir: string }> {
  const time = clock();
  const sessions = createSessionStore({ now: time.now });
  const { dir } = dashboardFixture();
  const harness = await startHarness({ dashboard: { dir, sessions }, ...options });
  return { ...harness, sessions, clock: time, dir };
}

/** A GET with the exact path given (fetch would normalise `..` away), and the answer's text. */
export function rawGet(
  base: string,
  rawPath: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: rawPath, method: "GET", headers },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** Logs in with a fresh code: the session cookie (`skillflow_session=...`) to send back. */
export async function loginCookie(harness: Harness & { sessions: SessionStore }): Promise<string> {
  const { code } = harness.sessions.issueCode();
  const response = await harness.call(`/login?code=${code}`, { auth: false, redirect: "manual" });
  const cookie = response.headers.get("set-cookie") ?? "";
  const pair = cookie.split(";")[0] ?? "";
  if (response.status !== 303 || !pair.startsWith("skillflow_session="))
    throw new Error(`login failed: ${response.status} ${cookie}`);
  return pair;
}
