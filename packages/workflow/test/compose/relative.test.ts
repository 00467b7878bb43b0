// §13.5/§13.9.12 relative references: the resolver gets `from` (the referring document's source) and
// resolves a relative path against its directory; `relativeWorkflowPath` is the pure join it can use.
import { beforeEach, describe, expect, it } from "vitest";
import {
  MockToolAdapter,
  relativeWorkflowPath,
  validateWorkflowSkill,
  type WorkflowResolver,
} from "../../src/index.js";
import { clearWorkflowCache } from "../../src/runtime/prepare.js";
import { runSkill, skill } from "./_helpers.js";

beforeEach(() => clearWorkflowCache());

describe("relative workflow references", () => {
  it("relativeWorkflowPath joins against the referring document's directory", () => {
    expect(relativeWorkflowPath("./sub/SKILL.md", "/skills/a/SKILL.md")).toBe(
      "/skills/a/sub/SKILL.md",
    );
    expect(relativeWorkflowPath("../b/SKILL.md", "/skills/a/SKILL.md")).toBe("/skills/b/SKILL.md");
    expect(relativeWorkflowPath("./x.md", "SKILL.md")).toBe("x.md");
    expect(relativeWorkflowPath("../x.md", "a/SKILL.md")).toBe("x.md");
    expect(relativeWorkflowPath("../../x.md", "a/SKILL.md")).toBe("../x.md");
    expect(relativeWorkflowPath("../../x.md", "/a/SKILL.md")).toBe("/x.md");
    // Not relative, or nothing to resolve against: the host decides (a skill name, an error).
    expect(relativeWorkflowPath("page-digest", "/skills/a/SKILL.md")).toBeUndefined();
    expect(relativeWorkflowPath("./x.md", undefined)).toBeUndefined();
  });

  it("resolves ./ and ../ references through `source` and a resolver, at every level", async () => {
    const files = new Map<string, string>([
      [
        "/skills/parent/sub/SKILL.md",
        skill(
          `
          outputs:
            text: { type: string, value: $steps.leaf.output.text }
          steps:
            - id: leaf
              type: workflow
              workflow: ../../../shared/leaf.md
              outputs:
                text: { type: string }
          `,
          "sub",
        ),
      ],
      [
        "/shared/leaf.md",
        skill(
          `
          outputs:
            text: { type: string, value: $steps.say.output.text }
          steps:
            - { id: say, type: tool, tool: say, outputs: { text: { type: string } } }
          `,
          "leaf",
        ),
      ],
    ]);
    const asked: (string | undefined)[][] = [];
    const resolveWorkflow: WorkflowResolver = (ref, { from }) => {
      asked.push([ref, from]);
      const path = relativeWorkflowPath(ref, from);
      const content = path === undefined ? undefined : files.get(path);
      return content === undefined || path === undefined ? undefined : { content, source: path };
    };
    const content = skill(
      `
      outputs:
        text: { type: string, value: $steps.call.output.text }
      steps:
        - id: call
          type: workflow
          workflow: ./sub/SKILL.md
          outputs:
            text: { type: string }
      `,
      "parent",
    );
    const source = "/skills/parent/SKILL.md";
    expect(validateWorkflowSkill({ content, source, resolveWorkflow }).errors).toEqual([]);
    expect(asked).toEqual([
      ["./sub/SKILL.md", "/skills/parent/SKILL.md"],
      ["../../../shared/leaf.md", "/skills/parent/sub/SKILL.md"],
    ]);
    const adapter = new MockToolAdapter().register("say", () => ({ output: { text: "hello" } }));
    const { log } = await runSkill(content, { toolAdapter: adapter, source, resolveWorkflow });
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({ text: "hello" });
    // Without `source`, the resolver cannot place the relative path: WORKFLOW_UNRESOLVED.
    const unplaced = validateWorkflowSkill({ content, resolveWorkflow });
    expect(unplaced.errors.map((e) => [e.code, e.path])).toEqual([
      ["WORKFLOW_UNRESOLVED", "steps[0].workflow"],
    ]);
  });
});
