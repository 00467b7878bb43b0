// Harness of the real-process tests of `skillflow serve`: a trusted temp project, the BUILT CLI as
// a child process (its URL from the first stdout line), the API token, a counting HTTP server.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { REPO_ROOT, cli, freshHome, temp, trustedEnv } from "../helpers.js";

/**
 * The timeout of a test that starts serve processes (each start takes a second or more on a busy
 * machine): a guard against a hang, never a measure.
 */
export const SERVE_TEST = { timeout: 30_000 };

/** A `steps:` list with one step that calls no tool (for workflows whose outputs are the point). */
export const NO_TOOL_STEPS = `steps:
  - id: nothing
    type: transform
    operation: filter
    where: "true"
    inputs:
      items: { type: array, value: [] }
    outputs:
      items: { type: array }`;

/** The built executable (tests of real processes run `dist`, as a user does). */
export const BIN = path.join(REPO_ROOT, "packages/cli/bin/skillflow.js");
const DIST = path.join(REPO_ROOT, "packages/cli/dist/main.js");

/** A temp project: its folder and the environment (history and user config folders) of its calls. */
export interface Project {
  root: string;
  env: Record<string, string>;
}

/** A project with `skills` (name → the workflow block's YAML) and `config` (skillflow.config.yaml). */
export async function project(
  skills: Record<string, string>,
  config: string,
  options: { trusted?: boolean; env?: Record<string, string> } = {},
): Promise<Project> {
  if (!existsSync(DIST)) throw new Error("packages/cli/dist is missing: run `npm run build` first");
  const root = temp("skillflow-serve-");
  for (const [name, workflow] of Object.entries(skills)) {
    const folder = path.join(root, ".agents/skills", name);
    mkdirSync(folder, { recursive: true });
    const text = `---\nname: ${name}\ndescription: ${name} (a test workflow).\n---\n\n\`\`\`workflow\n${workflow}\n\`\`\`\n`;
    writeFileSync(path.join(folder, "SKILL.md"), text);
  }
  writeFileSync(path.join(root, "skillflow.config.yaml"), config);
  const home =
    options.trusted === false
      ? { SKILLFLOW_CONFIG_HOME: temp("skillflow-config-") }
      : await trustedEnv(root);
  return {
    root,
    env: { ...home, SKILLFLOW_HOME: freshHome(), NO_COLOR: "1", ...options.env },
  };
}

/** Runs the CLI in-process in the project (same history and config folders as its `serve`). */
export const call = (p: Project, ...argv: string[]) => cli(argv, { cwd: p.root, env: p.env });

/** How a child ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running `skillflow serve`. */
export interface Serve {
  child: ChildProcess;
  url: string;
  token: string;
  /** Its first stdout line (`--json`): url, port, schedules, and the dashboard's login link if any. */
  line: Record<string, unknown>;
  /** Everything it wrote on stderr so far. */
  stderr(): string;
  /** Resolves when the process exits. */
  exited: Promise<Exit>;
  /** A request to the API with the token (`path` from the root: `/api/v1/runs`). */
  api(method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

const children = new Set<ChildProcess>();

/** SIGKILLs every child still running (call in afterEach). */
export async function killAll(): Promise<void> {
  const running = [...children];
  children.clear();
  await Promise.all(
    running.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await gone;
    }),
  );
}

/** Starts `skillflow serve --port 0 --json` in the project; resolves once it listens. */
export async function startServe(p: Project, ...args: string[]): Promise<Serve> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--json", ...args], {
    cwd: p.root,
    env: { ...process.env, ...p.env },
  });
  children.add(child);
  let stderr = "";
  let stdout = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding("utf8");
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      const end = stdout.indexOf("\n");
      if (end >= 0) resolve(stdout.slice(0, end));
    });
    void exited.then((exit) =>
      reject(new Error(`serve exited (${exit.code ?? exit.signal}) before listening:\n${stderr}`)),
    );
  });
  const line = JSON.parse(await firstLine) as Record<string, unknown> & { url: string };
  const url = line.url;
  const printed = await call(p, "serve", "--print-token");
  if (printed.code !== 0) throw new Error(`serve --print-token failed: ${printed.stderr}`);
  const token = printed.stdout.trim();
  return {
    child,
    url,
    token,
    line,
    stderr: () => stderr,
    exited,
    api: (method, route, body) =>
      request(`${url}${route}`, { method, token, ...(body === undefined ? {} : { body }) }),
  };
}

/** One HTTP request; the answer's JSON body (or text when it is not JSON). */
export async function request(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> },
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the text itself.
  }
  return { status: response.status, body: parsed };
}

/** Polls `check` until it answers something truthy (vitest's test timeout ends a hang). */
export async function until<T>(check: () => Promise<T> | T, every = 50): Promise<NonNullable<T>> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await sleep(every);
  }
}

/** A local server counting requests by path; `hold(path)` keeps its requests open until released. */
export interface Counter {
  url: string;
  counts: Record<string, number>;
  /** The next requests of `path` wait until `release(path)`. */
  hold(path: string): void;
  release(path: string): void;
  close(): Promise<void>;
}

/** Starts a counting server on 127.0.0.1 (answers `{"path": ..., "n": ...}`). */
export async function countingServer(): Promise<Counter> {
  const counts: Record<string, number> = {};
  const held = new Map<string, (() => void)[] | undefined>();
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const route = new URL(req.url ?? "/", "http://x").pathname;
    counts[route] = (counts[route] ?? 0) + 1;
    const reply = () =>
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ path: route, n: counts[route] }));
    const waiting = held.get(route);
    if (waiting) waiting.push(reply);
    else reply();
  };
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    hold: (route) => {
      if (!held.get(route)) held.set(route, []);
    },
    release: (route) => {
      const waiting = held.get(route) ?? [];
      held.delete(route);
      for (const reply of waiting) reply();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const route of [...held.keys()]) held.delete(route);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A workflow of `http` GET steps, one per path (`a`, `b`, `c` → steps a, b, c), against `base`. */
export function httpSteps(base: string, paths: readonly string[]): string {
  const steps = paths.map(
    (name) => `  - id: ${name}
    type: tool
    tool: http
    inputs:
      url: { type: string, value: "${base}/${name}" }
    outputs:
      n: { type: int, value: $result.body.n }`,
  );
  const outputs = paths.map((name) => `  ${name}: { type: int, value: $steps.${name}.output.n }`);
  return `outputs:\n${outputs.join("\n")}\nsteps:\n${steps.join("\n")}`;
}
