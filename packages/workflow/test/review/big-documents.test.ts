// Review (issue 12): big documents parse and validate in linear time, with bounded YAML and reports.
import { describe, expect, it } from "vitest";
import { validateWorkflow, validateWorkflowSkill } from "../../src/index.js";
import type { ExitStep, Step, ValidationError, WorkflowDefinition } from "../../src/index.js";
import { MAX_DIAGNOSTICS } from "../../src/diagnostics/limit.js";
import { MAX_YAML_LENGTH } from "../../src/parse/index.js";

const FRONTMATTER = "---\nname: big\ndescription: A big document.\n---\n\n# Big\n\nSome prose.\n\n";
const fence = (yaml: string) => `${FRONTMATTER}\`\`\`workflow\n${yaml}\`\`\`\n`;
const EXIT = "  - { id: done, type: exit, status: success }\n";
/** Line of the first YAML line inside `fence(...)`. */
const FIRST_YAML_LINE = 11;

/** Lines produced by `line(i)` while the text stays within `size` characters. */
function linesUpTo(size: number, line: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; ; i++) {
    const text = line(i);
    if (length + text.length > size) return parts.join("");
    parts.push(text);
    length += text.length;
  }
}

/** A report is bounded: MAX_DIAGNOSTICS problems of `code`, then one located TOO_MANY_PROBLEMS. */
function expectCapped(errors: ValidationError[], code: string): void {
  expect(errors).toHaveLength(MAX_DIAGNOSTICS + 1);
  expect(errors.slice(0, MAX_DIAGNOSTICS).map((e) => e.code)).toEqual(
    Array<string>(MAX_DIAGNOSTICS).fill(code),
  );
  expect(errors.at(-1)?.code).toBe("TOO_MANY_PROBLEMS");
}

describe("a 5 MB document with an unclosed ```workflow fence (the reproduction)", () => {
  // The remainder was tried as bare YAML (§1.3 step 5) by `yaml`, whose duplicate-key check compared
  // each of ~90 000 keys with every earlier one: minutes and 4.4 GB. It is now too long to be tried.
  it("has no workflow block", () => {
    const inputs = linesUpTo(
      5_000_000,
      (i) => `  input_${i}: { type: string, default: "v${i}" }\n`,
    );
    const content = `${FRONTMATTER}\`\`\`workflow\ninputs:\n${inputs}steps:\n${EXIT}`;
    expect(validateWorkflowSkill({ content }).errors).toEqual([
      expect.objectContaining({ code: "NO_WORKFLOW_BLOCK", line: 1, column: 1 }),
    ]);
  });

  it.each([
    ["5 MB of one line", "```workflow\n" + "x".repeat(5_000_000)],
    ["5 MB of short lines", "```workflow\n" + "x\n".repeat(2_500_000)],
    ["5 MB of prose", "```workflow\n" + "Some prose: with a colon.\n".repeat(190_000)],
  ])("%s after an unclosed fence: no workflow block", (_name, content) => {
    expect(validateWorkflowSkill({ content }).errors.map((e) => e.code)).toEqual([
      "NO_WORKFLOW_BLOCK",
    ]);
  });
});

describe("YAML longer than MAX_YAML_LENGTH is not parsed", () => {
  const big = "x:\n" + linesUpTo(MAX_YAML_LENGTH + 100, (i) => `  k${i}: 1\n`);

  it("a closed workflow block: DOCUMENT_TOO_LARGE at its first line", () => {
    const { errors } = validateWorkflowSkill({ content: fence(`${big}steps:\n${EXIT}`) });
    expect(errors).toEqual([
      expect.objectContaining({ code: "DOCUMENT_TOO_LARGE", line: FIRST_YAML_LINE, column: 1 }),
    ]);
    expect(errors[0]?.message).toContain(String(MAX_YAML_LENGTH));
  });

  it("frontmatter: a warning; the workflow is still read, without a name", () => {
    const content = `---\nname: big\ndescription: d\n${big}---\n\`\`\`workflow\nsteps:\n${EXIT}\`\`\`\n`;
    const result = validateWorkflowSkill({ content });
    expect(result).toMatchObject({ valid: true, stepCount: 1 });
    expect(result.name).toBeUndefined();
    expect(result.warnings?.map((w) => [w.code, w.line])).toEqual([["INVALID_FRONTMATTER", 2]]);
  });

  it("bare YAML: no workflow block", () => {
    const { errors } = validateWorkflowSkill({ content: `${big}steps:\n${EXIT}` });
    expect(errors.map((e) => e.code)).toEqual(["NO_WORKFLOW_BLOCK"]);
  });

  it("YAML just under the limit is parsed", () => {
    const under = "x:\n" + linesUpTo(MAX_YAML_LENGTH - 100, (i) => `  k${i}: 1\n`);
    expect(validateWorkflowSkill({ content: fence(`steps:\n${EXIT}${under}`) })).toMatchObject({
      valid: true,
    });
  });
});

describe("up to the limit, YAML the fast reader hands to `yaml` stays linear", () => {
  // ~85 000 keys: `yaml`'s own duplicate-key check made about 3.6 billion comparisons.
  const keys = (size: number) => "x:\n" + linesUpTo(size, (i) => `  k${i}: 1\n`);

  it("a mapping of 85 000 keys with one tab (outside the fast subset) is valid", () => {
    const content = fence(`steps:\n${EXIT}${keys(MAX_YAML_LENGTH - 100)}# a\ttab\n`);
    expect(validateWorkflowSkill({ content })).toMatchObject({ valid: true, errors: [] });
  });

  it("200 000 duplicate keys: the first ones, then TOO_MANY_PROBLEMS", () => {
    const dups = linesUpTo(MAX_YAML_LENGTH - 100, () => "a: 1\n");
    const { errors } = validateWorkflowSkill({ content: fence(`steps:\n${EXIT}${dups}`) });
    expectCapped(errors, "YAML_DUPLICATE_KEY");
    expect(errors[0]?.line).toBe(FIRST_YAML_LINE + 3);
    expect(errors.at(-1)?.line).toBe(FIRST_YAML_LINE + 3 + MAX_DIAGNOSTICS);
  });

  it("a duplicate at the end of a big mapping is found and located", () => {
    const content = fence(`steps:\n${EXIT}${keys(MAX_YAML_LENGTH - 100)}  k0: 2\n`);
    const { errors } = validateWorkflowSkill({ content });
    expect(errors).toEqual([expect.objectContaining({ code: "YAML_DUPLICATE_KEY", column: 3 })]);
    expect(errors[0]?.line).toBe(content.split("\n").length - 2);
  });

  it("hundreds of thousands of YAML syntax errors are capped", () => {
    const yaml = "steps:\n" + linesUpTo(MAX_YAML_LENGTH - 100, () => "  - a: b: c\n");
    const { errors } = validateWorkflowSkill({ content: fence(yaml) });
    expectCapped(errors, "YAML_SYNTAX");
  });

  it.each([
    ["a one-line flow sequence", "steps: [" + "a, ".repeat(340_000) + "]\n"],
    ["a multi-line flow sequence", "steps: [\n" + "  a,\n".repeat(200_000) + "  ]\n"],
  ])("%s of 200 000+ non-steps: capped INVALID_FIELD_TYPE", (_name, yaml) => {
    expectCapped(validateWorkflowSkill({ content: fence(yaml) }).errors, "INVALID_FIELD_TYPE");
  });

  it("deep nesting fails as too deep, in block and flow form", () => {
    for (const yaml of [
      `steps: ${"[".repeat(200_000)}${"]".repeat(200_000)}\n`,
      linesUpTo(MAX_YAML_LENGTH - 100, (i) => `${" ".repeat(i % 1000)}a:\n`),
    ]) {
      const { errors } = validateWorkflowSkill({ content: fence(yaml) });
      expect(errors.map((e) => e.code)).toEqual(["YAML_SYNTAX"]);
    }
  });
});

const exit = (id: string, extra: Partial<ExitStep> = {}): Step => ({
  id,
  type: "exit",
  status: "success",
  inputs: {},
  outputs: {},
  ...extra,
});
const conditional = (id: string, then: string[]): Step => ({
  id,
  type: "conditional",
  condition: "true",
  then,
  inputs: {},
  outputs: {},
});
const workflow = (steps: Step[]): WorkflowDefinition => ({ inputs: {}, outputs: {}, steps });

describe("validation rules stay linear on many steps", () => {
  it("40 000 chained conditionals are valid (V30 searched again from every conditional)", () => {
    const n = 40_000;
    const steps = Array.from({ length: n }, (_, i) => conditional(`c${i}`, [`c${i + 1}`]));
    expect(validateWorkflow(workflow([...steps, exit(`c${n}`)]))).toEqual({
      valid: true,
      errors: [],
    });
  });

  it("a conditional chain that closes on itself is still found, for every member", () => {
    const steps = ["a", "b", "c"].map((id, i, ids) => conditional(id, [ids[(i + 1) % 3]!]));
    expect(validateWorkflow(workflow(steps)).errors.map((e) => e.code)).toEqual([
      "BRANCH_RECURSION",
      "BRANCH_RECURSION",
      "BRANCH_RECURSION",
    ]);
  });

  it("40 000 steps that each close a cycle: capped CYCLE, messages of bounded length", () => {
    const n = 40_000;
    const ids = Array.from({ length: n }, (_, i) => `s${i}`);
    // Branch steps may reference later steps, so the only problems are the cycles.
    const branch = conditional("c", ids);
    const steps = ids.map((id, i) =>
      exit(id, { condition: `$steps.s${(i + 1) % n}.output || $steps.s0.output` }),
    );
    const { errors } = validateWorkflow(workflow([branch, ...steps]));
    expectCapped(errors, "CYCLE");
    // The search runs s0 → s1 → … → s39999 and meets s0 again: the whole cycle, shown by its ends.
    const head = ids.slice(0, 20);
    const tail = ids.slice(n - 20);
    expect(errors[0]?.message).toBe(
      `Cycle detected: ${[...head, `… (${n - 40} more)`, ...tail, "s0"].join(" → ")}`,
    );
    expect(errors.every((e) => e.message.length < 1000)).toBe(true);
  });

  it("one condition naming 200 000 different undefined steps: capped", () => {
    const refs = Array.from({ length: 200_000 }, (_, i) => `$steps.x${i}`).join(" || ");
    const { errors } = validateWorkflow(workflow([exit("a", { condition: refs })]));
    expectCapped(errors, "UNDEFINED_STEP_REFERENCE");
  });

  it("100 000 duplicate step ids: capped", () => {
    const steps = Array.from({ length: 100_000 }, () => exit("s"));
    expectCapped(validateWorkflow(workflow(steps)).errors, "DUPLICATE_STEP_ID");
  });
});
