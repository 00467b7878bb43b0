// `skillflow validate <files...>`: every problem of every file, located, for people or as JSON.
import { formatDiagnostic, validateWorkflowSkill, type ValidationError } from "@skillflow/workflow";
import { CliError, EXIT } from "../errors.js";
import { printJson, stringFlag, type Command } from "../command.js";
import { readWorkflowFile, type SourceFile } from "../files.js";
import type { Io } from "../io.js";
import { createStyle } from "../style.js";
import { buildTools, type CliTools } from "../tools.js";
import { loadWorkspace } from "../trust/workspace.js";

const help = `usage: skillflow validate <file | skill folder | skill name>... [options]

Checks workflow documents without running them and prints every error and warning as
file:line:column CODE message, with the offending line. Tool names are checked against the tools
\`skillflow run\` would get here (see \`skillflow tools\`): an unknown one is UNKNOWN_TOOL.

Options:
  --json            print [{ file, valid, errors, warnings }] instead
  --no-tools        do not check tool names (and do not contact the configured MCP servers)
  --config <file>   project configuration file (default: ./skillflow.config.{json,yaml,yml})
  -h, --help        show this help

Exit status: 0 when every file is valid (warnings allowed), 2 when any has an error.

Examples:
  skillflow validate examples/repo-activity
  skillflow validate flows/*.md --json`;

interface FileReport {
  file: string;
  valid: boolean;
  errors: ValidationError[];
  warnings: ValidationError[];
}

/** The `validate` command. */
export const validateCommand: Command = {
  name: "validate",
  help,
  options: {
    json: { type: "boolean" },
    "no-tools": { type: "boolean" },
    config: { type: "string" },
  },
  async execute(args, { io }) {
    if (args.positionals.length === 0) {
      throw new CliError("BAD_ARGUMENTS", "validate needs at least one file", help);
    }
    const { config, env } = await loadWorkspace(io, { config: stringFlag(args, "config") });
    const sources = [];
    for (const target of args.positionals) sources.push(await readWorkflowFile(io, target, config));
    let tools: CliTools | undefined;
    if (args.values["no-tools"] !== true) tools = await buildTools(io.cwd, env, config);
    try {
      return report(args.values.json === true, sources, tools, io);
    } finally {
      await tools?.close();
    }
  },
};

function report(
  json: boolean,
  sources: readonly SourceFile[],
  tools: CliTools | undefined,
  io: Io,
): number {
  const style = createStyle(io.colors);
  const reports: FileReport[] = [];
  for (const source of sources) {
    const result = validateWorkflowSkill({
      content: source.content,
      ...(tools ? { toolAdapter: tools.adapter } : {}),
    });
    const report: FileReport = {
      file: source.display,
      valid: result.valid,
      errors: result.errors,
      warnings: result.warnings ?? [],
    };
    reports.push(report);
    if (json) continue;
    for (const problem of report.errors) {
      io.stderr.write(
        `${style.red("error")} ${formatDiagnostic(problem, source.content, report.file)}\n`,
      );
    }
    for (const problem of report.warnings) {
      io.stderr.write(
        `${style.yellow("warning")} ${formatDiagnostic(problem, source.content, report.file)}\n`,
      );
    }
    if (report.valid) {
      const steps = result.stepCount ?? 0;
      io.stdout.write(`${style.green("✓")} ${report.file} ${style.dim(`(${steps} steps)`)}\n`);
    }
  }
  if (json) printJson(io, reports);
  return reports.every((r) => r.valid) ? EXIT.ok : EXIT.usage;
}
