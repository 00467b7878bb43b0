// `skillflow graph <file>`: the workflow as a Mermaid flowchart.
import { formatDiagnostic, parseWorkflowFromMd, validateWorkflowSkill } from "@skillflow/workflow";
import { CliError, EXIT } from "../errors.js";
import type { Command } from "../command.js";
import { readWorkflowFile } from "../files.js";
import { loadWorkspace } from "../trust/workspace.js";
import { toMermaid } from "../graph/mermaid.js";

const help = `usage: skillflow graph <file | skill folder | skill name>

Prints the workflow as a Mermaid flowchart: steps in order, conditional branches (then/else
edges), each loops (↻), guarded steps (dashed edges) and exits (rounded terminal nodes).
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
    const source = await readWorkflowFile(
      io,
      target,
      async () => (await loadWorkspace(io, { uses: ["skills."] })).config,
    );
    const result = validateWorkflowSkill({ content: source.content });
    if (!result.valid) {
      for (const problem of result.errors) {
        io.stderr.write(`${formatDiagnostic(problem, source.content, source.display)}\n`);
      }
      return EXIT.usage;
    }
    io.stdout.write(toMermaid(parseWorkflowFromMd(source.content)));
    return EXIT.ok;
  },
};
