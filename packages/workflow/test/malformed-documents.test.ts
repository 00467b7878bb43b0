// The malformed inputs named by the runtime issue, end to end through validateWorkflowSkill: each has
// its stable code and a line/column in the original SKILL.md (not the extracted block).
import { describe, expect, it } from "vitest";
import { validateWorkflowSkill, type ValidationError } from "../src/index.js";

/** 1-based line/column of `needle` (plus `shift` characters) in `content`. */
function at(content: string, needle: string, shift = 0): { line: number; column: number } {
  const offset = content.indexOf(needle);
  if (offset === -1) throw new Error(`fixture does not contain ${needle}`);
  const before = content.slice(0, offset + shift);
  const line = before.split("\n").length;
  return { line, column: offset + shift - before.lastIndexOf("\n") };
}

/** A SKILL.md with frontmatter and prose, so block-relative positions would be visibly wrong. */
function skill(yaml: string): string {
  return `---\nname: broken\ndescription: a deliberately broken workflow\n---\n\n# Broken\n\nProse first.\n\n\`\`\`workflow\n${yaml}\`\`\`\n`;
}

function errorsOf(content: string): ValidationError[] {
  const result = validateWorkflowSkill({ content });
  expect(result.valid).toBe(false);
  return result.errors;
}

function expectOne(
  content: string,
  code: string,
  where: { line: number; column: number },
): ValidationError {
  const errors = errorsOf(content);
  const found = errors.find((e) => e.code === code);
  expect(found, `${code} in ${JSON.stringify(errors)}`).toBeDefined();
  expect({ line: found!.line, column: found!.column }).toEqual(where);
  return found!;
}

const TOOL_STEP = "  - id: a\n    type: tool\n    tool: t\n";

describe("malformed documents: codes and locations in the original file", () => {
  it("empty file", () => {
    expect(errorsOf("")).toEqual([
      expect.objectContaining({
        path: "parse",
        message: "Content is empty",
        code: "EMPTY_CONTENT",
      }),
    ]);
  });

  it("no workflow block", () => {
    const [e] = errorsOf("---\nname: x\ndescription: y\n---\n# Only prose\n");
    expect(e).toMatchObject({ path: "parse", code: "NO_WORKFLOW_BLOCK" });
  });

  it("two blocks: the first is used, the second is a located warning", () => {
    const content = `${skill(`steps:\n${TOOL_STEP}`)}\n\`\`\`workflow\nsteps: []\n\`\`\`\n`;
    const result = validateWorkflowSkill({ content });
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: "MULTIPLE_WORKFLOW_BLOCKS",
        ...at(content, "```workflow\nsteps: []"),
      }),
    ]);
  });

  it("invalid YAML", () => {
    const content = skill(`steps:\n  - id: a\n    type: [tool\n`);
    const e = expectOne(content, "YAML_SYNTAX", expect.anything() as never);
    expect(e.message).toMatch(/^Invalid YAML: /);
    expect(e.line).toBeGreaterThanOrEqual(at(content, "type: [tool").line);
  });

  it("tabs as indentation", () => {
    const content = skill(`steps:\n\t- id: a\n`);
    expectOne(content, "YAML_TAB_INDENT", at(content, "\t- id: a"));
  });

  it("duplicate keys", () => {
    const content = skill(`steps:\n  - id: a\n    type: tool\n    tool: t\n    tool: u\n`);
    expectOne(content, "YAML_DUPLICATE_KEY", at(content, "tool: u"));
  });

  it("wrong field types", () => {
    const content = skill(
      `steps:\n  - id: a\n    type: tool\n    tool: t\n    retry: { max: "3", delay: 1s, backoff: 2 }\n    condition: true\n`,
    );
    const errors = errorsOf(content);
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ["INVALID_FIELD_TYPE", "steps.0.retry.max"],
      ["INVALID_FIELD_TYPE", "steps.0.condition"],
    ]);
    expect(errors[0]).toMatchObject(at(content, '"3"'));
    expect(errors[1]).toMatchObject(at(content, "true\n"));
  });

  it("unknown step type", () => {
    const content = skill(`steps:\n  - id: a\n    type: webhook\n`);
    expectOne(content, "UNKNOWN_STEP_TYPE", at(content, "webhook"));
  });

  it("duplicate ids", () => {
    const content = skill(`steps:\n${TOOL_STEP}  - id: a\n    type: tool\n    tool: t\n`);
    const e = expectOne(
      content,
      "DUPLICATE_STEP_ID",
      at(content, "a\n    type: tool\n    tool: t\n```"),
    );
    expect(e).toMatchObject({ path: "steps[1].id", message: 'Duplicate step ID "a"' });
  });

  it("forward references", () => {
    const content = skill(
      `steps:\n  - id: a\n    type: tool\n    tool: t\n    inputs:\n      x: { type: string, value: $steps.b.output }\n  - id: b\n    type: tool\n    tool: t\n`,
    );
    const e = expectOne(content, "FORWARD_REFERENCE", at(content, "$steps.b.output"));
    expect(e.path).toBe("steps[0].inputs.x.value");
  });

  it("unknown references", () => {
    const content = skill(
      `steps:\n  - id: a\n    type: tool\n    tool: t\n    inputs:\n      x: { type: string, value: $steps.nope.output }\n`,
    );
    expectOne(content, "UNDEFINED_STEP_REFERENCE", at(content, "$steps.nope"));
  });

  it("cycles", () => {
    const content = skill(
      `steps:\n  - id: a\n    type: tool\n    tool: t\n    condition: $steps.b.output\n  - id: b\n    type: tool\n    tool: t\n    condition: $steps.a.output\n`,
    );
    const e = errorsOf(content).find((x) => x.code === "CYCLE");
    expect(e).toMatchObject({ path: "steps", message: "Cycle detected: a → b → a" });
    expect(e).toMatchObject(at(content, "- id: a"));
  });

  it("bad durations", () => {
    const content = skill(`steps:\n  - id: a\n    type: tool\n    tool: t\n    timeout: 1.5s\n`);
    const e = expectOne(content, "INVALID_DURATION", at(content, "1.5s"));
    expect(e.message).toBe(
      'Invalid duration "1.5s": expected a whole number followed by ms, s, m or h',
    );
  });

  it("each on an exit step", () => {
    const content = skill(
      `steps:\n  - id: x\n    type: exit\n    status: success\n    each: $inputs.list\ninputs:\n  list: { type: array }\n`,
    );
    const e = expectOne(content, "EACH_ON_EXIT", at(content, "$inputs.list"));
    expect(e).toMatchObject({
      path: "steps[0].each",
      message: '"each" is not valid on exit steps',
    });
  });

  it("expression syntax errors point inside the expression", () => {
    const content = skill(
      `inputs:\n  n: { type: int }\nsteps:\n  - id: a\n    type: tool\n    tool: t\n    condition: $inputs.n > = 3\n`,
    );
    expectOne(content, "EXPRESSION_SYNTAX", at(content, "$inputs.n > = 3", "$inputs.n > ".length));
  });

  it("deeply nested expressions hit a depth limit, not a stack overflow", () => {
    const deep = `${"(".repeat(5000)}$inputs.n${")".repeat(5000)}`;
    const content = skill(
      `inputs:\n  n: { type: int }\nsteps:\n  - id: a\n    type: tool\n    tool: t\n    condition: "${deep}"\n`,
    );
    const e = expectOne(content, "EXPRESSION_TOO_DEEP", at(content, deep, 64));
    expect(e.path).toBe("steps[0].condition");
  });

  it("a 10 MB document is refused quickly with its own code", () => {
    const content = skill(`steps:\n${TOOL_STEP}# ${"x".repeat(10 * 1024 * 1024)}\n`);
    const [e] = errorsOf(content);
    expect(e).toMatchObject({ code: "DOCUMENT_TOO_LARGE", line: 1, column: 1 });
  });
});
