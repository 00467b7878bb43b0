// §1.3: locating the workflow YAML — frontmatter, fenced block rules, bare YAML, size limit.
import { describe, expect, it } from "vitest";
import {
  EMPTY_CONTENT_MESSAGE,
  MAX_CONTENT_LENGTH,
  NO_WORKFLOW_BLOCK_MESSAGE,
  locateWorkflow,
  parseWorkflowDocument,
} from "../../src/parse/index.js";
import { MINIMAL_YAML, at, fixture, skill } from "./_helpers.js";

function located(content: string) {
  const result = locateWorkflow(content);
  if (!result.ok) throw new Error(`expected a workflow, got: ${result.message}`);
  return result;
}

function failed(content: string) {
  const result = locateWorkflow(content);
  if (result.ok) throw new Error("expected a failure");
  return result;
}

describe("empty content", () => {
  it.each(["", "   ", "\n\n", " \t\r\n "])("rejects %j with EMPTY_CONTENT", (content) => {
    const result = failed(content);
    expect(result.message).toBe(EMPTY_CONTENT_MESSAGE);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["EMPTY_CONTENT"]);
  });
});

describe("frontmatter", () => {
  it("reads a valid frontmatter and its name", () => {
    const result = located(fixture("price-watch.md"));
    expect(result.frontmatter).toMatchObject({ name: "price-watch", start: 4 });
    expect(result.frontmatter?.data).toEqual({
      name: "price-watch",
      description: "Checks a product page and reports when the price drops.",
    });
    expect(result.warnings).toEqual([]);
  });

  it("is optional", () => {
    const result = located(skill(MINIMAL_YAML, null));
    expect(result.frontmatter).toBeUndefined();
    expect(result.kind).toBe("block");
  });

  it("needs a non-empty name and description, else it only warns and gives no name", () => {
    const content = skill(MINIMAL_YAML, "name: demo\ndescription: ''\nextra: 1");
    const result = located(content);
    expect(result.frontmatter?.name).toBeUndefined();
    expect(result.frontmatter?.data).toEqual({ name: "demo", description: "", extra: 1 });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: "INVALID_FRONTMATTER",
        severity: "warning",
        path: ["description"],
        ...at(content, "''"),
      }),
    ]);
  });

  it("with invalid YAML only warns, located in the file", () => {
    const content = skill(MINIMAL_YAML, "name: demo\nname: again\ndescription: d");
    const result = located(content);
    expect(result.frontmatter?.name).toBeUndefined();
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "INVALID_FRONTMATTER", ...at(content, "name: again") }),
    ]);
    expect(result.warnings[0]?.message).toMatch(
      /^Invalid frontmatter YAML: Map keys must be unique/,
    );
  });

  it("is not recognised after leading whitespace or a byte-order mark", () => {
    for (const prefix of ["\uFEFF", " ", "\n"]) {
      const result = located(prefix + fixture("price-watch.md"));
      expect(result.frontmatter).toBeUndefined();
      expect(parseWorkflowDocument(prefix + fixture("price-watch.md"))).toMatchObject({ ok: true });
    }
  });

  it("is read from CRLF content", () => {
    const result = located(fixture("price-watch.md").replace(/\n/g, "\r\n"));
    expect(result.frontmatter?.name).toBe("price-watch");
    expect(result.yaml).not.toContain("\r");
  });
});

describe("the ```workflow block", () => {
  it("returns the body and its offset in the normalised content", () => {
    const content = fixture("price-watch.md");
    const result = located(content);
    expect(result.kind).toBe("block");
    expect(result.yaml.startsWith("inputs:\n")).toBe(true);
    expect(result.yaml.endsWith("$result.amount }")).toBe(true);
    expect(content.slice(result.start, result.start + result.yaml.length)).toBe(result.yaml);
  });

  it("accepts whitespace after the info string", () => {
    expect(located("```workflow  \t\n" + MINIMAL_YAML + "```\n").yaml).toBe(MINIMAL_YAML.trimEnd());
  });

  it.each(["```workflow yaml\n", "```yaml\n", "```Workflow\n", "``` workflow\n"])(
    "does not match the info string %j",
    (fence) => {
      const result = failed(`# Doc\n\n${fence}${MINIMAL_YAML}\`\`\`\n`);
      expect(result.message).toBe(NO_WORKFLOW_BLOCK_MESSAGE);
      expect(result.diagnostics.map((d) => d.code)).toEqual(["NO_WORKFLOW_BLOCK"]);
    },
  );

  it("ignores other fenced blocks before it", () => {
    const content = "```yaml\nsteps: []\n```\n\n" + skill(MINIMAL_YAML, null);
    expect(located(content).yaml).toBe(MINIMAL_YAML.trimEnd());
  });

  it("closes only at a fence in column 0", () => {
    const yaml = `${MINIMAL_YAML}    description: |\n      \`\`\`\n      not a fence\n      \`\`\`\n`;
    const result = located(skill(yaml));
    expect(result.yaml).toBe(yaml.trimEnd());
    const outcome = parseWorkflowDocument(skill(yaml));
    expect(outcome.ok && outcome.workflow.steps[0]?.description).toBe("```\nnot a fence\n```\n");
  });

  it("keeps leading blank lines (they are insignificant YAML)", () => {
    const result = located("```workflow\n\n\n" + MINIMAL_YAML + "```\n");
    expect(result.yaml).toBe("\n\n" + MINIMAL_YAML.trimEnd());
    expect(parseWorkflowDocument("```workflow\n\n\n" + MINIMAL_YAML + "```\n").ok).toBe(true);
  });

  it("is not a block without a closing fence", () => {
    expect(failed("# Doc\n\n```workflow\n" + MINIMAL_YAML).message).toBe(NO_WORKFLOW_BLOCK_MESSAGE);
  });

  it.each(["```workflow\n\n```\n", "```workflow\n   \n\n```\n"])(
    "treats an empty block %j as absent",
    (block) => {
      expect(failed(`# Doc\n\n${block}`).message).toBe(NO_WORKFLOW_BLOCK_MESSAGE);
    },
  );

  it("uses only the first block and warns at the second fence", () => {
    const content = skill(MINIMAL_YAML) + "\n```workflow\nsteps: []\n```\n";
    const result = located(content);
    expect(result.yaml).toBe(MINIMAL_YAML.trimEnd());
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: "MULTIPLE_WORKFLOW_BLOCKS",
        severity: "warning",
        ...at(content, "```workflow", 2),
      }),
    ]);
    expect(parseWorkflowDocument(content)).toMatchObject({ ok: true, warnings: result.warnings });
  });
});

describe("bare YAML", () => {
  it("is accepted when it is a mapping with steps, inputs or outputs", () => {
    for (const yaml of [MINIMAL_YAML, "inputs: {}\n", "outputs: {}\n"]) {
      const result = located(yaml);
      expect(result).toMatchObject({ kind: "bare", start: 0, yaml });
    }
  });

  it("after frontmatter starts on the line after the closing ---", () => {
    const content = `---\nname: n\ndescription: d\n---\n${MINIMAL_YAML}`;
    const result = located(content);
    expect(result).toMatchObject({
      kind: "bare",
      start: content.indexOf("steps:"),
      yaml: MINIMAL_YAML,
    });
    expect(result.frontmatter?.name).toBe("n");
  });

  it.each([
    ["a mapping without workflow keys", "name: x\nversion: 2\n"],
    ["a list", "- steps\n- inputs\n"],
    ["a scalar", "steps"],
    ["prose", "# Title\n\nJust some text: with a colon.\n\nAnd more: text\n- item\n"],
    ["invalid YAML", "steps: [\n"],
  ])("is rejected for %s", (_label, content) => {
    const result = failed(content);
    expect(result.message).toBe(NO_WORKFLOW_BLOCK_MESSAGE);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: "NO_WORKFLOW_BLOCK", message: NO_WORKFLOW_BLOCK_MESSAGE }),
    ]);
  });
});

describe("size limit", () => {
  it("rejects content over 5 MiB quickly, without parsing", () => {
    const content = "x".repeat(10 * 1024 * 1024);
    const started = performance.now();
    const result = failed(content);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["DOCUMENT_TOO_LARGE"]);
    expect(result.message).toContain(String(MAX_CONTENT_LENGTH));
  });

  it("accepts content at the limit and honours a custom limit", () => {
    expect(locateWorkflow(MINIMAL_YAML, { maxLength: MINIMAL_YAML.length }).ok).toBe(true);
    const result = locateWorkflow(MINIMAL_YAML, { maxLength: 10 });
    expect(result.ok ? undefined : result.diagnostics[0]?.code).toBe("DOCUMENT_TOO_LARGE");
  });
});
