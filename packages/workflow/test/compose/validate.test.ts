// §13.5 validation of `workflow` steps: every referenced document resolved, parsed and validated before
// anything runs; located errors (child errors with the child's source), cycles, depth and wiring.
import { beforeEach, describe, expect, it } from "vitest";
import {
  MockToolAdapter,
  parseWorkflowFromMd,
  runWorkflow,
  validateWorkflow,
  validateWorkflowSkill,
  type ValidationError,
} from "../../src/index.js";
import { clearWorkflowCache } from "../../src/runtime/prepare.js";
import { DIGEST, lineOf, memoryResolver, position, runSkill, skill } from "./_helpers.js";

beforeEach(() => clearWorkflowCache());

/** A document that calls `ref` once with `inputs` (YAML lines under `inputs:`). */
function caller(
  ref: string,
  name = "parent",
  inputs = 'url: { type: string, value: "x" }',
): string {
  return skill(
    `
    steps:
      - id: call
        type: workflow
        workflow: ${ref}
        inputs:
          ${inputs}
    `,
    name,
  );
}

function codes(errors: readonly ValidationError[]): (string | undefined)[] {
  return errors.map((e) => e.code);
}

describe("workflow steps: validation (§13.5, §13.9.12)", () => {
  it("accepts a well-wired child, in validateWorkflowSkill and before a run", async () => {
    const resolveWorkflow = memoryResolver({ "page-digest": DIGEST });
    const result = validateWorkflowSkill({ content: caller("page-digest"), resolveWorkflow });
    expect(result).toMatchObject({ valid: true, errors: [], stepTypes: ["workflow"] });
  });

  it("WORKFLOW_UNRESOLVED without a resolver: the core does no I/O, even for a relative path with a source", () => {
    for (const ref of ["page-digest", "./sub/SKILL.md"]) {
      const content = caller(ref);
      const result = validateWorkflowSkill({ content, source: "/skills/parent/SKILL.md" });
      expect(result.valid).toBe(false);
      expect(result.errors).toEqual([
        expect.objectContaining({
          code: "WORKFLOW_UNRESOLVED",
          path: "steps[0].workflow",
          ...position(content, "workflow: ", ref),
        }),
      ]);
      expect(result.errors[0]!.source).toBeUndefined();
    }
  });

  it("WORKFLOW_UNRESOLVED when the resolver finds nothing or throws; nothing runs", async () => {
    const content = caller("missing");
    const none = validateWorkflowSkill({ content, resolveWorkflow: memoryResolver({}) });
    expect(codes(none.errors)).toEqual(["WORKFLOW_UNRESOLVED"]);
    const throwing = validateWorkflowSkill({
      content,
      resolveWorkflow: () => {
        throw new Error("disk on fire");
      },
    });
    expect(codes(throwing.errors)).toEqual(["WORKFLOW_UNRESOLVED"]);
    let calls = 0;
    const adapter = new MockToolAdapter().register("digest", () => {
      calls++;
      return { output: { text: "" } };
    });
    const { log, events } = await runSkill(
      skill(
        `
        steps:
          - { id: first, type: tool, tool: digest }
          - id: call
            type: workflow
            workflow: missing
        `,
      ),
      { toolAdapter: adapter, resolveWorkflow: memoryResolver({}) },
    );
    expect(log.error?.phase).toBe("validate");
    expect(codes(log.error?.details ?? [])).toEqual(["WORKFLOW_UNRESOLVED"]);
    expect(calls).toBe(0);
    expect(events).toEqual([]);
  });

  it("a problem inside a child carries the child's source, line and column", () => {
    const broken = skill(
      `
      inputs:
        url: { type: string }
      steps:
        - id: fetch
          type: tool
          tool: digest
          inputs:
            url: { type: string, value: $steps.nowhere.output }
      `,
      "page-digest",
    );
    const result = validateWorkflowSkill({
      content: caller("page-digest"),
      resolveWorkflow: memoryResolver({ "page-digest": broken }),
    });
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      code: "UNDEFINED_STEP_REFERENCE",
      source: "page-digest",
      line: lineOf(broken, "$steps.nowhere"),
    });
    expect(result.errors[0]!.column).toBeGreaterThan(1);
  });

  it("a child that does not parse is reported with its source and location", () => {
    const broken = skill("steps:\n  - id: a\n    type: nope\n", "page-digest");
    const result = validateWorkflowSkill({
      content: caller("page-digest"),
      resolveWorkflow: memoryResolver({ "page-digest": broken }),
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: "UNKNOWN_STEP_TYPE",
        source: "page-digest",
        line: lineOf(broken, "type: nope"),
      }),
    ]);
  });

  it("UNKNOWN_CHILD_INPUT: a step input the child does not declare, located at its key", () => {
    const content = caller(
      "page-digest",
      "parent",
      'url: { type: string, value: "x" }\n          depth: { type: int, value: 2 }',
    );
    const result = validateWorkflowSkill({
      content,
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: "UNKNOWN_CHILD_INPUT",
        path: "steps[0].inputs.depth",
        ...position(content, "depth:", "depth"),
      }),
    ]);
  });

  it("MISSING_CHILD_INPUT: a required child input (no default, not nullable) that is not provided", () => {
    const child = skill(
      `
      inputs:
        url: { type: string }
        lang: { type: string, default: "en" }
        note: { type: string, nullable: true }
        limit: { type: int }
      steps:
        - { id: done, type: exit, status: success }
      `,
      "child",
    );
    const content = caller("child");
    const result = validateWorkflowSkill({ content, resolveWorkflow: memoryResolver({ child }) });
    expect(result.errors).toEqual([
      expect.objectContaining({ code: "MISSING_CHILD_INPUT", path: "steps[0].inputs" }),
    ]);
    expect(result.errors[0]!.message).toContain('"limit"');
    expect(result.errors[0]).toMatchObject(position(content, "inputs:", "inputs"));
  });

  it("TYPE_MISMATCH: a step input type the child's declaration cannot take (int → float is fine)", () => {
    const child = skill(
      `
      inputs:
        url: { type: string }
        ratio: { type: float }
      steps:
        - { id: done, type: exit, status: success }
      `,
      "child",
    );
    const ok = caller(
      "child",
      "parent",
      'url: { type: string, value: "x" }\n          ratio: { type: int, value: 2 }',
    );
    expect(
      validateWorkflowSkill({ content: ok, resolveWorkflow: memoryResolver({ child }) }).valid,
    ).toBe(true);
    const bad = caller(
      "child",
      "parent",
      "url: { type: int, value: 3 }\n          ratio: { type: int, value: 2 }",
    );
    const result = validateWorkflowSkill({
      content: bad,
      resolveWorkflow: memoryResolver({ child }),
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: "TYPE_MISMATCH",
        path: "steps[0].inputs.url.type",
        ...position(bad, "url: { type: int", "int"),
      }),
    ]);
    const off = validateWorkflowSkill({
      content: bad,
      typeCheck: "off",
      resolveWorkflow: memoryResolver({ child }),
    });
    expect(off.valid).toBe(true);
  });

  it("WORKFLOW_CYCLE naming the chain: a → b → a, reported in the document that closes it", () => {
    const a = caller("b", "a");
    const b = caller("a", "b");
    const withInput = (doc: string) =>
      doc.replace("steps:", "inputs:\n  url: { type: string }\nsteps:");
    const docs = { a: withInput(a), b: withInput(b) };
    const result = validateWorkflowSkill({
      content: docs.a,
      source: "a",
      resolveWorkflow: memoryResolver(docs),
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: "WORKFLOW_CYCLE",
        source: "b",
        path: "steps[0].workflow",
        ...position(docs.b, "workflow: a", "a"),
      }),
    ]);
    expect(result.errors[0]!.message).toContain("a → b → a");
  });

  it("WORKFLOW_CYCLE for a document that calls itself", () => {
    const a = caller("a", "a").replace("steps:", "inputs:\n  url: { type: string }\nsteps:");
    const result = validateWorkflowSkill({
      content: a,
      source: "a",
      resolveWorkflow: memoryResolver({ a }),
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: "WORKFLOW_CYCLE",
        path: "steps[0].workflow",
        ...position(a, "workflow: a", "a"),
      }),
    ]);
    expect(result.errors[0]!.source).toBeUndefined();
    expect(result.errors[0]!.message).toContain("a → a");
  });

  it("a cycle is found without any source: references identify the documents", () => {
    const a = caller("a", "a").replace("steps:", "inputs:\n  url: { type: string }\nsteps:");
    const resolveWorkflow = (ref: string) => (ref === "a" ? { content: a } : undefined);
    const result = validateWorkflowSkill({ content: a, resolveWorkflow });
    expect(codes(result.errors)).toEqual(["WORKFLOW_CYCLE"]);
  });

  /** A chain d1 → d2 → … → dn; dn is a leaf. */
  function chain(n: number): Record<string, string> {
    const docs: Record<string, string> = {};
    for (let i = 1; i <= n; i++) {
      const body =
        i === n
          ? "steps:\n  - { id: done, type: exit, status: success }\n"
          : `steps:\n  - id: call\n    type: workflow\n    workflow: d${i + 1}\n`;
      docs[`d${i}`] = skill(body, `d${i}`);
    }
    return docs;
  }

  it("WORKFLOW_DEPTH: 8 nested documents (the top counts as 1) are allowed, 9 are refused", async () => {
    const eight = chain(8);
    const ok = validateWorkflowSkill({
      content: eight["d1"]!,
      source: "d1",
      resolveWorkflow: memoryResolver(eight),
    });
    expect(ok.valid).toBe(true);
    const run = await runSkill(eight["d1"]!, {
      source: "d1",
      resolveWorkflow: memoryResolver(eight),
    });
    expect(run.log.status).toBe("success");
    clearWorkflowCache();
    const nine = chain(9);
    const refused = validateWorkflowSkill({
      content: nine["d1"]!,
      source: "d1",
      resolveWorkflow: memoryResolver(nine),
    });
    expect(refused.errors).toEqual([
      expect.objectContaining({
        code: "WORKFLOW_DEPTH",
        source: "d8",
        path: "steps[0].workflow",
        ...position(nine["d8"]!, "workflow: d9", "d9"),
      }),
    ]);
  });

  it("every error of every child is reported at once, parent first", () => {
    const content = skill(
      `
      steps:
        - id: one
          type: workflow
          workflow: missing
        - id: two
          type: workflow
          workflow: page-digest
          inputs:
            extra: { type: string, value: "x" }
        - { id: three, type: exit, status: success, delay: 1s }
      `,
    );
    const result = validateWorkflowSkill({
      content,
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
    });
    expect(codes(result.errors)).toEqual([
      "DELAY_WITHOUT_EACH",
      "WORKFLOW_UNRESOLVED",
      "UNKNOWN_CHILD_INPUT",
      "MISSING_CHILD_INPUT",
    ]);
  });

  it("a child's unknown tool is refused before the run when the run's adapter lacks it", async () => {
    const { log } = await runSkill(caller("page-digest"), {
      toolAdapter: new MockToolAdapter(),
      resolveWorkflow: memoryResolver({ "page-digest": DIGEST }),
    });
    expect(log.error?.phase).toBe("validate");
    expect(log.error?.details).toEqual([
      expect.objectContaining({ code: "UNKNOWN_TOOL", source: "page-digest" }),
    ]);
  });

  it("`workflow` must be a non-empty literal string", () => {
    const content = skill("steps:\n  - id: call\n    type: workflow\n    workflow: 3\n");
    const result = validateWorkflowSkill({ content, resolveWorkflow: memoryResolver({}) });
    expect(codes(result.errors)).toEqual(["INVALID_FIELD_TYPE"]);
    const missing = validateWorkflowSkill({
      content: skill("steps:\n  - id: call\n    type: workflow\n"),
    });
    expect(codes(missing.errors)).toEqual(["MISSING_FIELD"]);
  });

  it("walks each child document once: a wide, deep tree stays linear, a shared child's error is reported once", () => {
    // Eight levels, each document calling the next one from ten steps: 10^7 paths, 70 references.
    const docs: Record<string, string> = {};
    for (let level = 1; level <= 8; level++) {
      const calls = Array.from(
        { length: 10 },
        (_, k) => `  - id: c${k}\n    type: workflow\n    workflow: l${level + 1}\n`,
      ).join("");
      docs[`l${level}`] = skill(
        level === 8
          ? "steps:\n  - { id: done, type: exit, status: success }\n"
          : `steps:\n${calls}`,
        `l${level}`,
      );
    }
    const resolveWorkflow = memoryResolver(docs);
    const result = validateWorkflowSkill({ content: docs["l1"]!, source: "l1", resolveWorkflow });
    expect(result.valid).toBe(true);
    expect(resolveWorkflow.calls).toHaveLength(70);
    clearWorkflowCache();
    const broken = skill(
      "steps:\n  - { id: a, type: exit, status: success, delay: 1s }\n",
      "broken",
    );
    const twice = skill(
      "steps:\n  - { id: one, type: workflow, workflow: broken }\n  - { id: two, type: workflow, workflow: broken }\n",
    );
    const shared = validateWorkflowSkill({
      content: twice,
      resolveWorkflow: memoryResolver({ broken }),
    });
    expect(shared.errors.map((e) => [e.code, e.source])).toEqual([
      ["DELAY_WITHOUT_EACH", "broken"],
    ]);
  });

  it("validateWorkflow and runWorkflow (parsed definitions) compose the same way", async () => {
    const definition = parseWorkflowFromMd(caller("page-digest"));
    expect(codes(validateWorkflow(definition).errors)).toEqual(["WORKFLOW_UNRESOLVED"]);
    const resolveWorkflow = memoryResolver({ "page-digest": DIGEST });
    expect(validateWorkflow(definition, undefined, { resolveWorkflow }).valid).toBe(true);
    const adapter = new MockToolAdapter().register("digest", () => ({ output: { text: "t" } }));
    const log = await runWorkflow({ workflow: definition, toolAdapter: adapter, resolveWorkflow });
    expect(log.status).toBe("success");
    expect(log.steps[0]!.runs![0]!.outputs).toEqual({ summary: "t" });
    const refused = await runWorkflow({ workflow: definition, toolAdapter: adapter });
    expect(codes(refused.error?.details ?? [])).toEqual(["WORKFLOW_UNRESOLVED"]);
  });
});
