// The parse entry points: parseWorkflowDocument, parseWorkflowFromMd, compat parseWorkflowYaml / parseSkillMd.
import { describe, expect, it } from "vitest";
import type { WorkflowDefinition } from "../../src/model/schema.js";
import {
  FRONTMATTER_REQUIRED_MESSAGE,
  NO_WORKFLOW_BLOCK_MESSAGE,
  ParseError,
  parseSkillMd,
  parseWorkflowDocument,
  parseWorkflowFromMd,
  parseWorkflowYaml,
  sourceMapOf,
} from "../../src/parse/index.js";
import { MINIMAL_YAML, at, fixture, skill } from "./_helpers.js";

function thrown(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("expected a ParseError");
}

describe("parseWorkflowDocument", () => {
  it("returns the definition, the frontmatter name and data, and a source map", () => {
    const outcome = parseWorkflowDocument(fixture("price-watch.md"));
    expect(outcome).toMatchObject({ ok: true, name: "price-watch", warnings: [] });
    if (!outcome.ok) return;
    expect(outcome.frontmatter).toMatchObject({ name: "price-watch" });
    expect(outcome.workflow.steps[0]).toMatchObject({
      id: "fetch",
      type: "tool",
      tool: "get_price",
    });
    expect(sourceMapOf(outcome.workflow)).toBe(outcome.sourceMap);
  });

  it("has no name for bare YAML or invalid frontmatter", () => {
    const bare = parseWorkflowDocument(MINIMAL_YAML);
    expect(bare.ok && "name" in bare).toBe(false);
    const invalid = parseWorkflowDocument(skill(MINIMAL_YAML, "name: only-a-name"));
    expect(invalid).toMatchObject({ ok: true, frontmatter: { name: "only-a-name" } });
    expect(invalid.ok && invalid.name).toBeUndefined();
    expect(invalid.warnings.map((w) => w.code)).toEqual(["INVALID_FRONTMATTER"]);
  });

  it("reports each failure kind with its message", () => {
    expect(parseWorkflowDocument("")).toMatchObject({ ok: false, message: "Content is empty" });
    expect(parseWorkflowDocument("# nothing\n")).toMatchObject({
      ok: false,
      message: NO_WORKFLOW_BLOCK_MESSAGE,
    });
    expect(parseWorkflowDocument(skill("a: [\n"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid YAML: /),
    });
    expect(parseWorkflowDocument(skill("steps: []\n"))).toMatchObject({
      ok: false,
      message: "Workflow validation failed",
    });
  });
});

describe("parseWorkflowFromMd", () => {
  it("returns a definition whose source map is registered", () => {
    const content = fixture("price-watch.md");
    const workflow = parseWorkflowFromMd(content);
    expect(sourceMapOf(workflow)?.locate(["steps", 0, "tool"])).toMatchObject(
      at(content, "get_price"),
    );
    const handBuilt: WorkflowDefinition = {
      inputs: {},
      outputs: {},
      steps: [{ id: "a", type: "tool", tool: "t", inputs: {}, outputs: {} }],
    };
    expect(sourceMapOf(handBuilt)).toBeUndefined();
  });

  it("throws ParseError without details for empty content and missing blocks", () => {
    for (const [content, message] of [
      ["  ", "Content is empty"],
      ["# Title\n", NO_WORKFLOW_BLOCK_MESSAGE],
    ] as const) {
      const error = thrown(() => parseWorkflowFromMd(content));
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ name: "ParseError", message, details: [] });
    }
  });

  it("throws YAML problems as located details at path parse", () => {
    const content = skill(`${MINIMAL_YAML}    tool: again\n`);
    const error = thrown(() => parseWorkflowFromMd(content));
    expect(error.message).toMatch(/^Invalid YAML: Map keys must be unique/);
    expect(error.details).toEqual([
      {
        path: "parse",
        message: error.message,
        code: "YAML_DUPLICATE_KEY",
        ...at(content, "tool: again"),
      },
    ]);
  });

  it("throws schema problems with dotted paths, codes and positions", () => {
    const content = skill(
      "steps:\n  - id: a\n    type: tool\n    tool: t\n    retry: { max: 0, delay: 1s, backoff: 1 }\n    inputs:\n      u: { type: string, default: 1 }\n",
    );
    const error = thrown(() => parseWorkflowFromMd(content));
    expect(error.message).toBe("Workflow validation failed");
    expect(error.details).toEqual([
      {
        path: "steps.0.retry.max",
        message: '"max" must be at least 1',
        code: "INVALID_VALUE",
        ...at(content, "0,"),
      },
      {
        path: "steps.0.inputs.u.default",
        message: expect.stringMatching(/^Step inputs do not support "default"/),
        code: "STEP_INPUT_DEFAULT",
        ...at(content, "default"),
      },
    ]);
  });

  it("ParseError details default to an empty list", () => {
    expect(new ParseError("x")).toMatchObject({ name: "ParseError", message: "x", details: [] });
  });
});

describe("parseWorkflowYaml (compat)", () => {
  it("parses YAML directly and registers its source map", () => {
    const workflow = parseWorkflowYaml(MINIMAL_YAML);
    expect(workflow.steps).toHaveLength(1);
    expect(sourceMapOf(workflow)?.locate(["steps", 0, "tool"])).toMatchObject(
      at(MINIMAL_YAML, "t\n"),
    );
  });

  it("fails like the parse phase: empty YAML is not a mapping, fences are not stripped", () => {
    const empty = thrown(() => parseWorkflowYaml(""));
    expect(empty).toMatchObject({
      message: "Workflow validation failed",
      details: [{ path: "", code: "INVALID_ROOT" }],
    });
    expect(thrown(() => parseWorkflowYaml(skill(MINIMAL_YAML))).message).toMatch(
      /^Invalid YAML|Workflow validation failed/,
    );
    expect(thrown(() => parseWorkflowYaml("steps: [\n")).message).toMatch(/^Invalid YAML: /);
  });
});

describe("parseSkillMd (compat)", () => {
  it("returns the frontmatter (extra keys kept) and the workflow", () => {
    const result = parseSkillMd(
      skill(MINIMAL_YAML, "name: demo\ndescription: A demo.\nversion: 2"),
    );
    expect(result.frontmatter).toEqual({ name: "demo", description: "A demo.", version: 2 });
    expect(result.workflow.steps[0]?.id).toBe("a");
  });

  it("requires frontmatter", () => {
    expect(thrown(() => parseSkillMd(skill(MINIMAL_YAML, null))).message).toBe(
      FRONTMATTER_REQUIRED_MESSAGE,
    );
    expect(thrown(() => parseSkillMd("")).message).toBe(FRONTMATTER_REQUIRED_MESSAGE);
  });

  it("reports invalid frontmatter YAML", () => {
    const content = skill(MINIMAL_YAML, "name: [demo\ndescription: d");
    expect(thrown(() => parseSkillMd(content)).message).toMatch(/^Invalid frontmatter YAML: /);
  });

  it("reports missing name or description as Frontmatter validation failed", () => {
    const content = skill(MINIMAL_YAML, "name: demo\ndescription: 3");
    const error = thrown(() => parseSkillMd(content));
    expect(error.message).toBe("Frontmatter validation failed");
    expect(error.details).toEqual([
      {
        path: "description",
        message: '"description" must be a non-empty string',
        code: "INVALID_FRONTMATTER",
        ...at(content, "3"),
      },
    ]);
  });

  it("then parses the workflow", () => {
    expect(thrown(() => parseSkillMd(skill("steps: []\n"))).message).toBe(
      "Workflow validation failed",
    );
  });
});
