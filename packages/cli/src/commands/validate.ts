// `skillflow validate <files...>`: every problem of every file, located, for people or as JSON.
import { formatDiagnostic, validateWorkflowSkill, type ValidationError } from "@skillflow/workflow";
import {
  displayPath,
  explainUnresolved,
  MAX_SHOWN_SUBWORKFLOWS,
  placeProblem,
  resolutionLog,
  subWorkflows,
  type ResolutionLog,
  type SubWorkflow,
} from "../run/sub-workflow-tree.js";
import { CliError, EXIT } from "../errors.js";
import { printJson, stringFlag, type Command } from "../command.js";
import { readWorkflowFile, type SourceFile } from "../files.js";
import type { Io } from "../io.js";
import { createStyle } from "../style.js";
import { buildTools, withPreviousRunListed, type CliTools } from "../tools.js";
import { loadWorkspace } from "../trust/workspace.js";
import { printable } from "../terminal-text.js";

const help = `usage: skillflow validate <file | skill folder | skill name>... [options]

Checks workflow documents without running them and prints every error and warning as
file:line:column CODE message, with the offending line. Sub-workflows (\`workflow\` steps) are
resolved as \`skillflow run\` resolves them (a relative path inside the skill library, or a skill
name through discovery) and checked too: their problems name the child's file; a valid document
lists the sub-workflows it calls. Tool names are checked against the tools
\`skillflow run\` would get here (see \`skillflow tools\`): an unknown one is UNKNOWN_TOOL.

Options:
  --json            print [{ file, valid, errors, warnings, workflows }] instead
  --no-tools        do not check tool names (and do not contact the configured MCP servers)
  --config <file>   project configuration file (default: ./skillflow.config.{json,yaml,yml})
  -h, --help        show this help

Exit status: 0 when every file is valid (warnings allowed), 2 when any has an error.

Examples:
  skillflow validate examples/repo-activity
  skillflow validate flows/*.md --json`;

/** A resolved sub-workflow in the JSON report. */
interface WorkflowReport {
  step: string;
  ref: string;
  file: string;
  name?: string;
  workflows: WorkflowReport[];
}

interface FileReport {
  file: string;
  valid: boolean;
  errors: ValidationError[];
  warnings: ValidationError[];
  /** Sub-workflows called (valid documents that have any). */
  workflows?: WorkflowReport[];
  /** Set when more than `MAX_SHOWN_SUBWORKFLOWS` were called and the rest left out. */
  workflowsTruncated?: true;
}

/** One checked document and what its references resolved to. */
interface Checked {
  source: SourceFile;
  log: ResolutionLog;
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
    const sources: Checked[] = [];
    for (const target of args.positionals) {
      const source = await readWorkflowFile(io, target, config);
      sources.push({ source, log: await resolutionLog(io, config, source.content) });
    }
    let tools: CliTools | undefined;
    if (args.values["no-tools"] !== true)
      tools = withPreviousRunListed(await buildTools(io.cwd, env, config));
    try {
      return report(args.values.json === true, sources, tools, io);
    } finally {
      await tools?.close();
    }
  },
};

function toReport(list: readonly SubWorkflow[], cwd: string): WorkflowReport[] {
  return list.map((w) => ({
    step: w.step,
    ref: w.ref,
    file: displayPath(w.source, cwd),
    ...(w.name === undefined ? {} : { name: w.name }),
    workflows: toReport(w.children, cwd),
  }));
}

/** The tree of sub-workflows, one `step → ref (name)` line each, indented by depth. */
function treeLines(list: readonly WorkflowReport[], indent: string, arrow: string): string[] {
  return list.flatMap((w) => [
    `${indent}${w.step} ${arrow} ${w.ref} (${w.ref.includes("/") ? (w.name ?? w.file) : w.file})`,
    ...treeLines(w.workflows, `${indent}  `, arrow),
  ]);
}

/** A problem as printed: in the child's file (its name, line, column and code frame) when it is there. */
function printProblem(problem: ValidationError, { source, log }: Checked, cwd: string): string {
  const placed = placeProblem(problem, log, source, cwd);
  // Messages quote references and the code frame quotes the file: both are the document author's.
  return printable(formatDiagnostic(placed.problem, placed.content, placed.file));
}

function report(
  json: boolean,
  sources: readonly Checked[],
  tools: CliTools | undefined,
  io: Io,
): number {
  const style = createStyle(io.colors);
  const reports: FileReport[] = [];
  for (const checked of sources) {
    const { source, log } = checked;
    const result = validateWorkflowSkill({
      content: source.content,
      source: source.absolute,
      resolveWorkflow: log.resolve,
      ...(tools ? { toolAdapter: tools.adapter } : {}),
    });
    const top = { source: source.absolute, content: source.content };
    const report: FileReport = {
      file: source.display,
      valid: result.valid,
      errors: result.errors.map((e) => explainUnresolved(e, log, top)),
      warnings: result.warnings ?? [],
    };
    const workflow = result.valid ? log.definition(source.absolute, source.content) : undefined;
    const tree = workflow === undefined ? undefined : subWorkflows(workflow, source.absolute, log);
    if (tree !== undefined && tree.workflows.length > 0) {
      report.workflows = toReport(tree.workflows, io.cwd);
      if (tree.truncated) report.workflowsTruncated = true;
    }
    reports.push(report);
    if (json) continue;
    for (const problem of report.errors) {
      io.stderr.write(`${style.red("error")} ${printProblem(problem, checked, io.cwd)}\n`);
    }
    for (const problem of report.warnings) {
      io.stderr.write(`${style.yellow("warning")} ${printProblem(problem, checked, io.cwd)}\n`);
    }
    if (report.valid) {
      const steps = result.stepCount ?? 0;
      io.stdout.write(`${style.green("✓")} ${report.file} ${style.dim(`(${steps} steps)`)}\n`);
      for (const line of treeLines(report.workflows ?? [], "  ", "→")) {
        io.stdout.write(`${style.dim(printable(line))}\n`);
      }
      if (report.workflowsTruncated === true) {
        const more = `  … only the first ${MAX_SHOWN_SUBWORKFLOWS} sub-workflows are listed (all were checked)`;
        io.stdout.write(`${style.dim(more)}\n`);
      }
    }
  }
  if (json) printJson(io, reports);
  return reports.every((r) => r.valid) ? EXIT.ok : EXIT.usage;
}
