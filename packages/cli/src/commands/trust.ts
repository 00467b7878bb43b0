// `skillflow trust`: let this project's privileged settings take effect, show them, revoke, list.
import { visible } from "@skillflow/workflow";
import { printJson, stringFlag, type Command, type ParsedArgs } from "../command.js";
import { CliError, EXIT } from "../errors.js";
import type { Io } from "../io.js";
import { createStyle } from "../style.js";
import { recordTrust, revokeTrust } from "../trust/record.js";
import { readTrustRecords } from "../trust/records.js";
import { loadWorkspace, TRUST_VARIABLE, type WorkspaceTrust } from "../trust/workspace.js";

const help = `usage: skillflow trust [status | revoke | list] [options]

A project's own files (skillflow.config.*, .env) are someone else's until you say otherwise. Their
privileged settings take effect only in a project you trust:
  shell.allow            commands workflows may run
  mcp.<server>           MCP servers (their commands start; their headers can carry your keys)
  network.allowPrivate   tools and skill sources may reach private and local network addresses
  skills.trust.<scope>, skills.trusted, skills.sources[].trusted
                         skills whose !\`commands\` run
  history.path           a history file outside the project
  .env variables         base URLs (*_BASE_URL), proxies, SKILLFLOW_*, NODE_OPTIONS, PATH, LD_*, GIT_*, ...
Until then each ignored setting is named on stderr. See docs/security.md.

Subcommands:
  (none)    trust this project's privileged settings as they are now; when they change,
            they are ignored again until you run skillflow trust again
  status    the privileged settings here and whether they apply
  revoke    forget this project
  list      the projects you trust

Options:
  --config <file>   project configuration file (default: ./skillflow.config.{json,yaml,yml})
  --json            print JSON
  -h, --help        show this help

Trust is recorded in trusted-projects.json of your config folder ($SKILLFLOW_CONFIG_HOME, else
~/.config/skillflow or the platform's folder), with a digest of the settings. ${TRUST_VARIABLE}=1 in
the environment trusts the project for one call (CI); a project's .env cannot set it.

Examples:
  skillflow trust status
  skillflow trust
  skillflow trust revoke`;

const STATES = {
  none: "has no privileged settings: nothing to trust",
  trusted: "trusted: its privileged settings apply",
  changed: "changed since you trusted it: its privileged settings are ignored",
  untrusted: "not trusted: its privileged settings are ignored",
} as const;

function settingsJson(trust: WorkspaceTrust) {
  return trust.settings.map(({ id, file, summary }) => ({ id, file, summary }));
}

/** Every privileged setting, one per line; text from the project's files shows no terminal controls. */
function writeSettings(io: Io, trust: WorkspaceTrust): void {
  const rows = trust.settings.map((s) => [visible(s.id), visible(s.file), visible(s.summary)]);
  const width = Math.max(0, ...rows.map(([id]) => id!.length));
  for (const [id, file, summary] of rows)
    io.stdout.write(`  ${id!.padEnd(width)}  ${file}  ${summary}\n`);
}

function status(io: Io, trust: WorkspaceTrust, json: boolean): number {
  if (json) {
    printJson(io, {
      project: trust.root,
      state: trust.state,
      byEnvironment: trust.byEnvironment,
      settings: settingsJson(trust),
      ...(trust.record ? { trustedAt: trust.record.trustedAt } : {}),
    });
    return EXIT.ok;
  }
  const style = createStyle(io.colors);
  io.stdout.write(`${style.bold(visible(trust.root))} ${STATES[trust.state]}\n`);
  if (trust.byEnvironment && trust.settings.length > 0)
    io.stdout.write(`  (trusted for this call by ${TRUST_VARIABLE}=1)\n`);
  writeSettings(io, trust);
  if (trust.state === "changed") {
    const before = new Set(trust.record?.settings ?? []);
    const added = trust.settings.filter((s) => !before.has(s.id)).map((s) => s.id);
    io.stdout.write(
      `${added.length > 0 ? `new since you trusted it: ${visible(added.join(", "))}; ` : ""}values may have changed too\n`,
    );
  }
  if (trust.state === "changed" || trust.state === "untrusted")
    io.stdout.write("review them, then run `skillflow trust` to let them apply\n");
  return EXIT.ok;
}

async function trustHere(io: Io, trust: WorkspaceTrust, json: boolean): Promise<number> {
  if (trust.settings.length === 0) {
    if (json) printJson(io, { project: trust.root, state: "none", settings: [] });
    else io.stdout.write(`${trust.root} ${STATES.none}\n`);
    return EXIT.ok;
  }
  const record = await recordTrust(trust, new Date());
  if (json) {
    printJson(io, { project: trust.root, state: "trusted", settings: settingsJson(trust), record });
    return EXIT.ok;
  }
  io.stdout.write(`trusted ${trust.root}; these settings now apply:\n`);
  writeSettings(io, trust);
  io.stdout.write(
    `recorded in ${trust.file}; if they change, they are ignored until you run skillflow trust again\n`,
  );
  return EXIT.ok;
}

async function list(io: Io, trust: WorkspaceTrust, json: boolean): Promise<number> {
  const records = trust.file === undefined ? new Map() : await readTrustRecords(trust.file);
  const all = [...records.values()];
  if (json) printJson(io, all);
  else if (all.length === 0) io.stdout.write("no trusted projects\n");
  else
    for (const r of all)
      io.stdout.write(
        `${visible(r.path)}  ${r.trustedAt}  ${visible(r.settings.join(", ")) || "-"}\n`,
      );
  return EXIT.ok;
}

async function execute(args: ParsedArgs, io: Io): Promise<number> {
  const [sub, ...rest] = args.positionals;
  if (rest.length > 0) throw new CliError("BAD_ARGUMENTS", "trust takes one subcommand", help);
  const json = args.values.json === true;
  const { trust } = await loadWorkspace(io, { config: stringFlag(args, "config"), quiet: true });
  switch (sub) {
    case undefined:
      return trustHere(io, trust, json);
    case "status":
      return status(io, trust, json);
    case "revoke": {
      const had = await revokeTrust(trust);
      if (json) printJson(io, { project: trust.root, revoked: had });
      else
        io.stdout.write(
          had ? `revoked trust in ${trust.root}\n` : `${trust.root} was not trusted\n`,
        );
      return EXIT.ok;
    }
    case "list":
      return list(io, trust, json);
    default:
      throw new CliError("BAD_ARGUMENTS", `unknown trust subcommand "${sub}"`, help);
  }
}

/** The `trust` command. */
export const trustCommand: Command = {
  name: "trust",
  help,
  options: { json: { type: "boolean" }, config: { type: "string" } },
  execute: (args, { io }) => execute(args, io),
};
