// `skillflow dashboard`: a fresh one-time login link to the dashboard of this project's running
// `skillflow serve` (asked for over its API with the token, as `skillflow mcp` finds it).
import { loadOrCreateToken } from "@skillflow/service";
import {
  printJson,
  stringFlag,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from "../command.js";
import { CliError, EXIT } from "../errors.js";
import { historyOptions } from "../history.js";
import { browserUrl } from "../service/dashboard.js";
import { runningServe } from "../service/marker.js";
import { stateFileOf } from "../service/open.js";
import { tokenFile } from "../service/token-file.js";
import { printable } from "../terminal-text.js";
import { loadWorkspace } from "../trust/workspace.js";

const help = `usage: skillflow dashboard [options]

Prints a new one-time login link to the dashboard of this project's running \`skillflow serve\`
(the one \`serve\` printed at start may be used or expired). Open it in your browser: it works once,
for 10 minutes, and logs that browser in until \`serve\` restarts or the session is idle for 12 hours.

Options:
      --config <file>      project configuration file (default: ./skillflow.config.{json,yaml,yml})
      --json               print { "url": ..., "expiresAt": ... }
  -h, --help               show this help

Examples:
  skillflow dashboard
  xdg-open "$(skillflow dashboard)"

Reference: docs/service.md`;

interface LoginLink {
  url: string;
  expiresAt: string;
}

const isLink = (value: unknown): value is LoginLink =>
  typeof (value as LoginLink | null)?.url === "string" &&
  typeof (value as LoginLink | null)?.expiresAt === "string";

/** Asks the serve at `url` for a login link; its refusals become errors the user can act on. */
async function askForLink(url: string, token: string): Promise<LoginLink> {
  let response: Response;
  try {
    response = await fetch(`${url}/api/v1/login-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      // The token goes only to the address the marker names, never where an answer points.
      redirect: "manual",
    });
  } catch (error) {
    throw new CliError(
      "SERVE_NOT_RUNNING",
      `skillflow serve at ${printable(url)} does not answer (${printable((error as Error).message)}); start it with \`skillflow serve\``,
    );
  }
  const body = (await response.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string } } | undefined;
  if (response.ok && isLink(body)) return body;
  const code = body?.error?.code;
  if (code === "DASHBOARD_NOT_SERVED")
    throw new CliError(
      "NO_DASHBOARD",
      `skillflow serve at ${printable(url)} serves no dashboard: the @skillflow/dashboard package is not installed or not built; install it and restart serve`,
    );
  if (response.status === 401)
    throw new CliError(
      "SERVICE_FAILED",
      `skillflow serve at ${printable(url)} refused this user's API token; run this command as the user who started serve (the same SKILLFLOW_CONFIG_HOME)`,
    );
  throw new CliError(
    "SERVICE_FAILED",
    `skillflow serve at ${printable(url)} answered ${response.status}${code !== undefined ? ` ${printable(code)}` : ""}: ${printable(body?.error?.message ?? "not a login link")}`,
  );
}

async function execute(args: ParsedArgs, context: CommandContext): Promise<number> {
  const { io } = context;
  if (args.positionals.length > 0)
    throw new CliError("BAD_ARGUMENTS", "dashboard takes no arguments", help);
  const workspace = await loadWorkspace(io, { config: stringFlag(args, "config"), quiet: true });
  const serve = await runningServe(stateFileOf(historyOptions(io, workspace.config).path));
  if (serve === undefined)
    throw new CliError(
      "SERVE_NOT_RUNNING",
      "no skillflow serve runs for this project; start it with `skillflow serve` (it prints a login link)",
    );
  const { token } = await loadOrCreateToken(tokenFile(context));
  // The link is built from the address asked: one a browser can open, not 0.0.0.0.
  const link = await askForLink(browserUrl(serve.url), token);
  if (args.values.json === true) printJson(io, link);
  // The answer comes from whatever listens at that address: no escape sequences reach the terminal.
  else io.stdout.write(`${printable(link.url)}\n`);
  return EXIT.ok;
}

/** The `dashboard` command. */
export const dashboardCommand: Command = {
  name: "dashboard",
  help,
  options: {
    config: { type: "string" },
    json: { type: "boolean" },
  },
  execute,
};
