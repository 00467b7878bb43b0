// workflowTool: schemas derived from the document, runs through runWorkflowSkill, errors located.
import { MockToolAdapter } from "@skillflow/workflow";
import { describe, expect, it } from "vitest";
import { combineAdapters } from "../../src/compose.js";
import { ToolError } from "../../src/tool.js";
import { ToolSet } from "../../src/toolset.js";
import { workflowTool } from "../../src/workflow-tool.js";

const GREET = `---
name: greet
description: Greets someone.
---

\`\`\`workflow
inputs:
  name: { type: string }
  times: { type: int, default: 1 }
  tags: { type: array, items: { type: string }, nullable: true }
  ratio: { type: float, nullable: true }
  opts: { type: object, properties: { loud: boolean, tone: "how it sounds" } }
outputs:
  greeting: { type: string, value: $steps.say.output.text }
  count: { type: int, value: $inputs.times }
steps:
  - id: say
    type: tool
    tool: shout
    inputs:
      text: { type: string, value: "hello \${inputs.name}" }
    outputs:
      text: { type: string, value: $result.text }
\`\`\`
`;

function adapter(): MockToolAdapter {
  return new MockToolAdapter().register("shout", (args) => ({
    output: { text: String(args.text).toUpperCase() },
  }));
}

const context = (signal = new AbortController().signal) => ({
  signal,
  runId: "outer",
  stepId: "step",
  attempt: 1,
});

describe("workflowTool schemas", () => {
  it("derives the input schema from the declared inputs", () => {
    const tool = workflowTool({ name: "greet", content: GREET, toolAdapter: adapter() });
    expect(tool.inputSchema).toEqual({
      type: "object",
      properties: {
        name: { type: "string" },
        times: { type: "integer", default: 1 },
        tags: { type: ["array", "null"], items: { type: "string" } },
        ratio: { type: ["number", "null"] },
        opts: {
          type: "object",
          properties: { loud: { type: "boolean" }, tone: { description: "how it sounds" } },
        },
      },
      required: ["name", "opts"],
      additionalProperties: false,
    });
  });

  it("derives the output schema from the declared outputs", () => {
    const tool = workflowTool({ name: "greet", content: GREET, toolAdapter: adapter() });
    expect(tool.outputSchema).toEqual({
      type: "object",
      properties: { greeting: { type: "string" }, count: { type: "integer" } },
    });
    expect(tool.description).toBe('Runs the "greet" workflow.');
  });
});

describe("workflowTool runs", () => {
  it("runs the workflow with the arguments as inputs and returns its outputs", async () => {
    const tool = workflowTool({ name: "greet", content: GREET, toolAdapter: adapter() });
    const output = await tool.run({ name: "ada", opts: {} }, context());
    expect(output).toEqual({ greeting: "HELLO ADA", count: 1 });
  });

  it("is a tool another host can register, next to its own", async () => {
    const inner = adapter();
    const host = combineAdapters(
      new ToolSet([workflowTool({ name: "greet", content: GREET, toolAdapter: inner })]),
      new MockToolAdapter().register("other", () => ({ output: 1 })),
    );
    expect(await host.invoke("greet", { name: "bob", opts: {}, times: 2 })).toEqual({
      output: { greeting: "HELLO BOB", count: 2 },
    });
    const invalid = await host.invoke("greet", { times: "x" });
    expect(invalid.error).toContain("name: is required");
    expect(invalid.error).toContain("times: must be integer");
  });

  it("throws EXECUTION with the run's error message when a step fails", async () => {
    const failing = new MockToolAdapter().register("shout", () => ({
      output: null,
      error: "no voice",
    }));
    const tool = workflowTool({ name: "greet", content: GREET, toolAdapter: failing });
    const error = await tool.run({ name: "ada", opts: {} }, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).code).toBe("EXECUTION");
    expect((error as ToolError).retryable).toBe(true);
    expect((error as ToolError).message).toContain("no voice");
  });

  it("throws INVALID_ARGUMENTS when the inputs do not bind (called without a ToolSet)", async () => {
    const tool = workflowTool({ name: "greet", content: GREET, toolAdapter: adapter() });
    const error = await tool.run({ opts: {} }, context()).catch((e: unknown) => e);
    expect((error as ToolError).code).toBe("INVALID_ARGUMENTS");
    expect((error as ToolError).retryable).toBe(false);
    expect((error as ToolError).message).toContain('Missing required input "name"');
  });

  it("passes the context's signal to the nested run", async () => {
    const hanging = new MockToolAdapter().register(
      "shout",
      (_args, ctx) =>
        new Promise((_resolve, reject) =>
          ctx?.signal.addEventListener("abort", () => reject(new Error("stopped"))),
        ),
    );
    const tool = workflowTool({ name: "greet", content: GREET, toolAdapter: hanging });
    const controller = new AbortController();
    const pending = tool.run({ name: "ada", opts: {} }, context(controller.signal));
    setTimeout(() => controller.abort(), 20);
    const error = await pending.catch((e: unknown) => e);
    expect((error as ToolError).code).toBe("ABORTED");
  });
});

describe("workflowTool validation", () => {
  it("throws at creation with every located problem", () => {
    const broken = GREET.replace("tool: shout", "tool: missing_tool").replace(
      "$inputs.times",
      "$inputs.undeclared",
    );
    let message = "";
    try {
      workflowTool({ name: "greet", content: broken, toolAdapter: adapter() });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Workflow tool "greet" is invalid:\n/);
    expect(message).toMatch(/greet:\d+:\d+ \S+ .*missing_tool/);
    expect(message).toMatch(/greet:\d+:\d+ \S+ .*undeclared/);
    expect(message).toContain("^");
  });

  it("throws on a document that does not parse", () => {
    expect(() =>
      workflowTool({ name: "bad", content: "steps: [", toolAdapter: adapter() }),
    ).toThrow(/^Workflow tool "bad" is invalid:\nbad/);
  });
});
