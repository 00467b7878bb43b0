// `skillflow skills`: list, show, validate, catalog, route, activate, enable and disable skills.
import { listResources, type SkillLibrary } from "@skillflow/skills";
import { visible } from "@skillflow/workflow";
import {
  printJson,
  stringFlag,
  stringsFlag,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from "../command.js";
import type { CliConfig } from "../config.js";
import { CliError, EXIT } from "../errors.js";
import { recordSkillList } from "../skills/config-write.js";
import { diagnosticLine, routeTable, showSkill, skillJson, skillsTable } from "../skills/format.js";
import { loadLibrary } from "../skills/load.js";
import { checkFlagsFor } from "../skills/flags.js";
import { initSkill } from "../skills/init.js";
import { SHARE_SUBCOMMANDS } from "../skills/share.js";
import { normalizeSkillsArgv, REFUSED_SUBCOMMANDS, SUBCOMMAND_ALIASES } from "../skills/argv.js";
import { validateTargets } from "../skills/validate.js";
import { createStyle } from "../style.js";
import { loadWorkspace } from "../trust/workspace.js";

const help = `usage: skillflow skills <subcommand> [options]

Skills are folders with a SKILL.md, found (through category folders) in, highest precedence first:
the project's .agents/skills and .claude/skills (from here up to the repository root), the user's
~/.agents/skills, ~/.claude/skills and <config folder>/skills, folders in skills.sources of the
configuration, and installed npm packages whose package.json has "skills". A skill is named by its
name, or as scope:name (project:, user:, team:, package:) when several scopes have one.

Subcommands:
  list                     the skills: name, scope, state, runnable, description (--all: shadowed too)
  show <skill>             one skill: fields, file, trust, its bundled files
  validate [path...]       check skills in full (all discovered ones when no path is given);
                           --strict allows only the specification's six fields
  catalog                  what an agent sees up front: <available_skills> XML, JSON or Markdown
  route <task...>          the skills that fit a task, best first, with why
  activate <skill> [args]  the body an agent gets: arguments substituted, commands run (trusted
                           skills only); --dry-run shows the commands instead
  enable <skill>           remove from skills.disabled of the project's config (--user: the user's)
  disable <skill>          add to skills.disabled: the skill stays on disk, invisible to agents

Sharing (see docs/sharing.md):
  pack <folder> [-o file]  validate strictly, then write <name>.skill (a zip)
  add <source>             install from a folder, a .skill file, a git URL (#ref, @skill), GitHub
                           or GitLab (owner/repo[@skill], github:, gitlab:, tree URLs), a zip or
                           tarball URL, npm:<spec>, or a site's /.well-known/agent-skills/index.json;
                           scans first (a risky skill needs --yes), copies into .agents/skills (-g:
                           ~/.agents/skills), links into --agent folders, records skills-lock.json
  install [--frozen]       restore the lockfile, each skill scanned as add does (a risky one needs
                           --yes); --frozen fails on any hash mismatch (CI)
  check                    read-only: up to date, changed upstream, removed upstream, new upstream
  update [skill...]        apply upstream changes; says why each skipped skill was skipped
  remove <skill...>        the canonical copy, the agents' links and the lock entry
  scan <folder | skill>    the risk report alone (exit 1 for medium or high risk)
  trust | untrust <skill>  let an installed skill run its !\`commands\` (skills.trusted)
  init [name]              a new skill: <name>/SKILL.md (or ./SKILL.md named after this folder) that
                           passes validate --strict; --evals adds evals/evals.json; never replaces
Aliases as in the skills CLI: ls (list), rm (remove), a (add), upgrade (update).

Options:
      --json               print JSON
      --all                list: also shadowed skills
      --strict             validate: specification fields only
      --format <f>         catalog: xml (default), json or markdown
      --budget <tokens>    catalog, route: at most this many tokens (estimated)
      --task <text>        catalog: rank skills for this task before cutting to the budget
  -k <n>                   route: at most n skills (default 3)
      --dry-run            activate: show the commands, run none
      --user               enable, disable: edit the user's config instead of the project's
      --source <folder>    also look in this folder of skills (repeatable; team scope, untrusted)
  -g, --global             add, install, check, update, remove: the user's skills, not the project's
  -p, --project            the project's skills (the default)
  -a, --agent <id...>      add, install, update: link into these agents' folders; space-separated,
                           repeated or comma-separated; '*' for every agent (the skills CLI's table:
                           claude-code, cursor, codex, windsurf, … see docs/sharing.md)
  -s, --skill <name...>    add: install these skills of the source ('*': all); remove: these skills
  -l, --list               add: list the source's skills, install nothing
      --copy               add, install, update: copy into agents' folders instead of linking
      --evals              init: also write the starter evals/evals.json
      --all                add: every skill of a source that holds several
      --name <name>        add: install under another name
      --force              add, update: replace a different skill of the same name or edited copy
  -y, --yes                add, install, update: accept a medium or high risk report (on a
                           terminal you are asked instead; elsewhere a risky skill is refused)
  -o, --out <file>         pack: where to write the .skill file
      --config <file>      project configuration file (default: ./skillflow.config.{json,yaml,yml})
  -h, --help               show this help

Exit status: 0 success (update: also when everything was up to date); 1 a skill command failed
on activation, add/install/update refused a skill, or a lockfile source could not be fetched
(install/check/update go on with the others); 2 bad call, unknown skill, unreachable add source,
or (validate) any error or a folder without SKILL.md; 3 (check) updates exist upstream.

Examples:
  skillflow skills list
  skillflow skills validate examples/skill-library --strict
  skillflow skills catalog --budget 2000
  skillflow skills route "turn these meeting notes into action items"
  skillflow skills route "my pod keeps restarting" --source examples/skill-library
  skillflow skills activate git-changelog v1.2 v1.3 --dry-run --source examples/skill-library
  skillflow skills disable pdf-forms
  skillflow skills pack ./my-skill
  skillflow skills add https://github.com/acme/skills.git#v1.2@pdf-forms --agent claude-code,cursor
  skillflow skills add ./team-skills -s pdf-forms git-changelog -a claude-code cursor
  skillflow skills init my-skill --evals
  skillflow skills install --frozen`;

type Sub = (args: ParsedArgs, context: CommandContext, config: CliConfig) => Promise<number>;

function bad(message: string): never {
  throw new CliError("BAD_ARGUMENTS", message, help);
}

function countFlag(args: ParsedArgs, name: string): number | undefined {
  const value = stringFlag(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    bad(`--${name} ${value}: expected a whole number >= 1`);
  return Number(value);
}

function one(args: ParsedArgs, what: string): string {
  if (args.positionals.length !== 1) bad(`skills ${what} needs exactly one skill name`);
  return args.positionals[0]!;
}

function lookup(library: SkillLibrary, ref: string, includeDisabled = true) {
  try {
    return library.get(ref, { includeDisabled });
  } catch (error) {
    throw new CliError("UNKNOWN_SKILL", (error as Error).message);
  }
}

/** Warnings and skipped skills, one line each on stderr, so nothing is dropped silently. */
function reportProblems(context: CommandContext, library: SkillLibrary) {
  const style = createStyle(context.io.colors);
  for (const d of library.diagnostics) context.io.stderr.write(diagnosticLine(d, style));
}

const list: Sub = async (args, context, config) => {
  if (args.positionals.length > 0) bad("skills list takes no arguments");
  const library = await loadLibrary(context.io, config, stringsFlag(args, "source"));
  const skills =
    args.values.all === true ? library.all : library.all.filter((s) => s.shadowedBy === undefined);
  if (args.values.json === true) {
    printJson(
      context.io,
      skills.map((s) => skillJson(s, library)),
    );
    return EXIT.ok;
  }
  reportProblems(context, library);
  const style = createStyle(context.io.colors);
  if (skills.length === 0)
    context.io.stdout.write(
      `no skills found; looked in\n${library.sources.map((s) => `  ${s.root}`).join("\n")}\n`,
    );
  else context.io.stdout.write(`${skillsTable(skills, style)}\n`);
  return EXIT.ok;
};

const show: Sub = async (args, context, config) => {
  const library = await loadLibrary(context.io, config, stringsFlag(args, "source"));
  const skill = lookup(library, one(args, "show"));
  const resources = await listResources(skill.dir);
  if (args.values.json === true)
    printJson(context.io, { ...skillJson(skill, library), resources: resources.files });
  else
    context.io.stdout.write(
      showSkill(skill, library, resources.files, createStyle(context.io.colors)),
    );
  return EXIT.ok;
};

const validate: Sub = async (args, context, config) => {
  let library: SkillLibrary | undefined;
  const loaded = await loadLibrary(context.io, config, stringsFlag(args, "source"));
  const reports = await validateTargets(
    context.io.cwd,
    args.positionals,
    () => (library ??= loaded),
    args.values.strict === true ? "strict" : "default",
  );
  if (args.values.json === true) printJson(context.io, reports);
  else {
    const style = createStyle(context.io.colors);
    for (const report of reports) {
      for (const d of report.diagnostics) context.io.stderr.write(diagnosticLine(d, style));
      if (report.valid) context.io.stdout.write(`${style.green("✓")} ${report.file}\n`);
    }
    const failed = reports.filter((r) => !r.valid).length;
    context.io.stdout.write(`${reports.length} skills checked, ${failed} with errors\n`);
  }
  return reports.every((r) => r.valid) ? EXIT.ok : EXIT.usage;
};

const FORMATS = ["xml", "json", "markdown"] as const;

const catalog: Sub = async (args, context, config) => {
  if (args.positionals.length > 0) bad("skills catalog takes no arguments (use --task)");
  const format = FORMATS.find((f) => f === (stringFlag(args, "format") ?? "xml"));
  if (format === undefined) bad(`--format: expected ${FORMATS.join(", ")}`);
  const library = await loadLibrary(context.io, config, stringsFlag(args, "source"));
  const budget = countFlag(args, "budget");
  const task = stringFlag(args, "task");
  const rendered = await library.catalog({
    format,
    ...(budget !== undefined ? { budget } : {}),
    ...(task !== undefined ? { task } : {}),
  });
  if (args.values.json === true) {
    printJson(context.io, rendered);
    return EXIT.ok;
  }
  context.io.stdout.write(`${rendered.text}\n`);
  const { shortened, dropped } = rendered.cut;
  const notes = [
    `${rendered.entries.length} skills, about ${rendered.tokens} tokens${budget !== undefined ? ` (budget ${budget})` : ""}`,
  ];
  if (shortened.length > 0) notes.push(`shortened ${shortened.length} descriptions`);
  if (dropped.length > 0) notes.push(`dropped ${dropped.length}: ${dropped.join(", ")}`);
  context.io.stderr.write(`${notes.join("; ")}\n`);
  return EXIT.ok;
};

const route: Sub = async (args, context, config) => {
  const task = args.positionals.join(" ").trim();
  if (task === "")
    bad('skills route needs a task, e.g. skillflow skills route "fill in this PDF form"');
  const library = await loadLibrary(context.io, config, stringsFlag(args, "source"));
  const k = countFlag(args, "k");
  const budget = countFlag(args, "budget");
  const result = library.route(task, {
    ...(k !== undefined ? { k } : {}),
    ...(budget !== undefined ? { budget } : {}),
  });
  if (args.values.json === true) printJson(context.io, result);
  else
    context.io.stdout.write(
      result.noMatch
        ? `no skill fits this task${result.reason ? `: ${visible(result.reason.summary)}` : ""}\n`
        : `${routeTable(result.matches)}\n`,
    );
  return EXIT.ok;
};

const activate: Sub = async (args, context, config) => {
  const [ref, ...rest] = args.positionals;
  if (ref === undefined) bad("skills activate needs a skill name");
  const library = await loadLibrary(context.io, config, stringsFlag(args, "source"));
  lookup(library, ref, false);
  try {
    const activation = await library.activate(ref, {
      arguments: rest.join(" "),
      dryRun: args.values["dry-run"] === true,
      env: { ...context.io.env },
      ...(context.io.signal ? { signal: context.io.signal } : {}),
    });
    if (args.values.json === true) printJson(context.io, activation);
    else {
      context.io.stdout.write(
        activation.body.endsWith("\n") ? activation.body : `${activation.body}\n`,
      );
      for (const c of activation.commands)
        context.io.stderr.write(
          `${c.ran ? "ran" : "not run"} ${c.line}:${c.column} ${c.command}${c.reason ? ` (${c.reason})` : ""}\n${argumentLines(c.arguments)}`,
        );
    }
    return EXIT.ok;
  } catch (error) {
    // A failing command, or a SKILL.md that changed into something unreadable since discovery.
    const name = (error as { name?: string }).name;
    if (name !== "InterpolationError" && name !== "SkillFileError") throw error;
    context.io.stderr.write(`error SKILL_FAILED ${(error as Error).message}\n`);
    return EXIT.failed;
  }
};

/** The values a command's `${SKILLFLOW_…}` references hold, one `  NAME="value"` line each. */
function argumentLines(values: Record<string, string> | undefined): string {
  return Object.entries(values ?? {})
    .map(([name, value]) => `  ${name}=${JSON.stringify(value)}\n`)
    .join("");
}

const toggle =
  (disabled: boolean): Sub =>
  async (args, context, config) => {
    const ref = one(args, disabled ? "disable" : "enable");
    const library = await loadLibrary(context.io, config, stringsFlag(args, "source"));
    const skill = lookup(library, ref);
    const config_ = stringFlag(args, "config");
    const target =
      args.values.user === true
        ? ({ scope: "user" } as const)
        : { scope: "project" as const, ...(config_ !== undefined ? { explicit: config_ } : {}) };
    const recorded = ref.includes(":") ? skill.id : skill.name;
    const { file, changed } = await recordSkillList(
      context.io,
      target,
      "disabled",
      recorded,
      disabled,
    );
    const verb = disabled ? "disabled" : "enabled";
    // The other file (the user's or the project's) may still disable it: say so.
    const { config: after } = await loadWorkspace(context.io, {
      config: stringFlag(args, "config"),
      quiet: true,
    });
    const stillDisabled = !disabled && after.skills?.disabled?.includes(recorded) === true;
    if (args.values.json === true)
      printJson(context.io, {
        skill: recorded,
        disabled: disabled || stillDisabled,
        file,
        changed,
      });
    context.io.stderr.write(
      changed ? `${verb} ${recorded} in ${file}\n` : `${recorded} was already ${verb} in ${file}\n`,
    );
    if (stillDisabled)
      context.io.stderr.write(
        `note: ${recorded} is still disabled by the other configuration file\n`,
      );
    return EXIT.ok;
  };

const SUBCOMMANDS: Record<string, Sub> = {
  list,
  show,
  validate,
  catalog,
  route,
  activate,
  enable: toggle(false),
  disable: toggle(true),
  init: initSkill,
  ...SHARE_SUBCOMMANDS,
};

/** The subcommands that fetch sources (and so use `network.allowPrivate`). */
const FETCHING: ReadonlySet<string> = new Set(["add", "install", "check", "update"]);

/** The `skills` command. */
export const skillsCommand: Command = {
  name: "skills",
  help,
  options: {
    json: { type: "boolean" },
    all: { type: "boolean" },
    strict: { type: "boolean" },
    format: { type: "string" },
    budget: { type: "string" },
    task: { type: "string" },
    k: { type: "string", short: "k" },
    "dry-run": { type: "boolean" },
    user: { type: "boolean" },
    global: { type: "boolean", short: "g" },
    project: { type: "boolean", short: "p" },
    agent: { type: "string", multiple: true, short: "a" },
    skill: { type: "string", multiple: true, short: "s" },
    list: { type: "boolean", short: "l" },
    copy: { type: "boolean" },
    evals: { type: "boolean" },
    name: { type: "string" },
    force: { type: "boolean" },
    yes: { type: "boolean", short: "y" },
    frozen: { type: "boolean" },
    out: { type: "string", short: "o" },
    source: { type: "string", multiple: true },
    config: { type: "string" },
  },
  normalize: normalizeSkillsArgv,
  async execute(args, context) {
    const [typed, ...positionals] = args.positionals;
    if (typed === undefined)
      bad(`skills needs a subcommand: ${Object.keys(SUBCOMMANDS).join(", ")}`);
    const instead = REFUSED_SUBCOMMANDS.get(typed);
    if (instead !== undefined) bad(`skillflow has no "skills ${typed}": ${instead}`);
    const name = SUBCOMMAND_ALIASES.get(typed) ?? typed;
    checkFlagsFor(name, args);
    const sub = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
    if (sub === undefined) bad(`unknown subcommand "${name}"`);
    const { config } = await loadWorkspace(context.io, {
      config: stringFlag(args, "config"),
      // Sources reach the network: an ignored network.allowPrivate is named for these.
      uses: FETCHING.has(name) ? ["skills.", "network."] : ["skills."],
    });
    return sub({ ...args, positionals }, context, config);
  },
};
