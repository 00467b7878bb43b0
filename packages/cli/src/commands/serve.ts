// `skillflow serve`: the long-running service of this project (schedules, hooks, the HTTP API),
// a thin shell around createService: it builds the parts, starts them and stops them on a signal.
import { existsSync } from "node:fs";
import path from "node:path";
import { stringFlag, type Command, type CommandContext, type ParsedArgs } from "../command.js";
import { CliError, EXIT } from "../errors.js";
import { VERSION } from "../main.js";
import { printable } from "../terminal-text.js";
import { buildTools, withPreviousRunListed } from "../tools.js";
import { cliMcpAreas } from "../mcp/areas.js";
import { createMcpHttpHandler } from "@skillflow/mcp";
import {
  createApiApp,
  createSessionStore,
  loadOrCreateToken,
  startApiServer,
  type ApiServer,
  isLoopbackHost,
  type ScheduleInfo,
} from "@skillflow/service";
import { browserUrl, dashboardDir, evalsProvider, skillsProvider } from "../service/dashboard.js";
import { removeServeMarker, runningServe, writeServeMarker } from "../service/marker.js";
import { openCliService, type CliService } from "../service/open.js";
import { tokenFile } from "../service/token-file.js";

const help = `usage: skillflow serve [options]

Runs this project's service: schedules fire, webhooks (POST /hooks/<name>) start their workflows,
queued runs (\`skillflow schedules trigger\`) run, and the HTTP API answers on 127.0.0.1:7787 by
default (every route but /health needs the bearer token). Runs are recorded in the run history
(\`skillflow runs\`); the queue and the schedules' state live in .skillflow/service.db next to it.
A project's schedules, hooks and notification targets apply only once you trust the project:
see \`skillflow trust\`.

The dashboard (@skillflow/dashboard, when built) is served at / and serve prints a one-time
login link (\`dashboard: <address>/login?code=...\`, valid 10 minutes); \`skillflow dashboard\`
prints a new one. Sessions live in memory: a restart logs every browser out.

The token is created on first start in your config folder ($SKILLFLOW_CONFIG_HOME, else
~/.config/skillflow or the platform's folder) as \`service-token\` (mode 0600).

SIGTERM or Ctrl-C stops taking work, lets running steps finish (service.graceSeconds, default 30)
and exits 0; a second signal exits at once (130): unfinished runs resume at the next start. After a
crash (SIGKILL, power loss), the next start resumes the runs once their leases lapse
(service.leaseSeconds, default 30).

Options:
      --host <host>        interface to listen on (default: service.host, else 127.0.0.1)
      --port <n>           port (default: service.port, else 7787; 0 picks a free one)
      --print-token        print the API token (created if needed) and exit
      --dashboard <dir>    serve the dashboard's built files from <dir> (default: the installed
                           @skillflow/dashboard package's, if built)
      --no-dashboard       serve the API only (no dashboard, no login link)
      --config <file>      project configuration file (default: ./skillflow.config.{json,yaml,yml})
      --json               print the address and schedules as one JSON line
  -h, --help               show this help

Examples:
  skillflow serve
  skillflow serve --port 8080
  curl -H "Authorization: Bearer $(skillflow serve --print-token)" http://127.0.0.1:7787/api/v1/runs

Reference: docs/service.md`;

function port(args: ParsedArgs, fallback: number): number {
  const text = stringFlag(args, "port");
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 65_535)
    throw new CliError(
      "BAD_ARGUMENTS",
      `--port must be a number from 0 to 65535 (got "${text}")`,
      help,
    );
  return value;
}

/** Resolves at the first SIGTERM/SIGINT (or `abort`); a second one calls `again`. */
function signals(
  again: () => void,
  abort?: AbortSignal,
): { first: Promise<string>; dispose(): void } {
  let count = 0;
  let resolve!: (name: string) => void;
  const first = new Promise<string>((r) => (resolve = r));
  const on = (name: string) => () => {
    count += 1;
    if (count === 1) resolve(name);
    else again();
  };
  const term = on("SIGTERM");
  const int = on("SIGINT");
  process.on("SIGTERM", term);
  // With the CLI's own interrupt signal, Ctrl-C arrives through it (a second Ctrl-C exits 130 there).
  if (abort === undefined) process.on("SIGINT", int);
  else abort.addEventListener("abort", on("SIGINT"), { once: true });
  return {
    first,
    dispose() {
      process.off("SIGTERM", term);
      process.off("SIGINT", int);
    },
  };
}

function scheduleLines(schedules: readonly ScheduleInfo[]): string {
  if (schedules.length === 0) return "no schedules\n";
  return schedules
    .map((s) => {
      const when = !s.enabled ? "disabled" : s.paused ? "paused" : `next ${s.next[0] ?? "—"}`;
      return `  ${s.name}  ${s.cron} (${s.timezone})  ${when}\n`;
    })
    .join("");
}

/** A listening failure the user can fix (the port is taken, the address is not this machine's). */
function listenProblem(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE")
    return new CliError(
      "BAD_ARGUMENTS",
      `${host}:${port} is in use (another skillflow serve?); stop it or pass --port <n>`,
    );
  if (code === "EADDRNOTAVAIL" || code === "EACCES" || code === "ENOTFOUND")
    return new CliError(
      "BAD_ARGUMENTS",
      `cannot listen on ${host}:${port} (${code}); pass --host 127.0.0.1 or another --port`,
    );
  return error;
}

/**
 * Warnings for schedules and hooks whose workflow cannot be loaded now (a typo, a skill removed):
 * said once at start rather than only as each fire fails.
 */
async function workflowWarnings(cli: CliService): Promise<string[]> {
  const refs = [
    ...[...cli.config.schedules.values()].map((s) => ({
      what: `schedule ${s.name}`,
      ref: s.workflow,
    })),
    ...cli.config.hooks.map((h) => ({ what: `hook ${h.name}`, ref: h.workflow })),
  ];
  const warnings: string[] = [];
  for (const { what, ref } of refs) {
    try {
      await cli.catalog.load(ref);
    } catch (error) {
      warnings.push(`warning: ${what}: ${printable((error as Error).message)}\n`);
    }
  }
  return warnings;
}

/** The dashboard's folder: `--dashboard`, checked, else the installed package's build, if any. */
async function dashboardFolder(args: ParsedArgs, cwd: string): Promise<string | undefined> {
  if (args.values["no-dashboard"] === true) return undefined;
  const given = stringFlag(args, "dashboard");
  if (given === undefined) return dashboardDir();
  const dir = path.resolve(cwd, given);
  if (!existsSync(path.join(dir, "index.html")))
    throw new CliError(
      "BAD_ARGUMENTS",
      `--dashboard ${printable(given)} holds no index.html; name the folder of the dashboard's build (its dist)`,
      help,
    );
  return dir;
}

/** The file system's refusal to read or make the token file, as the user's to fix. */
function tokenProblem(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !/^E[A-Z]+$/.test(code)) return error;
  return new CliError(
    "INVALID_CONFIG",
    `cannot read or create the API token file ${file} (${code}); make its folder one you can write, or set SKILLFLOW_CONFIG_HOME to one`,
  );
}

/** Serves until a signal; stops gracefully (exit 0) or at once on a second signal (130). */
async function serve(
  args: ParsedArgs,
  context: CommandContext,
  cli: CliService,
  token: { token: string; created: boolean; file: string; dashboard: string | undefined },
): Promise<number> {
  const { io } = context;
  const { service, config } = cli;
  const host = stringFlag(args, "host") ?? config.settings.host;
  const listenPort = port(args, config.settings.port);
  let exit: number = EXIT.ok;
  const watch = signals(() => {
    exit = EXIT.cancelled;
    io.stderr.write("stopping now: unfinished runs resume at the next start\n");
    void service.stop({ now: true });
  }, io.signal);
  let server: ApiServer | undefined;
  let stopped = false;
  try {
    await service.start();
    // A request that failed unexpectedly is answered 500 "see the service's log": this is the log.
    if (cli.tools === undefined) throw new Error("serve opens its service with the run tools");
    const areas = await cliMcpAreas(io, cli.workspace, {
      runner: service,
      tools: withPreviousRunListed(cli.tools).adapter,
      store: cli.store,
    });
    const dashboard = token.dashboard;
    const sessions = dashboard === undefined ? undefined : createSessionStore();
    const app = createApiApp(service, {
      token: token.token,
      version: VERSION,
      onProblem: (problem) => cli.report(problem),
      // The MCP server's streamable HTTP endpoint, behind the same token (docs/mcp.md).
      mcp: createMcpHttpHandler({ version: VERSION, areas }),
      ...(dashboard !== undefined && sessions !== undefined
        ? { dashboard: { dir: dashboard, sessions } }
        : {}),
      catalog: skillsProvider(io, cli.workspace.config),
      evals: evalsProvider(io),
    });
    const allowedHosts = config.settings.allowedHosts;
    server = await startApiServer(app, {
      host,
      port: listenPort,
      ...(allowedHosts !== undefined ? { allowedHosts } : {}),
    }).catch((error: unknown) => {
      throw listenProblem(error, host, listenPort);
    });
    const other = await runningServe(cli.stateFile);
    if (other !== undefined && other.pid !== process.pid)
      io.stderr.write(
        `warning: another skillflow serve (pid ${other.pid}, ${printable(other.url)}) serves this ` +
          `project: both take queued runs and fire schedules (each fire time still runs once); stop one\n`,
      );
    await writeServeMarker(cli.stateFile, { pid: process.pid, url: server.url });
    const schedules = await service.listSchedules();
    for (const warning of cli.warnings) io.stderr.write(`warning: ${printable(warning)}\n`);
    if (stringFlag(args, "host") !== undefined && !isLoopbackHost(host))
      io.stderr.write(
        `warning: --host ${printable(host)} listens beyond this machine: anyone who reaches it can ` +
          `try the API (the token guards it) and the webhooks; use 127.0.0.1 unless that is intended\n`,
      );
    for (const warning of await workflowWarnings(cli)) io.stderr.write(warning);
    const login =
      sessions === undefined
        ? undefined
        : `${browserUrl(server.url)}/login?code=${sessions.issueCode().code}`;
    // One line, as documented: a supervisor (or a test) reads the address from the first line.
    if (args.values.json === true) {
      const line = { url: server.url, port: server.port, schedules };
      io.stdout.write(
        `${JSON.stringify(login === undefined ? line : { ...line, dashboard: login })}\n`,
      );
    } else {
      io.stdout.write(`skillflow serve listening on ${server.url}\n`);
      if (login !== undefined) io.stdout.write(`dashboard: ${login}\n`);
      if (token.created)
        io.stdout.write(`created the API token in ${token.file} (skillflow serve --print-token)\n`);
      io.stdout.write(scheduleLines(schedules));
    }
    const name = await watch.first;
    io.stderr.write(
      `${name}: stopping (running steps get ${config.settings.graceMs / 1000} s; signal again to stop now)\n`,
    );
    await service.stop();
    stopped = true;
    return exit;
  } finally {
    watch.dispose();
    if (!stopped) await service.stop({ now: true }).catch(() => undefined);
    await server?.close();
    await removeServeMarker(cli.stateFile);
  }
}

async function execute(args: ParsedArgs, context: CommandContext): Promise<number> {
  const { io } = context;
  if (args.positionals.length > 0)
    throw new CliError("BAD_ARGUMENTS", "serve takes no arguments", help);
  port(args, 0); // a bad --port or --dashboard is refused before anything starts
  const dashboard = await dashboardFolder(args, io.cwd);
  const file = tokenFile(context);
  const { token, created } = await loadOrCreateToken(file).catch((error: unknown) => {
    throw tokenProblem(error, file);
  });
  if (args.values["print-token"] === true) {
    io.stdout.write(`${token}\n`);
    if (created) io.stderr.write(`created the API token in ${file}\n`);
    return EXIT.ok;
  }
  // Tools are built once, from the workspace the service opens (trust applied), for every run.
  const cli = await openCliService(context, {
    config: stringFlag(args, "config"),
    tools: (workspace) => buildTools(io.cwd, workspace.env, workspace.config),
  });
  try {
    return await serve(args, context, cli, { token, created, file, dashboard });
  } finally {
    await cli.close();
  }
}

/** The `serve` command. */
export const serveCommand: Command = {
  name: "serve",
  help,
  options: {
    host: { type: "string" },
    port: { type: "string" },
    "print-token": { type: "boolean" },
    dashboard: { type: "string" },
    "no-dashboard": { type: "boolean" },
    config: { type: "string" },
    json: { type: "boolean" },
  },
  execute,
};
