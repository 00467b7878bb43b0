// `skillflow tools`: the tools a run in this folder gets, with their input schemas.
import { EXIT } from "../errors.js";
import { printJson, stringFlag, type Command } from "../command.js";
import { createStyle } from "../style.js";
import { buildTools, withPreviousRunListed } from "../tools.js";
import { loadWorkspace } from "../trust/workspace.js";

const help = `usage: skillflow tools [--json] [--config <file>]

Lists the tools a run started here would get: the standard tools (shell only when
skillflow.config.json allows commands) and the tools of MCP servers in the configuration.

Options:
  --json            print [{ name, description, inputSchema }] instead
  --config <file>   project configuration file (default: ./skillflow.config.{json,yaml,yml}); the
                    user's config.{json,yaml,yml} ($SKILLFLOW_CONFIG_HOME, else ~/.config/skillflow
                    or the platform's folder) lies under it
  -h, --help        show this help

Examples:
  skillflow tools
  skillflow tools --json | jq '.[].name'`;

/** The `tools` command. */
export const toolsCommand: Command = {
  name: "tools",
  help,
  options: { json: { type: "boolean" }, config: { type: "string" } },
  async execute(args, { io }) {
    const { config, env, trust } = await loadWorkspace(io, { config: stringFlag(args, "config") });
    const tools = withPreviousRunListed(await buildTools(io.cwd, env, config));
    try {
      const list = tools.adapter.list?.() ?? [];
      if (args.values.json === true) {
        printJson(io, list);
        return EXIT.ok;
      }
      const style = createStyle(io.colors);
      for (const tool of list) {
        const props = Object.keys(tool.inputSchema?.properties ?? {});
        const required = new Set(tool.inputSchema?.required ?? []);
        const params = props.map((p) => (required.has(p) ? p : `${p}?`)).join(", ");
        io.stdout.write(
          `${style.bold(tool.name)}(${params})\n  ${tool.description.split("\n")[0]}\n`,
        );
      }
      if (!list.some((t) => t.name === "shell")) {
        const why = trust.settings.some((s) => s.id === "shell.allow")
          ? "this project's shell.allow applies once you trust it: skillflow trust"
          : "allow commands in skillflow.config.json";
        io.stdout.write(style.dim(`\nshell: not available (${why})\n`));
      }
      return EXIT.ok;
    } finally {
      await tools.close();
    }
  },
};
