// `skillflow graph <file>`: the workflow as a Mermaid flowchart.
import { formatDiagnostic, validateWorkflowSkill } from "@skillflow/workflow";
import { CliError, EXIT } from "../errors.js";
import type { Command } from "../command.js";
import type { CliConfig } from "../config.js";
import { readWorkflowFile } from "../files.js";
import { loadWorkspace } from "../trust/workspace.js";
import { toMermaid } from "../graph/mermaid.js";
import {
  explainUnresolved,
  MAX_SHOWN_SUBWORKFLOWS,
  placeProblem,
  resolutionLog,
  subWorkflows,
} from "../run/sub-workflow-tree.js";
import { printable } from "../terminal-text.js";

const help = `usage: skillflow graph <file | skill folder | skill name>

Prints the workflow as a Mermaid flowchart: steps in order, conditional branches (then/else
edges), each loops (↻), guarded steps (dashed edges), exits (rounded terminal nodes), approvals
(hexagons with their message) and sub-workflows: the child of each \`workflow\` step is drawn as a
subgraph (nested children too), resolved as \`skillflow run\` resolves them.
Paste it into a Markdown \`\`\`mermaid block or https://mermaid.live.

Options:
  -h, --help    show this help

Exit status: 0, or 2 when the document is invalid.

Examples:
  skillflow graph examples/repo-activity
  skillflow graph flow.md > flow.mmd`;

/** The `graph` command. */
export const graphCommand: Command = {
  name: "graph",
  help,
  options: {},
  async execute(args, { io }) {
    const [target, ...rest] = args.positionals;
    if (target === undefined || rest.length > 0) {
      throw new CliError("BAD_ARGUMENTS", "graph needs exactly one file", help);
    }
    let config: Promise<CliConfig> | undefined;
    const loadConfig = () =>
      (config ??= loadWorkspace(io, { uses: ["skills."] }).then((w) => w.config));
    const source = await readWorkflowFile(io, target, loadConfig);
    const log = await resolutionLog(io, loadConfig, source.content);
    const result = validateWorkflowSkill({
      content: source.content,
      source: source.absolute,
      resolveWorkflow: log.resolve,
    });
    const top = { source: source.absolute, content: source.content };
    const workflow = log.definition(source.absolute, source.content);
    if (!result.valid || workflow === undefined) {
      for (const error of result.errors) {
        const placed = placeProblem(explainUnresolved(error, log, top), log, source, io.cwd);
        io.stderr.write(
          `${printable(formatDiagnostic(placed.problem, placed.content, placed.file))}\n`,
        );
      }
      return EXIT.usage;
    }
    const tree = subWorkflows(workflow, source.absolute, log);
    io.stdout.write(toMermaid(workflow, tree.workflows));
    if (tree.truncated) {
      io.stdout.write(`%% only the first ${MAX_SHOWN_SUBWORKFLOWS} sub-workflows are drawn\n`);
    }
    return EXIT.ok;
  },
};
