// validateWorkflowText: problems located in the submitted text, with codes and hints; unknown tools.
import { describe, expect, it } from "vitest";
import { listRunTools, validateWorkflowText } from "../../src/index.js";
import { catalog, PAGE_CHECK } from "./_docs.js";

/** 1-based [line, column] of the first occurrence of `needle` in `text`. */
function where(text: string, needle: string): [number, number] {
  const before = text.slice(0, text.indexOf(needle));
  const lines = before.split("\n");
  return [lines.length, lines.at(-1)!.length + 1];
}

describe("validateWorkflowText", () => {
  it("accepts a valid SKILL.md against the catalog", () => {
    const result = validateWorkflowText(PAGE_CHECK, { tools: catalog() });
    expect(result).toMatchObject({ valid: true, problems: [], name: "page-check", stepCount: 2 });
  });

  it("reports an unknown tool at its line and column, with the closest name the catalog has", () => {
    const text = PAGE_CHECK.replace("tool: web_fetch", "tool: web_fetc");
    const result = validateWorkflowText(text, { tools: catalog() });
    expect(result.valid).toBe(false);
    const [problem] = result.problems;
    expect(problem).toMatchObject({
      code: "UNKNOWN_TOOL",
      severity: "error",
      path: "steps[0].tool",
    });
    const [line, column] = where(text, "web_fetc\n");
    expect([problem!.line, problem!.column]).toEqual([line, column]);
    expect(problem!.hint).toContain('"web_fetch"');
    expect(problem!.formatted).toMatch(new RegExp(`^SKILL\\.md:${line}:${column} UNKNOWN_TOOL`));
  });

  it("lists the catalog in the hint when no name is close", () => {
    const text = PAGE_CHECK.replace("tool: web_fetch", "tool: scrape_everything");
    const [problem] = validateWorkflowText(text, { tools: catalog() }).problems;
    expect(problem?.hint).toContain("web_fetch, llm");
  });

  it("does not check tool names without a catalog", () => {
    const text = PAGE_CHECK.replace("tool: web_fetch", "tool: anything");
    expect(validateWorkflowText(text).valid).toBe(true);
  });

  it("reports every problem, each located in the file (not the block) with a hint", () => {
    const text = PAGE_CHECK.replace("$steps.fetch.output.text", "$steps.fetc.output.text").replace(
      "type: tool\n    tool: llm",
      "type: toool\n    tool: llm",
    );
    const result = validateWorkflowText(text, { tools: catalog(), source: "flows/page.md" });
    expect(result.valid).toBe(false);
    const codes = result.problems.map((p) => p.code);
    expect(codes).toContain("UNKNOWN_STEP_TYPE");
    for (const problem of result.problems) {
      expect(problem.line).toBeGreaterThan(6); // after the frontmatter and heading
      expect(problem.column).toBeGreaterThan(0);
      expect(problem.hint).toBeTypeOf("string");
      expect(problem.formatted.startsWith(`flows/page.md:${problem.line}:`)).toBe(true);
    }
    const step = result.problems.find((p) => p.code === "UNKNOWN_STEP_TYPE")!;
    expect([step.line, step.column]).toEqual(where(text, "toool"));
  });

  it("reports an undefined step reference with its hint", () => {
    const text = PAGE_CHECK.replace("$steps.fetch.output.text", "$steps.fetc.output.text");
    const result = validateWorkflowText(text, { tools: catalog() });
    const problem = result.problems.find((p) => p.code === "UNDEFINED_STEP_REFERENCE");
    expect(problem?.line).toBe(where(text, "$steps.fetc.")[0]);
    expect(problem?.hint).toBeDefined();
  });

  it("reports YAML syntax errors located in the SKILL.md", () => {
    const text = PAGE_CHECK.replace("    tool: llm", "\ttool: llm");
    const result = validateWorkflowText(text);
    expect(result.valid).toBe(false);
    expect(result.problems[0]?.code).toMatch(/^YAML_/);
    expect(result.problems[0]?.line).toBe(where(text, "\ttool")[0]);
    expect(result.problems[0]?.hint).toBeDefined();
  });

  it("accepts bare workflow YAML", () => {
    const yaml = PAGE_CHECK.split("```workflow\n")[1]!.split("```")[0]!;
    expect(validateWorkflowText(yaml, { tools: catalog() }).valid).toBe(true);
  });
});

describe("listRunTools", () => {
  it("lists name, description and input schema, sorted, with an object schema by default", () => {
    expect(listRunTools(catalog())).toEqual([
      { name: "llm", description: "Ask a model", inputSchema: { type: "object" } },
      {
        name: "web_fetch",
        description: "Fetch a page",
        inputSchema: { type: "object", properties: { url: { type: "string" } }, required: ["url"] },
      },
    ]);
  });

  it("is empty for an adapter without a catalog", () => {
    expect(listRunTools({ has: () => true, invoke: async () => ({ output: null }) })).toEqual([]);
  });
});
