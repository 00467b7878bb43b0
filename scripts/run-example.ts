// Runs an example skill (folder or SKILL.md) with a local `read_json` tool: the quick start until the CLI lands.
import { readFile, realpath, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import {
  MockToolAdapter,
  formatDiagnostic,
  runWorkflowSkill,
  type RunLog,
  type RuntimeEvent,
  type ToolInvocationContext,
  type ToolResult,
} from "../packages/workflow/src/index.js";

/** Where the script writes: events and problems to `err`, the outputs JSON to `out`. */
interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  signal?: AbortSignal;
}

const USAGE = `usage: npm run example -- <skill folder | SKILL.md> [--inputs '<JSON object>']

Runs the workflow with a read_json tool confined to the skill's folder.
Exit status: 0 success, 1 run failed, 2 invalid workflow or usage.`;

const fail = (error: string): ToolResult => ({ output: null, error });

/** A `read_json` tool that reads files inside `folder` only (no absolute paths, no `..`, no escaping links). */
function readJsonTool(folder: string) {
  return async (args: Record<string, unknown>, context?: ToolInvocationContext) => {
    const path = args.path;
    if (typeof path !== "string" || path === "") return fail('needs a "path" string');
    if (isAbsolute(path) || path.split(/[\\/]/).includes("..")) {
      return fail(`"${path}" must be a relative path inside the skill folder`);
    }
    try {
      const root = await realpath(folder);
      const file = await realpath(resolve(root, path));
      const rel = relative(root, file);
      if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel))
        return fail(`"${path}" leaves the skill folder`);
      const text = await readFile(
        file,
        context ? { encoding: "utf8", signal: context.signal } : "utf8",
      );
      return { output: JSON.parse(text) as unknown };
    } catch (error) {
      return fail(
        `cannot read "${path}": ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
}

/** One plain line per event; undefined for events not worth a line. */
function describeEvent(event: RuntimeEvent): string | undefined {
  switch (event.type) {
    case "workflow_start":
      return `run     ${event.workflow} (${event.totalSteps} steps)`;
    case "step_start":
      return `start   ${event.stepId} [${event.stepType}${event.tool ? `: ${event.tool}` : ""}]`;
    case "step_skip":
      return `skip    ${event.stepId}: ${event.reason}`;
    case "step_retry": {
      const item = event.iteration === undefined ? "" : ` item ${event.iteration}`;
      return `retry   ${event.stepId}${item} after attempt ${event.attempt}: ${event.error}`;
    }
    case "step_error":
      return `error   ${event.stepId}: ${event.error} (on_error: ${event.onError})`;
    case "each_progress":
      return `item    ${event.stepId} ${event.current}/${event.total}`;
    case "step_complete": {
      const items = event.iterations === undefined ? "" : `, ${event.iterations} items`;
      return `done    ${event.stepId} ${event.status} in ${event.duration_ms}ms${items}`;
    }
    case "workflow_complete": {
      const { steps_executed, steps_skipped } = event.summary;
      return `finish  ${event.status} in ${event.duration_ms}ms (${steps_executed} executed, ${steps_skipped} skipped)`;
    }
  }
}

/** Exit status of a finished run: 0 success, 2 parse/validate failure, 1 any other failure. */
function exitCodeOf(log: RunLog): number {
  if (log.status === "success") return 0;
  return log.error?.phase === "parse" || log.error?.phase === "validate" ? 2 : 1;
}

async function locateSkill(target: string): Promise<string> {
  const info = await stat(target);
  return info.isDirectory() ? join(target, "SKILL.md") : target;
}

function parseInputs(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("--inputs must be a JSON object");
  }
  return value as Record<string, unknown>;
}

/** Runs the example named by `argv`; returns the exit status instead of exiting. */
async function main(argv: readonly string[], io: Io): Promise<number> {
  let file: string;
  let content: string;
  let inputs: Record<string, unknown>;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { inputs: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    if (values.help === true) {
      io.out(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new Error("expected exactly one skill folder or SKILL.md");
    file = await locateSkill(resolve(io.cwd, positionals[0]!));
    content = await readFile(file, "utf8");
    inputs = parseInputs(values.inputs);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }

  const adapter = new MockToolAdapter().register("read_json", readJsonTool(dirname(file)), {
    description: "Reads a JSON file given a path relative to the skill folder.",
    inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
  });
  const log = await runWorkflowSkill({
    content,
    inputs,
    toolAdapter: adapter,
    workflowName: basename(dirname(file)),
    onEvent: (event) => {
      const line = describeEvent(event);
      if (line !== undefined) io.err(line);
    },
    ...(io.signal ? { signal: io.signal } : {}),
  });

  if (log.error) {
    io.err(`\n${log.error.phase} error: ${log.error.message}`);
    for (const detail of log.error.details ?? []) {
      io.err(formatDiagnostic(detail, content, relative(io.cwd, file)));
    }
  }
  io.out(JSON.stringify(log.outputs, null, 2));
  return exitCodeOf(log);
}

const controller = new AbortController();
process.once("SIGINT", () => controller.abort(new Error("interrupted")));
process.exitCode = await main(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  cwd: process.env.INIT_CWD ?? process.cwd(),
  signal: controller.signal,
});
