// Malformed documents: every failure has its code and its line/column in the original file (§5.1, §12 D5).
import { describe, expect, it } from "vitest";
import { STEP_INPUT_DEFAULT_MESSAGE } from "../../src/model/schema.js";
import { parseWorkflowDocument, type ParseFailure } from "../../src/parse/index.js";
import { MINIMAL_YAML, at, skill } from "./_helpers.js";

function failure(content: string): ParseFailure {
  const outcome = parseWorkflowDocument(content);
  if (outcome.ok) throw new Error("expected a parse failure");
  return outcome;
}

/** The single diagnostic of a failed parse. */
function only(content: string) {
  const { diagnostics } = failure(content);
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0];
}

const TOOL_STEP = "  - id: fetch\n    type: tool\n    tool: get\n";

describe("YAML errors", () => {
  it("bare content that is not valid YAML has no workflow (§1.3 step 5)", () => {
    expect(only(`steps:\n${TOOL_STEP}    tool: other\n`)).toMatchObject({
      code: "NO_WORKFLOW_BLOCK",
    });
  });

  it("invalid YAML: YAML_SYNTAX at the offending character, message prefixed", () => {
    const content = skill("steps:\n  - id: a\n    type: [tool\n    tool: t\n");
    const outcome = failure(content);
    expect(outcome.message).toMatch(/^Invalid YAML: /);
    expect(outcome.diagnostics[0]).toMatchObject({ code: "YAML_SYNTAX", message: outcome.message });
    expect(outcome.diagnostics[0]?.line).toBeGreaterThan(at(content, "steps:").line);
  });

  it("a bad escape points at the backslash", () => {
    const content = skill(`steps:\n${TOOL_STEP}    description: "bad \\q escape"\n`);
    expect(only(content)).toMatchObject({ code: "YAML_SYNTAX", ...at(content, "\\q") });
  });

  it("tabs as indentation: YAML_TAB_INDENT", () => {
    const content = skill(`steps:\n  - id: a\n\ttype: tool\n`);
    const { diagnostics } = failure(content);
    expect(diagnostics[0]).toMatchObject({ code: "YAML_TAB_INDENT", ...at(content, "\ttype") });
  });

  it("duplicate keys: YAML_DUPLICATE_KEY at the second key", () => {
    const content = skill(`steps:\n${TOOL_STEP}    tool: other\n`);
    const d = only(content);
    expect(d).toMatchObject({ code: "YAML_DUPLICATE_KEY", ...at(content, "tool: other") });
    expect(d?.message).toBe(
      `Invalid YAML: Map keys must be unique at line ${d?.line}, column ${d?.column}`,
    );
  });

  it('keys equal as strings are duplicates (1 and "1")', () => {
    const content = skill(
      `steps:\n${TOOL_STEP}    inputs:\n      1: { type: int }\n      "1": { type: int }\n`,
    );
    expect(only(content)).toMatchObject({ code: "YAML_DUPLICATE_KEY", ...at(content, '"1"') });
  });

  it("several documents: YAML_MULTIPLE_DOCUMENTS", () => {
    const content = skill(`${MINIMAL_YAML}---\n${MINIMAL_YAML}`);
    expect(only(content)).toMatchObject({
      code: "YAML_MULTIPLE_DOCUMENTS",
      ...at(content, "---", 3),
    });
  });

  it("collects every YAML error, the first one giving the message", () => {
    const content = skill("steps:\n  - id: a\n    id: b\n    type: x\n    type: y\n");
    const outcome = failure(content);
    expect(outcome.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["YAML_DUPLICATE_KEY", at(content, "id: b").line],
      ["YAML_DUPLICATE_KEY", at(content, "type: y").line],
    ]);
    expect(outcome.message).toBe(outcome.diagnostics[0]?.message);
  });

  it("an alias bomb (billion laughs) errors quickly instead of expanding", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const content = skill(`${lines.join("\n")}\nsteps: *j\n`);
    const started = performance.now();
    const d = only(content);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(d).toMatchObject({ code: "YAML_SYNTAX", ...at(content, "*a") });
    expect(d?.message).toMatch(/^Invalid YAML: .*alias/i);
  });

  it("a few aliases are fine", () => {
    const content = `x: &t { type: string }\nsteps:\n  - id: a\n    type: tool\n    tool: t\n    inputs: { u: *t, v: *t }\n`;
    const outcome = parseWorkflowDocument(content);
    expect(outcome.ok && outcome.workflow.steps[0]?.inputs).toEqual({
      u: { type: "string" },
      v: { type: "string" },
    });
  });

  it("nesting deeper than the limit fails as YAML_SYNTAX instead of exhausting the stack", () => {
    for (const deep of [
      "[".repeat(200_000),
      "\n      " + "- ".repeat(100_000) + "x",
      "{a: ".repeat(100_000),
    ]) {
      const content = skill(`steps:\n${TOOL_STEP}    description: ${deep}\n`);
      const { diagnostics } = failure(content);
      expect(diagnostics[0]?.code).toBe("YAML_SYNTAX");
      expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(at(content, "    description").line);
      expect(diagnostics[0]?.message).toMatch(/nested too deeply/);
    }
  });

  it("nesting within the limit parses", () => {
    const content = `steps:\n${TOOL_STEP}    inputs:\n      v: { type: array, value: ${"[".repeat(100)}${"]".repeat(100)} }\n`;
    expect(parseWorkflowDocument(content).ok).toBe(true);
  });
});

describe("schema errors", () => {
  it("root not a mapping: INVALID_ROOT (bare YAML is only recognised as a mapping, so use a block)", () => {
    const content = skill("- id: a\n");
    const outcome = failure(content);
    expect(outcome.message).toBe("Workflow validation failed");
    expect(outcome.diagnostics).toEqual([
      expect.objectContaining({ code: "INVALID_ROOT", path: [], ...at(content, "- id") }),
    ]);
  });

  it("wrong field types: INVALID_FIELD_TYPE at each value, all collected", () => {
    const content = skill(
      'steps:\n  - id: 5\n    type: tool\n    tool: t\n    condition: true\n    retry: { max: "3", delay: 1s, backoff: 1 }\n',
    );
    const outcome = failure(content);
    expect(
      outcome.diagnostics.map((d) => ({
        code: d.code,
        path: d.path,
        line: d.line,
        column: d.column,
      })),
    ).toEqual([
      { code: "INVALID_FIELD_TYPE", path: ["steps", 0, "id"], ...at(content, "5") },
      { code: "INVALID_FIELD_TYPE", path: ["steps", 0, "condition"], ...at(content, "true") },
      { code: "INVALID_FIELD_TYPE", path: ["steps", 0, "retry", "max"], ...at(content, '"3"') },
    ]);
    expect(outcome.diagnostics[0]?.message).toBe('"id" must be a string');
  });

  it("retry.max_delay and retry.jitter of the wrong type are located (§13.2)", () => {
    const content = skill(
      "steps:\n  - id: a\n    type: tool\n    tool: t\n    retry: { max: 1, delay: 1s, backoff: 1, max_delay: 30, jitter: yes }\n",
    );
    const outcome = failure(content);
    expect(outcome.diagnostics.map((d) => [d.code, d.path.join("."), d.line, d.column])).toEqual([
      ["INVALID_FIELD_TYPE", "steps.0.retry.max_delay", ...Object.values(at(content, "30"))],
      ["INVALID_FIELD_TYPE", "steps.0.retry.jitter", ...Object.values(at(content, "yes"))],
    ]);
    expect(outcome.diagnostics.map((d) => d.message)).toEqual([
      '"max_delay" must be a duration string such as "30s"',
      '"jitter" must be true or false',
    ]);
  });

  it("bad values: INVALID_VALUE (enum, minimum, empty string)", () => {
    const content = skill(
      "steps:\n  - id: ''\n    type: tool\n    tool: t\n    on_error: explode\n    retry: { max: 0, delay: 1s, backoff: 1 }\n",
    );
    const outcome = failure(content);
    expect(outcome.diagnostics.map((d) => [d.code, d.path.join("."), d.line, d.column])).toEqual([
      ["INVALID_VALUE", "steps.0.id", ...Object.values(at(content, "''"))],
      ["INVALID_VALUE", "steps.0.on_error", ...Object.values(at(content, "explode"))],
      ["INVALID_VALUE", "steps.0.retry.max", ...Object.values(at(content, "0,"))],
    ]);
    expect(outcome.diagnostics[2]?.message).toBe('"max" must be at least 1');
  });

  it("unknown step type: UNKNOWN_STEP_TYPE at the type value", () => {
    const content = skill("steps:\n  - id: a\n    type: teleport\n");
    expect(only(content)).toMatchObject({
      code: "UNKNOWN_STEP_TYPE",
      path: ["steps", 0, "type"],
      ...at(content, "teleport"),
    });
  });

  it("unknown transform operation: UNKNOWN_OPERATION", () => {
    const content = skill("steps:\n  - id: a\n    type: transform\n    operation: zip\n");
    expect(only(content)).toMatchObject({
      code: "UNKNOWN_OPERATION",
      path: ["steps", 0, "operation"],
      ...at(content, "zip"),
    });
  });

  it("missing required field: MISSING_FIELD at the enclosing mapping", () => {
    const content = skill("steps:\n  - id: a\n    type: tool\n");
    expect(only(content)).toMatchObject({
      code: "MISSING_FIELD",
      path: ["steps", 0, "tool"],
      message: 'Missing required field "tool"',
      ...at(content, "id: a"),
    });
  });

  it("missing step type and missing steps are MISSING_FIELD", () => {
    expect(only(skill("steps:\n  - id: a\n"))).toMatchObject({
      code: "MISSING_FIELD",
      path: ["steps", 0, "type"],
    });
    const content = skill("inputs: {}\n");
    expect(only(content)).toMatchObject({
      code: "MISSING_FIELD",
      path: ["steps"],
      ...at(content, "inputs"),
    });
  });

  it("empty steps: EMPTY_STEPS with the spec message", () => {
    const content = skill("steps: []\n");
    expect(only(content)).toMatchObject({
      code: "EMPTY_STEPS",
      message: "Workflow must have at least one step",
      path: ["steps"],
      ...at(content, "[]"),
    });
  });

  it("default on a step input: STEP_INPUT_DEFAULT with the V8 path and message, at the key", () => {
    const content = skill(
      `steps:\n${TOOL_STEP}    inputs:\n      url:\n        type: string\n        default: x\n`,
    );
    expect(only(content)).toMatchObject({
      code: "STEP_INPUT_DEFAULT",
      message: STEP_INPUT_DEFAULT_MESSAGE,
      path: ["steps", 0, "inputs", "url", "default"],
      ...at(content, "default: x"),
    });
  });

  it("a bare scalar field declaration is INVALID_FIELD_TYPE", () => {
    const content = skill(`inputs:\n  url: hello\nsteps:\n${TOOL_STEP}`);
    expect(only(content)).toMatchObject({
      code: "INVALID_FIELD_TYPE",
      path: ["inputs", "url"],
      ...at(content, "hello"),
    });
  });

  it("a step that is not a mapping is INVALID_FIELD_TYPE at the item", () => {
    const content = skill(`steps:\n  - fetch\n${TOOL_STEP}`);
    expect(only(content)).toMatchObject({
      code: "INVALID_FIELD_TYPE",
      path: ["steps", 0],
      ...at(content, "fetch"),
    });
  });

  it("a __proto__ key is rejected at the key", () => {
    const content = skill(`steps:\n${TOOL_STEP}    inputs:\n      __proto__: { type: string }\n`);
    expect(only(content)).toMatchObject({
      code: "INVALID_VALUE",
      path: ["steps", 0, "inputs", "__proto__"],
      ...at(content, "__proto__"),
    });
    expect(({} as Record<string, unknown>)["type"]).toBeUndefined();
  });

  it("reports positions in the original CRLF file", () => {
    const content = skill(
      "steps:\n  - id: a\n    type: tool\n    tool: 5\n    retry: { max: 0, delay: 1s, backoff: 1 }\n",
    ).replace(/\n/g, "\r\n");
    const outcome = failure(content);
    expect(
      outcome.diagnostics.map((d) => ({ line: d.line, column: d.column, offset: d.offset })),
    ).toEqual([
      { ...at(content, "5"), offset: content.indexOf("5\r\n") },
      { ...at(content, "0,"), offset: content.indexOf("0,") },
    ]);
  });

  it("counts lines of frontmatter and prose before the block", () => {
    const content = `---\nname: n\ndescription: d\n---\n\n${"prose\n".repeat(40)}\n\`\`\`workflow\nsteps:\n  - id: a\n    type: tool\n    tool: 7\n\`\`\`\n`;
    expect(only(content)).toMatchObject({ code: "INVALID_FIELD_TYPE", line: 51, column: 11 });
    expect(at(content, "7")).toEqual({ line: 51, column: 11 });
  });

  it("counts a leading byte-order mark as no column", () => {
    const content = "\uFEFFsteps: []\n";
    expect(only(content)).toMatchObject({ code: "EMPTY_STEPS", line: 1, column: 8 });
  });
});
