// The authoring area through a real SDK client: the guide, list_tools, validate_workflow,
// dry_run_workflow with fixtures or a recorded run, and invalid arguments naming the field.
import { afterEach, describe, expect, it } from "vitest";
import { AUTHORING_SKILL, runWorkflowSkill, MockToolAdapter } from "@skillflow/workflow";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AUTHORING_GUIDE_URI, authoringArea, createMcpServer } from "../../src/index.js";
import { connectClient } from "../_client.js";
import { catalog, connectAuthoring } from "./_setup.js";

const DOC = `---
name: page-title
description: Returns the title of a page.
---

\`\`\`workflow
inputs:
  url: { type: string, default: "https://example.com" }
outputs:
  title: { type: string, value: $steps.fetch.output.title }
steps:
  - id: fetch
    type: tool
    tool: web_fetch
    inputs:
      url: { type: string, value: $inputs.url }
    outputs:
      title: { type: string, value: $result.title }
\`\`\`
`;

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function client(runs?: Parameters<typeof connectAuthoring>[0]) {
  const connected = await connectAuthoring(runs);
  close = connected.close;
  return connected.client;
}

/** The structured content of a result, checked to be the same data as its text. */
function data(result: unknown): Record<string, unknown> {
  const r = result as CallToolResult;
  const text = r.content[0]?.type === "text" ? r.content[0].text : "";
  if (r.isError !== true) expect(JSON.parse(text)).toEqual(r.structuredContent);
  return r.structuredContent as Record<string, unknown>;
}

describe("authoring area", () => {
  it("serves the authoring guide as a markdown resource and says so in the instructions", async () => {
    const c = await client();
    const { resources } = await c.listResources();
    expect(resources).toEqual([
      expect.objectContaining({ uri: AUTHORING_GUIDE_URI, mimeType: "text/markdown" }),
    ]);
    const read = await c.readResource({ uri: AUTHORING_GUIDE_URI });
    expect(read.contents).toEqual([
      { uri: AUTHORING_GUIDE_URI, mimeType: "text/markdown", text: AUTHORING_SKILL },
    ]);
    expect(c.getInstructions()).toContain(AUTHORING_GUIDE_URI);
  });

  it("lists the three tools with object input schemas", async () => {
    const c = await client();
    const { tools } = await c.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      "list_tools",
      "validate_workflow",
      "dry_run_workflow",
    ]);
    const dryRun = tools.find((t) => t.name === "dry_run_workflow")!;
    expect(dryRun.inputSchema.type).toBe("object");
    expect(dryRun.inputSchema.required).toEqual(["text"]);
    expect(Object.keys(dryRun.inputSchema.properties ?? {})).toEqual([
      "text",
      "inputs",
      "fixtures",
      "runId",
      "approvals",
    ]);
  });

  it("list_tools returns the run's tools with their input schemas", async () => {
    const c = await client();
    const out = data(await c.callTool({ name: "list_tools", arguments: {} }));
    expect((out.tools as { name: string }[]).map((t) => t.name)).toEqual(["llm", "web_fetch"]);
    expect(out.tools).toContainEqual(
      expect.objectContaining({
        name: "web_fetch",
        inputSchema: expect.objectContaining({ required: ["url"] }),
      }),
    );
  });

  it("validate_workflow returns every problem with code, line, column and hint", async () => {
    const c = await client();
    const valid = data(await c.callTool({ name: "validate_workflow", arguments: { text: DOC } }));
    expect(valid).toMatchObject({ valid: true, problems: [] });
    const text = DOC.replace("tool: web_fetch", "tool: webfetch");
    const out = data(await c.callTool({ name: "validate_workflow", arguments: { text } }));
    expect(out.valid).toBe(false);
    expect(out.problems).toEqual([
      expect.objectContaining({
        code: "UNKNOWN_TOOL",
        line: 14,
        column: 11,
        hint: expect.stringContaining('"web_fetch"'),
      }),
    ]);
  });

  it("dry_run_workflow runs with fixtures and returns the run log", async () => {
    const c = await client();
    const out = data(
      await c.callTool({
        name: "dry_run_workflow",
        arguments: { text: DOC, fixtures: { web_fetch: { output: { title: "Example" } } } },
      }),
    );
    expect(out).toMatchObject({ ok: true, status: "success", unanswered: [] });
    expect((out.log as { outputs: unknown }).outputs).toEqual({ title: "Example" });
  });

  it("dry_run_workflow reports an unanswered call naming the tool and step", async () => {
    const c = await client();
    const out = data(await c.callTool({ name: "dry_run_workflow", arguments: { text: DOC } }));
    expect(out).toMatchObject({ ok: false, status: "failed" });
    expect(out.unanswered).toEqual([expect.objectContaining({ tool: "web_fetch", step: "fetch" })]);
  });

  it("dry_run_workflow replays a recorded run by id", async () => {
    const real = new MockToolAdapter().register("web_fetch", () => ({ output: { title: "Then" } }));
    const log = await runWorkflowSkill({ content: DOC, toolAdapter: real, runId: "run-7" });
    const c = await client({ "run-7": log });
    const out = data(
      await c.callTool({ name: "dry_run_workflow", arguments: { text: DOC, runId: "run-7" } }),
    );
    expect(out).toMatchObject({ ok: true, status: "success" });
    expect((out.log as { outputs: unknown }).outputs).toEqual({ title: "Then" });
    const unknown = await c.callTool({
      name: "dry_run_workflow",
      arguments: { text: DOC, runId: "run-8" },
    });
    expect(unknown.isError).toBe(true);
    expect(unknown.structuredContent).toEqual({
      error: expect.objectContaining({ code: "UNKNOWN_RUN", field: "runId" }),
    });
  });

  it("dry_run_workflow with runId on a server without a history is a tool error naming runId", async () => {
    const connected = await connectClient(
      createMcpServer({ version: "0", areas: [authoringArea({ tools: catalog() })] }),
    );
    close = connected.close;
    const result = await connected.client.callTool({
      name: "dry_run_workflow",
      arguments: { text: DOC, runId: "run-1" },
    });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual({
      error: expect.objectContaining({ code: "NO_RUN_HISTORY", field: "runId" }),
    });
  });

  it.each([
    ["validate_workflow", {}, "text"],
    ["validate_workflow", { text: 3 }, "text"],
    ["dry_run_workflow", { text: DOC, inputs: [] }, "inputs"],
    [
      "dry_run_workflow",
      { text: DOC, fixtures: { web_fetch: { title: "raw" } } },
      "fixtures.web_fetch",
    ],
    [
      "dry_run_workflow",
      { text: DOC, fixtures: { web_fetch: [{ output: 1 }, "x"] } },
      "fixtures.web_fetch.1",
    ],
    [
      "dry_run_workflow",
      { text: DOC, approvals: { confirm: { approved: "yes" } } },
      "approvals.confirm.approved",
    ],
    ["dry_run_workflow", { text: DOC, runId: 7 }, "runId"],
  ])("%s with invalid arguments %j is a tool error naming %s", async (name, args, field) => {
    const c = await client();
    const result = await c.callTool({ name, arguments: args });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual({
      error: expect.objectContaining({ code: "INVALID_ARGUMENTS", field }),
    });
  });
});
