// End to end: a workflow whose tool step calls `fixture.add` on the stdio fixture through runWorkflowSkill.
import { runWorkflowSkill, validateWorkflowSkill } from "@skillflow/workflow";
import { createTestServices } from "@skillflow/workflow/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type McpToolAdapter, connectMcpServers } from "../../src/mcp/adapter.js";
import { stdioFixture } from "./_fixtures.js";

const WORKFLOW = `---
name: mcp-sum
description: Adds two numbers with an MCP tool, then reports a failing one.
---

\`\`\`workflow
inputs:
  a: { type: int }
  b: { type: int }

outputs:
  total: { type: int, value: $steps.sum.output.total }

steps:
  - id: sum
    type: tool
    tool: fixture.add
    inputs:
      a: { type: int, value: $inputs.a }
      b: { type: int, value: $inputs.b }
    outputs:
      total: { type: int, value: $result.sum }

  - id: broken
    type: tool
    tool: fixture.fail
    on_error: ignore
    inputs:
      message: { type: string, value: "no luck" }
    outputs:
      note: { type: string, value: $result }
\`\`\`
`;

let adapter: McpToolAdapter;
beforeAll(async () => {
  adapter = await connectMcpServers({ fixture: stdioFixture() });
});
afterAll(() => adapter.close());

it("validates against the adapter's server.tool names", () => {
  expect(validateWorkflowSkill({ content: WORKFLOW, toolAdapter: adapter }).valid).toBe(true);
  const unknown = WORKFLOW.replace("tool: fixture.add", "tool: fixture.sum");
  expect(validateWorkflowSkill({ content: unknown, toolAdapter: adapter }).valid).toBe(false);
});

it("runs a tool step that calls an MCP tool, and records a tool error as the step's error", async () => {
  const log = await runWorkflowSkill({
    content: WORKFLOW,
    inputs: { a: 19, b: 23 },
    toolAdapter: adapter,
    services: createTestServices(),
  });
  expect(log.status).toBe("success");
  expect(log.outputs.total).toBe(42);
  const sum = log.steps.find((s) => s.id === "sum");
  expect(sum).toMatchObject({ status: "success", inputs: { a: 19, b: 23 }, output: { total: 42 } });
  const broken = log.steps.find((s) => s.id === "broken");
  expect(broken).toMatchObject({ status: "failed", error: 'Tool "fixture.fail": no luck' });
});
