// The end-to-end: a scripted model, connected through a real MCP client to the authoring
// area only, goes from "check this page daily" to a valid, dry-run-tested SKILL.md.
import { afterEach, describe, expect, it } from "vitest";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { runAgent, validateWorkflowText, type AuthoringProblem } from "@skillflow/evals";
import { scriptedModel, type PromptView, type ScriptedReply } from "@skillflow/evals/testing";
import type { JsonSchema, ToolAdapter, ToolDescriptor } from "@skillflow/workflow";
import { AUTHORING_GUIDE_URI } from "../../src/index.js";
import { catalog, connectAuthoring } from "./_setup.js";

/** One exchange with the MCP server, as the client saw it. */
interface Exchange {
  name: string;
  args: Record<string, unknown>;
  result: unknown;
}

/**
 * The MCP server's tools as the agent's host tools, plus `read_resource` for the guide: every call
 * goes through the SDK client and is kept in `exchanges`.
 */
async function mcpAdapter(client: Client, exchanges: Exchange[]): Promise<ToolAdapter> {
  const { tools } = await client.listTools();
  const descriptors: ToolDescriptor[] = [
    ...tools.map((t) => ({
      name: t.name,
      description: t.description ?? "",
      inputSchema: t.inputSchema as JsonSchema,
    })),
    {
      name: "read_resource",
      description: "Read an MCP resource by URI",
      inputSchema: { type: "object", properties: { uri: { type: "string" } }, required: ["uri"] },
    },
  ];
  return {
    has: (name) => descriptors.some((d) => d.name === name),
    list: () => descriptors,
    async invoke(name, args) {
      if (name === "read_resource") {
        const read = await client.readResource({ uri: String(args.uri) });
        exchanges.push({ name, args, result: read });
        const first = read.contents[0];
        return { output: first !== undefined && "text" in first ? first.text : "" };
      }
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      exchanges.push({ name, args, result });
      if (result.isError === true)
        return { output: null, error: JSON.stringify(result.structuredContent) };
      return { output: result.structuredContent };
    },
  };
}

const PAGE = "https://status.example.com/";

/** The first draft, with two mistakes: a tool that does not exist and a misspelt step reference. */
const DRAFT = `---
name: page-watch
description: Checks a page daily and summarises what it says.
---

# Page watch

Run daily (\`skillflow schedules add\`): fetches the page and has a model summarise it.

\`\`\`workflow
inputs:
  url: { type: string, default: "${PAGE}" }
outputs:
  title: { type: string, value: $steps.fetch.output.title }
  summary: { type: string, value: $steps.summarise.output.summary }
steps:
  - id: fetch
    type: tool
    tool: fetch_page
    inputs:
      url: { type: string, value: $inputs.url }
    outputs:
      title: { type: string, value: $result.title }
      text: { type: string, value: $result.text }
  - id: summarise
    type: tool
    tool: llm
    inputs:
      prompt: { type: string, value: $steps.fecth.output.text }
    outputs:
      summary: { type: string, value: $result.summary }
\`\`\`
`;

/** A result of the latest tool call, parsed. */
function latest(view: PromptView): Record<string, unknown> {
  return JSON.parse(view.toolResults.at(-1)!.output) as Record<string, unknown>;
}

/**
 * Edits `text` at each problem's line, as a model would from the problem alone: an unknown tool is
 * replaced by the name the hint suggests, a misspelt step reference by the step id that exists.
 */
function fix(
  text: string,
  problems: AuthoringProblem[],
  known: { tools: string[]; steps: string[] },
): string {
  const { tools, steps: stepIds } = known;
  const lines = text.split("\n");
  for (const problem of problems) {
    const index = problem.line! - 1;
    const line = lines[index]!;
    if (problem.code === "UNKNOWN_TOOL") {
      // The hint names the tools there are; a page fetch is the one with "fetch" in its name.
      const named = tools.find((t) => problem.hint?.includes(t) && t.includes("fetch"))!;
      lines[index] = line.slice(0, problem.column! - 1) + named;
    } else if (problem.code === "UNDEFINED_STEP_REFERENCE") {
      const wrong = /\$steps\.(\w+)/.exec(line.slice(problem.column! - 1))![1]!;
      const right = stepIds.find((id) => id !== wrong && id[0] === wrong[0])!;
      lines[index] = line.replace(`$steps.${wrong}.`, `$steps.${right}.`);
    }
  }
  return lines.join("\n");
}

/** The author: guide, catalog, draft, fix what validation says, dry-run with fixtures, answer. */
function author(): (view: PromptView) => ScriptedReply {
  let draft = DRAFT;
  let toolNames: string[] = [];
  return (view) => {
    const done = view.toolResults.map((r) => r.name);
    if (!done.includes("read_resource"))
      return { call: { name: "read_resource", input: { uri: AUTHORING_GUIDE_URI } } };
    if (!done.includes("list_tools")) return { call: { name: "list_tools", input: {} } };
    const last = view.toolResults.at(-1)!;
    if (last.name === "list_tools")
      toolNames = (latest(view).tools as { name: string }[]).map((t) => t.name);
    if (last.name === "list_tools")
      return { call: { name: "validate_workflow", input: { text: draft } } };
    if (last.name === "validate_workflow") {
      const result = latest(view) as { valid: boolean; problems: AuthoringProblem[] };
      if (!result.valid) {
        draft = fix(draft, result.problems, { tools: toolNames, steps: ["fetch", "summarise"] });
        return { call: { name: "validate_workflow", input: { text: draft } } };
      }
      const fixtures = {
        web_fetch: {
          when: { url: PAGE },
          output: { status: 200, title: "Status", text: "All systems operational" },
        },
        llm: { output: { summary: "Everything is up." } },
      };
      return { call: { name: "dry_run_workflow", input: { text: draft, fixtures } } };
    }
    if (last.name === "dry_run_workflow" && latest(view).ok === true) return { text: draft };
    return { text: "gave up" };
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("an agent authoring through skillflow's MCP authoring tools", () => {
  it("goes from 'check this page daily' to a valid, dry-run-tested SKILL.md", async () => {
    const connected = await connectAuthoring();
    close = connected.close;
    const exchanges: Exchange[] = [];
    const transcript = await runAgent({
      model: scriptedModel(author()),
      prompt: `Check this page daily: ${PAGE}`,
      tools: await mcpAdapter(connected.client, exchanges),
    });
    expect(transcript.error).toBeUndefined();
    expect(exchanges.map((e) => e.name)).toEqual([
      "read_resource",
      "list_tools",
      "validate_workflow",
      "validate_workflow",
      "dry_run_workflow",
    ]);
    const [guide, tools, first, second, dryRun] = exchanges.map(
      (e) => (e.result as CallToolResult).structuredContent ?? e.result,
    ) as Record<string, unknown>[];

    expect((guide as { contents: { mimeType: string }[] }).contents[0]?.mimeType).toBe(
      "text/markdown",
    );
    expect((tools!.tools as { name: string }[]).map((t) => t.name)).toEqual(["llm", "web_fetch"]);

    // The draft's two mistakes came back located, with hints, through MCP.
    const problems = first!.problems as AuthoringProblem[];
    expect(first!.valid).toBe(false);
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ["UNKNOWN_TOOL", 19, 11],
      ["UNDEFINED_STEP_REFERENCE", 29, 38],
    ]);
    for (const p of problems) expect(p.hint).toBeTypeOf("string");
    expect(problems[0]!.hint).toContain("web_fetch");
    expect(second).toMatchObject({ valid: true, problems: [], name: "page-watch", stepCount: 2 });

    // The dry run answered the page fetch from the fixture and succeeded.
    expect(dryRun).toMatchObject({ ok: true, status: "success", unanswered: [] });
    const log = dryRun!.log as { outputs: unknown; steps: { id: string; inputs: unknown }[] };
    expect(log.outputs).toEqual({ title: "Status", summary: "Everything is up." });
    expect(log.steps.map((s) => [s.id, s.inputs])).toEqual([
      ["fetch", { url: PAGE }],
      ["summarise", { prompt: "All systems operational" }],
    ]);

    // The agent's answer is the SKILL.md it tested, valid against the tools a run would have.
    expect(transcript.output).toBe((exchanges[4]!.args as { text: string }).text);
    expect(transcript.output).toContain("tool: web_fetch");
    expect(validateWorkflowText(transcript.output, { tools: catalog() }).valid).toBe(true);
  });
});
