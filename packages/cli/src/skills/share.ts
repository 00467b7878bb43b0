// `skillflow skills pack | add | install | check | update | remove | scan | trust | untrust`.
import path from "node:path";
import {
  InstallError,
  LockfileError,
  PackError,
  SkillFileError,
  SourceError,
  ArchiveError,
  addSkills,
  checkSkills,
  formatScanReport,
  installFromLock,
  listSourceSkills,
  packSkill,
  removeSkill,
  scanSkill,
  updateSkills,
  type InstallOptions,
  type InstallResult,
  type SourceNetwork,
} from "@skillflow/skills";
import { networkPolicyFromEnv } from "@skillflow/tools";
import {
  printJson,
  stringFlag,
  stringsFlag,
  type CommandContext,
  type ParsedArgs,
} from "../command.js";
import type { CliConfig } from "../config.js";
import { userConfigDir, userHomeDir } from "../config-files.js";
import { CliError, EXIT } from "../errors.js";
import { createStyle } from "../style.js";
import { followEdit } from "../trust/record.js";
import { loadWorkspace } from "../trust/workspace.js";
import { recordSkillList } from "./config-write.js";
import { diagnosticLine } from "./format.js";
import { loadLibrary } from "./load.js";

/** A sharing subcommand. */
export type ShareSub = (
  args: ParsedArgs,
  context: CommandContext,
  config: CliConfig,
) => Promise<number>;

/**
 * `skills check`'s exit code when upstream has changes (changed, removed or new skills): distinct
 * from 1 (a failure, or a bug with a stack) and 2 (a bad call, an unreachable source).
 */
export const CHECK_UPDATES = 3;

/** Errors of the sharing layer become coded CLI errors (exit 2), never stacks. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof InstallError ||
      error instanceof SourceError ||
      error instanceof ArchiveError ||
      error instanceof LockfileError ||
      error instanceof SkillFileError
    )
      throw new CliError("SKILL_FAILED", `${error.message}`);
    throw error;
  }
}

/**
 * The risk gate's question for add, install and update: asked on a terminal (after the report is
 * shown); with nobody to ask (piped, --json) there is none, and a risky skill needs --yes.
 */
function riskQuestion(args: ParsedArgs, context: CommandContext): InstallOptions["confirm"] {
  const { io } = context;
  if (!io.isTTY || io.confirm === undefined || args.values.json === true) return undefined;
  const ask = io.confirm.bind(io);
  return (skill, report) => ask(`Install ${skill} despite ${report.risk} risk? [y/N] `);
}

/**
 * Which networks sources may reach: private ones only with `network.allowPrivate` in the
 * configuration in effect (yours, or a project you trust) or SKILLFLOW_ALLOW_PRIVATE_NETWORK=1 in
 * your environment, as for the web tools. Each refusal says how to allow it.
 */
function sourceNetwork(context: CommandContext, config: CliConfig): SourceNetwork {
  const { io } = context;
  const folder = userConfigDir(io);
  const file = folder === undefined ? "your configuration" : path.join(folder, "config.json");
  return {
    allowPrivateNetwork:
      config.network?.allowPrivate === true || networkPolicyFromEnv(io.env).allowPrivateNetwork,
    allowHint: `to allow private networks, set "network": { "allowPrivate": true } in ${file} (or in a project you trust: skillflow trust), or SKILLFLOW_ALLOW_PRIVATE_NETWORK=1`,
  };
}

function installOptions(
  args: ParsedArgs,
  context: CommandContext,
  config: CliConfig,
): InstallOptions {
  const global = args.values.global === true;
  const home = userHomeDir(context.io);
  if (global && home === undefined)
    throw new CliError("BAD_ARGUMENTS", "-g needs a home folder (HOME is not set)");
  const agents = stringsFlag(args, "agent")
    .flatMap((a) => a.split(","))
    .map((a) => a.trim())
    .filter(Boolean);
  const style = createStyle(context.io.colors);
  const name = stringFlag(args, "name");
  const skills = stringsFlag(args, "skill")
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
  if (name !== undefined && (skills.length > 1 || skills.includes("*")))
    throw new CliError("BAD_ARGUMENTS", "--name renames one skill: pick it with one -s <skill>");
  const confirm = riskQuestion(args, context);
  return {
    cwd: context.io.cwd,
    scope: { root: global ? home! : context.io.cwd, global },
    agents,
    all: args.values.all === true,
    ...(skills.length > 0 ? { skills } : {}),
    copy: args.values.copy === true,
    force: args.values.force === true,
    yes: args.values.yes === true,
    env: { ...context.io.env },
    network: sourceNetwork(context, config),
    ...(name !== undefined ? { name } : {}),
    ...(confirm !== undefined ? { confirm } : {}),
    ...(config.skills?.limits ? { limits: config.skills.limits } : {}),
    onScan: (skill, report) => {
      if (args.values.json === true || report.risk === "none") return;
      const colour = (text: string) =>
        report.risk === "high"
          ? style.red(text)
          : report.risk === "medium"
            ? style.yellow(text)
            : style.dim(text);
      context.io.stderr.write(
        `${colour(`scan of ${skill}: ${report.risk} risk`)}\n${formatScanReport(report)}\n`,
      );
    },
  };
}

/** Prints what landed, what did not and what was left out; exit 1 when anything was refused. */
function report(
  context: CommandContext,
  args: ParsedArgs,
  result: InstallResult,
  verb: string,
): number {
  if (args.values.json === true) printJson(context.io, result);
  else {
    for (const skill of result.installed) {
      context.io.stdout.write(
        `${verb} ${skill.name} → ${skill.dir} (${skill.entry.computedHash.slice(0, 12)}, risk ${skill.scan.risk})\n`,
      );
      for (const link of skill.links)
        context.io.stdout.write(
          `  ${link.agent}: ${link.kind === "canonical" ? "reads the canonical folder" : `${link.kind} ${link.path}`}${link.note ? ` (${link.note})` : ""}\n`,
        );
    }
    for (const refused of result.refused)
      context.io.stderr.write(`skipped ${refused.name}: ${refused.code} ${refused.reason}\n`);
    // Left out unasked (an imposter, an example, an internal skill): a warning, not a failure.
    for (const left of result.skipped ?? [])
      context.io.stderr.write(`warning: left out ${left.name}: ${left.code} ${left.reason}\n`);
    // Lock entries of a kind skillflow does not restore (node_modules): a warning, not a failure.
    for (const warning of result.warnings ?? [])
      context.io.stderr.write(`warning: ${warning.name}: ${warning.code} ${warning.reason}\n`);
  }
  // Already up to date is not a failure: `update` with nothing to do exits 0, as `skills` does.
  return result.refused.some((r) => r.code !== "UP_TO_DATE") ? EXIT.failed : EXIT.ok;
}

const pack: ShareSub = async (args, context) => {
  const [folder, ...rest] = args.positionals;
  if (folder === undefined || rest.length > 0)
    throw new CliError("BAD_ARGUMENTS", "skills pack needs one skill folder");
  const out = stringFlag(args, "out");
  try {
    const packed = await packSkill(path.resolve(context.io.cwd, folder), {
      outDir: out === undefined ? context.io.cwd : path.dirname(path.resolve(context.io.cwd, out)),
      ...(out !== undefined ? { file: path.basename(out) } : {}),
    });
    if (args.values.json === true) printJson(context.io, packed);
    else
      context.io.stdout.write(`packed ${packed.name} → ${packed.file} (${packed.bytes} bytes)\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof PackError || error instanceof ArchiveError)) throw error;
    for (const d of error instanceof PackError ? error.diagnostics : [])
      context.io.stderr.write(diagnosticLine(d, createStyle(context.io.colors)));
    context.io.stderr.write(`error PACK_FAILED ${error.message}\n`);
    return EXIT.usage;
  }
};

const add: ShareSub = async (args, context, config) => {
  const [source, ...rest] = args.positionals;
  if (source === undefined || rest.length > 0)
    throw new CliError(
      "BAD_ARGUMENTS",
      "skills add needs one source (folder, .skill file, git URL, archive URL, npm:<spec> or site)",
    );
  if (args.values.list === true) return listSource(source, args, context, config);
  return report(
    context,
    args,
    await guarded(() => addSkills(source, installOptions(args, context, config))),
    "installed",
  );
};

/** `add <source> --list`: the skills a source holds, nothing installed (as `skills add -l`). */
async function listSource(
  source: string,
  args: ParsedArgs,
  context: CommandContext,
  config: CliConfig,
): Promise<number> {
  const options = installOptions(args, context, config);
  const skills = await guarded(() => listSourceSkills(source, options));
  if (args.values.json === true) printJson(context.io, skills);
  else if (skills.length === 0) context.io.stdout.write(`${source}: no skills found\n`);
  else
    for (const skill of skills)
      context.io.stdout.write(`${skill.name.padEnd(24)} ${skill.description}\n`);
  return EXIT.ok;
}

const install: ShareSub = async (args, context, config) => {
  if (args.positionals.length > 0)
    throw new CliError(
      "BAD_ARGUMENTS",
      "skills install takes no arguments: it restores the lockfile (see skills add)",
    );
  const result = await guarded(() =>
    installFromLock({
      ...installOptions(args, context, config),
      frozen: args.values.frozen === true,
    }),
  );
  return report(context, args, result, "installed");
};

const check: ShareSub = async (args, context, config) => {
  const lines = await guarded(() => checkSkills(installOptions(args, context, config)));
  if (args.values.json === true) printJson(context.io, lines);
  else if (lines.length === 0)
    context.io.stdout.write("no installed skills (the lockfile is empty)\n");
  else
    for (const line of lines)
      context.io.stdout.write(
        `${line.name.padEnd(24)} ${line.status.padEnd(16)} ${line.source}${line.modifiedLocally ? "  (modified locally)" : ""}${line.reason !== undefined ? `  (${line.reason})` : ""}\n`,
      );
  // A source that could not be fetched is reported with the others, and fails the check (exit 1);
  // otherwise 0 when nothing is to update, CHECK_UPDATES when upstream changed.
  if (lines.some((line) => line.status === "failed")) return EXIT.failed;
  const updates = lines.some((line) => line.status !== "up-to-date" && line.status !== "skipped");
  return updates ? CHECK_UPDATES : EXIT.ok;
};

const update: ShareSub = async (args, context, config) =>
  report(
    context,
    args,
    await guarded(() => updateSkills(args.positionals, installOptions(args, context, config))),
    "updated",
  );

const remove: ShareSub = async (args, context, config) => {
  const options = installOptions(args, context, config);
  const names = [...args.positionals, ...(options.skills ?? [])];
  if (names.includes("*"))
    throw new CliError(
      "BAD_ARGUMENTS",
      "skills remove -s '*' is not supported: name the skills (skillflow skills check lists them)",
    );
  if (names.length === 0) throw new CliError("BAD_ARGUMENTS", "skills remove needs a skill name");
  const removed: string[] = [];
  for (const name of names)
    removed.push(...(await guarded(() => removeSkill(name, options))).removed);
  if (args.values.json === true) printJson(context.io, { removed });
  else for (const file of removed) context.io.stdout.write(`removed ${file}\n`);
  return EXIT.ok;
};

const scan: ShareSub = async (args, context, config) => {
  const [target, ...rest] = args.positionals;
  if (target === undefined || rest.length > 0)
    throw new CliError("BAD_ARGUMENTS", "skills scan needs a skill folder or name");
  const asPath = path.resolve(context.io.cwd, target);
  const folder = await import("node:fs/promises").then((fs) =>
    fs.stat(asPath).then(
      (s) => (s.isDirectory() ? asPath : path.dirname(asPath)),
      async () => {
        const library = await loadLibrary(context.io, config, stringsFlag(args, "source"));
        try {
          return library.get(target, { includeDisabled: true }).dir;
        } catch (error) {
          throw new CliError(
            "UNKNOWN_SKILL",
            `${target}: no such folder, and ${(error as Error).message}`,
          );
        }
      },
    ),
  );
  const result = await scanSkill(folder);
  if (args.values.json === true) printJson(context.io, result);
  else context.io.stdout.write(`${formatScanReport(result)}\n`);
  return result.risk === "medium" || result.risk === "high" ? EXIT.failed : EXIT.ok;
};

const trustToggle =
  (trusted: boolean): ShareSub =>
  async (args, context) => {
    const [name, ...rest] = args.positionals;
    if (name === undefined || rest.length > 0)
      throw new CliError(
        "BAD_ARGUMENTS",
        `skills ${trusted ? "trust" : "untrust"} needs one skill name`,
      );
    const config = stringFlag(args, "config");
    const target =
      args.values.user === true
        ? ({ scope: "user" } as const)
        : { scope: "project" as const, ...(config !== undefined ? { explicit: config } : {}) };
    const before =
      target.scope === "project"
        ? (await loadWorkspace(context.io, { config, quiet: true })).trust
        : undefined;
    const { file, changed } = await recordSkillList(context.io, target, "trusted", name, trusted);
    const note = before && (await followEdit(context.io, before, config));
    if (args.values.json === true)
      printJson(context.io, { skill: name, trusted, file, changed, ...(note ? { note } : {}) });
    context.io.stderr.write(
      `${changed ? "" : "already "}${trusted ? "trusted" : "untrusted"} ${name} in ${file}\n`,
    );
    if (note !== undefined) context.io.stderr.write(`note: ${note}\n`);
    return EXIT.ok;
  };

/** The sharing subcommands of `skillflow skills`. */
export const SHARE_SUBCOMMANDS: Record<string, ShareSub> = {
  pack,
  add,
  install,
  check,
  update,
  remove,
  scan,
  trust: trustToggle(true),
  untrust: trustToggle(false),
};
