// `skillflow test <skill>`: runs the skill's workflow tests offline against recorded tool results.
import path from "node:path";
import {
  createWorkflowTest,
  formatDifference,
  formatWorkflowTestDiagnostic,
  runWorkflowTests,
  WorkflowTestInitError,
  type WorkflowTestReport,
  type WorkflowTestResult,
} from "@skillflow/evals";
import {
  printJson,
  stringFlag,
  stringsFlag,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from "../command.js";
import { CliError, EXIT } from "../errors.js";
import { readWorkflowFile, writeProblem } from "../files.js";
import type { Io } from "../io.js";
import { resolutionLog } from "../run/sub-workflow-tree.js";
import { createStyle } from "../style.js";
import { printable } from "../terminal-text.js";
import { loadWorkspace } from "../trust/workspace.js";

const help = `usage: skillflow test <skill folder | SKILL.md | skill name> [options]
       skillflow test <skill> --init <name> --from-record <file>

Runs the skill's workflow tests (<skill>/tests/*.json) offline: each test runs the workflow with
its inputs, every tool call answered from the test's recorded tool results (a recording made with
\`skillflow run <skill> --record <file>\`, and/or fixtures written in the test); no real tool is
ever called. The run's outputs are compared with the test's expectations, and a failing test
shows the differences by path (outputs.items[2].title: expected "a", got "b").
See docs/testing.md for the test file format.

Options:
  -t, --test <name>        run only this test (the file name without .json; repeatable)
      --update             write each run's outputs as the test's expected outputs (snapshot)
      --init <name>        create tests/<name>.json from --from-record <file>: its inputs,
                           tool results, decisions and outputs are the recorded run's
      --from-record <file> the recording --init starts from (copied into tests/recordings/ when
                           it is outside the skill folder)
      --config <file>      project configuration file (sub-workflows are found as skillflow run finds them)
      --json               print the results as JSON
  -h, --help               show this help

Exit status: 0 every test passed, 1 a test failed, 2 invalid call or an invalid test file
(the file, line and field are named), 3 the skill has no tests.

Examples:
  skillflow run examples/triage-issues -i label=sync -i limit=3 --record run.json
  skillflow test examples/triage-issues --init mine --from-record run.json
  skillflow test examples/triage-issues
  skillflow test examples/triage-issues --update`;

/** Exit status when the skill has no tests (or none has the names asked for). */
const NO_TESTS = 3;

function noTestsText(skill: string, folder: string): string {
  return (
    `no workflow tests in ${folder}\n` +
    `record a real run, then make it a test:\n` +
    `  skillflow run ${skill} --record run.json\n` +
    `  skillflow test ${skill} --init <name> --from-record run.json\n` +
    `or write ${path.join(folder, "<name>.json")} by hand (see docs/testing.md)\n`
  );
}

function writeResult(io: Io, result: WorkflowTestResult): void {
  const style = createStyle(io.colors);
  const mark = result.passed ? style.green("PASS") : style.red("FAIL");
  const note = result.updated ? " (expectations updated)" : "";
  io.stdout.write(`${mark} ${printable(result.name)}${note}\n`);
  for (const reason of result.reasons)
    io.stdout.write(`  ${printable(reason).replaceAll("\n", "\n    ")}\n`);
  for (const d of result.differences) io.stdout.write(`    ${printable(formatDifference(d))}\n`);
}

function exitCode(report: WorkflowTestReport): number {
  if (report.diagnostics.some((d) => d.severity === "error")) return EXIT.usage;
  if (report.tests.length === 0) return NO_TESTS;
  return report.failed > 0 ? EXIT.failed : EXIT.ok;
}

async function init(io: Io, dir: string, name: string, from: string | undefined): Promise<void> {
  if (from === undefined)
    throw new CliError(
      "BAD_ARGUMENTS",
      "--init <name> needs --from-record <file> (a skillflow run --record file)",
      help,
    );
  try {
    const created = await createWorkflowTest(dir, name, path.resolve(io.cwd, from));
    io.stderr.write(`created ${printable(path.relative(io.cwd, created.file))}\n`);
  } catch (error) {
    if (error instanceof WorkflowTestInitError) {
      const code = error.code === "INVALID_NAME" ? "BAD_ARGUMENTS" : "INVALID_INPUT";
      throw new CliError(code, error.message);
    }
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new CliError("FILE_NOT_FOUND", `${from}: no such recording`);
    throw writeProblem(error, path.join(dir, "tests", `${name}.json`));
  }
}

async function execute(args: ParsedArgs, context: CommandContext): Promise<number> {
  const [target, ...rest] = args.positionals;
  if (target === undefined || rest.length > 0)
    throw new CliError(
      "BAD_ARGUMENTS",
      "test needs exactly one skill folder, SKILL.md or skill name",
      help,
    );
  const { io } = context;
  // Only skill discovery (sub-workflows by name) matters here: other ignored settings are not named.
  const { config } = await loadWorkspace(io, {
    config: stringFlag(args, "config"),
    uses: ["skills."],
  });
  const source = await readWorkflowFile(io, target, config);
  const dir = path.dirname(source.absolute);
  const initName = stringFlag(args, "init");
  if (initName !== undefined) await init(io, dir, initName, stringFlag(args, "from-record"));
  else if (stringFlag(args, "from-record") !== undefined)
    throw new CliError("BAD_ARGUMENTS", "--from-record goes with --init <name>", help);
  const only = initName !== undefined ? [initName] : stringsFlag(args, "test");
  const references = await resolutionLog(io, config, source.content);
  let report: WorkflowTestReport;
  try {
    report = await runWorkflowTests({
      skillDir: dir,
      content: source.content,
      source: source.absolute,
      resolveWorkflow: references.resolve,
      ...(only.length > 0 ? { only } : {}),
      ...(args.values.update === true ? { update: true } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } catch (error) {
    throw writeProblem(error, path.join(dir, "tests"));
  }
  return show(io, args, report, target, only);
}

function show(
  io: Io,
  args: ParsedArgs,
  report: WorkflowTestReport,
  target: string,
  only: readonly string[],
): number {
  const found = new Set([
    ...report.tests.map((t) => t.name),
    ...report.diagnostics.map((d) => path.basename(d.file, ".json")),
  ]);
  const unknown = only.filter((name) => !found.has(name));
  if (unknown.length > 0)
    throw new CliError("BAD_ARGUMENTS", `no test named ${unknown.join(", ")} in ${report.folder}`);
  if (args.values.json === true) {
    const { tests, diagnostics, passed, failed, folder } = report;
    printJson(io, { folder, passed, failed, tests, problems: diagnostics });
    return exitCode(report);
  }
  for (const d of report.diagnostics)
    io.stderr.write(`${printable(formatWorkflowTestDiagnostic(d))}\n`);
  if (report.tests.length === 0 && report.diagnostics.length === 0) {
    io.stderr.write(noTestsText(target, report.folder));
    return NO_TESTS;
  }
  for (const result of report.tests) writeResult(io, result);
  const broken =
    report.diagnostics.length > 0 ? `, ${report.diagnostics.length} problem(s) in test files` : "";
  io.stdout.write(
    `${report.tests.length} test(s): ${report.passed} passed, ${report.failed} failed${broken}\n`,
  );
  return exitCode(report);
}

/** The `test` command. */
export const testCommand: Command = {
  name: "test",
  help,
  options: {
    test: { type: "string", short: "t", multiple: true },
    update: { type: "boolean" },
    init: { type: "string" },
    "from-record": { type: "string" },
    config: { type: "string" },
    json: { type: "boolean" },
  },
  execute,
};
