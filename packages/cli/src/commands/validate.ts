// `skillflow validate <files...>`: every problem of every file, located, for people or as JSON.
import { formatDiagnostic, validateWorkflowSkill, type ValidationError } from "@skillflow/workflow";
import { CliError, EXIT } from "../errors.js";
import { printJson, type Command } from "../command.js";
import { readWorkflowFile } from "../files.js";
import { createStyle } from "../style.js";

const help = `usage: skillflow validate <file | skill folder>... [--json]

Checks workflow documents without running them and prints every error and warning as
file:line:column CODE message, with the offending line. Tool names are not checked.

Options:
  --json        print [{ file, valid, errors, warnings }] instead
  -h, --help    show this help

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
  options: { json: { type: "boolean" } },
  async execute(args, { io }) {
    if (args.positionals.length === 0) {
      throw new CliError("BAD_ARGUMENTS", "validate needs at least one file", help);
    }
    const style = createStyle(io.colors);
    const reports: FileReport[] = [];
    for (const target of args.positionals) {
      const source = await readWorkflowFile(io.cwd, target);
      const result = validateWorkflowSkill({ content: source.content });
      const report: FileReport = {
        file: source.display,
        valid: result.valid,
        errors: result.errors,
        warnings: result.warnings ?? [],
      };
      reports.push(report);
      if (args.values.json === true) continue;
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
    if (args.values.json === true) printJson(io, reports);
    return reports.every((r) => r.valid) ? EXIT.ok : EXIT.usage;
  },
};
