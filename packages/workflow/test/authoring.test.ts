// AUTHORING_SKILL mirrors skill/SKILL.md, is a workflow-author skill, and every example in it validates.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { AUTHORING_SKILL, validateWorkflowSkill } from "../src/index.js";

const skillFile = readFileSync(new URL("../skill/SKILL.md", import.meta.url), "utf8");

/** Bodies of every block whose opening fence line is exactly three backticks plus `workflow`. */
function workflowBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```workflow[ \t]*\n([\s\S]*?)\n```/gm)].map((m) => m[1] ?? "");
}

describe("AUTHORING_SKILL", () => {
  it("equals skill/SKILL.md (regenerate with scripts/embed-authoring-skill.ts)", () => {
    expect(AUTHORING_SKILL).toBe(skillFile);
  });

  it("is a skill named workflow-author with a description", () => {
    const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(AUTHORING_SKILL)?.[1];
    expect(frontmatter).toBeDefined();
    const data = parse(frontmatter ?? "") as { name?: unknown; description?: unknown };
    expect(data.name).toBe("workflow-author");
    expect(data.description).toEqual(expect.any(String));
    expect(String(data.description).length).toBeGreaterThan(40);
  });

  it("contains at least the three worked examples", () => {
    expect(workflowBlocks(AUTHORING_SKILL).length).toBeGreaterThanOrEqual(4);
  });

  it("has only valid workflow examples", () => {
    const blocks = workflowBlocks(AUTHORING_SKILL);
    for (const [i, body] of blocks.entries()) {
      const result = validateWorkflowSkill({ content: "```workflow\n" + body + "\n```\n" });
      expect({ block: i, errors: result.errors, warnings: result.warnings ?? [] }).toEqual({
        block: i,
        errors: [],
        warnings: [],
      });
      expect(result.valid).toBe(true);
    }
  });

  it("validates as a whole document (its first workflow block)", () => {
    const result = validateWorkflowSkill({ content: AUTHORING_SKILL });
    expect(result.errors).toEqual([]);
    expect(result.name).toBe("workflow-author");
  });
});
